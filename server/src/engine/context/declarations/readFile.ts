// Reading a declaration file without trusting it: only a regular file (lstat: never a link, FIFO, socket
// or device, so nothing can block or stream forever), never more than a byte limit, never binary.
import type { FileSystemView } from '../fs';

/** A declaration file is read whole only up to this size (the largest real workflow files are ~100 KB). */
export const MAX_DECLARATION_BYTES = 2 * 1024 * 1024;
/** Files whose content is only sniffed (extension-less scripts, `*.hcl`) are smaller than this. */
export const MAX_SNIFF_BYTES = 256 * 1024;

export type ReadResult = { text: string } | { why: string };

export function readDeclarationFile(fs: FileSystemView, file: string, maxBytes = MAX_DECLARATION_BYTES): ReadResult {
  const st = fs.stat(file);
  if (!st) return { why: `cannot be read (${fs.errorOf?.(file) ?? 'missing'})` };
  if (st.type === 'symlink') return { why: 'a symbolic link (not followed)' };
  if (st.type === 'dir') return { why: 'a folder' };
  if (st.type !== 'file') return { why: 'not a regular file (FIFO, socket or device)' };
  if (st.size > maxBytes) return { why: `too large (${st.size} bytes, limit ${maxBytes})` };
  const text = fs.readText(file, maxBytes);
  if (text === null) return { why: `cannot be read (${fs.errorOf?.(file) ?? 'unknown error'})` };
  if (text.length > maxBytes) return { why: `too large (over ${maxBytes} bytes)` };
  if (text.includes('\u0000')) return { why: 'binary content' };
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line starts of a text, for many offset → line look-ups. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
