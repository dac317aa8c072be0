// snippets/dockerfile.json: well-formed snippet syntax, unique prefixes, bilingual descriptions, and bodies
// that — with every placeholder replaced by its default — are Dockerfiles our parser and engine accept.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { analyzeText } from '../../server/src/engine/analysis/analyze';

const REPO = path.resolve(__dirname, '..', '..');
const SNIPPETS_PATH = path.join(REPO, 'snippets', 'dockerfile.json');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const raw = fs.readFileSync(SNIPPETS_PATH, 'utf8');
const snippets = JSON.parse(raw) as Record<string, Snippet>;
const entries = Object.entries(snippets);
const bodyText = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

interface Expansion {
  text: string;
  /** Tab stop index → default text (empty for a bare tab stop). */
  stops: Map<number, string[]>;
}

/**
 * Expands VS Code snippet syntax, replacing each tab stop by its default. Strict: an unescaped `$` must start a
 * tab stop, placeholder or choice — snippet variables ($NAME, ${NAME}) are rejected, because in a Dockerfile
 * snippet they are almost always shell variables that were meant to be written `\$NAME`.
 */
function expand(body: string): Expansion {
  const stops = new Map<number, string[]>();
  let i = 0;
  const record = (n: number, value: string) => {
    const list = stops.get(n) ?? [];
    list.push(value);
    stops.set(n, list);
  };
  const parse = (inside: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && inside) {
        return out;
      } else if (c === '$') {
        const rest = body.slice(i);
        let m: RegExpMatchArray | null;
        if ((m = rest.match(/^\$(\d+)/))) {
          record(Number(m[1]), '');
          i += m[0].length;
        } else if ((m = rest.match(/^\$\{(\d+)\}/))) {
          record(Number(m[1]), '');
          i += m[0].length;
        } else if ((m = rest.match(/^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/))) {
          const choices = m[2].split(/(?<!\\),/).map((x) => x.replace(/\\(.)/g, '$1'));
          assert.ok(choices.length > 0 && choices.every((x) => x.length > 0), `empty choice in ${m[0]}`);
          record(Number(m[1]), choices[0]);
          out += choices[0];
          i += m[0].length;
        } else if ((m = rest.match(/^\$\{(\d+):/))) {
          i += m[0].length;
          const inner = parse(true);
          assert.equal(body[i], '}', `placeholder \${${m[1]}:… is not closed`);
          i++;
          record(Number(m[1]), inner);
          out += inner;
        } else {
          assert.fail(`unescaped "$" at offset ${i}: "${rest.slice(0, 20)}" (write \\\\$ for a literal dollar)`);
        }
      } else {
        out += c;
        i++;
      }
    }
    assert.ok(!inside, 'placeholder not closed at end of body');
    return out;
  };
  const text = parse(false);
  return { text, stops };
}

const KEYWORDS = new Set(
  'FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(' '),
);

/**
 * The expanded body as a whole Dockerfile. A snippet that does not start a stage itself is placed in a final
 * stage after a `build` stage (the stage name the COPY --from snippet defaults to).
 */
function asDockerfile(text: string): string {
  if (/^\s*FROM\s/im.test(text)) return text + '\n';
  return ['FROM alpine:3.20 AS build', 'RUN mkdir -p /out && touch /out/app', 'FROM alpine:3.20', text, ''].join('\n');
}

test('the file is valid JSON with at least the snippets the issue asks for', () => {
  assert.doesNotThrow(() => JSON.parse(raw));
  const prefixes = new Set(entries.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix])));
  for (const p of [
    'multistage', 'copy-chown', 'copy-from', 'cmd-exec', 'entrypoint-exec', 'entrypoint-cmd', 'nginx-foreground',
    'run-download', 'healthcheck', 'run-heredoc', 'dockerignore-layout',
  ]) {
    assert.ok(prefixes.has(p), `prefix ${p}`);
  }
});

