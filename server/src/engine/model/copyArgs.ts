// COPY and ADD as BuildKit reads them: flags, sources, destination, each with the range it was written
// at, and its value after variable substitution (null when a variable's value cannot be known here).
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { classifyJsonForm } from '../parse/instruction';
import { joinContinuations } from './shell/continuation';
import type { Range } from '../types';
import { globalArgs, lookupVariable, MAX_VALUE_LENGTH } from './variables';
import { keywordOf } from '../parse/instructionCache';

export interface CopyWord {
  /** As written (quotes and `$` included). */
  raw: string;
  range: Range;
  /** After quote removal and substitution of known ARG/ENV values; null when a value is unknown. */
  value: string | null;
  /** The text handed to word expansion (JSON strings already unescaped). */
  text: string;
  /** `value` is null because the expanded word would be too large to build (MAX_VALUE_LENGTH). */
  tooLarge?: boolean;
}

export interface CopyFlag {
  name: string;
  value: string | null;
  range: Range;
}

export interface CopyInstruction {
  keyword: 'COPY' | 'ADD';
  instruction: Instruction;
  keywordRange: Range;
  flags: CopyFlag[];
  form: 'shell' | 'json';
  /** File sources (heredoc sources are left out and counted in `heredocSources`). */
  sources: CopyWord[];
  heredocSources: number;
  dest: CopyWord | null;
}

/** What a variable holds at a point of the Dockerfile: a known string, or unknown (build arg, base image env). */
export type VarLookup = (name: string) => { value: string } | 'unset' | 'unknown' | 'tooLarge';

/** Set by `expandWord` when it stopped because the word, expanded, would exceed MAX_VALUE_LENGTH. */
export interface ExpansionState {
  tooLarge: boolean;
}

/** Reads a COPY or ADD instruction; null for other keywords and for a bracketed form that is not valid JSON. */
export function readCopyInstruction(doc: ParsedDocument, instruction: Instruction, lookup: VarLookup): CopyInstruction | null {
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'ADD') return null;
  const layout = layoutOf(doc, instruction);
  if (!layout) return null;
  const { flags, form, items } = layout;
  const escapeChar = doc.escapeChar;
  let heredocSources = 0;
  const all: CopyWord[] = [];
  for (const item of items) {
    if (form === 'shell' && /^<<-?["']?[A-Za-z_][\w-]*["']?$/.test(item.raw)) {
      heredocSources++;
      continue;
    }
    const state: ExpansionState = { tooLarge: false };
    const word: CopyWord = { raw: item.raw, range: item.range, value: expandWord(item.text, escapeChar, lookup, state), text: item.text };
    if (state.tooLarge) word.tooLarge = true;
    all.push(word);
  }
  const dest = all.length > 0 && (heredocSources > 0 || all.length > 1) ? all[all.length - 1] : null;
  const sources = dest ? all.slice(0, -1) : all;
  return { keyword, instruction, keywordRange: instruction.getInstructionRange(), flags, form, sources, heredocSources, dest };
}

interface Layout {
  flags: CopyFlag[];
  form: 'shell' | 'json';
  items: RawItem[];
}

// The flags and words of an instruction depend on its own text only (variables are substituted later), and
// an instruction object's text and positions never change (parse/incremental.ts): read once per object.
// Every check of a COPY/ADD and the build-context inference of each version read them.
const LAYOUT = Symbol('copyLayout');
type LayoutHolder = { [LAYOUT]?: Layout | null };

function layoutOf(doc: ParsedDocument, instruction: Instruction): Layout | null {
  const holder = instruction as unknown as LayoutHolder;
  let layout = holder[LAYOUT];
  if (layout === undefined) {
    layout = readLayout(doc, instruction);
    holder[LAYOUT] = layout;
  }
  return layout;
}

function readLayout(doc: ParsedDocument, instruction: Instruction): Layout | null {
  const flags: CopyFlag[] = getFlags(instruction).map((f) => ({ name: f.getName(), value: f.getValue(), range: f.getRange() }));
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return null;
  const words = collectWords(doc, instruction, argsRange);
  return words ? { flags, ...words } : null;
}

interface RawItem {
  raw: string;
  /** Text handed to word expansion (JSON strings are already unescaped). */
  text: string;
  range: Range;
}

