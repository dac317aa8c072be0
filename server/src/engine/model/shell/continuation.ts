// Reproduces how BuildKit's Dockerfile parser (frontend/dockerfile/parser) glues the physical lines of
// one instruction together before a shell-form command is handed to `/bin/sh -c`.
//
// What BuildKit does, line by line (parser.go: Parse, processLine, trimContinuationCharacter):
//  - every line loses its trailing "\r"/"\n" characters;
//  - a line continues when it ends with the escape character followed only by spaces/tabs, unless the
//    character right before the escape character is itself the escape character (its regular expression
//    is `([^E])E[ \t]*$|^E[ \t]*$`); the escape character and that trailing blank run are removed, the
//    character before it is kept;
//  - inside a continuation, a line whose first non-blank character is `#` is dropped entirely, and so is
//    a line holding only whitespace; other lines keep their leading whitespace and are appended with no
//    separator (no newline, no space);
//  - the instruction's argument text is finally trimmed with Go's strings.TrimSpace.

export type EscapeChar = '\\' | '`';

/** Go's unicode.IsSpace, which strings.TrimSpace and bytes.TrimLeftFunc(…, unicode.IsSpace) use. */
export function isGoSpace(ch: string): boolean {
  switch (ch) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case '\u0085': case '\u00a0': case '\u1680': case '\u2028': case '\u2029':
    case '\u202f': case '\u205f': case '\u3000':
      return true;
    default: {
      const c = ch.charCodeAt(0);
      return ch.length === 1 && c >= 0x2000 && c <= 0x200a;
    }
  }
}

export function goTrimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s[i])) i++;
  return s.slice(i);
}

export function goTrimSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isGoSpace(s[end - 1])) end--;
  return goTrimLeftSpace(s.slice(0, end));
}

function trimNewline(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === '\r' || line[end - 1] === '\n')) end--;
  return line.slice(0, end);
}

/**
 * `[line without the continuation marker, true when the instruction ends on this line]`: BuildKit's
 * `([^E])E[ \t]*$|^E[ \t]*$`, read from the end of the line (the regular expression, tried at every
 * position, took most of a second on a 1 MB line).
 */
export function trimContinuation(line: string, escapeChar: EscapeChar): [string, boolean] {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escapeChar) return [line, true];
  if (end === 1) return ['', false];
  if (line[end - 2] === escapeChar) return [line, true];
  return [line.slice(0, end - 1), false];
}

function isCommentLine(line: string): boolean {
  return goTrimLeftSpace(trimNewline(line)).startsWith('#');
}

function isEmptyLine(line: string): boolean {
  return goTrimLeftSpace(trimNewline(line)).length === 0;
}

export interface JoinedText {
  /** The joined text, not yet trimmed. */
  text: string;
  /** For each UTF-16 unit of `text`, its offset in the raw input. */
  offsets: number[];
  /** Offset in the raw input just after the last physical line that belongs to the instruction (before its line break). */
  end: number;
}

/** `joinContinuations` without the final trim, keeping where every character came from. */
export function joinContinuationsMapped(rawArgs: string, escapeChar: EscapeChar = '\\'): JoinedText {
  let text = '';
  const offsets: number[] = [];
  let lineStart = 0;
  let end = 0;
  let first = true;
  for (;;) {
    const nl = rawArgs.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? rawArgs.length : nl;
    const raw = rawArgs.slice(lineStart, lineEnd);
    if (first || !(isCommentLine(raw) || isEmptyLine(raw))) {
      const line = trimNewline(raw);
      end = lineStart + line.length;
      const [kept, ended] = trimContinuation(line, escapeChar);
      // trimContinuation only removes a suffix, so `kept` is a prefix of `line`.
      text += kept;
      for (let k = 0; k < kept.length; k++) offsets.push(lineStart + k);
      if (ended) break;
    }
    first = false;
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return { text, offsets, end };
}

/**
 * The text BuildKit passes to the shell for a shell-form instruction, given its argument text: what
 * follows the keyword (and, for HEALTHCHECK, `CMD`), possibly over several physical lines with the
 * continuation markers, comment lines and empty lines still in it. Lines after the one that ends the
 * instruction are ignored.
 */
export function joinContinuations(rawArgs: string, escapeChar: EscapeChar = '\\'): string {
  return goTrimSpace(joinContinuationsMapped(rawArgs, escapeChar).text);
}
