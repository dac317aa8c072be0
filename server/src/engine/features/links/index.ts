// Document links: COPY/ADD sources → the file in the build context; a FROM image and the `# syntax=`
// frontend → the registry page; rule names in `# check=skip=…` and `# hadolint ignore=…` → their pages.
import * as path from 'node:path';
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Range } from '../../types';
import { keywordOf } from '../../parse/instructionCache';
import { resolveBuildContext } from '../../context/buildContext';
import { classifySource, DOCUMENT_BUDGET, hasWildcard, lookupSource } from '../../context/contextFiles';
import type { Budget } from '../../context/contextFiles';
import { flagValue, readCopyInstruction, variablesAt } from '../../model/copyArgs';
import { expand, globalArgs } from '../../model/variables';
import { editorSay } from '../editorStrings';
import { imagePageUrl } from './images';
import { rulePage } from './rulePages';
import { safe, safeList } from '../../parse/safe';

export { imagePageUrl, parseImageName } from './images';
export { rulePage } from './rulePages';

export interface DocumentLinkResult {
  range: Range;
  /** A web address, or a file on disk. */
  target: { url: string } | { file: string };
  tooltip: string;
}

export function documentLinks(doc: ParsedDocument, ctx: AnalysisContext): DocumentLinkResult[] {
  const out: DocumentLinkResult[] = [];
  directiveLinks(doc, ctx, out);
  for (const stage of doc.stages) imageLink(doc, ctx, stage, out);
  sourceLinks(doc, ctx, out);
  ruleLinks(doc, ctx, out);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function directiveLinks(doc: ParsedDocument, ctx: AnalysisContext, out: DocumentLinkResult[]): void {
  for (const d of safeList(() => doc.ast.getDirectives())) {
    if (d.getName().toLowerCase() !== 'syntax') continue;
    const url = imagePageUrl(d.getValue());
    if (url) out.push({ range: d.getValueRange(), target: { url }, tooltip: editorSay(ctx.lang, 'linkImage', { name: d.getValue() }) });
  }
}

function imageLink(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, out: DocumentLinkResult[]): void {
  const written = stage.base;
  if (!written || stage.parent || written.toLowerCase() === 'scratch') return;
  const range = safe(() => stage.from.getImageRange(), null);
  if (!range) return;
  let image = written;
  if (written.includes('$')) {
    const globals = globalArgs(doc, stage.startLine);
    const resolved = expand(written, (n) => {
      const b = globals.get(n);
      return b && !b.partial && b.value !== null ? b.value : undefined;
    }, doc.escapeChar);
    if (resolved.partial) return;
    image = resolved.text;
    // A variable that resolves to a stage name names that stage, not an image.
    if (doc.stages.some((s) => s.index < stage.index && s.name === image)) return;
  }
  const url = imagePageUrl(image);
  if (url) out.push({ range, target: { url }, tooltip: editorSay(ctx.lang, 'linkImage', { name: image }) });
}

function sourceLinks(doc: ParsedDocument, ctx: AnalysisContext, out: DocumentLinkResult[]): void {
  let context: ReturnType<typeof resolveBuildContext> | undefined;
  const budget: Budget = { left: DOCUMENT_BUDGET };
  for (const stage of doc.stages) {
    for (const instruction of stage.instructions) {
      const keyword = keywordOf(instruction);
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (ctx.isCancelled?.()) return;
      const line = instruction.getRange().start.line;
      const copy = readCopyInstruction(doc, instruction, variablesAt(doc, stage, line, doc.escapeChar));
      if (!copy || flagValue(copy, 'from')) continue;
      context ??= resolveBuildContext(ctx, doc);
      // Restricted Mode, context outside the workspace: a link would confirm that the file exists.
      if (!context?.exists || context.sealed) return;
      for (const source of copy.sources) {
        const value = source.value;
        if (value === null || hasWildcard(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@')) continue;
        const cleaned = classifySource(value);
        if (cleaned.kind === 'outside' || cleaned.relative === '') continue;
        const found = lookupSource(ctx.fs, context.root, cleaned.relative, budget);
        if (budget.left < 0) return;
        if (found.kind !== 'matches' || found.types[0] !== 'file') continue;
        const file = path.join(context.root, ...found.paths[0].split('/'));
        out.push({ range: source.range, target: { file }, tooltip: editorSay(ctx.lang, 'linkFile', { path: found.paths[0] }) });
      }
    }
  }
}

const RULE_COMMENT = /^[ \t]*#[ \t]*(check[ \t]*=|hadolint[ \t]+(?:global[ \t]+)?ignore[ \t]*=)(.*)$/gim;

function ruleLinks(doc: ParsedDocument, ctx: AnalysisContext, out: DocumentLinkResult[]): void {
  if (!/check|hadolint/i.test(doc.text)) return;
  for (const m of doc.text.matchAll(RULE_COMMENT)) {
    const valueStart = (m.index ?? 0) + m[0].length - m[2].length;
    const value = m[2].replace(/\r$/, '');
    const isCheck = /^check/i.test(m[1]);
    for (const { name, offset } of ruleNames(value, isCheck)) {
      const page = rulePage(name);
      // A rule of ours links to its bundled page; without the page (a stripped package) there is no link.
      if (!page || (page.kind === 'ours' && !page.file)) continue;
      const start = valueStart + offset;
      const range = { start: doc.positionAt(start), end: doc.positionAt(start + name.length) };
      const tooltip = editorSay(ctx.lang, page.kind === 'ours' ? 'linkRule' : page.kind === 'buildkit' ? 'linkCheck' : 'linkHadolint', { code: name });
      out.push({ range, target: page.kind === 'ours' ? { file: page.file! } : { url: page.url }, tooltip });
    }
  }
}

/** The names in `skip=A,B;error=true` (check) or `DL3020,DL3025` (hadolint), with their offsets in `value`. */
function ruleNames(value: string, isCheck: boolean): Array<{ name: string; offset: number }> {
  const out: Array<{ name: string; offset: number }> = [];
  let listStart = 0;
  let list = value;
  if (isCheck) {
    const skip = /(^|;)[ \t]*skip[ \t]*=/i.exec(value);
    if (!skip) return out;
    listStart = skip.index + skip[0].length;
    const end = value.indexOf(';', listStart);
    list = value.slice(listStart, end < 0 ? value.length : end);
  }
  for (const m of list.matchAll(/[A-Za-z][\w-]*/g)) out.push({ name: m[0], offset: listStart + (m.index ?? 0) });
  return out;
}