function collectWords(doc: ParsedDocument, instruction: Instruction, argsRange: Range): { form: 'shell' | 'json'; items: RawItem[] } | null {
  const rawText = doc.textIn(argsRange);
  if (rawText.trimStart().startsWith('[')) {
    const joined = joinContinuations(rawText, doc.escapeChar);
    const form = classifyJsonForm(joined);
    if (form.kind === 'invalid') return null;
    if (form.kind === 'exec') return { form: 'json', items: jsonItems(doc, argsRange, rawText, form.args) };
  }
  let args = instruction.getArguments();
  const heredocs = getHeredocs(instruction);
  if (heredocs.length > 0) {
    // Heredoc bodies follow the instruction line; only the words before them are sources and destination.
    const line = heredocs[0].getStartRange().start.line;
    args = args.filter((a) => a.getRange().start.line <= line);
  }
  return { form: 'shell', items: args.map((a) => ({ raw: doc.textIn(a.getRange()), text: a.getValue(), range: a.getRange() })) };
}

/** Ranges of the JSON strings in the raw argument text, paired with their parsed values. */
function jsonItems(doc: ParsedDocument, argsRange: Range, rawText: string, values: string[]): RawItem[] {
  const base = doc.offsetAt(argsRange.start);
  const tokens = [...rawText.matchAll(/"(?:[^"\\\r\n]|\\.)*"/g)];
  if (tokens.length !== values.length) {
    // A string broken over a continuation line: fall back to the whole argument range for each.
    return values.map((v) => ({ raw: JSON.stringify(v), text: v, range: argsRange }));
  }
  return tokens.map((m, i) => ({
    raw: m[0],
    text: values[i],
    range: { start: doc.positionAt(base + m.index!), end: doc.positionAt(base + m.index! + m[0].length) },
  }));
}

function getFlags(instruction: Instruction): Array<{ getName(): string; getValue(): string | null; getRange(): Range }> {
  const withFlags = instruction as unknown as { getFlags?: () => Array<{ getName(): string; getValue(): string | null; getRange(): Range }> };
  return typeof withFlags.getFlags === 'function' ? orEmpty(() => withFlags.getFlags!()) : [];
}

function getHeredocs(instruction: Instruction): Array<{ getStartRange(): Range }> {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => Array<{ getStartRange(): Range }> };
  return typeof withHeredocs.getHeredocs === 'function' ? orEmpty(() => withHeredocs.getHeredocs!()) : [];
}

/** dockerfile-ast can throw on broken text (`getHeredocs` on `COPY <<-"A<<" [x` reads past its tokens). */
function orEmpty<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

export function flagValue(copy: CopyInstruction, name: string): string | null | undefined {
  const f = copy.flags.find((x) => x.name.toLowerCase() === name);
  return f ? f.value : undefined;
}

export function hasFlag(copy: CopyInstruction, name: string): boolean {
  return copy.flags.some((x) => x.name.toLowerCase() === name);
}

/**
 * BuildKit's word processing for one COPY/ADD word: quotes removed, the escape character escapes the
 * next character, `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`
 * substituted. Returns null when the result depends on a value that is unknown here.
 */
export function expandWord(word: string, escapeChar: '\\' | '`', lookup: VarLookup, state: ExpansionState = { tooLarge: false }): string | null {
  let out = '';
  let i = 0;
  let quote: '"' | "'" | null = null;
  while (i < word.length) {
    // Each step adds at most one value: past the limit, stop (unknown) before building anything bigger.
    if (out.length > MAX_VALUE_LENGTH) {
      state.tooLarge = true;
      return null;
    }
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
      i++;
      continue;
    }
    if (c === escapeChar && i + 1 < word.length) {
      out += word[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? null : '"';
      i++;
      continue;
    }
    if (c === "'" && quote === null) {
      quote = "'";
      i++;
      continue;
    }
    if (c === '$') {
      const sub = substitution(word, i, escapeChar, lookup, state);
      if (sub === null) return null;
      if (sub === undefined) {
        out += '$';
        i++;
        continue;
      }
      out += sub.text;
      i = sub.end;
      continue;
    }
    out += c;
    i++;
  }
  if (out.length > MAX_VALUE_LENGTH) {
    state.tooLarge = true;
    return null;
  }
  return out;
}

