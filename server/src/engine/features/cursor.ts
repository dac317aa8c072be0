// Where the cursor is inside an instruction, for completion and signature help: the keyword (an ONBUILD's
// trigger counts as the instruction), the words before the cursor, the word being typed, and how many
// words follow. Words are split at blanks outside quotes, continuation lines joined, comment lines
// inside an instruction skipped, as BuildKit reads them.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import type { Position, Range } from '../types';
import { keywordOf } from '../parse/instructionCache';
import { onbuildTrigger } from '../model/commands';
import { heredocsOf } from '../model/references/variables';

export interface Word {
  text: string;
  range: Range;
}

export type Cursor =
  /** At the start of a line, or on a keyword: an instruction may be typed here. */
  | { kind: 'keyword'; range: Range; prefix: string; trigger: boolean; instruction: Instruction | null }
  /** In a comment line at the very top, where parser directives live. */
  | { kind: 'directive'; line: number; text: string; column: number }
  | { kind: 'arguments'; instruction: Instruction; keyword: string; before: Word[]; prefix: string; prefixRange: Range; after: Word[] }
  | { kind: 'none' };

export function cursorAt(doc: ParsedDocument, pos: Position): Cursor {
  const lineText = doc.lineText(pos.line);
  const beforeCursor = lineText.slice(0, pos.character);
  let instruction = doc.instructionAtLine(pos.line);
  if (!instruction) {
    if (/^\s*#/.test(lineText)) return directiveZone(doc, pos.line) ? { kind: 'directive', line: pos.line, text: lineText, column: pos.character } : { kind: 'none' };
    instruction = continued(doc, pos.line);
    if (!instruction) {
      if (!/^\s*[A-Za-z]*$/.test(beforeCursor)) return { kind: 'none' };
      const start = beforeCursor.length - beforeCursor.trimStart().length;
      const end = start + (/^[A-Za-z]*/.exec(lineText.slice(start))?.[0].length ?? 0);
      const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: Math.max(end, pos.character) } };
      return { kind: 'keyword', range, prefix: beforeCursor.trimStart(), trigger: false, instruction: null };
    }
  }
  if (inHeredocBody(instruction, pos)) return { kind: 'none' };
  const kwRange = instruction.getInstructionRange();
  if (pos.line === kwRange.start.line && pos.character <= kwRange.end.character) {
    return { kind: 'keyword', range: kwRange, prefix: lineText.slice(kwRange.start.character, pos.character), trigger: false, instruction };
  }
  if (pos.line > kwRange.start.line && /^\s*#/.test(lineText)) return { kind: 'none' };
  const startOffset = doc.offsetAt(kwRange.end);
  const cursorOffset = doc.offsetAt(pos);
  const endOffset = Math.max(cursorOffset, doc.offsetAt(instruction.getRange().end));
  const words = splitWords(doc, startOffset, endOffset);
  let before = words.filter((w) => doc.offsetAt(w.range.end) < cursorOffset);
  const current = words.find((w) => doc.offsetAt(w.range.start) < cursorOffset && doc.offsetAt(w.range.end) >= cursorOffset);
  const after = words.filter((w) => doc.offsetAt(w.range.start) >= cursorOffset);
  let prefix = '';
  let prefixRange: Range = { start: pos, end: pos };
  if (current) {
    prefix = doc.text.slice(doc.offsetAt(current.range.start), cursorOffset);
    prefixRange = { start: current.range.start, end: pos };
  }
  let keyword = keywordOf(instruction);
  if (keyword === 'ONBUILD') {
    if (before.length === 0) {
      return { kind: 'keyword', range: current?.range ?? prefixRange, prefix, trigger: true, instruction };
    }
    const trigger = onbuildTrigger(instruction);
    keyword = trigger ? keywordOf(trigger) : before[0].text.toUpperCase();
    before = before.slice(1);
  }
  return { kind: 'arguments', instruction, keyword, before, prefix, prefixRange, after: current ? [current, ...after].slice(1) : after };
}

const COMMENT_LINE = /[ \t]*#[^\r\n]*(\r\n|\r|\n)/y;

/** Words between two offsets of the text, with ranges; continuation marks and comment lines skipped. */
function splitWords(doc: ParsedDocument, from: number, to: number): Word[] {
  const text = doc.text.slice(from, to);
  const escape = doc.escapeChar;
  const out: Word[] = [];
  let start = -1;
  let quote: string | null = null;
  const close = (end: number) => {
    if (start >= 0) out.push({ text: text.slice(start, end), range: { start: doc.positionAt(from + start), end: doc.positionAt(from + end) } });
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      close(i);
      quote = null;
      // Skip the comment lines that follow (BuildKit drops them inside an instruction).
      let j = i + 1;
      if (c === '\r' && text[j] === '\n') j++;
      COMMENT_LINE.lastIndex = j;
      const m = COMMENT_LINE.exec(text);
      if (m) i = j + m[0].length - 2;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === escape && /^[ \t]*(\r\n|\r|\n|$)/.test(text.slice(i + 1, i + 40))) {
      close(i);
      continue;
    }
    if (c === ' ' || c === '\t') {
      close(i);
      continue;
    }
    if (start < 0) start = i;
    if (c === '"' || c === "'") quote = c;
  }
  close(text.length);
  return out;
}

function inHeredocBody(instruction: Instruction, pos: Position): boolean {
  const heredocs = heredocsOf(instruction);
  return heredocs.length > 0 && pos.line > heredocs[0].getStartRange().start.line;
}

/** The instruction the line continues: the nearest instruction above whose last line ends with the escape character. */
function continued(doc: ParsedDocument, line: number): Instruction | null {
  for (let l = line - 1; l >= 0 && l >= line - 200; l--) {
    const text = doc.lineText(l);
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const instruction = doc.instructionAtLine(l);
    if (!instruction) return null;
    return new RegExp(`${doc.escapeChar === '`' ? '`' : '\\\\'}[ \\t]*$`).test(text) ? instruction : null;
  }
  return null;
}

/** Parser directives are read only from the comment lines at the very top. */
function directiveZone(doc: ParsedDocument, line: number): boolean {
  for (let l = 0; l < line; l++) {
    if (!/^\s*#\s*[A-Za-z][\w-]*\s*=/.test(doc.lineText(l).replace(/^\uFEFF/, ''))) return false;
  }
  return true;
}
