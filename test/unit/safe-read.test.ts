// readRegularFile, the one helper that reads notes, declaration and ignore files: regular files only, a hard
// byte limit whatever stat says, links refused unless asked for (and then the target must be regular).
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readRegularFile } from '../../server/src/engine/safeRead';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-safe-read-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const why = (r: ReturnType<typeof readRegularFile>) => ('why' in r ? r.why : `read ${r.bytes.length} bytes`);

test('a regular file is read up to the limit, and refused past it', () => {
  const file = path.join(root, 'ten.txt');
  fs.writeFileSync(file, '0123456789');
  const ok = readRegularFile(file, 10);
  assert.ok('bytes' in ok && ok.bytes.toString() === '0123456789');
  assert.equal(why(readRegularFile(file, 9)), 'too large (over 9 bytes)');
  assert.equal(why(readRegularFile(path.join(root, 'missing.txt'), 10)), 'ENOENT');
  assert.equal(why(readRegularFile(root, 10)), 'EISDIR');
});

test('reading stops when it takes longer than the time limit (checked between chunks)', () => {
  const file = path.join(root, 'big.txt');
  fs.writeFileSync(file, Buffer.alloc(200 * 1024, 0x61));
  assert.equal(why(readRegularFile(file, 1024 * 1024, { timeoutMs: -1 })), 'reading took longer than -1 ms');
  assert.equal(why(readRegularFile(file, 1024 * 1024)), `read ${200 * 1024} bytes`);
});

test('links are refused unless followed; a followed link must reach a regular file', { timeout: 10_000 }, (t) => {
  const target = path.join(root, 'target.txt');
  fs.writeFileSync(target, 'x');
  fs.symlinkSync(target, path.join(root, 'link.txt'));
  assert.equal(why(readRegularFile(path.join(root, 'link.txt'), 10)), 'a symbolic link (not followed)');
  assert.equal(why(readRegularFile(path.join(root, 'link.txt'), 10, { followLinks: true })), 'read 1 bytes');
  if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero here');
  fs.symlinkSync('/dev/zero', path.join(root, 'zero.md'));
  assert.equal(why(readRegularFile(path.join(root, 'zero.md'), 10, { followLinks: true })), 'not a regular file (FIFO, socket or device)');
  assert.equal(why(readRegularFile('/dev/zero', 10)), 'not a regular file (FIFO, socket or device)');
});

test('a FIFO is refused without waiting for a writer, by the helper and by the file-system view', { timeout: 10_000 }, (t) => {
  const fifo = path.join(root, 'fifo.md');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available here');
  assert.equal(why(readRegularFile(fifo, 10, { followLinks: true })), 'not a regular file (FIFO, socket or device)');
  const view = new CachedNodeFileSystem();
  assert.equal(view.readText(fifo), null);
  assert.equal(view.errorOf(fifo), 'not a regular file');
});
