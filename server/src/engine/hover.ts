// What a hover shows at a position: the note for the instruction keyword under the cursor.
import type { AnalysisContext } from './context';
import type { ParsedDocument } from './document';
import { builtinNote } from './notes';
import type { Position, Range } from './types';
import { rangeContains } from './types';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hover(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): HoverResult | null {
  const instruction = doc.instructionAtLine(pos.line);
  if (!instruction) return null;
  const keywordRange = instruction.getInstructionRange();
  if (rangeContains(keywordRange, pos)) {
    const note = ctx.settings.notes.builtin
      ? builtinNote('instructions', instruction.getKeyword().toLowerCase(), ctx.lang)
      : null;
    if (!note) return null;
    return { markdown: note.markdown, range: keywordRange };
  }
  return null;
}
