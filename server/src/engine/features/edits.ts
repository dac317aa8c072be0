// Applying text edits: shared by the CLI's --fix, `source.fixAll` and the tests.
import type { ParsedDocument } from '../parse/document';
import { parseDocument } from '../parse/document';
import type { Fix, TextEdit } from '../types';
import { comparePos } from '../types';

/** Edits sorted by position with any edit that overlaps an earlier one dropped. */
export function nonOverlapping<T extends TextEdit>(edits: readonly T[]): T[] {
  const sorted = [...edits].sort((a, b) => comparePos(a.range.start, b.range.start) || comparePos(a.range.end, b.range.end));
  const out: T[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && comparePos(e.range.start, last.range.end) < 0) continue;
    out.push(e);
  }
  return out;
}

/** Whether a fix may be applied unattended: safe, and neither changing what runs nor refused. */
export function isUnattended(fix: Fix): boolean {
  return fix.kind === 'quickfix' && !!fix.safe && (fix.behaviour === undefined || fix.behaviour === 'same') && !fix.disabledReason;
}

/** The edits of every safe quick fix, conflict-free. */
export function safeFixEdits(fixes: readonly Fix[]): TextEdit[] {
  return nonOverlapping(fixes.filter(isUnattended).flatMap((f) => f.edits));
}

export function applyEdits(doc: ParsedDocument | string, edits: readonly TextEdit[]): string {
  const parsed = typeof doc === 'string' ? parseDocument(doc) : doc;
  const text = parsed.text;
  // One pass from the start: re-slicing the growing text for each edit copied it every time (20,000
  // edits of a 270 KB file: 32 s).
  const parts: string[] = [];
  let at = 0;
  for (const e of nonOverlapping(edits)) {
    const start = Math.max(at, parsed.offsetAt(e.range.start));
    const end = Math.max(start, parsed.offsetAt(e.range.end));
    parts.push(text.slice(at, start), e.newText);
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
