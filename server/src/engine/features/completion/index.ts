// Completion: what may be typed at a position, from the instruction syntax (syntax.ts), the stages and
// variables in scope, the build context and the notes. Items carry a note reference; its gist (in the
// user's language) is filled in only when the editor asks to resolve an item.
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Position, Range } from '../../types';
import { cursorAt } from '../cursor';
import type { Cursor } from '../cursor';
import { instructionSpec, SIGNALS } from '../syntax';
import { gistMarkdown, noteGist } from '../notesGist';
import type { NoteRef } from '../hover/render';
import { directiveItems, keywordItems } from './keywords';
import { flagNameItems, flagValueItems, stageItems } from './flags';
import { argNameItems, variableItems, variablePrefix } from './variables';
import { contextPathItems, imagePathItems } from './paths';
import type { CompletionEntry, CompletionOptions, CompletionOutcome } from './types';

export type { CompletionEntry, CompletionKind, CompletionOptions, CompletionOutcome } from './types';

const NONE: CompletionOutcome = { items: [], isIncomplete: false };
const SHELLS = ['["/bin/bash", "-o", "pipefail", "-c"]', '["/bin/sh", "-c"]', '["powershell", "-Command"]', '["cmd", "/S", "/C"]'];

export function complete(doc: ParsedDocument, ctx: AnalysisContext, pos: Position, options: CompletionOptions): CompletionOutcome {
  const cursor = cursorAt(doc, pos);
  if (cursor.kind === 'none') return NONE;
  if (cursor.kind === 'keyword') return { items: keywordItems(doc, cursor, options), isIncomplete: false };
  if (cursor.kind === 'directive') return { items: directiveItems(doc, cursor), isIncomplete: false };
  return argumentItems(doc, ctx, pos, cursor);
}

/** The documentation of an item: the gist of its note in the user's language (and the user's own notes). */
export function completionDocumentation(ctx: AnalysisContext, note: NoteRef): string {
  return gistMarkdown(noteGist(ctx, note));
}

function argumentItems(doc: ParsedDocument, ctx: AnalysisContext, pos: Position, cursor: Extract<Cursor, { kind: 'arguments' }>): CompletionOutcome {
  const { keyword, before, prefix, prefixRange, instruction } = cursor;
  const line = instruction.getRange().start.line;
  const stage = doc.stageAtLine(line);
  const lang = ctx.lang;
  const list = (items: CompletionEntry[]): CompletionOutcome => ({ items, isIncomplete: false });

  const variable = variablePrefix(prefix, doc.escapeChar);
  if (variable) {
    const range: Range = { start: { line: pos.line, character: pos.character - variable.name.length }, end: pos };
    const closeBrace = variable.braced && doc.lineText(pos.line)[pos.character] !== '}';
    return list(variableItems(doc, line, lang, range, variable.braced, closeBrace));
  }

  const spec = instructionSpec(keyword);
  const positional = before.filter((w) => !w.text.startsWith('--'));
  const flagsAllowed = positional.length === 0 && !!spec;
  if (prefix === '-' || prefix.startsWith('--')) {
    if (!flagsAllowed) return NONE;
    const eq = prefix.indexOf('=');
    if (eq < 0) return list(flagNameItems(spec!, before, prefixRange));
    const valueRange: Range = { start: { line: pos.line, character: pos.character - (prefix.length - eq - 1) }, end: pos };
    return list(flagValueItems({ doc, lang, stage, keyword, flag: prefix.slice(2, eq).toLowerCase(), value: prefix.slice(eq + 1), valueRange }));
  }

  const flags = prefix === '' && flagsAllowed ? flagNameItems(spec!, before, prefixRange).map((f) => ({ ...f, sortText: `9${f.label}` })) : [];
  const withFlags = (outcome: CompletionOutcome): CompletionOutcome => ({ items: [...outcome.items, ...flags], isIncomplete: outcome.isIncomplete });
  const first = positional.length === 0;
  switch (keyword) {
    case 'FROM':
      if (first) return withFlags(list([...stageItems(doc, stage ?? null, lang, prefixRange, false).map((s) => ({ ...s, documentation: undefined })), { label: 'scratch', kind: 'value', range: prefixRange }]));
      if (positional.length === 1) return list([{ label: 'AS', kind: 'keyword', range: prefixRange, insertText: 'AS ' }]);
      return NONE;
    case 'STOPSIGNAL':
      return first ? list(SIGNALS.map((s) => ({ label: s, kind: 'enum', range: prefixRange }))) : NONE;
    case 'HEALTHCHECK':
      return first ? withFlags(list(['CMD', 'NONE'].map((k) => ({ label: k, kind: 'keyword', range: prefixRange, insertText: k === 'CMD' ? 'CMD ' : k })))) : NONE;
    case 'ARG':
      return first && !prefix.includes('=') ? list(argNameItems(doc, line, lang, prefixRange)) : NONE;
    case 'SHELL':
      return first ? list(SHELLS.map((s) => ({ label: s, kind: 'value', range: prefixRange }))) : NONE;
    case 'WORKDIR':
      return first && stage ? list(imagePathItems(doc, stage, line, lang, prefixRange)) : NONE;
    case 'COPY':
    case 'ADD':
      return withFlags(copyPathItems(doc, ctx, stage, line, cursor, positional.length));
    case 'RUN':
      return withFlags(NONE);
    default:
      return NONE;
  }
}

function copyPathItems(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  stage: Stage | null,
  line: number,
  cursor: Extract<Cursor, { kind: 'arguments' }>,
  index: number,
): CompletionOutcome {
  if (!stage) return NONE;
  const { prefix, prefixRange, before } = cursor;
  // `["src/…` and `"src/…`: the path starts after the bracket and the quote.
  const lead = /^\[?\s*["']?/.exec(prefix)![0];
  const typed = prefix.slice(lead.length);
  const range: Range = { start: { line: prefixRange.end.line, character: prefixRange.end.character - typed.length }, end: prefixRange.end };
  const destinations = index > 0 ? imagePathItems(doc, stage, line, ctx.lang, range) : [];
  const from = before.find((w) => /^--from=/i.test(w.text))?.text.slice('--from='.length);
  if (from) {
    const source = /^\d+$/.test(from) ? doc.stages[Number(from)] : [...doc.stages].reverse().find((s) => s.name === from.toLowerCase());
    const sources = source && source.index < stage.index ? imagePathItems(doc, source, Number.MAX_SAFE_INTEGER, ctx.lang, range) : [];
    return { items: [...sources, ...destinations], isIncomplete: false };
  }
  const sources = contextPathItems(ctx, doc, typed, range);
  return { items: [...sources.items, ...destinations], isIncomplete: sources.isIncomplete };
}
