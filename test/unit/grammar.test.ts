// The TextMate grammar (syntaxes/dockerfile.tmLanguage.json), tokenized with the same engine VS Code uses.
// Fixtures live in test/fixtures/grammar/; line numbers below are 1-based, as an editor shows them.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { DockerfileParser } from 'dockerfile-ast';
import { CORPUS_DIR, absent } from '../helpers/shared';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'grammar');
const GRAMMAR_PATH = path.join(REPO, 'syntaxes', 'dockerfile.tmLanguage.json');
const CORPUS = CORPUS_DIR;

interface Tok {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}
type Tokenized = { lines: string[]; tokens: Tok[][] };

let onigReady: Promise<void> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  if (!onigReady) {
    const wasm = fs.readFileSync(path.join(REPO, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  return onigReady.then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
}

/** A grammar registry; `shell` optionally provides a stand-in `source.shell` grammar for the heredoc embed. */
async function loadGrammar(shell?: object): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.dockerfile') return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      if (scopeName === 'source.shell' && shell) return shell as vsctm.IRawGrammar;
      return null;
    },
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  assert.ok(grammar, 'grammar loads');
  return grammar;
}

function tokenize(grammar: vsctm.IGrammar, text: string): Tokenized {
  const lines = text.split(/\r?\n/);
  let stack = vsctm.INITIAL;
  const tokens: Tok[][] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    assert.equal(r.stoppedEarly, false);
    stack = r.ruleStack;
    tokens.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })));
  }
  return { lines, tokens };
}

const hasScope = (scopes: string[], scope: string) => scopes.some((s) => s === scope || s.startsWith(scope + '.'));

/** Every token covering the `nth` occurrence of `text` on 1-based `line`. */
function tokensOf(doc: Tokenized, line: number, text: string, nth = 0): Tok[] {
  const content = doc.lines[line - 1];
  assert.ok(content !== undefined, `line ${line} exists`);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = content.indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" (#${nth}) on line ${line}: ${content}`);
  }
  return doc.tokens[line - 1].filter((t) => t.end > at && t.start < at + text.length);
}

function expectScope(doc: Tokenized, line: number, text: string, scope: string, nth = 0): void {
  for (const t of tokensOf(doc, line, text, nth)) {
    assert.ok(hasScope(t.scopes, scope), `line ${line} "${t.text}" (in "${text}") should have ${scope}; has ${t.scopes.join(' ')}`);
  }
}

function expectNoScope(doc: Tokenized, line: number, text: string, scope: string, nth = 0): void {
  for (const t of tokensOf(doc, line, text, nth)) {
    assert.ok(!hasScope(t.scopes, scope), `line ${line} "${t.text}" (in "${text}") should not have ${scope}; has ${t.scopes.join(' ')}`);
  }
}

