// Formatting that never changes what BuildKit reads. What it does:
// - instruction keywords upper-case (ONBUILD's trigger, FROM's `AS`, HEALTHCHECK's `CMD`/`NONE` too);
// - no whitespace before a keyword, one space after it when the arguments start on the same line;
// - trailing spaces and tabs removed;
// - continuation lines indented with `indent`, where that cannot change a word: BuildKit keeps a
//   continuation line's leading whitespace (model/shell/continuation.ts), so a line is re-indented only
//   when the join is already a word boundary outside quotes (the previous line ends with a blank before
//   the escape character, or this line starts with one), and comment or empty lines inside an
//   instruction (BuildKit drops them) always.
// Left alone: heredoc bodies (and the rest of an instruction that has one), exec-form JSON spread over
// lines, the legacy `ENV name value` form, MAINTAINER, USER, WORKDIR and STOPSIGNAL (whitespace is part of
// their value), ONBUILD (its text is stored as written), and any
// continuation whose quoting the scan cannot follow (`$(…)`, backquotes, `${…}` with quotes, or the
// backquote escape character together with quotes). Each changed line becomes one edit of the line's
// text; line breaks (LF or CRLF) are never touched.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import type { Position, Range, TextEdit } from '../types';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { classifyJsonForm } from '../parse/instruction';
import { joinContinuations, trimContinuation } from '../model/shell';
import { onbuildTrigger } from '../model/commands';
import { heredocsOf } from '../model/references/variables';
import { instructionSpec } from './syntax';
import { safeList } from '../parse/safe';

export interface FormatOptions {
  /** Spaces per continuation indent, or a tab. */
  indent: number | 'tab';
}

/** Edits for the whole document, or for the lines of `range` (whole instructions are considered). */
export function formatDocument(doc: ParsedDocument, options: FormatOptions, range?: Range): TextEdit[] {
  const first = range ? range.start.line : 0;
  const last = range ? (range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line) : doc.lineCount() - 1;
  const lines = new Map<number, string>();
  let covered = -1; // last line that belongs to an instruction already handled
  for (const instruction of doc.instructions) {
    const r = instruction.getRange();
    if (r.end.line < first) continue;
    if (r.start.line > last) break;
    formatInstruction(doc, instruction, options, lines);
    for (let l = Math.max(covered + 1, first); l < r.start.line; l++) trimLine(doc, l, lines);
    covered = Math.max(covered, r.end.line);
  }
  for (let l = Math.max(covered + 1, first); l <= last; l++) trimLine(doc, l, lines);
  return editsFor(doc, lines, first, last);
}

/**
 * After a line break typed at `pos`: the instruction above formatted, and the new line indented when it
 * continues that instruction.
 */
export function formatOnType(doc: ParsedDocument, pos: Position, options: FormatOptions): TextEdit[] {
  const above = pos.line - 1;
  if (above < 0) return [];
  const instruction = doc.instructionAtLine(above) ?? doc.instructionAtLine(pos.line);
  const lines = new Map<number, string>();
  let first = above;
  if (instruction) {
    formatInstruction(doc, instruction, options, lines);
    first = Math.min(first, instruction.getRange().start.line);
  }
  const aboveText = lines.get(above) ?? doc.lineText(above);
  const current = doc.lineText(pos.line);
  if (instruction && current.trim() === '' && endsWithContinuation(aboveText, doc.escapeChar) && !hasHeredoc(instruction) && reindentable(doc, instruction)) {
    const state = scanQuotes(joinedBefore(doc, instruction, pos.line), doc.escapeChar);
    if (state === 'outside') lines.set(pos.line, indentString(options));
  }
  return editsFor(doc, lines, first, pos.line);
}

