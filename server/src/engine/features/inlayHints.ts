// Inlay hints: after each stage's last CMD/ENTRYPOINT, the argv its containers run; after a relative
// COPY/ADD destination, where it lands; after a FROM image written with variables, the image it names.
import type { AnalysisContext } from '../context';
import type { ParsedDocument, Stage } from '../parse/document';
import type { Position, Range } from '../types';
import { keywordOf } from '../parse/instructionCache';
import { argvJson, stageCommand } from '../model/commandLine';
import { readCopyInstruction, variablesAt } from '../model/copyArgs';
import { resolveDestination } from '../model/paths';
import { expand, globalArgs } from '../model/variables';
import { editorSay } from './editorStrings';

export interface InlayHintResult {
  position: Position;
  label: string;
  tooltip: string;
}

const MAX_LABEL = 100;

export function inlayHints(doc: ParsedDocument, ctx: AnalysisContext, range: Range): InlayHintResult[] {
  const settings = ctx.settings.editor.inlayHints;
  const out: InlayHintResult[] = [];
  for (const stage of doc.stages) {
    if (stage.endLine < range.start.line || stage.startLine > range.end.line) continue;
    if (ctx.isCancelled?.()) break;
    if (settings.fromVariables && stage.startLine >= range.start.line) fromHint(doc, ctx, stage, out);
    if (settings.copyDestination) destinationHints(doc, ctx, stage, range, out);
    if (settings.effectiveCommand) commandHint(doc, ctx, stage, range, out);
  }
  return out;
}

function commandHint(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, range: Range, out: InlayHintResult[]): void {
  let last = null;
  for (const i of stage.instructions) {
    const k = keywordOf(i);
    if (k === 'CMD' || k === 'ENTRYPOINT') last = i;
  }
  if (!last) return;
  const end = last.getRange().end;
  if (end.line < range.start.line || end.line > range.end.line) return;
  // The same composition the CMD/ENTRYPOINT hover shows (model/commandLine.ts).
  const command = stageCommand(doc, stage);
  const fromBase = command.entrypointFromBase && command.argv.length > 0;
  const json = argvJson(command.argv, ', ');
  const shown = fromBase ? json.replace(/^\[/, '[…, ') : json;
  const tooltip = [editorSay(ctx.lang, 'inlayRuns'), json];
  if (command.entrypointFromBase || command.cmdFromBase) tooltip.push(editorSay(ctx.lang, 'inlayRunsPartial', { image: command.baseImage ?? '' }));
  out.push({ position: end, label: `→ ${shorten(shown)}`, tooltip: tooltip.join('\n\n') });
}

function destinationHints(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, range: Range, out: InlayHintResult[]): void {
  for (const instruction of stage.instructions) {
    const r = instruction.getRange();
    if (r.end.line < range.start.line || r.start.line > range.end.line) continue;
    const keyword = keywordOf(instruction);
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const line = r.start.line;
    const copy = readCopyInstruction(doc, instruction, variablesAt(doc, stage, line, doc.escapeChar));
    const dest = copy?.dest;
    if (!dest || dest.value === null || dest.value.startsWith('/')) continue;
    const resolved = resolveDestination(doc, stage, line, dest.value, false);
    if (resolved.partial) continue;
    out.push({ position: dest.range.end, label: `→ ${shorten(resolved.path)}`, tooltip: editorSay(ctx.lang, 'inlayDestination') });
  }
}

function fromHint(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, out: InlayHintResult[]): void {
  const written = stage.base;
  if (!written || !written.includes('$')) return;
  let imageRange: Range | null = null;
  try {
    imageRange = stage.from.getImageRange();
  } catch {
    return;
  }
  if (!imageRange) return;
  const globals = globalArgs(doc, stage.startLine);
  const resolved = expand(written, (n) => {
    const b = globals.get(n);
    return b && !b.partial && b.value !== null ? b.value : undefined;
  }, doc.escapeChar);
  if (resolved.partial || resolved.text === written) return;
  out.push({ position: imageRange.end, label: `= ${shorten(resolved.text || '""')}`, tooltip: editorSay(ctx.lang, 'inlayFromVariable') });
}

function shorten(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  return flat.length > MAX_LABEL ? `${flat.slice(0, MAX_LABEL - 1)}…` : flat;
}
