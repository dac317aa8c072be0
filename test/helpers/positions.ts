// Positions in test documents written as arrays of lines, and the same documents with LF or CRLF ends.
import * as assert from 'node:assert/strict';

export const EOLS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const;

/** The lines joined with `eol`, with a final line break. */
export function textOf(lines: readonly string[], eol: string): string {
  return lines.join(eol) + eol;
}

/** `{ line, character }` of the first `needle` on `line` (plus `offset` characters into it). */
export function at(lines: readonly string[], line: number, needle: string, offset = 0): { line: number; character: number } {
  const c = lines[line].indexOf(needle);
  assert.ok(c >= 0, `${JSON.stringify(needle)} is not on line ${line}: ${JSON.stringify(lines[line])}`);
  return { line, character: c + offset };
}

/** Just after the first `needle` on `line`. */
export function after(lines: readonly string[], line: number, needle: string): { line: number; character: number } {
  return at(lines, line, needle, needle.length);
}
