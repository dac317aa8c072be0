// A read-only TextDocument over a whole text that shares an already computed line index. dockerfile-ast
// objects keep a reference to their document and compute argument ranges and values through it, so
// this must answer exactly like vscode-languageserver-textdocument's FullTextDocument (same clamping,
// same "before the line break" rule) — the incremental parser hands it to every instruction it builds.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../types';

/** Start offset of each line; `\r\n`, `\r` and `\n` end a line, as in FullTextDocument. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line holding `offset`: the last line whose start is at or before it (offset ≥ 0). */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isEOL(c: number): boolean {
  return c === 13 || c === 10;
}

export class LineDocument implements TextDocument {
  readonly uri = '';
  readonly languageId = '';
  readonly version = 0;

  constructor(
    private readonly text: string,
    readonly lineStarts: number[],
  ) {}

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.lineStarts;
    const line = lineOfOffset(starts, offset);
    offset = this.beforeEOL(offset, starts[line]);
    return { line, character: offset - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = starts[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeEOL(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts;
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts;
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.substring(this.beforeEOL(next, starts[line]), next);
  }

  private beforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}