let grammar: vsctm.IGrammar;
const fixture = (name: string) => tokenize(grammar, fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

before(async () => {
  grammar = await loadGrammar();
});

describe('parser directives', () => {
  test('directives at the top are distinct from comments; later ones are comments', () => {
    const doc = fixture('directives.Dockerfile');
    expectScope(doc, 1, 'syntax', 'keyword.other.directive');
    expectScope(doc, 1, 'docker/dockerfile:1.7', 'string.unquoted.directive-value');
    expectScope(doc, 1, '#', 'meta.directive');
    expectNoScope(doc, 1, '#', 'comment');
    expectScope(doc, 2, 'CHECK', 'keyword.other.directive');
    expectScope(doc, 2, 'skip', 'support.type.property-name');
    expectScope(doc, 2, ';', 'punctuation.separator');
    expectScope(doc, 3, 'escape', 'keyword.other.directive');
    expectScope(doc, 3, '\\', 'constant.character.escape');
    // A comment ends the directive block: the same text is now a comment.
    expectScope(doc, 4, 'not a directive', 'comment.line.number-sign');
    expectScope(doc, 5, 'syntax=too/late', 'comment.line.number-sign');
    expectNoScope(doc, 5, 'syntax', 'keyword.other.directive');
    expectScope(doc, 7, 'check=skip=all', 'comment.line.number-sign');
  });

  test('directives after an instruction or a blank line are comments and do not switch the escape', () => {
    const late = fixture('not-first.Dockerfile');
    expectScope(late, 2, 'syntax', 'comment.line.number-sign');
    expectScope(late, 3, 'escape=`', 'comment.line.number-sign');
    expectNoScope(late, 4, '`', 'constant.character.escape.line-continuation');
    expectScope(late, 5, 'COPY', 'keyword.other.instruction');
    const blank = fixture('blank-before.Dockerfile');
    expectScope(blank, 2, 'escape=`', 'comment.line.number-sign');
    expectScope(blank, 3, '\\', 'constant.character.escape.line-continuation');
    expectScope(blank, 4, 'two', 'meta.instruction.run');
  });
});

describe('escape=` files', () => {
  test('backtick continues lines, a trailing backslash does not, later directive-like lines are comments', () => {
    const doc = fixture('backtick.Dockerfile');
    expectScope(doc, 1, '`', 'constant.character.escape');
    expectScope(doc, 2, 'syntax', 'keyword.other.directive');
    expectScope(doc, 3, 'base', 'entity.name.type.stage');
    // `C:\app\` ends with a backslash, which is plain text here: the next line is a new instruction.
    expectNoScope(doc, 4, '\\', 'constant.character.escape.line-continuation', 1);
    expectScope(doc, 5, '`', 'constant.character.escape.line-continuation');
    expectScope(doc, 6, 'a comment inside the continuation', 'comment.line.number-sign');
    expectScope(doc, 6, 'a comment', 'meta.instruction.run');
    expectScope(doc, 7, '`$', 'constant.character.escape');
    expectScope(doc, 7, '`', 'constant.character.escape.line-continuation', 1);
    expectScope(doc, 8, 'Write-Host done', 'meta.instruction.run');
    expectScope(doc, 9, 'WORKDIR', 'keyword.other.instruction');
    expectScope(doc, 10, 'syntax=ignored-here', 'comment.line.number-sign');
    expectNoScope(doc, 10, 'syntax', 'keyword.other.directive');
    expectScope(doc, 12, '$HOME', 'variable.other');
    expectScope(doc, 12, '$HOME', 'meta.instruction.run');
    expectScope(doc, 13, '\\\\', 'constant.character.escape');
    expectScope(doc, 13, 'CMD', 'keyword.other.instruction');
  });
});

describe('instructions', () => {
  test('keywords are case-insensitive, also after ONBUILD and when indented', () => {
    const doc = fixture('instructions.Dockerfile');
    for (const [line, kw] of [
      [1, 'ARG'], [2, 'FROM'], [3, 'from'], [5, 'ENV'], [7, 'LABEL'], [8, 'EXPOSE'], [9, 'STOPSIGNAL'], [10, 'USER'],
      [11, 'WORKDIR'], [12, 'VOLUME'], [13, 'HEALTHCHECK'], [15, 'COPY'], [16, 'run'], [17, 'run'], [18, 'MAINTAINER'], [19, 'SHELL'],
    ] as const) {
      expectScope(doc, line, kw, 'keyword.other.instruction');
    }
    expectScope(doc, 15, 'ONBUILD', 'keyword.other.instruction.onbuild');
    expectScope(doc, 16, 'onbuild', 'keyword.other.instruction.onbuild');
    expectScope(doc, 15, 'chown', 'entity.other.attribute-name.flag');
  });

  test('FROM: platform flag, image, tag, digest, AS and the stage name', () => {
    const doc = fixture('instructions.Dockerfile');
    expectScope(doc, 2, 'platform', 'entity.other.attribute-name.flag');
    expectScope(doc, 2, '$BUILDPLATFORM', 'variable.other');
    expectScope(doc, 2, 'golang', 'support.type.image');
    expectScope(doc, 2, '1.22-alpine', 'constant.other.tag');
    expectScope(doc, 2, '@', 'punctuation.separator.digest');
    expectScope(doc, 2, 'sha256:0123abcd', 'constant.other.digest');
    expectScope(doc, 2, 'AS', 'keyword.other.as');
    expectScope(doc, 2, 'build', 'entity.name.type.stage');
    // A registry port is part of the image name; the tag can be a variable with a default.
    expectScope(doc, 3, 'localhost:5000/team/img', 'support.type.image');
    expectScope(doc, 3, 'TAG', 'variable.other');
    expectScope(doc, 3, ':-', 'keyword.operator.expansion');
    expectScope(doc, 3, 'as', 'keyword.other.as');
    expectScope(doc, 3, 'second', 'entity.name.type.stage');
    expectScope(doc, 4, 'BASE', 'variable.other');
  });

  test('ENV, ARG and LABEL keys, values and the legacy space form', () => {
    const doc = fixture('instructions.Dockerfile');
    expectScope(doc, 1, 'BASE', 'variable.parameter.arg');
    expectScope(doc, 1, '=', 'keyword.operator.assignment');
    expectScope(doc, 5, 'PATH', 'variable.other.env');
    expectScope(doc, 5, '$PATH', 'variable.other');
    expectNoScope(doc, 5, '$PATH', 'variable.other.env');
    expectScope(doc, 5, 'GREETING', 'variable.other.env');
    expectScope(doc, 5, '"hello world"', 'string.quoted.double');
    expectScope(doc, 6, 'LEGACY', 'variable.other.env');
    expectScope(doc, 6, 'some', 'string.unquoted.value');
    expectScope(doc, 6, 'value', 'string.unquoted.value');
    expectScope(doc, 7, 'org.opencontainers.image.title', 'entity.other.attribute-name.label');
    expectScope(doc, 7, '"quoted.key"', 'entity.other.attribute-name.label');
  });

  test('EXPOSE, STOPSIGNAL, HEALTHCHECK', () => {
    const doc = fixture('instructions.Dockerfile');
    expectScope(doc, 8, '443', 'constant.numeric.port');
    expectScope(doc, 8, 'tcp', 'constant.language.protocol');
    expectScope(doc, 8, '8010', 'constant.numeric.port');
    expectScope(doc, 9, 'SIGTERM', 'constant.language.signal');
    expectScope(doc, 13, 'interval', 'entity.other.attribute-name.flag');
    expectScope(doc, 13, 'CMD', 'keyword.other.instruction');
    expectScope(doc, 13, '||', 'keyword.operator.logical');
    expectScope(doc, 14, 'NONE', 'constant.language.none');
  });
});

describe('flags', () => {
  test('flags and their values, across continuation lines, only before the arguments', () => {
    const doc = fixture('flags.Dockerfile');
    expectScope(doc, 2, '--', 'punctuation.definition.flag');
    expectScope(doc, 2, 'mount', 'entity.other.attribute-name.flag');
    expectScope(doc, 2, 'type', 'support.type.property-name');
    expectScope(doc, 2, 'cache', 'string.unquoted.flag-value');
    expectScope(doc, 2, ',', 'punctuation.separator.comma');
    expectScope(doc, 2, 'sharing', 'support.type.property-name');
    expectScope(doc, 3, 'network', 'entity.other.attribute-name.flag');
    // `--verbose` is an argument of `go`, not a Dockerfile flag.
    expectNoScope(doc, 4, '--verbose', 'meta.flag');
    expectScope(doc, 5, 'build', 'entity.name.type.stage');
    expectScope(doc, 5, 'chmod', 'entity.other.attribute-name.flag');
    expectScope(doc, 5, '0755', 'string.unquoted.flag-value');
    expectScope(doc, 5, 'link', 'entity.other.attribute-name.flag');
    expectNoScope(doc, 5, '/out/app', 'meta.flag');
    expectScope(doc, 6, 'checksum', 'entity.other.attribute-name.flag');
    expectScope(doc, 7, 'false', 'constant.language.boolean');
    expectScope(doc, 7, '*.md', 'string.unquoted.flag-value');
  });
});

describe('exec form', () => {
  test('JSON arrays: strings, escapes, separators; invalid forms are marked', () => {
    const doc = fixture('exec-form.Dockerfile');
    expectScope(doc, 2, '[', 'punctuation.definition.array.begin');
    expectScope(doc, 2, '"nginx"', 'string.quoted.double');
    expectScope(doc, 2, ',', 'punctuation.separator.array');
    expectScope(doc, 2, 'daemon off;', 'meta.exec-form');
    expectNoScope(doc, 2, ';', 'punctuation.terminator');
    expectScope(doc, 2, ']', 'punctuation.definition.array.end');
    expectScope(doc, 3, '\\"', 'constant.character.escape');
    expectScope(doc, 3, '\\u00e9', 'constant.character.escape');
    expectScope(doc, 3, '\\q', 'invalid.illegal');
    // Exec form runs no shell: `$HOME` stays literal and is not coloured as a variable.
    expectNoScope(doc, 3, '$HOME', 'variable');
    expectScope(doc, 4, "'single'", 'invalid.illegal');
    expectScope(doc, 5, '[node, app.js]', 'invalid.illegal');
    // `[ -f … ]` is the shell's test command, not a JSON array.
    expectNoScope(doc, 6, '[', 'meta.exec-form');
    expectNoScope(doc, 6, '-f', 'invalid');
    expectScope(doc, 7, '\\', 'constant.character.escape.line-continuation');
    expectScope(doc, 8, '"curl"', 'string.quoted.double');
    expectScope(doc, 8, ']', 'punctuation.definition.array.end');
    // COPY in JSON form does expand variables.
    expectScope(doc, 9, '$SRC', 'variable.other');
    expectScope(doc, 10, '[]', 'meta.exec-form');
    // An unterminated array is not exec form, and it does not swallow the next instruction.
    expectNoScope(doc, 11, '[', 'meta.exec-form');
    expectScope(doc, 12, 'COPY', 'keyword.other.instruction');
  });
});

describe('shell form', () => {
  test('variables, quotes, operators, continuations and comments inside them', () => {
    const doc = fixture('shell-form.Dockerfile');
    expectScope(doc, 2, '\\', 'constant.character.escape.line-continuation');
    expectScope(doc, 3, '&&', 'keyword.operator.logical');
    expectScope(doc, 3, 'apt-get', 'meta.instruction.run');
    expectScope(doc, 4, 'comments inside', 'comment.line.number-sign');
    expectScope(doc, 4, 'comments inside', 'meta.instruction.run');
    // An empty line inside a continuation does not end the instruction (BuildKit skips it).
    expectScope(doc, 6, 'rm -rf', 'meta.instruction.run');
    expectScope(doc, 7, '$HOME', 'variable.other');
    expectScope(doc, 7, '${', 'punctuation.definition.variable.begin');
    expectScope(doc, 7, 'USER', 'variable.other');
    expectScope(doc, 7, ':-', 'keyword.operator.expansion');
    expectScope(doc, 7, 'nobody', 'string.unquoted.default');
    expectScope(doc, 7, '\\$', 'constant.character.escape');
    expectNoScope(doc, 7, 'NOT_A_VAR', 'variable');
    expectScope(doc, 7, "'no $expansion here'", 'string.quoted.single');
    expectNoScope(doc, 7, '$expansion', 'variable');
    expectScope(doc, 7, '|', 'keyword.operator.pipe');
    expectScope(doc, 7, ';', 'punctuation.terminator.statement');
    expectScope(doc, 7, '$?', 'variable.language.special');
    expectScope(doc, 7, '>', 'keyword.operator.redirect');
    expectScope(doc, 9, 'on the next line', 'string.quoted.double');
    expectScope(doc, 9, '&&', 'keyword.operator.logical');
    expectScope(doc, 14, '$(', 'punctuation.definition.subshell.begin');
    expectScope(doc, 14, 'uname', 'meta.subshell');
  });

  test('unterminated quotes and braces end with the instruction', () => {
    const doc = fixture('shell-form.Dockerfile');
    expectScope(doc, 10, 'unterminated', 'string.quoted.double');
    expectScope(doc, 11, 'COPY', 'keyword.other.instruction');
    expectNoScope(doc, 11, 'COPY', 'string');
    expectScope(doc, 13, 'ENV', 'keyword.other.instruction');
    expectNoScope(doc, 13, 'ENV', 'meta.interpolation');
  });

  test('an escaped backslash at the end of a line is not a continuation', () => {
    const doc = fixture('shell-form.Dockerfile');
    expectNoScope(doc, 15, '\\\\', 'constant.character.escape.line-continuation');
    expectScope(doc, 16, 'ENV', 'keyword.other.instruction');
  });
});

describe('heredocs', () => {
  test('markers, bodies and terminators', () => {
    const doc = fixture('heredoc.Dockerfile');
    expectScope(doc, 3, '<<', 'keyword.operator.heredoc');
    expectScope(doc, 3, 'EOF', 'keyword.control.heredoc-token');
    expectScope(doc, 4, 'set -e', 'meta.heredoc.body');
    // The body is not Dockerfile: `if` is not an instruction, `fi` does not end it.
    expectNoScope(doc, 5, 'if', 'keyword.other.instruction');
    expectScope(doc, 7, 'fi', 'meta.heredoc.body');
    expectScope(doc, 8, 'EOF', 'keyword.control.heredoc-token');
    // <<-"CONF": quoted, dash form; the tab-indented terminator ends it; the rest of the first line is COPY's.
    expectScope(doc, 9, '<<-', 'keyword.operator.heredoc');
    expectScope(doc, 9, 'CONF', 'keyword.control.heredoc-token');
    expectScope(doc, 9, '"', 'punctuation.definition.string.begin');
    expectNoScope(doc, 9, '/etc/app.conf', 'meta.heredoc.body');
    expectScope(doc, 10, 'key = $NOT_EXPANDED', 'string.unquoted.heredoc');
    expectScope(doc, 11, 'CONF', 'keyword.control.heredoc-token');
    expectScope(doc, 22, "'", 'punctuation.definition.string.begin');
    expectScope(doc, 22, 'PY', 'keyword.control.heredoc-token');
    expectScope(doc, 23, 'print', 'meta.heredoc.body');
    expectScope(doc, 24, 'PY', 'keyword.control.heredoc-token');
    expectScope(doc, 26, 'EOF', 'keyword.control.heredoc-token');
  });

  test('only <<- lets a tab-indented line end the heredoc', () => {
    const doc = fixture('heredoc.Dockerfile');
    expectScope(doc, 30, 'EOF', 'meta.heredoc.body');
    expectNoScope(doc, 30, 'EOF', 'keyword.control.heredoc-token');
    expectScope(doc, 31, 'EOF', 'keyword.control.heredoc-token');
    expectScope(doc, 33, 'TABS', 'keyword.control.heredoc-token');
    expectScope(doc, 34, 'CMD', 'keyword.other.instruction');
    expectNoScope(doc, 34, 'CMD', 'meta.heredoc');
  });

  test('several heredocs on one line: bodies in order, each terminator recognised', () => {
    const doc = fixture('heredoc.Dockerfile');
    expectScope(doc, 12, 'FILE1', 'keyword.control.heredoc-token');
    expectScope(doc, 12, 'FILE2', 'keyword.control.heredoc-token');
    expectScope(doc, 12, '&&', 'keyword.operator.logical');
    expectScope(doc, 13, 'first body', 'meta.heredoc.body');
    expectScope(doc, 14, 'FILE1', 'keyword.control.heredoc-token');
    expectScope(doc, 15, 'second body', 'meta.heredoc.body');
    expectScope(doc, 16, 'FILE2', 'keyword.control.heredoc-token');
    expectScope(doc, 17, 'A', 'keyword.control.heredoc-token');
    expectScope(doc, 17, 'B', 'keyword.control.heredoc-token');
    expectScope(doc, 18, 'a body', 'meta.heredoc.body');
    expectScope(doc, 19, 'A', 'keyword.control.heredoc-token');
    expectScope(doc, 20, 'b body', 'meta.heredoc.body');
    expectScope(doc, 21, 'B', 'keyword.control.heredoc-token');
  });

  test('<< that is not a heredoc word (arithmetic, quoted, here-string) opens nothing', () => {
    const doc = fixture('heredoc.Dockerfile');
    expectNoScope(doc, 27, '<<', 'keyword.operator.heredoc');
    expectNoScope(doc, 27, '<<NOT', 'keyword.operator.heredoc');
    expectNoScope(doc, 27, '<<<', 'keyword.operator.heredoc');
    expectScope(doc, 28, 'CMD', 'keyword.other.instruction');
    expectNoScope(doc, 28, 'CMD', 'meta.heredoc');
  });

  test('RUN heredoc bodies embed source.shell when it is available, and are strings when not', async () => {
    const plain = fixture('heredoc.Dockerfile');
    expectScope(plain, 5, 'if', 'string.unquoted.heredoc');
    const stubShell = {
      scopeName: 'source.shell',
      patterns: [{ match: '\\b(?:if|then|fi)\\b', name: 'keyword.control.stub.shell' }],
    };
    const withShell = tokenize(await loadGrammar(stubShell), fs.readFileSync(path.join(FIXTURES, 'heredoc.Dockerfile'), 'utf8'));
    expectScope(withShell, 5, 'if', 'keyword.control.stub.shell');
    expectScope(withShell, 5, 'if', 'meta.embedded.block.shell');
    expectNoScope(withShell, 5, 'if', 'string');
    expectScope(withShell, 7, 'fi', 'keyword.control.stub.shell');
    expectScope(withShell, 8, 'EOF', 'keyword.control.heredoc-token');
    // COPY bodies are file content, never shell.
    expectScope(withShell, 10, 'key', 'string.unquoted.heredoc');
    expectNoScope(withShell, 10, 'key', 'meta.embedded');
  });
});

describe('corpus', () => {
  const dir = path.join(CORPUS, 'dockerfiles');

  test('every instruction of every corpus Dockerfile starts with a keyword scope', { skip: absent(dir) }, () => {
    const files = fs.readdirSync(dir).sort();
    assert.ok(files.length > 0);
    let checked = 0;
    const misses: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const doc = tokenize(grammar, text);
      assert.equal(doc.tokens.length, text.split(/\r?\n/).length);
      const instructions = DockerfileParser.parse(text).getInstructions();
      for (const ins of instructions) {
        if (!KEYWORDS.has(ins.getKeyword().toUpperCase())) continue;
        const at = ins.getInstructionRange().start;
        const tok = doc.tokens[at.line].find((t) => t.start <= at.character && t.end > at.character);
        checked++;
        if (!tok || !hasScope(tok.scopes, 'keyword.other.instruction')) misses.push(`${file}:${at.line + 1}: ${doc.lines[at.line].slice(0, 60)}`);
      }
      // No runaway region: the last instruction of the file is still coloured as one.
      const last = instructions[instructions.length - 1];
      if (last && KEYWORDS.has(last.getKeyword().toUpperCase())) {
        const at = last.getInstructionRange().start;
        assert.ok(
          doc.tokens[at.line].some((t) => hasScope(t.scopes, 'keyword.other.instruction')),
          `${file}: last instruction on line ${at.line + 1} has no keyword scope`,
        );
      }
    }
    assert.ok(checked > 1000, `checked ${checked} instructions`);
    assert.deepEqual(misses.slice(0, 20), []);
  });

  test('the stress files tokenize completely', { skip: fs.existsSync(path.join(CORPUS, 'stress')) ? false : 'stress files not found' }, () => {
    for (const file of ['stress_10k.Dockerfile', 'stress_100k.Dockerfile']) {
      const full = path.join(CORPUS, 'stress', file);
      if (!fs.existsSync(full)) continue;
      const text = fs.readFileSync(full, 'utf8');
      const doc = tokenize(grammar, text);
      const lastFrom = doc.lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0).pop();
      assert.ok(lastFrom !== undefined, `${file} has a FROM`);
      assert.ok(hasScope(doc.tokens[lastFrom][0].scopes, 'keyword.other.instruction'), `${file}: last FROM (line ${lastFrom + 1}) is a keyword`);
    }
  });
});