function formatInstruction(doc: ParsedDocument, instruction: Instruction, options: FormatOptions, out: Map<number, string>): void {
  const range = instruction.getRange();
  const firstLine = range.start.line;
  // Text that only looks like an instruction (a template, a typo): trailing blanks only.
  if (!instructionSpec(keywordOf(instruction))) {
    const keep = hasHeredoc(instruction);
    for (let l = firstLine; l <= range.end.line; l++) out.set(l, keep ? doc.lineText(l) : stripBlanks(doc.lineText(l)));
    return;
  }
  out.set(firstLine, formatFirstLine(doc, instruction));
  if (hasHeredoc(instruction)) {
    out.set(firstLine, formatFirstLine(doc, instruction, false));
    return;
  }
  if (range.end.line === firstLine) return;
  if (!reindentable(doc, instruction)) {
    for (let l = firstLine + 1; l <= range.end.line; l++) if (!out.has(l)) out.set(l, doc.lineText(l));
    return;
  }
  const indent = indentString(options);
  const escape = doc.escapeChar;
  // The text BuildKit has joined so far (its quoting, its end), and whether it ends on a separating blank.
  let joined = trimContinuation(stripBlanks(out.get(firstLine)!), escape)[0];
  const quotes = new QuoteScanner(escape).feed(joined);
  let previousEndsBlank = endsWithSeparator(joined);
  for (let l = firstLine + 1; l <= range.end.line; l++) {
    const raw = doc.lineText(l);
    const body = stripBlanks(raw).replace(/^[ \t]+/, '');
    if (body === '') {
      out.set(l, '');
      continue;
    }
    if (body.startsWith('#')) {
      out.set(l, indent + body);
      continue;
    }
    const leading = /^[ \t]*/.exec(raw)![0];
    const state = quotes.state();
    // A backslash right before the join escapes whatever follows in a shell: not a boundary.
    const boundary = previousEndsBlank || (leading.length > 0 && !endsEscaping(joined));
    out.set(l, state === 'outside' && boundary ? indent + body : stripBlanks(raw));
    const kept = trimContinuation(out.get(l)!, escape)[0];
    quotes.feed(kept);
    joined = (joined + kept).slice(-64); // only its end is looked at again
    previousEndsBlank = endsWithSeparator(joined);
  }
}

/** The instruction's first line: keyword upper-case at column 0, one space before the arguments. */
function formatFirstLine(doc: ParsedDocument, instruction: Instruction, trimEnd = true): string {
  const line = instruction.getRange().start.line;
  let text = doc.lineText(line);
  const keywordRange = instruction.getInstructionRange();
  // Upper-casing keeps every column where it is, so it goes first.
  const spans: Array<[number, number]> = [[keywordRange.start.character, keywordRange.end.character], ...wordsToUpperCase(doc, instruction, line)];
  for (const [s, e] of spans) text = text.slice(0, s) + text.slice(s, e).toUpperCase() + text.slice(e);
  const bom = line === 0 && text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const keyword = text.slice(keywordRange.start.character, keywordRange.end.character);
  let rest = text.slice(keywordRange.end.character);
  const args = argumentsRange(instruction);
  if (args && args.start.line === line && /^[ \t]+$/.test(text.slice(keywordRange.end.character, args.start.character))) {
    rest = ' ' + text.slice(args.start.character);
  }
  const result = bom + keyword + rest;
  return trimEnd ? stripBlanks(result) : result;
}

/** Columns (on the first line) of words BuildKit reads case-insensitively: trigger keyword, `AS`, `CMD`/`NONE`. */
function wordsToUpperCase(doc: ParsedDocument, instruction: Instruction, line: number): Array<[number, number]> {
  const keyword = keywordOf(instruction);
  const args = safeList(() => instruction.getArguments()).filter((a) => !a.getValue().startsWith('--'));
  const ranges: Range[] = [];
  if (keyword === 'ONBUILD') {
    const trigger = onbuildTrigger(instruction);
    if (trigger && instructionSpec(keywordOf(trigger))) ranges.push(trigger.getInstructionRange());
  } else if (keyword === 'FROM' && args.length === 3 && args[1].getValue().toLowerCase() === 'as') {
    ranges.push(args[1].getRange());
  } else if (keyword === 'HEALTHCHECK' && args.length > 0 && /^(cmd|none)$/i.test(args[0].getValue())) {
    ranges.push(args[0].getRange());
  }
  // Only a word written whole on the first line, as it reads (no continuation inside it).
  return ranges
    .filter((r) => r.start.line === line && r.end.line === line && /^[A-Za-z]+$/.test(doc.textIn(r)))
    .map((r) => [r.start.character, r.end.character] as [number, number]);
}

