// Writing fixes without ever leaving a partial Dockerfile: a temporary file beside the target, fsync,
// then one rename over it. The target keeps its mode and owner; a symlink is written through to its target;
// a file that changed since it was read is left alone.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file-system calls a safe write makes, replaceable by tests (a full disk, a change mid-run). */
export interface WriteOps {
  openSync(file: string, flags: string, mode: number): number;
  writeSync(fd: number, data: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
}

export const nodeWriteOps: WriteOps = {
  openSync: (f, flags, mode) => fs.openSync(f, flags, mode),
  writeSync: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchmodSync: (fd, mode) => fs.fchmodSync(fd, mode),
  fchownSync: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (f) => fs.unlinkSync(f),
};

/** What was read, to tell whether the file changed before the write. */
export interface ReadSnapshot {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  ino: number;
}

export function snapshotOf(bytes: Buffer, st: fs.Stats): ReadSnapshot {
  return { bytes, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

export type WriteResult = { ok: true } | { ok: false; changed: boolean; message: string };

export function writeFileSafely(file: string, data: Buffer, read: ReadSnapshot, ops: WriteOps = nodeWriteOps): WriteResult {
  let target: string;
  let st: fs.Stats;
  try {
    target = fs.realpathSync(file);
    st = fs.statSync(target);
  } catch (e) {
    return fail(`cannot write fixes: ${errorText(e)}`);
  }
  if (changedSince(target, st, read)) return { ok: false, changed: true, message: 'changed on disk while it was being checked; fixes not written (run again)' };
  if (!st.isFile()) return fail('cannot write fixes: not a regular file');
  if (st.nlink > 1) return fail(`cannot write fixes: the file has ${st.nlink} hard links, and replacing it would leave the other names with the old text`);
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch (e) {
    return fail(`cannot write fixes: ${errorText(e)}`);
  }
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.dockerfile-notes-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = ops.openSync(temp, 'wx', 0o600);
    created = true;
    for (let written = 0; written < data.length; ) {
      const n = ops.writeSync(fd, data, written, data.length - written);
      if (n <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
      written += n;
    }
    ops.fsyncSync(fd);
    ops.fchmodSync(fd, st.mode & 0o7777);
    const uid = process.geteuid?.();
    const gid = process.getegid?.();
    if (uid !== undefined && (st.uid !== uid || st.gid !== gid)) {
      try {
        ops.fchownSync(fd, st.uid, st.gid);
      } catch (e) {
        throw Object.assign(new Error(`the file belongs to uid ${st.uid}, gid ${st.gid}, and a replacement cannot keep that owner (${errorText(e)})`), { code: 'EOWNER' });
      }
    }
    ops.closeSync(fd);
    fd = null;
    if (changedSince(target, fs.statSync(target), read)) {
      ops.unlinkSync(temp);
      return { ok: false, changed: true, message: 'changed on disk while it was being checked; fixes not written (run again)' };
    }
    ops.renameSync(temp, target);
    created = false;
    syncFolder(dir);
    return { ok: true };
  } catch (e) {
    if (fd !== null) {
      try {
        ops.closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    if (created) {
      try {
        ops.unlinkSync(temp);
      } catch {
        // nothing more can be done; the message below names the failure
      }
    }
    const where = fd === null && !created ? ` (a safe write needs a temporary file in ${dir})` : '';
    return fail(`cannot write fixes: ${errorText(e)}${where}; the file is unchanged`);
  }
}

function changedSince(target: string, st: fs.Stats, read: ReadSnapshot): boolean {
  if (st.size !== read.size || st.mtimeMs !== read.mtimeMs || st.ino !== read.ino) return true;
  try {
    return !fs.readFileSync(target).equals(read.bytes);
  } catch {
    return true;
  }
}

/** Makes the rename durable; not every platform can open a folder for fsync, which is fine. */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function fail(message: string): WriteResult {
  return { ok: false, changed: false, message };
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EOWNER') return err.message;
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such file',
    EIO: 'input/output error',
  };
  if (err?.code && known[err.code]) return `${known[err.code]} (${err.code})`;
  return err?.code ?? err?.message ?? String(e);
}
