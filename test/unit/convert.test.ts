import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toExecForm, formatExecForm, isPosixShell, jsonString } from '../../server/src/engine/model/convert';

test('plain words become the words', () => {
  assert.deepEqual(toExecForm(`nginx -g "daemon off;"`), { args: ['nginx', '-g', 'daemon off;'], viaShell: false, how: 'words' });
});

test('anything needing a shell keeps the shell with the original text', () => {
  assert.deepEqual(toExecForm('echo $HOME'), { args: ['/bin/sh', '-c', 'echo $HOME'], viaShell: true, how: 'shell' });
  assert.deepEqual(toExecForm('a && b'), { args: ['/bin/sh', '-c', 'a && b'], viaShell: true, how: 'shell' });
});

test("the stage's SHELL is used", () => {
  const shell = ['/bin/bash', '-o', 'pipefail', '-c'];
  assert.deepEqual(toExecForm('a | b', { shell }).args, [...shell, 'a | b']);
  assert.deepEqual(toExecForm('a b', { shell }).args, ['a', 'b']);
  const pwsh = ['pwsh', '-Command'];
  assert.deepEqual(toExecForm('Write-Host hi', { shell: pwsh }), { args: [...pwsh, 'Write-Host hi'], viaShell: true, how: 'shell' });
});

test('a leading exec is dropped only when the rest is plain words', () => {
  assert.deepEqual(toExecForm(`exec nginx -g 'daemon off;'`).args, ['nginx', '-g', 'daemon off;']);
  assert.deepEqual(toExecForm('exec "$@"').args, ['/bin/sh', '-c', 'exec "$@"']);
  assert.deepEqual(toExecForm('exec').args, ['/bin/sh', '-c', 'exec']);
  assert.deepEqual(toExecForm('exec -a x p').args, ['/bin/sh', '-c', 'exec -a x p']);
  assert.deepEqual(toExecForm('exec p', { dropLeadingExec: false }).args, ['/bin/sh', '-c', 'exec p']);
  // exec bypasses builtins, so `exec echo` runs /bin/echo: the words are exact.
  assert.deepEqual(toExecForm('exec echo hi').args, ['echo', 'hi']);
});

test('isPosixShell accepts only known shells with harmless options', () => {
  assert.ok(isPosixShell(['/bin/sh', '-c']));
  assert.ok(isPosixShell(['bash', '-eux', '-o', 'pipefail', '-c']));
  assert.ok(isPosixShell(['/bin/ash', '-ec']));
  assert.ok(!isPosixShell(['/bin/bash', '-l', '-c']));
  assert.ok(!isPosixShell(['/bin/sh', '-n', '-c']));
  assert.ok(!isPosixShell(['cmd', '/S', '/C']));
  assert.ok(!isPosixShell(['/bin/sh']));
  assert.ok(!isPosixShell(['/bin/zsh', '-c']));
});

test('formatExecForm writes Docker-style JSON', () => {
  assert.equal(formatExecForm(['a', 'b c']), '["a", "b c"]');
  const tricky = ['"q"', 'back\\slash', 'nl\nx', 'tab\t', '\u0001', '你好🐳', '\u2028'];
  const text = formatExecForm(tricky);
  assert.deepEqual(JSON.parse(text), tricky);
  assert.ok(!/[\n\t\u0001\u2028]/.test(text), 'control characters are escaped');
  assert.ok(text.includes('你好🐳'), 'non-ASCII stays readable');
});

test('lone surrogates are escaped so the text is valid UTF-8', () => {
  const s = 'a\ud800b\udc00';
  const lit = jsonString(s);
  assert.equal(lit, '"a\\ud800b\\udc00"');
  assert.equal(JSON.parse(lit), s);
  assert.ok(Buffer.from(lit, 'utf8').toString('utf8') === lit);
});
