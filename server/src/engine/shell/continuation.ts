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

const continuationRegex: Record<EscapeChar, RegExp> = {
  '\\': /([^\\])\\[ \t]*$|^\\[ \t]*$/u,
  '`': /([^`])`[ \t]*$|^`[ \t]*$/u,
};

/** `[line without the continuation marker, true when the instruction ends on this line]`. */
export function trimContinuation(line: string, escapeChar: EscapeChar): [string, boolean] {
  const re = continuationRegex[escapeChar];
  if (re.test(line)) return [line.replace(re, '$1'), false];
  return [line, true];
}

function isCommentLine(line: string): boolean {
  return goTrimLeftSpace(trimNewline(line)).startsWith('#');
}

function isEmptyLine(line: string): boolean {
  return goTrimLeftSpace(trimNewline(line)).length === 0;
}

/**
 * The text BuildKit passes to the shell for a shell-form instruction, given its argument text: what
 * follows the keyword (and, for HEALTHCHECK, `CMD`), possibly over several physical lines with the
 * continuation markers, comment lines and empty lines still in it. Lines after the one that ends the
 * instruction are ignored.
 */
export function joinContinuations(rawArgs: string, escapeChar: EscapeChar = '\\'): string {
  const lines = rawArgs.split('\n');
  let [line, ended] = trimContinuation(trimNewline(lines[0]), escapeChar);
  for (let i = 1; !ended && i < lines.length; i++) {
    const raw = lines[i];
    if (isCommentLine(raw) || isEmptyLine(raw)) continue;
    const [part, end] = trimContinuation(trimNewline(raw), escapeChar);
    line += part;
    ended = end;
  }
  return goTrimSpace(line);
}
