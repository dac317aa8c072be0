// Rename a stage or an ARG/ENV variable everywhere it is named, refusing what BuildKit would reject and
// any rename that would change what another name resolves to (checked by resolving every name of the
// renamed text again and comparing with the original).
import type { ParsedDocument } from '../parse/document';
import { parseDocument } from '../parse/document';
import type { Lang, Position, Range, TextEdit } from '../types';
import { isPredefinedName, nameAt, occurrencesOf, resolutionFingerprint, STAGE_NAME } from '../model/references';
import type { NameRef } from '../model/references';
import { editorSay } from './editorStrings';

export type PrepareResult = { range: Range; placeholder: string } | { error: string };
export type RenameResult = { edits: TextEdit[] } | { error: string };

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function prepareRename(doc: ParsedDocument, pos: Position, lang: Lang): PrepareResult {
  const name = nameAt(doc, pos);
  const refusal = refuseTarget(doc, name, lang);
  if (refusal) return { error: refusal };
  const occurrence = name!.occurrence;
  return { range: occurrence.range, placeholder: doc.textIn(occurrence.range) };
}

export function rename(doc: ParsedDocument, pos: Position, newName: string, lang: Lang): RenameResult {
  const name = nameAt(doc, pos);
  const refusal = refuseTarget(doc, name, lang);
  if (refusal) return { error: refusal };
  const ref = name as Extract<NameRef, { kind: 'stage' | 'variable' }>;
  const wanted = newName.trim();
  if (ref.kind === 'stage') {
    if (!STAGE_NAME.test(wanted)) {
      return { error: editorSay(lang, wanted.toLowerCase() !== wanted && STAGE_NAME.test(wanted.toLowerCase()) ? 'renameStageCase' : 'renameStageInvalid', { name: wanted }) };
    }
  } else {
    if (!VARIABLE_NAME.test(wanted)) return { error: editorSay(lang, 'renameVariableInvalid', { name: wanted }) };
    if (isPredefinedName(wanted)) return { error: editorSay(lang, 'renameToPredefined', { name: wanted }) };
  }
  const edits: TextEdit[] = occurrencesOf(doc, ref)
    .filter((o) => o.renamable)
    .map((o) => ({ range: o.range, newText: wanted }));
  if (edits.length === 0) return { edits };
  const conflict = changedResolution(doc, edits);
  if (conflict !== null) {
    const key = ref.kind === 'stage' ? 'renameStageConflict' : 'renameVariableConflict';
    return { error: editorSay(lang, key, { name: wanted, line: conflict + 1 }) };
  }
  return { edits };
}

function refuseTarget(doc: ParsedDocument, name: NameRef | null, lang: Lang): string | null {
  if (!name) return editorSay(lang, 'renameNothing');
  if (name.kind === 'external-stage') return editorSay(lang, 'renameImage', { name: name.occurrence.text });
  if (name.kind === 'undeclared-variable') return editorSay(lang, 'renameUndeclared', { name: name.name });
  if (name.kind === 'stage') {
    if (name.occurrence.byIndex) return editorSay(lang, 'renameStageIndex', { index: name.occurrence.text });
    if (name.occurrence.viaVariable) return editorSay(lang, 'renameStageVariable');
    if (!doc.stages[name.index]?.name) return editorSay(lang, 'renameStageUnnamed');
    return null;
  }
  if (isPredefinedName(name.name)) return editorSay(lang, 'renamePredefined', { name: name.name });
  return null;
}

/** The first line at which some name resolves differently once the edits are made; null when none does. */
function changedResolution(doc: ParsedDocument, edits: TextEdit[]): number | null {
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let text = doc.text;
  for (const e of sorted) text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  const before = resolutionFingerprint(doc);
  const after = resolutionFingerprint(parseDocument(text));
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i]?.what !== after[i]?.what) return (after[i] ?? before[i]).line;
  }
  return null;
}
