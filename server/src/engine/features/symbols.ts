// Document symbols for the Outline view and breadcrumbs: parser directives and global ARGs at the top,
// then one symbol per stage (its name, or its index) holding its instructions.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import type { Lang, Range } from '../types';
import { keywordOf } from '../parse/instructionCache';
import { editorSay } from './editorStrings';
import { safe, safeList } from '../parse/safe';

export type SymbolKind = 'directive' | 'stage' | 'variable' | 'file' | 'command' | 'property' | 'trigger' | 'instruction';

export interface DocumentSymbolNode {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbolNode[];
}

const KINDS: Record<string, SymbolKind> = {
  ARG: 'variable',
  ENV: 'variable',
  COPY: 'file',
  ADD: 'file',
  RUN: 'command',
  CMD: 'command',
  ENTRYPOINT: 'command',
  HEALTHCHECK: 'command',
  SHELL: 'command',
  LABEL: 'property',
  EXPOSE: 'property',
  USER: 'property',
  WORKDIR: 'property',
  VOLUME: 'property',
  STOPSIGNAL: 'property',
  MAINTAINER: 'property',
  ONBUILD: 'trigger',
};

const MAX_NAME = 60;
const CACHE = new WeakMap<ParsedDocument, Map<Lang, DocumentSymbolNode[]>>();

export function documentSymbols(doc: ParsedDocument, lang: Lang): DocumentSymbolNode[] {
  let byLang = CACHE.get(doc);
  if (!byLang) {
    byLang = new Map();
    CACHE.set(doc, byLang);
  }
  const hit = byLang.get(lang);
  if (hit) return hit;
  const out: DocumentSymbolNode[] = [];
  for (const d of safeList(() => doc.ast.getDirectives())) {
    const range = d.getRange();
    out.push({ name: `${d.getName()}=${d.getValue()}`, detail: editorSay(lang, 'symbolDirective'), kind: 'directive', range, selectionRange: d.getNameRange() ?? range });
  }
  for (const instruction of doc.preamble) out.push(instructionSymbol(doc, instruction));
  for (const stage of doc.stages) out.push(stageSymbol(doc, stage, lang));
  byLang.set(lang, out);
  return out;
}

function stageSymbol(doc: ParsedDocument, stage: Stage, lang: Lang): DocumentSymbolNode {
  const head = fromHead(stage);
  const last = stage.instructions[stage.instructions.length - 1];
  const range: Range = { start: head.range.start, end: last ? last.getRange().end : head.range.end };
  return {
    name: head.name ?? editorSay(lang, 'symbolStage', { index: stage.index }),
    detail: head.detail,
    kind: 'stage',
    range,
    selectionRange: head.selectionRange,
    children: stage.instructions.map((i) => instructionSymbol(doc, i)),
  };
}

interface FromHead {
  name: string | null;
  detail: string;
  range: Range;
  selectionRange: Range;
}

// dockerfile-ast reads a FROM's stage name and its range from the text again on every call.
const FROM_HEADS = new WeakMap<Instruction, FromHead>();

function fromHead(stage: Stage): FromHead {
  let head = FROM_HEADS.get(stage.from);
  if (!head) {
    const nameRange = safe(() => stage.from.getBuildStageRange(), null);
    head = {
      name: stage.name ? safe(() => stage.from.getBuildStage(), null) ?? stage.name : null,
      detail: `FROM ${stage.base ?? ''}`.trim(),
      range: stage.from.getRange(),
      selectionRange: nameRange ?? stage.from.getInstructionRange(),
    };
    FROM_HEADS.set(stage.from, head);
  }
  return head;
}

// An instruction object keeps its text and position for its whole life (the incremental parser copies
// one whose lines move), so its symbol is kept with it and reused by the versions that share it.
const BY_INSTRUCTION = new WeakMap<Instruction, DocumentSymbolNode>();

function instructionSymbol(doc: ParsedDocument, instruction: Instruction): DocumentSymbolNode {
  let node = BY_INSTRUCTION.get(instruction);
  if (!node) {
    node = computeInstructionSymbol(doc, instruction);
    BY_INSTRUCTION.set(instruction, node);
  }
  return node;
}

function computeInstructionSymbol(doc: ParsedDocument, instruction: Instruction): DocumentSymbolNode {
  const keyword = keywordOf(instruction);
  const summary = firstLineOfArguments(doc, instruction);
  return {
    name: summary ? `${keyword} ${summary}` : keyword,
    kind: KINDS[keyword] ?? 'instruction',
    range: instruction.getRange(),
    selectionRange: instruction.getInstructionRange(),
  };
}

/** Flags and arguments as far as the first line shows them, without the continuation mark, shortened. */
function firstLineOfArguments(doc: ParsedDocument, instruction: Instruction): string {
  const keyword = instruction.getInstructionRange();
  const line = keyword.start.line;
  let text = doc.lineText(line).slice(keyword.end.character).trim();
  const continued = instruction.getRange().end.line > line;
  if (continued && text.endsWith(doc.escapeChar)) text = text.slice(0, -1).trimEnd();
  if (text.length > MAX_NAME) text = `${text.slice(0, MAX_NAME - 1)}…`;
  else if (continued) text = text ? `${text} …` : '…';
  return text;
}