test('prefixes are unique and bodies and descriptions are non-empty, in English and Chinese', () => {
  const seen = new Map<string, string>();
  for (const [name, s] of entries) {
    for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
      assert.match(p, /^[a-z][a-z0-9-]*$/, `${name}: prefix "${p}"`);
      assert.ok(!seen.has(p), `prefix "${p}" used by "${seen.get(p)}" and "${name}"`);
      seen.set(p, name);
    }
    assert.ok(bodyText(s).trim().length > 0, `${name}: empty body`);
    assert.ok(typeof s.description === 'string', `${name}: description`);
    const [en, zh] = s.description.split(' — ');
    assert.ok(en && /[A-Za-z]{3,}/.test(en), `${name}: English part of the description`);
    assert.ok(zh && /[\u4e00-\u9fff]/.test(zh), `${name}: Chinese part of the description`);
  }
});

test('placeholders are well-formed, numbered from 1 without gaps, and repeated ones agree on their default', () => {
  for (const [name, s] of entries) {
    const { stops } = expand(bodyText(s));
    const numbers = [...stops.keys()].filter((n) => n > 0).sort((a, b) => a - b);
    numbers.forEach((n, k) => assert.equal(n, k + 1, `${name}: tab stops ${numbers.join(',')}`));
    assert.ok((stops.get(0)?.length ?? 0) <= 1, `${name}: $0 used more than once`);
    for (const [n, defaults] of stops) {
      const given = defaults.filter((d) => d !== '');
      assert.ok(new Set(given).size <= 1, `${name}: \${${n}} has different defaults: ${given.join(' | ')}`);
    }
  }
});

test('the strict expander rejects what it should', () => {
  assert.throws(() => expand('RUN echo $HOME'));
  assert.throws(() => expand('RUN echo ${HOME}'));
  assert.throws(() => expand('COPY ${1:src'));
  assert.equal(expand('RUN echo \\$HOME ${1:a${2:b}c} ${3|x,y|}$0').text, 'RUN echo $HOME abc x');
});

test('every expanded body parses with dockerfile-ast into known instructions', () => {
  for (const [name, s] of entries) {
    const text = asDockerfile(expand(bodyText(s)).text);
    const dockerfile = DockerfileParser.parse(text);
    const instructions = dockerfile.getInstructions();
    assert.ok(instructions.length > 0, `${name}: no instructions`);
    for (const ins of instructions) {
      const kw = ins.getKeyword().toUpperCase();
      assert.ok(KEYWORDS.has(kw), `${name}: unknown instruction ${ins.getKeyword()}`);
      assert.ok(ins.getArguments().length > 0, `${name}: ${kw} without arguments`);
      const args = ins.getArgumentsContent() ?? '';
      if ((kw === 'CMD' || kw === 'ENTRYPOINT') && args.trim().startsWith('[')) {
        // Exec form must be a JSON array of strings, exactly as the builder reads it.
        const parsed = JSON.parse(args) as unknown;
        assert.ok(Array.isArray(parsed) && parsed.every((x) => typeof x === 'string'), `${name}: ${kw} ${args}`);
        const json = (ins as Instruction & { getJSONStrings(): unknown[] }).getJSONStrings();
        assert.equal(json.length, (parsed as string[]).length, `${name}: dockerfile-ast reads ${kw} as exec form`);
      }
      if ((kw === 'RUN' || kw === 'COPY') && /(^|\s)<</.test(args)) {
        const heredocs = (ins as Instruction & { getHeredocs(): unknown[] }).getHeredocs();
        assert.ok(heredocs.length > 0, `${name}: heredoc not recognised`);
      }
    }
    const lines = text.split('\n').length;
    const last = instructions[instructions.length - 1].getRange().end.line;
    assert.ok(last < lines, `${name}: instructions run past the end`);
  }
});

test('no expanded body gets an error or warning from our own engine', () => {
  for (const [name, s] of entries) {
    const text = asDockerfile(expand(bodyText(s)).text);
    const findings = analyzeText(text).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(
      findings.map((f) => `${f.code} (line ${f.range.start.line + 1}): ${f.message}`),
      [],
      `${name}:\n${text}`,
    );
  }
});
