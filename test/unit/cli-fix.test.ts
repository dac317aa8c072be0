// `check --fix` on real files: every byte it does not edit is written back (invalid UTF-8, BOM, CRLF, a
// CR-only file read as BuildKit reads it), and the write is safe (temporary file + fsync + rename, mode,
// owner and symlinks kept, no write when the file changed, nothing partial on a full disk).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { nodeWriteOps, type WriteOps } from '../../server/src/cli/safeWrite';
import { cannotRunAsNobody, cli, isRoot, spawnCli, tree } from '../helpers/cli';

const SHELL_CMD = 'CMD python app.py --port 8080';
const EXEC_CMD = 'CMD ["python", "app.py", "--port", "8080"]';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Files in the folder other than the given ones: a temporary file left behind would show here. */
function leftovers(dir: string, expected: string[]): string[] {
  return fs.readdirSync(dir).filter((n) => !expected.includes(n));
}

test('a Latin-1 comment (bytes that are not UTF-8) survives byte for byte on a line the fix never touched', () => {
  const original = bytes('# caf', [0xe9], ' au lait, ', [0xa9], ' 2020\nFROM alpine:3.20\n', SHELL_CMD, '\n');
  const root = tree({ Dockerfile: original });
  const r = cli(['check', '--fix', 'Dockerfile'], root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /no problems \(1 fixed\)/);
  const expected = bytes('# caf', [0xe9], ' au lait, ', [0xa9], ' 2020\nFROM alpine:3.20\n', EXEC_CMD, '\n');
  assert.deepEqual(fs.readFileSync(path.join(root, 'Dockerfile')), expected);
});

test('a fix that would rewrite bytes that are not UTF-8 is refused: exit 2, one line, the file unchanged', () => {
  const original = bytes('FROM alpine:3.20\nCMD echo caf', [0xe9], '\n');
  const root = tree({ Dockerfile: original });
  const r = cli(['check', '--fix', 'Dockerfile'], root);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'dockerfile-notes: Dockerfile: cannot fix: line 2: a fix would rewrite bytes that are not valid UTF-8; the file is unchanged\n');
  assert.match(r.out, /cmd-shell-form/, 'the finding is still reported');
  assert.doesNotMatch(r.out, /fixed/);
  assert.deepEqual(fs.readFileSync(path.join(root, 'Dockerfile')), original);
});

test('a UTF-8 byte-order mark is kept, and the file is analysed as if it were not there (as BuildKit does)', () => {
  const root = tree({ Dockerfile: bytes([0xef, 0xbb, 0xbf], 'FROM alpine:3.20\n', SHELL_CMD, '\n'), 'plain/Dockerfile': `FROM alpine:3.20\n${SHELL_CMD}\n` });
  const before = cli(['check', '--format', 'json', 'Dockerfile', 'plain'], root);
  const [bom, plain] = JSON.parse(before.out) as Array<{ findings: Array<{ code: string; line: number; column: number }> }>;
  assert.deepEqual(bom.findings, plain.findings, 'same findings, same columns on line 1');
  assert.equal(cli(['check', '--fix', 'Dockerfile'], root).code, 0);
  assert.deepEqual(fs.readFileSync(path.join(root, 'Dockerfile')), bytes([0xef, 0xbb, 0xbf], 'FROM alpine:3.20\n', EXEC_CMD, '\n'));
});

test('CRLF line ends are kept, also across a continuation the fix joins', () => {
  const original = 'FROM alpine:3.20\r\nCMD python app.py \\\r\n    --port 8080\r\nLABEL a=b\r\n';
  const root = tree({ Dockerfile: original });
  assert.equal(cli(['check', '--fix', 'Dockerfile'], root).code, 0);
  assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'latin1'), `FROM alpine:3.20\r\n${EXEC_CMD}\r\nLABEL a=b\r\n`);
});