/** Whether continuation lines may be re-indented at all (see the header). */
function reindentable(doc: ParsedDocument, instruction: Instruction): boolean {
  const keyword = keywordOf(instruction);
  // BuildKit takes these as one string, whitespace included (parser.go: parseString), and ONBUILD keeps its text.
  if (keyword === 'MAINTAINER' || keyword === 'ONBUILD' || keyword === 'USER' || keyword === 'WORKDIR' || keyword === 'STOPSIGNAL') return false;
  const args = argumentsRange(instruction);
  if (!args) return false;
  const raw = doc.textIn(args);
  // `ENV name value…` (the legacy form): the value is the rest of the line, blanks included.
  if (keyword === 'ENV' && !/^[^\s=\\`'"]+=/.test(joinContinuations(raw, doc.escapeChar))) return false;
  if (raw.trimStart().startsWith('[') && classifyJsonForm(joinContinuations(raw, doc.escapeChar)).kind !== 'shell') return false;
  return true;
}

type QuoteState = 'outside' | 'inside' | 'unknown';

/**
 * Follows quotes and substitutions (`'…'`, `"…"`, `$(…)`, `${…}`, backquotes) through text fed to it
 * piece by piece, with the shell's rules. With the backquote as escape character (Windows images, whose
 * shells quote differently) any quote or backquote makes the answer unknown.
 */
class QuoteScanner {
  private readonly stack: string[] = [];
  private pendingEscape = false;
  private sawQuote = false;

  constructor(private readonly escape: '\\' | '`') {}

  feed(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"' || c === "'" || c === '`') this.sawQuote = true;
      if (this.pendingEscape) {
        this.pendingEscape = false;
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (top === "'") {
        if (c === "'") this.stack.pop();
        continue;
      }
      if (c === '\\') this.pendingEscape = true;
      else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) this.stack.push(`$${text[++i]}`);
      else if (c === '"') {
        if (top === '"') this.stack.pop();
        else this.stack.push('"');
      } else if (c === "'" && top !== '"') this.stack.push("'");
      else if (c === '`') {
        if (top === '`') this.stack.pop();
        else this.stack.push('`');
      } else if ((c === ')' && top === '$(') || (c === '}' && top === '${')) this.stack.pop();
    }
    return this;
  }

  state(): QuoteState {
    if (this.escape === '`' && this.sawQuote) return 'unknown';
    return this.stack.length === 0 && !this.pendingEscape ? 'outside' : 'inside';
  }
}

/** Whether the end of `text` is outside every quote and substitution (see QuoteScanner). */
export function scanQuotes(text: string, escape: '\\' | '`'): QuoteState {
  return new QuoteScanner(escape).feed(text).state();
}

/** The joined text of an instruction before `line` (BuildKit's joining, first line included). */
function joinedBefore(doc: ParsedDocument, instruction: Instruction, line: number): string {
  const start = instruction.getRange().start.line;
  let joined = '';
  for (let l = start; l < line; l++) {
    const raw = doc.lineText(l);
    const t = raw.trim();
    if (l > start && (t === '' || t.startsWith('#'))) continue;
    joined += trimContinuation(stripBlanks(raw), doc.escapeChar)[0];
  }
  return joined;
}

/** Ends with a blank that separates words (not one escaped by a backslash). */
function endsWithSeparator(text: string): boolean {
  const m = /(\\*)[ \t]$/.exec(text);
  return !!m && m[1].length % 2 === 0;
}

/** Ends with a backslash that escapes the next character. */
function endsEscaping(text: string): boolean {
  const m = /\\+$/.exec(text);
  return !!m && m[0].length % 2 === 1;
}

function endsWithContinuation(text: string, escape: '\\' | '`'): boolean {
  return !trimContinuation(text, escape)[1];
}

function hasHeredoc(instruction: Instruction): boolean {
  return heredocsOf(instruction).length > 0;
}

function indentString(options: FormatOptions): string {
  return options.indent === 'tab' ? '\t' : ' '.repeat(Math.max(1, Math.min(8, options.indent)));
}

/** Trailing spaces and tabs removed (not other whitespace: BuildKit's continuation mark allows only those after it). */
function stripBlanks(s: string): string {
  return s.replace(/[ \t]+$/, '');
}

function trimLine(doc: ParsedDocument, line: number, out: Map<number, string>): void {
  if (!out.has(line)) out.set(line, stripBlanks(doc.lineText(line)));
}

function editsFor(doc: ParsedDocument, lines: Map<number, string>, first: number, last: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [line, text] of [...lines].sort((a, b) => a[0] - b[0])) {
    if (line < first || line > last) continue;
    const old = doc.lineText(line);
    if (old === text) continue;
    edits.push({ range: { start: { line, character: 0 }, end: { line, character: old.length } }, newText: text });
  }
  return edits;
}
