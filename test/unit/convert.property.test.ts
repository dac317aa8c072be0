// Property test: the exec form produced by toExecForm runs exactly the argv that the shell form runs.
// Each generated command is executed twice — the original through a real `/bin/sh -c` (or bash, for the
// SHELL case) and the conversion directly with spawnSync — with the same environment and working
// directory; the argv printer's output and the exit status must be identical byte for byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { toExecForm } from '../../server/src/engine/model/convert';
import { joinContinuations } from '../../server/src/engine/model/shell/continuation';
import { findShells } from '../helpers/shells';

let root = '';
const SHELLS: string[][] = [['/bin/sh', '-c'], ['/bin/sh', '-e', '-c']];
let cwd = '';
let env: NodeJS.ProcessEnv = {};

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-argv-'));
  const bin = path.join(root, 'bin');
  cwd = path.join(root, 'cwd');
  fs.mkdirSync(bin);
  fs.mkdirSync(cwd);
  // Known files so that globs expand to something.
  for (const f of ['a.txt', 'b.txt', 'ab.txt', 'x y.txt', '[x]']) fs.writeFileSync(path.join(cwd, f), '');
  const printer = path.join(bin, 'printargv');
  fs.writeFileSync(printer, `#!/bin/sh\nprintf 'argc=%s\\n' "$#"\nprintf '%s\\0' "$@"\n`);
  fs.chmodSync(printer, 0o755);
  const found = findShells(bin);
  // dash, bash and BusyBox ash as the shell of the stage, whichever are installed (CI installs all three).
  for (const p of [found.dash, found.bash, found.ash]) if (p) SHELLS.push([p, '-c']);
  env = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: path.join(root, 'home'),
    VAR: 'v a l',
    EMPTY: '',
    LANG: 'C.UTF-8',
  };
});

