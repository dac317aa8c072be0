import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexWords, lexCommand } from '../../server/src/engine/model/shell/lexer';
import { joinContinuations } from '../../server/src/engine/model/shell/continuation';

function words(text: string): string[] {
  const r = lexCommand(text);
  assert.equal(r.kind, 'words', `expected plain words for ${JSON.stringify(text)}: ${JSON.stringify(r)}`);
  return r.kind === 'words' ? r.words : [];
}

function needsShell(text: string): void {
  const r = lexCommand(text);
  assert.equal(r.kind, 'shell', `expected "needs shell" for ${JSON.stringify(text)}, got ${JSON.stringify(r)}`);
}

test('plain words split on blanks', () => {
  assert.deepEqual(words('nginx -g daemon'), ['nginx', '-g', 'daemon']);
  assert.deepEqual(words('  a \t b  '), ['a', 'b']);
});

test('quote removal: single, double, backslash', () => {
  assert.deepEqual(words(`nginx -g "daemon off;"`), ['nginx', '-g', 'daemon off;']);
  assert.deepEqual(words(`p 'a "b" $c \\d'`), ['p', 'a "b" $c \\d']);
  assert.deepEqual(words(`p a\\ b \\$x \\; \\'q`), ['p', 'a b', '$x', ';', "'q"]);
  assert.deepEqual(words(`p a"b c"d'e f'`), ['p', 'ab cde f']);
  assert.deepEqual(words(`p '' ""`), ['p', '', '']);
});

test('backslash inside double quotes follows POSIX', () => {
  assert.deepEqual(words(`p "\\$ \\\` \\" \\\\ \\n \\a"`), ['p', '$ ` " \\ \\n \\a']);
});

test('unicode and emoji are ordinary characters', () => {
  assert.deepEqual(words('p 你好 "🐳 x" \\😀'), ['p', '你好', '🐳 x', '😀']);
  // Non-ASCII spaces are not word separators for the shell.
  assert.deepEqual(words('p a\u00a0b'), ['p', 'a\u00a0b']);
});

test('a # inside a word is literal, at the start of a word it is a comment', () => {
  assert.deepEqual(words('p a#b'), ['p', 'a#b']);
  assert.deepEqual(words(`p ''#b`), ['p', '#b']);
  needsShell('p #b');
});

test('expansions, globs, operators need a shell', () => {
  for (const t of [
    'echo $HOME', 'p ${X:-y}', 'p $(date)', 'p `date`', 'p "$HOME"', 'p "`x`"', 'p *.txt', 'p a?', 'p [ab]',
    'p ~', 'p ~/x', 'p a; q', 'p a && q', 'p a || q', 'p a | q', 'p > out', 'p < in', 'p &', '(p)',
    'p {a,b}', 'p a\nq', 'p x=~/y',
  ]) needsShell(t);
});

test('assignments, reserved words and builtins as first word need a shell', () => {
  for (const t of ['A=b p', '"A=b" p', 'if true', '! p', '{ p; }', 'for x', 'echo hi', 'cd /x', 'exec p',
    'true', '[ -f x ]', 'time p', 'export A', '. ./x', "'' p"]) needsShell(t);
  // `=` later on is an ordinary argument.
  assert.deepEqual(words('p --opt=a'), ['p', '--opt=a']);
});

test('unterminated quotes and a trailing backslash need a shell', () => {
  for (const t of [`p 'a`, `p "a`, 'p a\\', 'p "a\\']) needsShell(t);
});

test('empty command needs a shell', () => {
  needsShell('');
  needsShell('   ');
});

test('lexWords alone does not judge the first word', () => {
  assert.deepEqual(lexWords('exec p'), { kind: 'words', words: ['exec', 'p'] });
});

test('joinContinuations: BuildKit keeps the character before the marker and glues lines', () => {
  assert.equal(joinContinuations('echo a \\\n  b'), 'echo a   b');
  assert.equal(joinContinuations('ec\\\nho'), 'echo');
  assert.equal(joinContinuations('a \\  \t\nb'), 'a b');
});

test('joinContinuations drops comment lines and empty lines inside a continuation', () => {
  assert.equal(joinContinuations('a \\\n# c\n   # indented\n\n  \t\nb'), 'a b');
});

test('joinContinuations: an escaped escape character does not continue', () => {
  assert.equal(joinContinuations('a \\\\\nb'), 'a \\\\');
  // The regular expression's known gap: `\\\` at the end does not continue either.
  assert.equal(joinContinuations('a \\\\\\\nb'), 'a \\\\\\');
});

test('joinContinuations with the backtick escape directive', () => {
  assert.equal(joinContinuations('dir c:\\ `\n  d:\\', '`'), 'dir c:\\   d:\\');
  assert.equal(joinContinuations('a \\\nb', '`'), 'a \\');
});

test('joinContinuations: CRLF, trailing marker at EOF, Go whitespace trimming', () => {
  assert.equal(joinContinuations('a \\\r\nb\r\n'), 'a b');
  assert.equal(joinContinuations('a \\'), 'a');
  assert.equal(joinContinuations('\u00a0 a \u3000'), 'a');
  // U+FEFF is not whitespace for Go.
  assert.equal(joinContinuations('\ufeffa'), '\ufeffa');
  // Lines after the end of the instruction are not part of it.
  assert.equal(joinContinuations('a\nb'), 'a');
});

test('joinContinuationsMapped: every joined character comes from the same character of the input, in order', async () => {
  const fc = (await import('fast-check')).default;
  const { joinContinuationsMapped } = await import('../../server/src/engine/model/shell/continuation');
  const piece = fc.constantFrom('a', ' ', '\t', '\\', '`', '#', '\n', '\r\n', '"', '你', '🐳', '\\\n', '`\n', ' \\ \n', '\n# c\n', '\n\n');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom('\\', '`'), (parts, esc) => {
      const raw = parts.join('');
      const j = joinContinuationsMapped(raw, esc as '\\' | '`');
      assert.equal(j.offsets.length, j.text.length);
      for (let i = 0; i < j.text.length; i++) {
        assert.equal(raw[j.offsets[i]], j.text[i]);
        if (i > 0) assert.ok(j.offsets[i] > j.offsets[i - 1]);
      }
      assert.ok(j.end <= raw.length);
      assert.equal(joinContinuations(raw, esc as '\\' | '`'), j.text.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''));
    }),
    { seed: 3, numRuns: 300 },
  );
});