test('a CR-only file is one line, as BuildKit reads it: nothing is "fixed" as if CR broke lines', () => {
  const original = Buffer.from(`FROM alpine:3.20\r${SHELL_CMD}\r`, 'latin1');
  const root = tree({ Dockerfile: original });
  const r = cli(['check', '--fix', '--format', 'json', 'Dockerfile'], root);
  const findings = (JSON.parse(r.out) as Array<{ findings: Array<{ code: string; line: number }> }>)[0].findings;
  assert.ok(findings.every((f) => f.line === 1), `everything is on line 1: ${JSON.stringify(findings)}`);
  assert.ok(!findings.some((f) => f.code === 'cmd-shell-form'), 'there is no CMD instruction for BuildKit');
  assert.deepEqual(fs.readFileSync(path.join(root, 'Dockerfile')), original);
  // A stray CR inside an instruction the fix would rewrite: refused, not guessed.
  const mixed = Buffer.from('FROM alpine:3.20\nCMD python app.py\r --port 1\n', 'latin1');
  const dir = tree({ Dockerfile: mixed });
  const refused = cli(['check', '--fix', 'Dockerfile'], dir);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /cannot fix: line 2: a fix would rewrite a carriage return that does not end a line/);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), mixed);
});

test('a UTF-16 file is not checked: exit 2 with the reason', () => {
  const root = tree({ Dockerfile: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]) });
  const r = cli(['check', '--fix', 'Dockerfile'], root);
  assert.equal(r.code, 2);
  assert.match(r.err, /^dockerfile-notes: Dockerfile: cannot check: it is UTF-16/);
});

test('mode and owner are kept, a symlink is written through to its target, and no temporary file is left', (t) => {
  const root = tree({ 'real/Dockerfile.prod': `FROM alpine:3.20\n${SHELL_CMD}\n` });
  const target = path.join(root, 'real', 'Dockerfile.prod');
  fs.chmodSync(target, 0o640);
  if (isRoot) fs.chownSync(target, 12345, 23456);
  fs.symlinkSync(path.join('real', 'Dockerfile.prod'), path.join(root, 'Dockerfile'));
  const r = cli(['check', '--fix', 'Dockerfile'], root);
  assert.equal(r.code, 0, r.err);
  assert.ok(fs.lstatSync(path.join(root, 'Dockerfile')).isSymbolicLink(), 'the link is still a link');
  assert.equal(fs.readFileSync(target, 'utf8'), `FROM alpine:3.20\n${EXEC_CMD}\n`);
  const st = fs.statSync(target);
  assert.equal(st.mode & 0o7777, 0o640);
  if (isRoot) assert.deepEqual([st.uid, st.gid], [12345, 23456]);
  else t.diagnostic('not root: ownership kept only trivially');
  assert.deepEqual(leftovers(path.join(root, 'real'), ['Dockerfile.prod']), []);
  assert.deepEqual(leftovers(root, ['real', 'Dockerfile']), []);
});

test('a file changed on disk after it was read is not overwritten: exit 2, the new text kept', () => {
  const root = tree({ Dockerfile: `FROM alpine:3.20\n${SHELL_CMD}\n` });
  const file = path.join(root, 'Dockerfile');
  const editorSave = `FROM alpine:3.20\n${SHELL_CMD}\n# saved by the editor during the run\n`;
  // The seam runs just before the temporary file is created, i.e. after the file was read and fixed.
  const ops: WriteOps = { ...nodeWriteOps, openSync: (f, flags, mode) => (fs.writeFileSync(file, editorSave), nodeWriteOps.openSync(f, flags, mode)) };
  const r = cli(['check', '--fix', 'Dockerfile'], root, { writeOps: ops });
  assert.equal(r.code, 2);
  assert.equal(r.err, 'dockerfile-notes: Dockerfile: changed on disk while it was being checked; fixes not written (run again)\n');
  assert.equal(fs.readFileSync(file, 'utf8'), editorSave);
  assert.doesNotMatch(r.out, /fixed/);
  assert.deepEqual(leftovers(root, ['Dockerfile']), []);
});

/** 300 lines, 150 of them shell-form CMDs the fix converts (each one overrides the last: all are reported). */
const LONG = ['FROM alpine:3.20', ...Array.from({ length: 150 }, (_, k) => [`# step ${k}`, `CMD python app.py --step ${k}`]).flat(), ''].join('\n');

