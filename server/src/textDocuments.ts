// The store of open documents' texts, with every incremental change checked before it reaches
// vscode-languageserver-textdocument. That library trusts a change's range: a line past the end makes it
// write a line offset at that index (a sparse array of a billion entries after a change at line 1e9), and
// every later multi-line change then walks that array. Here a position is clamped into the document as
// it is before the change (past the last line: the end of the text; a negative line or character: 0; a
// character past the end of its line: the line's end), a reversed range is put in order, and a change
// whose range is not made of numbers is dropped, with a log line.
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-textdocument';

export function checkedTextDocuments(log: (message: string) => void): TextDocumentsConfiguration<TextDocument> {
  return {
    create: TextDocument.create,
    update(document, changes, version) {
      for (const change of changes) {
        const checked = checkedChange(document, change);
        if (checked === null) {
          log(`ignored a change of ${document.uri} whose range is not a range: ${JSON.stringify((change as { range?: unknown }).range)?.slice(0, 200)}`);
          continue;
        }
        TextDocument.update(document, [checked], version);
      }
      return TextDocument.update(document, [], version);
    },
  };
}

/** The change with its range inside `document`, or null when it cannot be read as a change. */
export function checkedChange(document: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent | null {
  const candidate = change as { text?: unknown; range?: unknown } | null;
  if (!candidate || typeof candidate.text !== 'string') return null;
  if (candidate.range === undefined) return { text: candidate.text };
  const range = candidate.range as Partial<Range> | null;
  const start = inside(document, range?.start);
  const end = inside(document, range?.end);
  if (!start || !end) return null;
  const startOffset = document.offsetAt(start);
  const endOffset = document.offsetAt(end);
  const ordered = startOffset <= endOffset ? { start, end } : { start: end, end: start };
  return { range: ordered, text: candidate.text };
}

/** The position clamped into the document (as `positionAt(offsetAt(p))` reads it), or null when it is not a position. */
function inside(document: TextDocument, p: Partial<Position> | null | undefined): Position | null {
  if (!p || typeof p !== 'object' || typeof p.line !== 'number' || typeof p.character !== 'number') return null;
  if (!Number.isFinite(p.line) || !Number.isFinite(p.character)) return null;
  const line = Math.max(0, Math.floor(p.line));
  const character = Math.max(0, Math.floor(p.character));
  // offsetAt clamps a line past the end to the text's end and a character to its line's end.
  return document.positionAt(document.offsetAt({ line, character }));
}
