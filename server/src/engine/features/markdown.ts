// The one way text from the Dockerfile or the file system (a stage name, a value, a file name, a path, an
// ignore pattern, a compose service) enters markdown: as words that show exactly as written, or inside a code
// span or block whose fence is longer than any backtick run in it. Either way it never becomes a link, HTML,
// an image, emphasis or a new block.

/** Longest shown value; a longer one is cut with `…`. */
export const MAX_VALUE_CHARS = 160;

/** A value on one line, cut to MAX_VALUE_CHARS. */
export function oneLine(value: string): string {
  const flat = value.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 3)}…` : flat;
}

/**
 * Plain words in markdown text: every character that could start markup is escaped (backslash for markdown
 * punctuation, entities for `<`, `>` and `&`), line breaks become spaces.
 */
export function escapeMarkdownText(text: string, options: { lineStart?: boolean } = {}): string {
  const lineStart = options.lineStart ?? true;
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]#+\-=|~.)]/g, (c, at: number, s: string) => (needsEscape(c, at, s, lineStart) ? `\\${c}` : c))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Block markers matter only at the start of a line (`lineStart`: the text may begin one; a value put into a
 * sentence is treated so); elsewhere they stay readable.
 */
function needsEscape(c: string, at: number, s: string, lineStart: boolean): boolean {
  if (c === '.' || c === ')') return lineStart && /^\d+$/.test(s.slice(0, at)); // `1.` / `1)` would start a list
  if (c === '#' || c === '+' || c === '-' || c === '=') return lineStart && at === 0;
  return true;
}

/** Text inside an inline code span: line breaks become spaces, backticks in it get a longer fence. */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  // A space each side when the text starts or ends with a backtick (or is empty, or is padded already), as
  // CommonMark strips exactly one.
  const pad = clean === '' || /^[` ]|[` ]$/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside; the language is one plain word. */
export function codeBlock(text: string, lang = ''): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${/^[\w+.-]*$/.test(lang) ? lang : ''}\n${text}\n${fence}`;
}

/** Markdown built by the caller from safe parts, inserted as is. */
export interface Md {
  md: string;
}

/**
 * A template (markdown of our own) with `{name}` placeholders filled with values from the file: a placeholder
 * inside one of the template's code spans is filled in and the whole span re-fenced (inlineCode), any other is
 * escaped as text (escapeMarkdownText). Values are cut to one line of MAX_VALUE_CHARS; `{ md }` values are
 * inserted as they are.
 */
export function fillMarkdown(template: string, args: Record<string, string | number | Md>): string {
  const value = (name: string, m: string, inCode: boolean): string => {
    if (!(name in args)) return m;
    const v = args[name];
    if (typeof v === 'object') return v.md;
    const text = oneLine(String(v));
    return inCode ? text : escapeMarkdownText(text);
  };
  return template.replace(/`([^`]*)`|\{(\w+)\}/g, (m, span: string | undefined, name: string | undefined) => {
    if (span === undefined) return value(name!, m, false);
    if (!/\{\w+\}/.test(span)) return m;
    return inlineCode(span.replace(/\{(\w+)\}/g, (p, n: string) => value(n, p, true)));
  });
}