const KEYWORDS = new Set(
  'FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(' '),
);

describe('language configuration', () => {
  const config = JSON.parse(fs.readFileSync(path.join(REPO, 'language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string };
    brackets: string[][];
    autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
    folding: { markers: { start: string; end: string } };
    onEnterRules: Array<{ beforeText: string; previousLineText?: string; action: { indent: string } }>;
  };

  test('package.json points at the grammar, snippets and this configuration', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const grammarEntry = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'dockerfile');
    assert.equal(grammarEntry.scopeName, JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')).scopeName);
    for (const p of [grammarEntry.path, pkg.contributes.snippets[0].path, pkg.contributes.languages[0].configuration]) {
      assert.ok(fs.existsSync(path.join(REPO, p)), p);
    }
  });

  test('comments, brackets and quotes', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets.map((b) => b.join('')).sort(), ['()', '[]', '{}']);
    const quote = config.autoClosingPairs.find((p) => p.open === '"');
    assert.ok(quote && quote.notIn?.includes('string'));
  });

  test('Enter after a trailing backslash indents once, keeps the indent, then goes back out', () => {
    /** The action of the first rule that matches, as VS Code picks it. */
    const action = (before: string, previous: string) =>
      config.onEnterRules.find(
        (r) => new RegExp(r.beforeText).test(before) && (!r.previousLineText || new RegExp(r.previousLineText).test(previous)),
      )?.action.indent;
    assert.equal(action('RUN apt-get update \\', 'FROM debian'), 'indent');
    assert.equal(action('    && apt-get install -y curl \\', 'RUN apt-get update \\'), 'none');
    assert.equal(action('    && rm -rf /var/lib/apt/lists/*', '    && apt-get install -y curl \\'), 'outdent');
    assert.equal(action('COPY a b', 'FROM debian'), undefined);
    assert.equal(action('ENV C trailing\\\\', 'FROM debian'), undefined, 'an escaped backslash is not a continuation');
    assert.equal(action('# a comment ending in \\', 'FROM debian'), undefined);
  });

  test('region comments fold', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.ok(start.test('# region build stage') && start.test('#region'));
    assert.ok(end.test('# endregion') && !start.test('# endregion'));
    assert.ok(!start.test('FROM alpine'));
  });
});
