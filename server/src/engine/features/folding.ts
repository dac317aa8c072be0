// Folding ranges: one per stage (FROM up to the next FROM) and one per instruction spanning lines
// (continuations, heredocs). The language configuration cannot express FROM-to-FROM, so the server does.
import type { ParsedDocument } from '../parse/document';

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

export function foldingRanges(doc: ParsedDocument): FoldingRegion[] {
  const out: FoldingRegion[] = [];
  for (const stage of doc.stages) {
    let end = stage.endLine;
    while (end > stage.startLine && doc.lineText(end).trim() === '') end--;
    if (end > stage.startLine) out.push({ startLine: stage.startLine, endLine: end, kind: 'region' });
  }
  for (const instruction of doc.instructions) {
    const r = instruction.getRange();
    if (r.end.line > r.start.line) out.push({ startLine: r.start.line, endLine: r.end.line });
  }
  // Runs of three or more comment lines.
  let runStart = -1;
  for (let line = 0; line <= doc.lineCount(); line++) {
    const isComment = line < doc.lineCount() && /^\s*#/.test(doc.lineText(line));
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 - runStart >= 2) out.push({ startLine: runStart, endLine: line - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
