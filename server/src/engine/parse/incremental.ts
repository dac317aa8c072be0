// Chunked, incremental parsing with dockerfile-ast. The text is cut into chunks of whole lines at places
// where dockerfile-ast's top-level loop is between two items (not inside a continuation, a heredoc or the
// parser directives); each chunk is parsed alone and its instructions and comments are moved to absolute
// lines and bound to one document over the whole text. After an edit only the chunks that changed are
// parsed again. dockerfile-ast objects compute values and ranges through their document; a chunk's
// objects hold a stand-in (ChunkBinding) that forwards to the newest version holding the chunk. A chunk
// reused at the same lines keeps its objects as they are (its binding moves to the new version); a chunk
// the edit moved by some lines gets copies with every position moved. Positions are never modified, so
// ranges already handed out (findings, cached reports, diagnostics being written) stay true.
// test/unit/incremental.test.ts checks the result against `DockerfileParser.parse` on the corpus and
// random edits.
import { ParserDirective } from 'dockerfile-ast';
import type { Comment, Dockerfile, Instruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Dockerfile as DockerfileImpl } from 'dockerfile-ast/lib/dockerfile';
import { Util } from 'dockerfile-ast/lib/util';
import { Instruction as InstructionImpl } from 'dockerfile-ast/lib/instruction';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { computeLineStarts, LineDocument, lineOfOffset } from './lineDocument';
import { carryPositionFree, knownArgumentsRange, rememberArgumentsRange } from './instructionCache';
import type { Position, Range } from '../types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

// dockerfile-ast's instruction constructors (JSONInstruction: RUN, CMD, COPY …) tokenise the arguments
// several times over (getRawArgumentsContent, getArgumentsRange, getFlags, the parser's heredoc check).
// While one of our chunks is being parsed, each instruction's tokens are computed once: the text and the
// ranges an instruction reads cannot change during its parse. Every call still gets its own array (the
// library shifts flags off it). Outside our parse the library's method runs unchanged, so the tests that
// compare our parse with `DockerfileParser.parse` compare against the library's own code.
let tokensDuringParse: Map<object, unknown[]> | null = null;
const instructionPrototype = InstructionImpl.prototype as unknown as { getRawArguments(this: object): unknown[] };
const libraryGetRawArguments = instructionPrototype.getRawArguments;
instructionPrototype.getRawArguments = function getRawArguments(this: object): unknown[] {
  if (!tokensDuringParse) return libraryGetRawArguments.call(this);
  let tokens = tokensDuringParse.get(this);
  if (!tokens) {
    tokens = libraryGetRawArguments.call(this);
    tokensDuringParse.set(this, tokens);
  }
  return tokens.slice();
};

/** Lines a chunk aims for; a chunk grows (doubling) until it ends between two items. Tests lower it. */
export const chunking = { targetLines: 48 };

interface Chunk {
  offset: number;
  end: number;
  startLine: number;
  /** Ends between two items (so the chunk after it may be parsed alone). */
  clean: boolean;
  /** Absolute positions; bound (through `binding`) to the newest version that holds the chunk. */
  instructions: Instruction[];
  comments: Comment[];
  binding: ChunkBinding;
}

/**
 * What the objects of a chunk hold as their `document` and `dockerfile`: stand-ins that forward to the
 * newest version holding the chunk. A chunk reused at the same lines keeps its objects; only the
 * binding is moved to the new version (nothing is copied). Its lines are the same text in both versions,
 * so the objects' own values and ranges do not change; queries across the file (`getVariables` looks at
 * every FROM) see the new version.
 */
class ChunkBinding {
  readonly document: TextDocument;
  readonly dockerfile: DockerfileImpl;
  constructor(
    private target: LineDocument,
    private df: DockerfileImpl,
  ) {
    const binding = this;
    this.document = {
      uri: '',
      languageId: '',
      version: 0,
      get lineCount() {
        return binding.target.lineCount;
      },
      getText: (r?: Range) => binding.target.getText(r),
      positionAt: (offset: number) => binding.target.positionAt(offset),
      offsetAt: (position: Position) => binding.target.offsetAt(position),
      getLineRange: (line: number) => binding.target.getLineRange(line),
      getEOLCharacters: (line: number) => binding.target.getEOLCharacters(line),
    };
    this.dockerfile = new Proxy(Object.create(DockerfileImpl.prototype) as DockerfileImpl, {
      get(_, key) {
        const value = Reflect.get(binding.df, key, binding.df);
        return typeof value === 'function' ? value.bind(binding.df) : value;
      },
    });
  }

  retarget(target: LineDocument, df: DockerfileImpl): void {
    this.target = target;
    this.df = df;
  }
}