/** `undefined`: not a substitution (a literal `$`); null: unknown value. */
function substitution(word: string, at: number, escapeChar: '\\' | '`', lookup: VarLookup, state: ExpansionState): { text: string; end: number } | null | undefined {
  const known = (name: string) => {
    const v = lookup(name);
    if (v !== 'tooLarge') return v;
    state.tooLarge = true;
    return 'unknown';
  };
  const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(word.slice(at, at + 1_000));
  if (simple) {
    const v = known(simple[1]);
    if (v === 'unknown') return null;
    return { text: v === 'unset' ? '' : v.value, end: at + simple[0].length };
  }
  if (word[at + 1] !== '{') return undefined;
  const close = matchingBrace(word, at + 2);
  if (close < 0) return null;
  const body = word.slice(at + 2, close);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
  if (!m) return null;
  const v = known(m[1]);
  const end = close + 1;
  if (!m[2]) {
    if (v === 'unknown') return null;
    return { text: v === 'unset' ? '' : v.value, end };
  }
  if (v === 'unknown') return null;
  const isSet = v !== 'unset' && (m[2].startsWith(':') ? v.value !== '' : true);
  const operator = m[2].slice(-1);
  if (operator === '-') {
    if (isSet) return { text: (v as { value: string }).value, end };
    const alt = expandWord(m[3], escapeChar, lookup, state);
    return alt === null ? null : { text: alt, end };
  }
  if (!isSet) return { text: '', end };
  const alt = expandWord(m[3], escapeChar, lookup, state);
  return alt === null ? null : { text: alt, end };
}

function matchingBrace(word: string, from: number): number {
  let depth = 1;
  for (let i = from; i < word.length; i++) {
    if (word[i] === '{') depth++;
    else if (word[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The ARG and ENV values visible to an instruction, as far as the Dockerfile tells (scoping as BuildKit
 * does it, from variables.ts): declared without a value, only partly known, or possibly set by the base
 * image — unknown.
 */
export function variablesAt(doc: ParsedDocument, _stage: Stage | null, line: number, _escapeChar: '\\' | '`'): VarLookup {
  return (name) => {
    const binding = lookupVariable(doc, name, line);
    // A global ARG the stage did not redeclare is empty there (BuildKit scoping).
    if (!binding) return hiddenGlobalArg(doc, name, line) ? 'unset' : 'unknown';
    if (binding.tooLarge) return 'tooLarge';
    if (binding.value === null || binding.partial) return 'unknown';
    return { value: binding.value };
  };
}

/**
 * Whether `name` is a global ARG (declared before the first FROM) that the instruction at `line`, inside
 * a stage, does not see because neither its stage nor a stage it is built from redeclared it with `ARG name`.
 */
export function hiddenGlobalArg(doc: ParsedDocument, name: string, line: number): boolean {
  const stage = doc.stageAtLine(line);
  if (!stage || line <= stage.startLine || !globalArgs(doc).has(name)) return false;
  return lookupVariable(doc, name, line) === null;
}

export interface HiddenGlobal {
  /** The global ARG, and the 0-based line that declares it. */
  name: string;
  line: number;
}

/**
 * The global ARG a word depends on although its stage cannot see it: the word's value differs from what
 * it would be had the stage redeclared the ARG. Null when there is none.
 */
export function hiddenGlobalIn(doc: ParsedDocument, word: CopyWord, line: number, lookup: VarLookup): HiddenGlobal | null {
  if (!word.text.includes('$')) return null;
  const hidden: string[] = [];
  const recording: VarLookup = (name) => {
    const v = lookup(name);
    if (v === 'unset' && hiddenGlobalArg(doc, name, line) && !hidden.includes(name)) hidden.push(name);
    return v;
  };
  const value = expandWord(word.text, doc.escapeChar, recording);
  if (hidden.length === 0) return null;
  const globals = globalArgs(doc);
  const redeclared = expandWord(word.text, doc.escapeChar, (name) => {
    if (!hidden.includes(name)) return lookup(name);
    const g = globals.get(name);
    return !g || g.value === null || g.partial ? 'unknown' : { value: g.value };
  });
  if (redeclared !== null && redeclared === value) return null;
  return { name: hidden[0], line: globals.get(hidden[0])!.line };
}

