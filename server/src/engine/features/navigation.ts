// Go to definition, find references, document highlights: over the names model (model/references) and,
// for a COPY/ADD source, the build context (the file it copies) or the stage it copies from (the
// instruction of that stage that wrote the path, when the Dockerfile tells).
import * as path from 'node:path';
import * as posix from 'node:path/posix';
import type { Instruction } from 'dockerfile-ast';
import type { AnalysisContext } from '../context';
import type { ParsedDocument, Stage } from '../parse/document';
import type { Position, Range } from '../types';
import { rangeContains } from '../types';
import { documentReferences, nameAt, occurrencesOf } from '../model/references';
import type { NameRef } from '../model/references';
import { readCopyInstruction, flagValue, variablesAt } from '../model/copyArgs';
import type { CopyInstruction } from '../model/copyArgs';
import { resolveDestination, workdirAt } from '../model/paths';
import { resolveBuildContext } from '../context/buildContext';
import { classifySource, lookupSource, SOURCE_BUDGET } from '../context/contextFiles';
import { argumentsRange, keywordOf } from '../parse/instructionCache';

/** A place in this document (`path` absent) or in a file of the build context. */
export interface Target {
  /** Absolute file path; absent for this document. */
  path?: string;
  /** The whole thing pointed at (for a file: its start). */
  range: Range;
  /** The name inside it (the `AS` name, the ARG name). */
  selectionRange: Range;
}

export interface Highlight {
  range: Range;
  kind: 'read' | 'write';
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** Files a wildcard source may list as definitions. */
const MAX_FILE_TARGETS = 20;

export function definition(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): Target[] {
  const name = nameAt(doc, pos);
  if (name) return nameDefinition(doc, name);
  return copySourceDefinition(doc, ctx, pos);
}

export function references(doc: ParsedDocument, pos: Position, includeDeclaration: boolean): Range[] {
  const name = nameAt(doc, pos);
  if (!name) return [];
  return occurrencesOf(doc, name)
    .filter((o) => includeDeclaration || o.role !== 'declaration')
    .map((o) => o.range);
}

export function highlights(doc: ParsedDocument, pos: Position): Highlight[] {
  const name = nameAt(doc, pos);
  if (!name) return [];
  return occurrencesOf(doc, name).map((o) => ({ range: o.range, kind: o.role === 'declaration' ? 'write' : 'read' }));
}

function nameDefinition(doc: ParsedDocument, name: NameRef): Target[] {
  if (name.kind === 'stage') {
    const stage = doc.stages[name.index];
    if (!stage) return [];
    const decl = documentReferences(doc).stages.find((s) => s.role === 'declaration' && s.target === stage.index);
    const range = stage.from.getRange();
    return [{ range, selectionRange: decl?.range ?? stage.from.getInstructionRange() }];
  }
  if (name.kind !== 'variable') return [];
  const refs = documentReferences(doc);
  const occurrence = name.occurrence;
  // On a stage's `ARG NAME` that takes a global default: the global ARG. Otherwise: the declaration read.
  const wanted = occurrence.role === 'declaration' && occurrence.globalKey ? occurrence.globalKey : occurrence.key;
  const decls = refs.variables.filter((v) => v.role === 'declaration' && v.key === wanted && v.line === Number(wanted?.split('@').pop()));
  return decls.map((d) => ({ range: doc.instructionAtLine(d.line)?.getRange() ?? d.range, selectionRange: d.range }));
}

function copySourceDefinition(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): Target[] {
  const instruction = doc.instructionAtLine(pos.line);
  if (!instruction) return [];
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'ADD') return [];
  const line = instruction.getRange().start.line;
  const stage = doc.stageAtLine(line);
  const copy = readCopyInstruction(doc, instruction, variablesAt(doc, stage, line, doc.escapeChar));
  if (!copy) return [];
  const source = copy.sources.find((s) => rangeContains(s.range, pos));
  if (!source || source.value === null) return [];
  const from = flagValue(copy, 'from');
  if (from) return stagePathDefinition(doc, copy, from, source.value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.value) || /^git@/.test(source.value)) return [];
  const context = resolveBuildContext(ctx, doc);
  // Restricted Mode, context outside the workspace: not listed, and a target would confirm what exists there.
  if (!context?.exists || context.sealed) return [];
  const cleaned = classifySource(source.value);
  if (cleaned.kind === 'outside') return [];
  const found = lookupSource(ctx.fs, context.root, cleaned.relative, { left: SOURCE_BUDGET });
  if (found.kind !== 'matches') return [];
  const out: Target[] = [];
  found.paths.forEach((rel, i) => {
    if (found.types[i] !== 'file' || out.length >= MAX_FILE_TARGETS) return;
    out.push({ path: path.join(context.root, ...rel.split('/')), range: FILE_START, selectionRange: FILE_START });
  });
  return out;
}

/**
 * `COPY --from=<stage> <path>`: the instruction of that stage (or a stage it is built from) that last
 * wrote the path — a COPY/ADD whose destination holds it, a WORKDIR that made it, else a RUN that names it.
 */
function stagePathDefinition(doc: ParsedDocument, copy: CopyInstruction, from: string, source: string): Target[] {
  const current = doc.stageAtLine(copy.instruction.getRange().start.line);
  const byIndex = /^\d+$/.test(from) ? doc.stages[Number(from)] : undefined;
  const stage = byIndex ?? [...doc.stages].reverse().find((s) => s.name === from.toLowerCase());
  if (!stage || (current && stage.index >= current.index)) return [];
  const wanted = posix.normalize(source.startsWith('/') ? source : `/${source}`).replace(/\/+$/, '') || '/';
  for (let s: Stage | null = stage, depth = 0; s && depth < 64; s = s.parent && s.parent.index < s.index ? s.parent : null, depth++) {
    const hit = writerIn(doc, s, wanted);
    if (hit) {
      const args = argumentsRange(hit) ?? hit.getRange();
      return [{ range: hit.getRange(), selectionRange: args }];
    }
  }
  return [];
}

function writerIn(doc: ParsedDocument, stage: Stage, wanted: string): Instruction | null {
  let mention: Instruction | null = null;
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const instruction = stage.instructions[i];
    const keyword = keywordOf(instruction);
    const line = instruction.getRange().start.line;
    if (keyword === 'COPY' || keyword === 'ADD') {
      const c = readCopyInstruction(doc, instruction, variablesAt(doc, stage, line, doc.escapeChar));
      if (!c?.dest || c.dest.value === null) continue;
      const dest = resolveDestination(doc, stage, line, c.dest.value, false);
      if (dest.partial) continue;
      const destPath = dest.path.replace(/\/+$/, '') || '/';
      if (destPath === wanted) return instruction;
      if (dest.isDir && (wanted.startsWith(destPath === '/' ? '/' : `${destPath}/`))) return instruction;
    } else if (keyword === 'WORKDIR') {
      const wd = workdirAt(doc, stage, line + 1);
      if (!wd.partial && wd.path === wanted) return instruction;
    } else if (keyword === 'RUN' && !mention) {
      const text = doc.textIn(instruction.getRange());
      const at = text.indexOf(wanted);
      const after = text[at + wanted.length];
      if (at >= 0 && (after === undefined || !/[\w.-]/.test(after))) mention = instruction;
    }
  }
  return mention;
}