interface State {
  text: string;
  lineStarts: number[];
  chunks: Chunk[];
  escapeChar: string;
  /** Parser directives of the first chunk: 12 numbers each (line, name and value ranges), absolute. */
  directives: number[];
}

const states = new WeakMap<object, State>();

export interface ParsedAst {
  ast: Dockerfile;
  lineStarts: number[];
  /** How many chunks were parsed for this version (the rest were reused). */
  parsedChunks: number;
  totalChunks: number;
}

/**
 * Parses `text` like `DockerfileParser.parse`, reusing the chunks of `previous` (an ast this function
 * returned for an earlier text of the same document) that the edit did not touch.
 */
export function parseDockerfile(text: string, previous?: Dockerfile): ParsedAst {
  const prev = previous ? states.get(previous) : undefined;
  let ends = prev ? commonEnds(prev.text, text) : null;
  const lineStarts = prev && ends ? updateLineStarts(prev, text, ends.prefix, ends.suffix) : computeLineStarts(text);
  // Blanking keeps every line break, so the line starts of the real text are those of the blanked one.
  const blanked = blankOverlongLines(text, lineStarts);
  if (blanked !== text) {
    text = blanked;
    ends = prev ? commonEnds(prev.text, text) : null;
  }
  const document = new LineDocument(text, lineStarts);
  const df = new DockerfileImpl(document);
  const parser = new ChunkParser(text, lineStarts, document, df);
  let state: State | null = prev && ends ? reparse(parser, prev, ends.prefix, ends.suffix) : null;
  if (!state) state = parser.full();
  assemble(document, df, state);
  states.set(df, state);
  return { ast: df, lineStarts, parsedChunks: parser.parsedChunks, totalChunks: state.chunks.length };
}

/** Lengths of the common prefix and suffix of two texts (block-wise native compares, then by character). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  for (const block of [65536, 2048, 64]) {
    while (p + block <= max && a.slice(p, p + block) === b.slice(p, p + block)) p += block;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const room = max - p;
  let q = 0;
  for (const block of [65536, 2048, 64]) {
    while (q + block <= room && a.slice(a.length - q - block, a.length - q) === b.slice(b.length - q - block, b.length - q)) q += block;
  }
  while (q < room && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return { prefix: p, suffix: q };
}

/** The line index of `text` from the previous version's: only the changed span is scanned. */
function updateLineStarts(prev: State, text: string, p: number, q: number): number[] {
  const old = prev.lineStarts;
  const delta = text.length - prev.text.length;
  // A line start depends on the characters just before and at it: keep those wholly inside the
  // common prefix, scan the changed span, map those wholly inside the common suffix.
  const out: number[] = [0];
  let k = 1;
  while (k < old.length && old[k] < p) out.push(old[k++]);
  const bound = text.length - q + 1; // new starts ≥ bound come from the old index
  for (let i = Math.max(p - 1, 0); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) {
      if (i + 1 >= bound) break;
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (i + 1 >= bound) break;
    if (i + 1 > out[out.length - 1]) out.push(i + 1);
  }
  k = 0;
  const oldBound = prev.text.length - q + 1;
  let lo = 0;
  let hi = old.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old[mid] < oldBound) lo = mid + 1;
    else hi = mid;
  }
  for (k = lo; k < old.length; k++) out.push(old[k] + delta);
  return out;
}

/** A chunk boundary must be a line start whose line break is not split (`\r|\n`). */
function isBoundary(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const before = text.charCodeAt(offset - 1);
  if (before === 10) return true;
  return before === 13 && text.charCodeAt(offset) !== 10;
}

function isEOL(c: number): boolean {
  return c === 10 || c === 13;
}

class ChunkParser {
  parsedChunks = 0;
  escapeChar = '\\';
  directives: number[] = [];
  constructor(
    readonly text: string,
    readonly lineStarts: number[],
    readonly document: LineDocument,
    readonly df: DockerfileImpl,
  ) {}

  full(): State {
    const chunks: Chunk[] = [];
    this.region(0, this.text.length, chunks);
    return { text: this.text, lineStarts: this.lineStarts, chunks, escapeChar: this.escapeChar, directives: this.directives };
  }

  lineAt(offset: number): number {
    return lineOfOffset(this.lineStarts, offset);
  }

