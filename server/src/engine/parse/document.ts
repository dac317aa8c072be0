// A parsed Dockerfile with the facts every feature needs: stages, directives, line index.
// Parsed once per document version; hovers, rules and fixes all read this model.
import { Dockerfile, Instruction, From } from 'dockerfile-ast';
import { parseDockerfile } from './incremental';
import { computeLineStarts, lineOfOffset } from './lineDocument';
import type { Position, Range } from '../types';
import { keywordOf } from './instructionCache';

export interface Stage {
  index: number;
  /** Lower-cased `AS name`, or null. */
  name: string | null;
  from: From;
  /** The image reference of the FROM line as written (`node:20`, `build`, `$BASE`). */
  base: string | null;
  /** The earlier stage this one is built FROM, when the base names one (by name or index). */
  parent: Stage | null;
  /** Instructions of the stage after its FROM, in order. */
  instructions: Instruction[];
  startLine: number;
  endLine: number;
}

export interface ParsedDocument {
  readonly text: string;
  readonly ast: Dockerfile;
  readonly escapeChar: '\\' | '`';
  readonly instructions: Instruction[];
  /** Instructions before the first FROM (global ARGs). */
  readonly preamble: Instruction[];
  readonly stages: Stage[];
  /** Start offset of each line. */
  readonly lineStarts: number[];
  lineCount(): number;
  lineText(line: number): string;
  offsetAt(pos: Position): number;
  positionAt(offset: number): Position;
  textIn(range: Range): string;
  stageAtLine(line: number): Stage | null;
  instructionAtLine(line: number): Instruction | null;
}

export { computeLineStarts };

/** Parses like `DockerfileParser.parse`, in chunks (see incremental.ts), so large files stay linear. */
export function parseDocument(text: string): ParsedDocument {
  const { ast, lineStarts } = parseDockerfile(text);
  return buildDocument(text, ast, lineStarts);
}

/** The next version of a document: reuses the parse of the chunks the edit did not touch. */
export function reparseDocument(previous: ParsedDocument, text: string): ParsedDocument {
  if (previous.text === text) return previous;
  const { ast, lineStarts } = parseDockerfile(text, previous.ast);
  return buildDocument(text, ast, lineStarts);
}

export function buildDocument(text: string, ast: Dockerfile, lineStarts: number[] = computeLineStarts(text)): ParsedDocument {
  const instructions = ast.getInstructions();
  const escapeChar = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  const byName = new Map<string, Stage>();
  for (const instruction of instructions) {
    const keyword = keywordOf(instruction);
    if (keyword === 'FROM') {
      const from = instruction as From;
      const { base, name } = fromFacts(from);
      const line = instruction.getRange().start.line;
      const parent = base ? resolveStageRef(base, stages, byName) : null;
      const stage: Stage = {
        index: stages.length,
        name: name ? name.toLowerCase() : null,
        from,
        base,
        parent,
        instructions: [],
        startLine: line,
        endLine: instruction.getRange().end.line,
      };
      if (stages.length > 0) stages[stages.length - 1].endLine = line - 1;
      stages.push(stage);
      if (stage.name && !byName.has(stage.name)) byName.set(stage.name, stage);
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      const stage = stages[stages.length - 1];
      stage.instructions.push(instruction);
    }
  }
  if (stages.length > 0) stages[stages.length - 1].endLine = Math.max(lineStarts.length - 1, stages[stages.length - 1].startLine);

  const stageAtLine = (line: number): Stage | null => {
    let lo = 0;
    let hi = stages.length - 1;
    let found: Stage | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (stages[mid].startLine <= line) {
        found = stages[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const instructionAtLine = (line: number): Instruction | null => {
    let lo = 0;
    let hi = instructions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = instructions[mid].getRange();
      if (line < r.start.line) hi = mid - 1;
      else if (line > r.end.line) lo = mid + 1;
      else return instructions[mid];
    }
    return null;
  };
  const offsetAt = (pos: Position): number => {
    if (pos.line < 0) return 0;
    if (pos.line >= lineStarts.length) return text.length;
    const start = lineStarts[pos.line];
    const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  };
  const positionAt = (offset: number): Position => {
    offset = Math.max(0, Math.min(offset, text.length));
    const line = lineOfOffset(lineStarts, offset);
    return { line, character: offset - lineStarts[line] };
  };
  const lineText = (line: number): string => {
    if (line < 0 || line >= lineStarts.length) return '';
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    return text.slice(lineStarts[line], end).replace(/\r?\n$|\r$/, '');
  };
  return {
    text,
    ast,
    escapeChar,
    instructions,
    preamble,
    stages,
    lineStarts,
    lineCount: () => lineStarts.length,
    lineText,
    offsetAt,
    positionAt,
    textIn: (range) => text.slice(offsetAt(range.start), offsetAt(range.end)),
    stageAtLine,
    instructionAtLine,
  };
}

// Image and stage name per FROM object: both re-read the instruction's text on every call, and an edit
// elsewhere keeps the objects of unchanged chunks (incremental.ts), so most are known from the last version.
const FROM_FACTS = new WeakMap<From, { base: string | null; name: string | null }>();

function fromFacts(from: From): { base: string | null; name: string | null } {
  let facts = FROM_FACTS.get(from);
  if (!facts) {
    facts = { base: safe(() => from.getImage(), null), name: safe(() => from.getBuildStage(), null) };
    FROM_FACTS.set(from, facts);
  }
  return facts;
}

function resolveStageRef(base: string, earlier: Stage[], byName: Map<string, Stage>): Stage | null {
  const named = byName.get(base.toLowerCase());
  if (named) return named;
  if (/^\d+$/.test(base)) {
    const index = Number(base);
    return index < earlier.length ? earlier[index] : null;
  }
  return null;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * One memoised value per stage of a parsed document, forgotten with the document. `compute` may call
 * back into the same cache for other stages (a parent stage's value).
 */
export function perStageCache<T>(): (doc: ParsedDocument, stage: Stage, compute: () => T) => T {
  const cache = new WeakMap<ParsedDocument, Map<number, T>>();
  return (doc, stage, compute) => {
    let byStage = cache.get(doc);
    if (!byStage) {
      byStage = new Map();
      cache.set(doc, byStage);
    }
    if (byStage.has(stage.index)) return byStage.get(stage.index)!;
    const value = compute();
    byStage.set(stage.index, value);
    return value;
  };
}
