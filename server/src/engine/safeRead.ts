// The one way the engine reads a file it does not own (notes, compose/bake/CI files, ignore files): only a
// regular file, never more than a byte limit, never waiting on something that may not answer. The size
// `stat` reports is not trusted (it is 0 for devices and FIFOs, and a file may grow after it): the read stops
// after `maxBytes + 1` bytes whatever it said.
import * as nodeFs from 'node:fs';

export type SafeRead = { bytes: Buffer } | { why: string };

export interface SafeReadOptions {
  /** Follow a symbolic link to its target (notes a user links on purpose). Default: a link is refused. */
  followLinks?: boolean;
  /** Stop, with `why`, when reading takes longer than this (checked between chunks). Default 2 s. */
  timeoutMs?: number;
}

const CHUNK = 64 * 1024;
// Not every platform has these flags (Windows has neither); there the type check after opening still holds.
const NO_FOLLOW = nodeFs.constants.O_NOFOLLOW ?? 0;
// Opening a FIFO for reading waits for a writer, forever if none comes; non-blocking opens it at once, so
// the check after opening can refuse it.
const NON_BLOCK = nodeFs.constants.O_NONBLOCK ?? 0;

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : String((e as Error)?.message ?? e);
}

function kindOf(st: nodeFs.Stats): string {
  if (st.isDirectory()) return 'EISDIR';
  if (st.isSymbolicLink()) return 'a symbolic link (not followed)';
  return 'not a regular file (FIFO, socket or device)';
}

/** The bytes of a regular file of at most `maxBytes`, or why it was not read. Synchronous. */
export function readRegularFile(file: string, maxBytes: number, options: SafeReadOptions = {}): SafeRead {
  const timeoutMs = options.timeoutMs ?? 2000;
  let before: nodeFs.Stats;
  try {
    before = options.followLinks ? nodeFs.statSync(file) : nodeFs.lstatSync(file);
  } catch (e) {
    return { why: codeOf(e) };
  }
  if (!before.isFile()) return { why: kindOf(before) };
  let fd: number;
  try {
    fd = nodeFs.openSync(file, nodeFs.constants.O_RDONLY | NON_BLOCK | (options.followLinks ? 0 : NO_FOLLOW));
  } catch (e) {
    const code = codeOf(e);
    // O_NOFOLLOW on a path that became a link meanwhile.
    return { why: code === 'ELOOP' ? 'a symbolic link (not followed)' : code };
  }
  try {
    // What was opened is what is read: it must still be a regular file (the path may have been swapped).
    const st = nodeFs.fstatSync(fd);
    if (!st.isFile()) return { why: kindOf(st) };
    const limit = maxBytes + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    const started = Date.now();
    while (total < limit) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit - total));
      const n = nodeFs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (Date.now() - started > timeoutMs) return { why: `reading took longer than ${timeoutMs} ms` };
    }
    if (total > maxBytes) return { why: `too large (over ${maxBytes} bytes)` };
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { why: codeOf(e) };
  } finally {
    try {
      nodeFs.closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}