  /** Chunks covering [from, to): `from` is a boundary; the last chunk ends at `to`. */
  region(from: number, to: number, out: Chunk[]): void {
    let startLine = this.lineAt(from);
    let offset = from;
    while (offset < to) {
      let span = chunking.targetLines;
      for (;;) {
        const endLine = this.candidate(startLine + span, to);
        const end = endLine === null ? to : this.lineStarts[endLine];
        const chunk = this.parse(offset, end, startLine);
        if (chunk.clean || end === to) {
          out.push(chunk);
          offset = end;
          if (endLine !== null) startLine = endLine;
          break;
        }
        // Cut inside an item: try a bit further, then (long heredocs) twice as far.
        span = span < 4 * chunking.targetLines ? span + chunking.targetLines : span * 2;
      }
    }
  }

  /**
   * The first line at or after `line` (starting before `to`) that looks like the start of an instruction:
   * a letter in column 0 after a line that does not end with the escape character. Only a guess — the
   * parse decides (`clean`) — but it keeps chunks from ending inside continuations.
   */
  candidate(line: number, to: number): number | null {
    const starts = this.lineStarts;
    const text = this.text;
    const escape = this.escapeChar.charCodeAt(0);
    for (let l = Math.max(line, 1); l < starts.length && starts[l] < to; l++) {
      const c = text.charCodeAt(starts[l]) | 0x20;
      if (c < 0x61 || c > 0x7a) continue; // not a letter
      let e = starts[l] - 1;
      while (e > starts[l - 1] && (isEOL(text.charCodeAt(e)) || text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e--;
      if (text.charCodeAt(e) !== escape) return l;
    }
    return null;
  }

  parse(offset: number, end: number, startLine: number): Chunk {
    this.parsedChunks++;
    const first = offset === 0;
    // Later chunks start after a blank line so that a leading `# name=value` comment is not taken for a
    // parser directive, and (for the backtick) after the escape directive the document declared.
    const prefix = first ? '' : this.escapeChar === '`' ? '# escape=`\n\n' : '\n';
    const prefixLines = first ? 0 : this.escapeChar === '`' ? 2 : 1;
    tokensDuringParse = new Map();
    let df: DockerfileImpl;
    let argumentsRanges: Array<Range | null | undefined>;
    try {
      df = new Parser().parse(prefix + this.text.slice(offset, end));
      // Rules ask every instruction for its arguments range: cheap now, a full tokenisation later.
      argumentsRanges = df.getInstructions().map((i) => safeArgumentsRange(i));
    } finally {
      tokensDuringParse = null;
    }
    const instructions = df.getInstructions();
    const comments = df.getComments();

    // The end of the chunk's own document: an item that reaches it was cut off by the chunk end.
    const eofLine = this.lineAt(end);
    const eof = { line: eofLine - startLine + prefixLines, character: end - this.lineStarts[eofLine] };
    const reachesEnd = (items: Array<{ getRange(): Range }>) => {
      const last = items[items.length - 1]?.getRange().end;
      return !!last && last.line === eof.line && last.character === eof.character;
    };
    let clean = !reachesEnd(instructions) && !reachesEnd(comments);
    if (first) {
      this.escapeChar = df.getEscapeCharacter();
      this.directives = [];
      for (const d of df.getDirectives()) {
        for (const r of [d.getRange(), d.getNameRange(), d.getValueRange()]) this.directives.push(r.start.line, r.start.character, r.end.line, r.end.character);
      }
      // The directive block must end inside the chunk, or the next lines might continue it.
      if (df.getDirectives().length >= eofLine - startLine) clean = false;
    }
    if (end === 0 || !isEOL(this.text.charCodeAt(end - 1))) clean = false;
    // Fresh objects: move them to absolute lines and bind them to the whole document in place.
    const seen = new LargeSet();
    const delta = startLine - prefixLines;
    const binding = new ChunkBinding(this.document, this.df);
    for (const item of [...instructions, ...comments]) shiftInPlace(item, delta, binding.document, binding.dockerfile, seen);
    instructions.forEach((instruction, k) => {
      const r = argumentsRanges[k];
      if (r !== undefined) rememberArgumentsRange(instruction, r && moveRange(r, delta));
    });
    return { offset, end, startLine, clean, instructions, comments, binding };
  }
}

/** Reuses the chunks of `prev` that the new text still contains; null when a full parse is needed. */
function reparse(parser: ChunkParser, prev: State, commonPrefix: number, commonSuffix: number): State | null {
  const text = parser.text;
  const old = prev.chunks;
  if (old.length === 0) return null;

  // Unchanged clean chunks at the start (wholly inside the common prefix).
  let i = 0;
  while (i < old.length && old[i].clean && old[i].end <= commonPrefix) i++;
  while (i > 0 && !isBoundary(text, old[i - 1].end)) i--;
  // Unchanged chunks at the end (wholly inside the common suffix; never the first chunk: it holds the
  // directives).
  const delta = text.length - prev.text.length;
  const prefixEnd = i > 0 ? old[i - 1].end : 0;
  const suffixFrom = prev.text.length - commonSuffix;
  let j = old.length;
  while (j - 1 >= Math.max(i, 1) && old[j - 1].offset >= suffixFrom && old[j - 1].offset + delta >= prefixEnd) j--;
  while (j < old.length && !isBoundary(text, old[j].offset + delta)) j++;
  if (i === 0 && j === old.length) return null; // nothing to reuse

  parser.escapeChar = prev.escapeChar;
  parser.directives = prev.directives;
  const middle: Chunk[] = [];
  let midEnd = j < old.length ? old[j].offset + delta : text.length;
  parser.region(prefixEnd, midEnd, middle);
  // Until the changed part ends between two items, pull the next reused chunk into it.
  while (j < old.length && middle.length > 0 && !middle[middle.length - 1].clean) {
    const last = middle.pop()!;
    j++;
    midEnd = j < old.length ? old[j].offset + delta : text.length;
    parser.region(last.offset, midEnd, middle);
  }
  if (i === 0 && parser.escapeChar !== prev.escapeChar) return null; // the escape directive changed
  const lineDelta = parser.lineStarts.length - prev.lineStarts.length;
  const rebind = (c: Chunk, lines: number, shift: number): Chunk => {
    if (lines === 0) {
      c.binding.retarget(parser.document, parser.df);
      return { ...c, offset: c.offset + shift, end: c.end + shift };
    }
    const binding = new ChunkBinding(parser.document, parser.df);
    return {
      ...c,
      offset: c.offset + shift,
      end: c.end + shift,
      startLine: c.startLine + lines,
      instructions: c.instructions.map((x) => copyMoved(x, lines, binding)),
      comments: c.comments.map((x) => copyMoved(x, lines, binding)),
      binding,
    };
  };
  const prefix = old.slice(0, i).map((c) => rebind(c, 0, 0));
  const suffix = old.slice(j).map((c) => rebind(c, lineDelta, delta));
  return {
    text,
    lineStarts: parser.lineStarts,
    chunks: [...prefix, ...middle, ...suffix],
    escapeChar: parser.escapeChar,
    directives: parser.directives,
  };
}

function range(arr: number[], at: number): Range {
  return { start: { line: arr[at], character: arr[at + 1] }, end: { line: arr[at + 2], character: arr[at + 3] } };
}

/** Fills the Dockerfile of this version with the chunks' objects, in order. */
function assemble(document: LineDocument, df: DockerfileImpl, state: State): void {
  if (state.directives.length > 0) {
    const directives: ParserDirective[] = [];
    for (let k = 0; k < state.directives.length; k += 12) {
      directives.push(new ParserDirective(document, range(state.directives, k), range(state.directives, k + 4), range(state.directives, k + 8)));
    }
    df.setDirectives(directives);
  }
  for (const chunk of state.chunks) for (const instruction of chunk.instructions) df.addInstruction(instruction);
  for (const chunk of state.chunks) for (const comment of chunk.comments) df.addComment(comment);
  organizeComments(df);
}

/** A plain `{ start, end }` of two positions and nothing else. */
function isRange(v: object): v is Range {
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  const r = v as Range;
  return typeof r.start === 'object' && r.start !== null && typeof r.end === 'object' && r.end !== null && isPosition(r.start) && isPosition(r.end) && Object.keys(v).length === 2;
}

function isPosition(v: object): v is Position {
  return Object.getPrototypeOf(v) === Object.prototype && typeof (v as Position).line === 'number' && typeof (v as Position).character === 'number';
}

type Bag = Record<string, unknown>;

/** Moves every position reachable from a freshly parsed object by `delta` lines and rebinds it. */
/**
 * A map from objects with no size limit: one JavaScript Map or Set holds at most 2^24 entries ("Set
 * maximum size exceeded", which a 12 MB JSON CMD reached here, so the file never got diagnostics).
 */
class LargeMap<V> {
  // One Map serves every ordinary parse; the hot path must stay a plain Map lookup.
  private current = new Map<object, V>();
  private readonly full: Map<object, V>[] = [];

  get(key: object): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined || this.full.length === 0) return hit;
    for (let i = 0; i < this.full.length; i++) {
      const older = this.full[i].get(key);
      if (older !== undefined) return older;
    }
    return undefined;
  }

