// The "file too large for full analysis" guard and the bounds every reported range must respect.
// Above any of the limits, only the families known to be linear and local run; the `limits` family
// reports one `file-too-large` info finding that says which limit was exceeded.
import type { ParsedDocument } from '../parse/document';
import { MAX_PARSED_LINE_LENGTH } from '../parse/incremental';
import type { Position, Range } from '../types';
import type { RuleFamily } from './rule';
import { formatMessage, getRule } from '../catalog';

export interface Limits {
  /** UTF-8 size of the text. The 100,000-line stress file is about 3.6 MB and gets full analysis. */
  maxBytes: number;
  maxLines: number;
  /** Characters (UTF-16 units) on a single line. */
  maxLineLength: number;
}

export const DEFAULT_LIMITS: Limits = { maxBytes: 6 * 1024 * 1024, maxLines: 200_000, maxLineLength: MAX_PARSED_LINE_LENGTH };

/**
 * Families that still run on a file above the limits: each is a single pass over the instructions with
 * no file-system access and no cross-instruction comparison. A family not listed here is skipped.
 */
export const FAMILIES_FOR_LARGE_FILES: ReadonlySet<string> = new Set(['limits', 'json-form']);

export type LimitVerdict =
  | { variant: 'bytes'; size: number; limit: number }
  | { variant: 'lines'; size: number; limit: number }
  | { variant: 'longLine'; line: number; size: number; limit: number };

const verdicts = new WeakMap<ParsedDocument, LimitVerdict | null>();

/** Which limit the document exceeds, if any (the first found: lines, then bytes, then a long line). */
export function exceededLimit(doc: ParsedDocument, limits: Limits = DEFAULT_LIMITS): LimitVerdict | null {
  const useCache = limits === DEFAULT_LIMITS;
  if (useCache && verdicts.has(doc)) return verdicts.get(doc)!;
  const verdict = computeVerdict(doc, limits);
  if (useCache) verdicts.set(doc, verdict);
  return verdict;
}

function computeVerdict(doc: ParsedDocument, limits: Limits): LimitVerdict | null {
  const lines = doc.lineCount();
  if (lines > limits.maxLines) return { variant: 'lines', size: lines, limit: limits.maxLines };
  // UTF-8 is at most 3 bytes per UTF-16 unit: only count exactly when the text could be over.
  if (doc.text.length * 3 > limits.maxBytes) {
    const bytes = Buffer.byteLength(doc.text, 'utf8');
    if (bytes > limits.maxBytes) return { variant: 'bytes', size: bytes, limit: limits.maxBytes };
  }
  const starts = doc.lineStarts;
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : doc.text.length;
    if (end - starts[i] > limits.maxLineLength) {
      const size = doc.lineText(i).length;
      if (size > limits.maxLineLength) return { variant: 'longLine', line: i + 1, size, limit: limits.maxLineLength };
    }
  }
  return null;
}

/** The families to run on this document: all of them, or only the cheap ones when a limit is exceeded. */
export function familiesWithinLimits(doc: ParsedDocument, families: readonly RuleFamily[]): readonly RuleFamily[] {
  const verdict = exceededLimit(doc);
  if (!verdict) return families;
  // A line over the limit was never parsed (blankOverlongLines): no check could say anything true about it.
  if (verdict.variant === 'longLine') return families.filter((f) => f.family === 'limits');
  return families.filter((f) => FAMILIES_FOR_LARGE_FILES.has(f.family));
}

/** Reports `file-too-large` once, on the start of the first line, when a limit is exceeded. */
export const limitsFamily: RuleFamily = {
  family: 'limits',
  check(doc, ctx, report) {
    const verdict = exceededLimit(doc);
    if (!verdict) return;
    const { variant, ...args } = verdict;
    report({
      code: 'file-too-large',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(doc.lineText(0).length, 200) } },
      variant: variant === 'longLine' ? 'unparsed' : undefined,
      args: { reason: formatMessage(getRule('file-too-large')!, ctx.lang, variant, args) },
      data: { variant, ...args },
    });
  },
};

/** Whether a position lies inside the text (a character may equal the line's length: the line end). */
export function positionInside(doc: ParsedDocument, pos: Position): boolean {
  if (!Number.isInteger(pos.line) || !Number.isInteger(pos.character)) return false;
  if (pos.line < 0 || pos.character < 0 || pos.line >= doc.lineCount()) return false;
  return pos.character <= doc.lineText(pos.line).length;
}

/** Whether a range lies inside the text and does not run backwards. */
export function rangeInside(doc: ParsedDocument, range: Range): boolean {
  if (!positionInside(doc, range.start) || !positionInside(doc, range.end)) return false;
  return range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
}
