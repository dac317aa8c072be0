// Variables after `$` or `${`: what the instruction at this line can read, scoped as BuildKit scopes
// them (model/variables.ts): FROM lines see the global ARGs and the platform arguments; a stage sees its
// own ARG/ENV and those of the stage it is built from, and the proxy arguments.
import type { ParsedDocument } from '../../parse/document';
import type { Lang, Range } from '../../types';
import type { VariableBinding } from '../../model/variables';
import { globalArgs, PLATFORM_ARGS, PROXY_ARGS, scopeAt } from '../../model/variables';
import { editorSay, editorSayMarkdown } from '../editorStrings';
import type { CompletionEntry } from './types';

/** Where the variable name being typed starts, when the text before the cursor ends in `$NA` or `${NA`. */
export function variablePrefix(prefix: string, escapeChar: string): { braced: boolean; name: string } | null {
  const m = /\$(\{)?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(prefix);
  if (!m) return null;
  const dollar = m.index;
  if (dollar > 0 && prefix[dollar - 1] === escapeChar) return null;
  return { braced: !!m[1], name: m[2] ?? '' };
}

export function variableItems(doc: ParsedDocument, line: number, lang: Lang, range: Range, braced: boolean, closeBrace: boolean): CompletionEntry[] {
  const stage = doc.stageAtLine(line);
  const inFrom = !stage || line <= stage.startLine;
  const entries = new Map<string, CompletionEntry>();
  const add = (name: string, detail: string, documentation?: string) => {
    if (entries.has(name)) return;
    entries.set(name, {
      label: name,
      kind: 'variable',
      detail,
      documentation,
      insertText: braced && closeBrace ? `${name}}` : name,
      range,
    });
  };
  if (inFrom) {
    for (const b of globalArgs(doc, line).values()) add(b.name, valueDetail(b, lang), editorSay(lang, 'completionGlobal', { line: b.line + 1 }));
    for (const name of PLATFORM_ARGS) add(name, editorSay(lang, 'completionPredefined'));
  } else {
    const scope = scopeAt(doc, line);
    for (const b of scope.env.values()) add(b.name, valueDetail(b, lang), editorSay(lang, 'completionEnv', { line: b.line + 1 }));
    for (const b of scope.args.values()) {
      add(b.name, valueDetail(b, lang), b.kind === 'predefined' ? editorSay(lang, 'completionPredefined') : editorSay(lang, 'completionArg', { line: b.line + 1 }));
    }
    for (const name of PROXY_ARGS) add(name, editorSay(lang, 'completionProxy'));
  }
  return [...entries.values()];
}

/** Names an `ARG` line in a stage may declare: global ARGs to bring in, and the platform arguments. */
export function argNameItems(doc: ParsedDocument, line: number, lang: Lang, range: Range): CompletionEntry[] {
  const stage = doc.stageAtLine(line);
  if (!stage || line <= stage.startLine) return [];
  const scope = scopeAt(doc, line);
  const out: CompletionEntry[] = [];
  for (const b of globalArgs(doc).values()) {
    if (scope.args.has(b.name)) continue;
    out.push({ label: b.name, kind: 'variable', detail: valueDetail(b, lang), documentation: editorSayMarkdown(lang, 'completionGlobalImport', { line: b.line + 1 }), range, sortText: `0${b.name}` });
  }
  for (const name of PLATFORM_ARGS) {
    if (scope.args.has(name)) continue;
    out.push({ label: name, kind: 'variable', detail: editorSay(lang, 'completionPredefined'), range, sortText: `1${name}` });
  }
  return out;
}

function valueDetail(b: VariableBinding, lang: Lang): string {
  if (b.kind === 'predefined' && b.value === null) return editorSay(lang, 'completionPredefined');
  if (b.value === null) return editorSay(lang, 'completionNoDefault');
  const raw = b.partial ? (b.raw ?? b.value) : b.value;
  const shown = raw.length > 60 ? `${raw.slice(0, 59)}…` : raw;
  return `= ${shown}`;
}