  set(key: object, value: V): void {
    if (this.current.size >= 8_000_000) {
      this.full.push(this.current);
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

class LargeSet {
  private readonly map = new LargeMap<true>();

  has(value: object): boolean {
    return this.map.get(value) !== undefined;
  }

  add(value: object): void {
    this.map.set(value, true);
  }
}

function shiftInPlace(value: unknown, delta: number, document: TextDocument, df: DockerfileImpl, seen: LargeSet): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const x of value) shiftInPlace(x, delta, document, df, seen);
    return;
  }
  if (isPosition(value)) {
    value.line += delta;
    return;
  }
  const bag = value as Bag;
  for (const key of Object.keys(bag)) {
    if (key === 'document') bag[key] = document;
    else if (key === 'dockerfile') bag[key] = df;
    else shiftInPlace(bag[key], delta, document, df, seen);
  }
}

/** A copy of an object of an earlier version, every position moved by `lines`, bound to `binding`. */
function copyMoved<T extends object>(item: T, lines: number, binding: ChunkBinding): T {
  const copy = deepCopy(item, lines, binding.document, binding.dockerfile, new LargeMap()) as T;
  const known = knownArgumentsRange(item as unknown as Instruction);
  if (known !== undefined) rememberArgumentsRange(copy as unknown as Instruction, known && moveRange(known, lines));
  carryPositionFree(item, copy);
  return copy;
}

function moveRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/** `getArgumentsRange()`, or undefined when the library throws on broken text (asked again later). */
function safeArgumentsRange(instruction: Instruction): Range | null | undefined {
  try {
    return instruction.getArgumentsRange();
  } catch {
    return undefined;
  }
}

function deepCopy(value: unknown, lines: number, document: TextDocument, df: DockerfileImpl, memo: LargeMap<unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // Positions and ranges are most of the objects and hold nothing else: copied without the memo (a range
  // or position two objects share becomes two equal ones; nothing compares them by identity).
  if (isPosition(value)) return { line: value.line + lines, character: value.character };
  if (isRange(value)) return moveRange(value, lines);
  const hit = memo.get(value);
  if (hit) return hit;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const x of value) out.push(deepCopy(x, lines, document, df, memo));
    return out;
  }
  const out = Object.create(Object.getPrototypeOf(value)) as Bag;
  memo.set(value, out);
  const bag = value as Bag;
  for (const key of Object.keys(bag)) {
    out[key] = key === 'document' ? document : key === 'dockerfile' ? df : deepCopy(bag[key], lines, document, df, memo);
  }
  return out;
}

/**
 * `Dockerfile.organizeComments` in linear time (the library's version tests every comment against every
 * stage: seconds on 100,000 lines). Stage ranges (FROM to last instruction) are disjoint and ordered, so
 * a binary search finds the only stage that can hold a comment; the membership test is the library's.
 */
function organizeComments(df: DockerfileImpl): void {
  const internal = df as unknown as { initialInstructions: ImageTemplate; buildStages: ImageTemplate[] };
  const initial = internal.initialInstructions;
  const stages = internal.buildStages;
  const initialRange = initial.getRange();
  const stageRanges = stages.map((s) => s.getRange());
  for (const comment of df.getComments()) {
    const r = comment.getRange();
    if (initialRange && Util.isInsideRange(r.end, initialRange)) {
      initial.addComment(comment);
      continue;
    }
    let lo = 0;
    let hi = stageRanges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = stageRanges[mid]!.start;
      if (s.line < r.start.line || (s.line === r.start.line && s.character <= r.start.character)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0 && Util.isInsideRange(r.start, stageRanges[found]!)) stages[found].addComment(comment);
  }
}

/**
 * Lines longer than this are not given to dockerfile-ast: it makes objects for every word, so one 4 MB JSON
 * array took seconds and gigabytes to parse (and 12 MB threw). The `file-too-large` guard (rules/limits.ts)
 * uses the same figure and then runs no check, since the parse no longer holds that line's content.
 */
export const MAX_PARSED_LINE_LENGTH = 100_000;

/**
 * The text with every line over MAX_PARSED_LINE_LENGTH replaced by spaces of the same length, so that
 * offsets and line numbers stay those of the real text. A final `\` or backtick is kept, so that a
 * continued instruction still continues over it.
 */
export function blankOverlongLines(text: string, lineStarts: readonly number[] = computeLineStarts(text)): string {
  if (text.length <= MAX_PARSED_LINE_LENGTH) return text;
  let out: string[] | null = null;
  let copied = 0;
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
    if (end - start <= MAX_PARSED_LINE_LENGTH) continue;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end - start <= MAX_PARSED_LINE_LENGTH) continue;
    const last = text[end - 1];
    const keep = last === '\\' || last === '`' ? 1 : 0;
    out ??= [];
    out.push(text.slice(copied, start), ' '.repeat(end - start - keep));
    copied = end - keep;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}
