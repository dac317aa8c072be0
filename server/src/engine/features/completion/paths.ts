// Paths for COPY/ADD: sources from the build context, one folder at a time, without what `.dockerignore`
// leaves out (an excluded name is still shown, struck through, once the user types its beginning), never
// more than a budget of entries per request; destinations from the absolute paths the stage (and the
// stages it is built from) has already used: WORKDIRs, COPY/ADD destinations, VOLUMEs.
import * as path from 'node:path';
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Lang, Range } from '../../types';
import { keywordOf } from '../../parse/instructionCache';
import { resolveBuildContext } from '../../context/buildContext';
import { readCopyInstruction, variablesAt } from '../../model/copyArgs';
import { resolveDestination, workdirAt } from '../../model/paths';
import { argumentText } from '../../model/commandLine';
import { editorSay } from '../editorStrings';
import type { CompletionEntry, CompletionOutcome } from './types';

/** Entries of one folder looked at per request; a larger folder is listed by the typed prefix only. */
export const FOLDER_BUDGET = 500;

/** `typed`: the path written so far (quotes and JSON brackets already removed); `start`: where it begins. */
export function contextPathItems(ctx: AnalysisContext, doc: ParsedDocument, typed: string, range: Range): CompletionOutcome {
  const empty: CompletionOutcome = { items: [], isIncomplete: false };
  if (typed.startsWith('/') || typed.includes('$') || /(^|\/)\.\.(\/|$)/.test(typed)) return empty;
  const context = resolveBuildContext(ctx, doc);
  // Restricted Mode, context outside the workspace: never listed.
  if (!context?.exists || context.sealed) return empty;
  const slash = typed.lastIndexOf('/');
  const folderRel = normalizeFolder(typed.slice(0, slash + 1));
  if (folderRel === null) return empty;
  const namePart = typed.slice(slash + 1);
  const folderAbs = folderRel ? path.join(context.root, ...folderRel.split('/')) : context.root;
  if (ctx.fs.stat(folderAbs)?.type !== 'dir') return empty;
  let names = ctx.fs.readDir(folderAbs) ?? [];
  let isIncomplete = false;
  if (names.length > FOLDER_BUDGET) {
    const lower = namePart.toLowerCase();
    names = names.filter((n) => n.toLowerCase().startsWith(lower));
    isIncomplete = true;
    if (names.length > FOLDER_BUDGET) names = names.slice(0, FOLDER_BUDGET);
  }
  const nameRange: Range = { start: { line: range.end.line, character: range.end.character - namePart.length }, end: range.end };
  const items: CompletionEntry[] = [];
  for (const name of names) {
    if (ctx.isCancelled?.()) break;
    const rel = folderRel ? `${folderRel}/${name}` : name;
    const st = ctx.fs.stat(path.join(folderAbs, name));
    if (!st) continue;
    const isDir = st.type === 'dir';
    const ignored = context.ignore?.ignores(rel) && !(isDir && context.ignore.hasExceptions);
    if (ignored && (namePart === '' || !name.startsWith(namePart))) {
      isIncomplete = true; // typing its first letters brings it back, marked
      continue;
    }
    const entry: CompletionEntry = {
      label: isDir ? `${name}/` : name,
      kind: isDir ? 'folder' : 'file',
      detail: editorSay(ctx.lang, isDir ? 'completionFolder' : 'completionFile'),
      insertText: isDir ? `${name}/` : name,
      filterText: name,
      range: nameRange,
      sortText: `${ignored ? '2' : isDir ? '0' : '1'}${name}`,
      retrigger: isDir,
    };
    if (ignored) {
      entry.deprecated = true;
      const deciding = context.ignore!.decidingPattern(rel);
      entry.detail = editorSay(ctx.lang, 'completionExcluded', { line: deciding?.line ?? '?' });
    }
    items.push(entry);
  }
  return { items, isIncomplete };
}

/** `a/./b/` → `a/b`; null when it climbs out. */
function normalizeFolder(folder: string): string | null {
  const parts: string[] = [];
  for (const p of folder.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return null;
    parts.push(p);
  }
  return parts.join('/');
}

export interface ImagePath {
  path: string;
  line: number;
}

/** Absolute image paths used in `stage` (and the stages it is built from) before `line`, newest first. */
export function imagePaths(doc: ParsedDocument, stage: Stage, line: number): ImagePath[] {
  const seen = new Map<string, number>();
  const chain: Stage[] = [];
  for (let s: Stage | null = stage, depth = 0; s && depth < 64; s = s.parent && s.parent.index < s.index ? s.parent : null, depth++) chain.unshift(s);
  for (const s of chain) {
    for (const instruction of s.instructions) {
      const l = instruction.getRange().start.line;
      if (s === stage && l >= line) break;
      const keyword = keywordOf(instruction);
      if (keyword === 'WORKDIR') {
        const wd = workdirAt(doc, s, l + 1);
        if (!wd.partial) seen.set(withSlash(wd.path), l);
      } else if (keyword === 'COPY' || keyword === 'ADD') {
        const copy = readCopyInstruction(doc, instruction, variablesAt(doc, s, l, doc.escapeChar));
        if (!copy?.dest || copy.dest.value === null) continue;
        const dest = resolveDestination(doc, s, l, copy.dest.value, false);
        if (!dest.partial) seen.set(dest.path, l);
      } else if (keyword === 'VOLUME') {
        for (const m of argumentText(doc, instruction).matchAll(/\/[^\s"',\]]*/g)) seen.set(withSlash(m[0]), l);
      }
    }
  }
  return [...seen].map(([p, l]) => ({ path: p, line: l })).sort((a, b) => b.line - a.line);
}

export function imagePathItems(doc: ParsedDocument, stage: Stage, line: number, lang: Lang, range: Range): CompletionEntry[] {
  return imagePaths(doc, stage, line).map((p, i) => ({
    label: p.path,
    kind: p.path.endsWith('/') ? 'folder' : 'file',
    detail: editorSay(lang, 'completionImagePath', { line: p.line + 1 }),
    range,
    sortText: `3${String(i).padStart(4, '0')}`,
  }));
}

function withSlash(p: string): string {
  return p.endsWith('/') ? p : `${p}/`;
}