after(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface Run { status: number | null; stdout: Buffer }

function run(args: string[]): Run {
  const r = spawnSync(args[0], args.slice(1), { cwd, env, input: '', maxBuffer: 1 << 20 });
  // A program that cannot be found or run: report it like a shell does (and like `docker run`, which
  // exits 127 / 126 in these cases), so that only a difference in argv can fail the comparison.
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  const status = code === 'ENOENT' ? 127 : code === 'EACCES' ? 126 : r.error ? -1 : r.status;
  return { status, stdout: r.stdout ?? Buffer.alloc(0) };
}

// ---- generators -------------------------------------------------------------------------------------

const plainChars = [...'abcxyz019-_./,:@%+=#', '你', '好', 'é', '🐳', '😀', '\u00a0'];
const anyChars = [...plainChars, ...` \t'"\\$\`*?[]~;&|<>(){}!^`, 'ü'];

const chars = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

const plainWord = chars(plainChars, 1, 6);
const singleQuoted = chars(anyChars.filter((c) => c !== "'"), 0, 8).map((s) => `'${s}'`);
const dqPiece = fc.oneof(
  chars(anyChars.filter((c) => !'"\\$`'.includes(c)), 1, 4),
  fc.constantFrom('\\$', '\\"', '\\\\', '\\`', '\\a', '\\n', '\\ ', "\\'"),
  fc.constantFrom('$VAR', '${EMPTY:-d}', '`printargv q`'),
);
const doubleQuoted = fc.array(dqPiece, { maxLength: 4 }).map((p) => `"${p.join('')}"`);
const escaped = fc.constantFrom(...anyChars).map((c) => `\\${c}`);
const shellSyntax = fc.constantFrom(
  '$VAR', '${VAR}', '${X:-y z}', '$EMPTY', '"$VAR"', '$(printargv sub)', '`printargv bt`', '*', '*.txt', '?.txt',
  '[ab].txt', '[x]', '~', '~/x', 'a=~/x', '| printargv piped', '&& printargv and', '; printargv semi',
  '|| printargv or', '> /dev/null', '2>&1', '# comment', '{a,b}', '!', '$((1+2))', '<&-', '\\\n',
);
const word = fc.oneof(
  { arbitrary: plainWord, weight: 4 },
  { arbitrary: singleQuoted, weight: 2 },
  { arbitrary: doubleQuoted, weight: 2 },
  { arbitrary: escaped, weight: 2 },
  // Adjacent pieces form one word mixing every quoting style.
  { arbitrary: fc.array(fc.oneof(plainWord, singleQuoted, doubleQuoted, escaped), { minLength: 2, maxLength: 3 }).map((a) => a.join('')), weight: 2 },
);
const token = fc.oneof({ arbitrary: word, weight: 6 }, { arbitrary: shellSyntax, weight: 1 });
const program = fc.oneof(
  { arbitrary: fc.constantFrom('printargv', "'printargv'", '"print"argv', 'print\\argv', 'exec printargv'), weight: 5 },
  { arbitrary: fc.constantFrom('A=1 printargv', 'echo', 'exec echo', 'exec -a x printargv', 'if', '! printargv',
    'exec', 'printf %s', 'printargv=1'), weight: 2 },
);

// Three families: plain words only (the conversion must find the words), plain words plus exactly one
// piece of shell syntax (so every construct is met on its own, not hidden behind another one the lexer
// refuses), and free mixes.
const tokens = fc.oneof(
  fc.array(word, { maxLength: 6 }),
  fc.tuple(fc.array(word, { maxLength: 4 }), shellSyntax, fc.nat()).map(([ws, syn, at]) => {
    const out = [...ws];
    out.splice(at % (ws.length + 1), 0, syn);
    return out;
  }),
  fc.array(token, { maxLength: 6 }),
);
const command = fc.tuple(program, tokens, fc.constantFrom(' ', '  ', '\t'))
  .map(([prog, toks, sep]) => ({ prog, toks, text: [prog, ...toks].join(sep) }));


test('exec-form conversion runs the same argv as /bin/sh -c', () => {
  let wordsCases = 0;
  let total = 0;
  fc.assert(
    fc.property(command, fc.nat(), fc.boolean(), ({ text }, k, words) => {
      const shell = SHELLS[k % SHELLS.length];
      // words=false: what a CMD under an image ENTRYPOINT gets (exec before the last command, or the text).
      const conv = toExecForm(text, { shell, words, exec: true });
      const expected = run([...shell, text]);
      const actual = run(conv.args);
      total++;
      if (!conv.viaShell) {
        wordsCases++;
        assert.equal(conv.args[0] === shell[0], false);
      }
      if (!words) assert.notEqual(conv.how, 'words');
      assert.equal(actual.status, expected.status, `exit status for ${JSON.stringify(text)} → ${JSON.stringify(conv.args)}`);
      assert.equal(actual.stdout.toString('hex'), expected.stdout.toString('hex'),
        `argv differs for ${JSON.stringify(text)} → ${JSON.stringify(conv.args)}\n` +
        `sh: ${JSON.stringify(expected.stdout.toString())}\nexec: ${JSON.stringify(actual.stdout.toString())}`);
    }),
    { seed: 20240601, numRuns: 800 },
  );
  // The test only proves something if many cases take the plain-words path.
  assert.ok(wordsCases >= total * 0.12, `only ${wordsCases}/${total} cases were converted to plain words`);
});

test('shell builtins are not replaced by the programs of the same name', () => {
  // dash's echo interprets backslash escapes and /bin/echo does not; other builtins differ in subtler ways.
  const builtinCommand = fc.tuple(fc.constantFrom('echo', 'echo -n', 'printf', 'test', 'pwd', 'kill -l', 'type'),
    fc.array(fc.oneof(word, fc.constantFrom("'a\\nb'", '"\\t"', "'\\c'", "x\\\\0101", '-e', '-n')),
      { minLength: 1, maxLength: 4 })).map(([prog, ws]) => [prog, ...ws].join(' '));
  fc.assert(
    fc.property(builtinCommand, (text) => {
      const expected = run(['/bin/sh', '-c', text]);
      const actual = run(toExecForm(text).args);
      assert.equal(actual.stdout.toString('hex'), expected.stdout.toString('hex'), `for ${JSON.stringify(text)}`);
      for (const shell of SHELLS.slice(2)) {
        const other = run([...shell, text]);
        const converted = run(toExecForm(text, { shell }).args);
        assert.equal(converted.stdout.toString('hex'), other.stdout.toString('hex'), `for ${JSON.stringify(text)} in ${shell[0]}`);
      }
      assert.equal(actual.status, expected.status, `exit status for ${JSON.stringify(text)}`);
    }),
    { seed: 11, numRuns: 150 },
  );
});

// Continuation lines: split a command at token boundaries (or inside plain words) with the escape
// character, indent the next line, and sprinkle comment and empty lines, as a Dockerfile author would.
const pieceSep = fc.record({
  cont: fc.boolean(),
  indent: fc.constantFrom('', ' ', '    ', '\t'),
  trailing: fc.constantFrom('', ' ', '\t '),
  junk: fc.array(fc.constantFrom('# note', '    # indented note', '', '   ', '#'), { maxLength: 2 }),
});

test('continuation lines joined like BuildKit run the same argv as the one-line command', () => {
  fc.assert(
    fc.property(command, fc.array(pieceSep, { minLength: 8, maxLength: 8 }), fc.constantFrom('\\', '`'),
      ({ prog, toks }, seps, esc) => {
        const parts = [prog, ...toks];
        // Never split where BuildKit would read something else: before a `#` (the line would be a
        // comment), after an escape character (it would not continue), or on a `\<newline>` token.
        let raw = ' ' + parts[0];
        const oneLine = parts.join(' ');
        for (let i = 1; i < parts.length; i++) {
          const s = seps[(i - 1) % seps.length];
          const prev = raw[raw.length - 1];
          const ok = s.cont && !parts[i].trimStart().startsWith('#') && prev !== esc;
          raw += ok
            ? ` ${esc}${s.trailing}\n${s.junk.map((j) => j + '\n').join('')}${s.indent}${parts[i]}`
            : ` ${parts[i]}`;
        }
        // Not comparable: a newline token, a backtick when it is the escape character, or a command
        // ending with the escape character (BuildKit would read a continuation there too).
        if (oneLine.includes('\n') || (esc === '`' && oneLine.includes('`'))) return;
        // BuildKit trims Go whitespace (which includes U+00A0 and U+0085, not U+FEFF) around the text.
        const trimmed = oneLine.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
        if (/[\\`][ \t]*$/.test(trimmed)) return;
        const joined = joinContinuations(raw, esc as '\\' | '`');
        const expected = run(['/bin/sh', '-c', trimmed]);
        assert.equal(run(['/bin/sh', '-c', joined]).stdout.toString('hex'), expected.stdout.toString('hex'),
          `joined ${JSON.stringify(raw)} as ${JSON.stringify(joined)}`);
        const conv = toExecForm(joined);
        assert.equal(run(conv.args).stdout.toString('hex'), expected.stdout.toString('hex'),
          `converted ${JSON.stringify(joined)} to ${JSON.stringify(conv.args)}`);
      }),
    { seed: 7, numRuns: 150 },
  );
});

test('mid-word continuations are glued without a space', () => {
  assert.equal(joinContinuations(' print\\\nargv a\\\n  b'), 'printargv a  b');
  const r = run(toExecForm(joinContinuations(' print\\\nargv "x\\\ny"')).args);
  assert.equal(r.stdout.toString(), 'argc=1\nxy\0');
});