test('a full disk (write seam fails half-way with ENOSPC): exit 2, the original intact, no temporary file, no "fixed"', () => {
  const root = tree({ Dockerfile: LONG });
  let budget = 4096;
  const ops: WriteOps = {
    ...nodeWriteOps,
    writeSync: (fd, data, offset, length) => {
      if (budget <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      const n = nodeWriteOps.writeSync(fd, data, offset, Math.min(length, budget));
      budget -= n;
      return n;
    },
  };
  const r = cli(['check', '--fix', 'Dockerfile'], root, { writeOps: ops });
  assert.equal(r.code, 2);
  assert.match(r.err, /^dockerfile-notes: Dockerfile: cannot write fixes: no space left on the device \(ENOSPC\); the file is unchanged\n$/);
  assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), LONG);
  assert.doesNotMatch(r.out, /fixed|no problems/);
  assert.match(r.out, /cmd-shell-form/, 'the findings of the file as it is are reported');
  assert.deepEqual(leftovers(root, ['Dockerfile']), []);
});

test('a full disk for real (a small tmpfs, as root): exit 2, the original intact, nothing partial', (t) => {
  if (!isRoot || process.platform !== 'linux') return t.skip('needs root on Linux to mount a tmpfs');
  const root = tree({});
  fs.chmodSync(root, 0o755);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', root], { encoding: 'utf8' });
  if (mount.status !== 0) return t.skip(`cannot mount a tmpfs here: ${mount.stderr.trim() || mount.error}`);
  try {
    const file = path.join(root, 'Dockerfile');
    fs.writeFileSync(file, LONG);
    // Fill the rest of the disk, leaving less room than a second copy of the file needs.
    const filler = fs.openSync(path.join(root, 'filler'), 'w');
    try {
      for (;;) fs.writeSync(filler, Buffer.alloc(1024));
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
    } finally {
      fs.closeSync(filler);
    }
    fs.truncateSync(path.join(root, 'filler'), Math.max(0, fs.statSync(path.join(root, 'filler')).size - 4096));
    const r = spawnCli(['check', '--fix', 'Dockerfile'], root);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot write fixes: no space left on the device \(ENOSPC\); the file is unchanged/);
    assert.equal(fs.readFileSync(file, 'utf8'), LONG, 'all 300 lines are still there');
    assert.doesNotMatch(r.stdout, /fixed|no problems/);
    assert.deepEqual(leftovers(root, ['Dockerfile', 'filler']), []);
  } finally {
    spawnSync('umount', [root]);
  }
});

test('a file the user may not write: exit 2 with the reason, the file unchanged', (t) => {
  const root = tree({ Dockerfile: `FROM alpine:3.20\n${SHELL_CMD}\n` });
  const file = path.join(root, 'Dockerfile');
  if (!isRoot) {
    fs.chmodSync(file, 0o444);
    const r = cli(['check', '--fix', 'Dockerfile'], root);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'dockerfile-notes: Dockerfile: cannot write fixes: permission denied (EACCES)\n');
    return;
  }
  fs.chmodSync(root, 0o755);
  fs.chmodSync(file, 0o644);
  const why = cannotRunAsNobody(root);
  if (why) return t.skip(why);
  const r = spawnCli(['check', '--fix', 'Dockerfile'], root, { asNobody: true });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.equal(r.stderr, 'dockerfile-notes: Dockerfile: cannot write fixes: permission denied (EACCES)\n');
  assert.doesNotMatch(r.stdout, /fixed|no problems/);
  assert.equal(fs.readFileSync(file, 'utf8'), `FROM alpine:3.20\n${SHELL_CMD}\n`);
});

test('a file with two hard links is not replaced (the other name would keep the old text)', () => {
  const root = tree({ Dockerfile: `FROM alpine:3.20\n${SHELL_CMD}\n` });
  fs.linkSync(path.join(root, 'Dockerfile'), path.join(root, 'Dockerfile.same'));
  const r = cli(['check', '--fix', 'Dockerfile'], root);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot write fixes: the file has 2 hard links/);
  assert.equal(fs.readFileSync(path.join(root, 'Dockerfile.same'), 'utf8'), `FROM alpine:3.20\n${SHELL_CMD}\n`);
});
