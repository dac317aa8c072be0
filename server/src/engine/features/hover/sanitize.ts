// Hover markdown is never trusted. Whatever a note says (built-in or the user's), the text that reaches the
// editor is rebuilt from a real markdown parser's tokens (markdown-it): text, emphasis, code, lists, headings,
// quotes, tables and links to https or a bundled page; every other character of text is escaped, so raw HTML,
// images, command/file/script links and unclosed fences cannot survive, however the source hides them.
import MarkdownIt from 'markdown-it';
import { OPEN_PAGE_COMMAND, pageFile } from '../../notes/pageIds';
import { escapeMarkdownText, inlineCode } from '../markdown';

export { escapeMarkdownText, inlineCode, codeBlock } from '../markdown';

type Token = MarkdownIt.Token;

const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
// Every link the text forms is seen here and judged by safeTarget, whatever its scheme.
parser.validateLink = () => true;

/** HTML element names whose tags are dropped (their content stays as text); any other `<…>` shows as text. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col ' +
    'colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form ' +
    'frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map ' +
    'mark marquee menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ' +
    'ruby s samp script section select slot small source span strike strong style sub summary sup svg table tbody td ' +
    'template textarea tfoot th thead time title tr track tt u ul var video wbr math'
  ).split(' '),
);

/**
 * A link target that stays clickable: http(s), or the client's command that opens a page bundled in the
 * package (the only command the VS Code client lets hover markdown run), with a valid page id.
 */
export function safeTarget(href: string): boolean {
  if (/^https?:\/\/[^\s]/i.test(href)) return true;
  const prefix = `command:${OPEN_PAGE_COMMAND}?`;
  if (!href.startsWith(prefix)) return false;
  try {
    const arg: unknown = JSON.parse(decodeURIComponent(href.slice(prefix.length)));
    return typeof arg === 'string' && pageFile(arg) !== null;
  } catch {
    return false;
  }
}

// The same gists and note sections come back on every hover: their sanitised text is kept (bounded).
const MEMO_ENTRIES = 256;
const memo = new Map<string, string>();

/** Markdown safe to render in an untrusted hover, rebuilt from the parsed tokens of `markdown`. */
export function sanitizeMarkdown(markdown: string): string {
  let safe = memo.get(markdown);
  if (safe === undefined) {
    safe = rebuild(markdown);
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(markdown, safe);
  }
  return safe;
}

function rebuild(markdown: string): string {
  const env: { references?: Record<string, { href: string; title?: string }> } = {};
  const tokens = parser.parse(markdown, env);
  const body = blocks(tokens, 0, tokens.length, markdown.replace(/\r\n?/g, '\n').split('\n'));
  return [body, ...definitions(markdown, env.references ?? {})].filter(Boolean).join('\n\n');
}

/** One line (a gist, a label): its inline markdown made safe, on one line. */
export function sanitizeInline(line: string): string {
  const [inline] = parser.parseInline(line, {});
  return inline?.children ? renderInline(inline.children, false).replace(/\n/g, ' ') : '';
}

/** Reference definitions with a safe target, under their label as written (links using them are inline already). */
function definitions(source: string, references: Record<string, { href: string; title?: string }>): string[] {
  const out: string[] = [];
  for (const [key, ref] of Object.entries(references)) {
    if (!safeTarget(ref.href)) continue;
    const written = [...source.matchAll(/^ {0,3}\[([^\]\n]+)\]:/gm)].map((m) => m[1]).find((l) => l.trim().replace(/\s+/g, ' ').toUpperCase() === key);
    out.push(`[${escapeMarkdownText(written ?? key)}]: ${target(ref.href)}`);
  }
  return out;
}

/** Index of the token closing the one at `open` (same level, the matching `_close` type). */
function closing(tokens: Token[], open: number): number {
  const type = tokens[open].type.replace(/_open$/, '_close');
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i].type === type && tokens[i].level === tokens[open].level) return i;
  return tokens.length - 1;
}

/** A blank line (inside a quote too) right above the block of `token` in the source. */
function blankAbove(token: Token, lines: string[]): boolean {
  const above = token.map ? token.map[0] - 1 : -1;
  return above < 0 || /^[\s>]*$/.test(lines[above] ?? '');
}

/** The blocks of tokens[start, end) as markdown; blocks that touched in the source still touch. */
function blocks(tokens: Token[], start: number, end: number, lines: string[]): string {
  let out = '';
  for (let i = start; i < end; ) {
    const t = tokens[i];
    let next = i + 1;
    let text: string | null = null;
    switch (t.type) {
      case 'paragraph_open':
        next = closing(tokens, i) + 1;
        text = renderInline(tokens[i + 1]?.children ?? [], true);
        break;
      case 'heading_open':
        next = closing(tokens, i) + 1;
        text = `${'#'.repeat(Number(t.tag.slice(1)) || 1)} ${renderInline(tokens[i + 1]?.children ?? [], false)}`;
        break;
      case 'blockquote_open': {
        const close = closing(tokens, i);
        next = close + 1;
        text = prefixLines(blocks(tokens, i + 1, close, lines), '> ', '> ', '>');
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const close = closing(tokens, i);
        next = close + 1;
        text = list(tokens, i + 1, close, lines);
        break;
      }
      case 'fence': {
        const info = /^[\w+.-]*/.exec(t.info.trim())?.[0] ?? '';
        text = `${t.markup}${info}\n${t.content}${t.content.endsWith('\n') || t.content === '' ? '' : '\n'}${t.markup}`;
        break;
      }
      case 'code_block':
        text = blockFence(t.content.replace(/\n$/, ''));
        break;
      case 'hr':
        text = t.markup;
        break;
      case 'html_block': {
        // Tags of known elements and comments go, the words between them stay as text.
        const [inline] = parser.parseInline(t.content.replace(/\n$/, ''), {});
        text = renderInline(inline?.children ?? [], true);
        break;
      }
      case 'table_open': {
        const close = closing(tokens, i);
        next = close + 1;
        text = table(tokens, i + 1, close);
        break;
      }
      default:
        break;
    }
    if (text !== null && text.trim() !== '') {
      if (out !== '') out += blankAbove(t, lines) ? '\n\n' : '\n';
      out += text;
    }
    i = next;
  }
  return out;
}

function prefixLines(text: string, first: string, rest: string, blank: string): string {
  return text
    .split('\n')
    .map((line, i) => (line === '' ? blank : (i === 0 ? first : rest) + line))
    .join('\n');
}

/** The items of a list between its open and close tokens, each with its marker; continuation lines indented. */
function list(tokens: Token[], start: number, end: number, lines: string[]): string {
  let out = '';
  for (let i = start; i < end; ) {
    const item = tokens[i];
    if (item.type !== 'list_item_open') {
      i++;
      continue;
    }
    const close = closing(tokens, i);
    const marker = item.info ? `${/^\d{1,9}$/.test(item.info) ? item.info : '1'}${item.markup === ')' ? ')' : '.'}` : item.markup === '+' || item.markup === '*' ? item.markup : '-';
    const inner = blocks(tokens, i + 1, close, lines);
    const text = inner === '' ? marker : prefixLines(inner, `${marker} `, ' '.repeat(marker.length + 1), '');
    if (out !== '') out += blankAbove(item, lines) ? '\n\n' : '\n';
    out += text;
    i = close + 1;
  }
  return out;
}

/** A GFM table: header row, alignment row, body rows; `|` in cells escaped, code spans included. */
function table(tokens: Token[], start: number, end: number): string {
  const rows: string[][] = [];
  const aligns: string[] = [];
  let row: string[] | null = null;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) {
      rows.push(row);
      row = null;
    } else if ((t.type === 'th_open' || t.type === 'td_open') && row) {
      if (t.type === 'th_open') {
        const style = t.attrGet('style') ?? '';
        aligns.push(style.includes('center') ? ':---:' : style.includes('right') ? '---:' : style.includes('left') ? ':---' : '---');
      }
      row.push(renderInline(tokens[i + 1]?.type === 'inline' ? (tokens[i + 1].children ?? []) : [], false, true).replace(/\n/g, ' '));
    }
  }
  if (rows.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(rows[0]), line(aligns.length ? aligns : rows[0].map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

/**
 * Inline tokens as markdown: text escaped, code re-fenced, emphasis kept, safe links kept with their text,
 * unsafe ones reduced to it, images to their alt text, HTML tags of real elements and comments dropped.
 */
function renderInline(tokens: Token[], lineStart: boolean, inTable = false): string {
  let out = '';
  let atStart = lineStart;
  const add = (s: string) => {
    out += s;
    if (s !== '') atStart = s.endsWith('\n');
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'text':
      case 'text_special':
        add(escapeMarkdownText(t.content, { lineStart: atStart }));
        break;
      case 'code_inline':
        add(inTable ? inlineCode(t.content).replace(/\|/g, '\\|') : inlineCode(t.content));
        break;
      case 'softbreak':
        add('\n');
        break;
      case 'hardbreak':
        add('\\\n');
        break;
      case 'em_open':
      case 'em_close':
      case 'strong_open':
      case 'strong_close':
        add(t.markup);
        break;
      case 's_open':
      case 's_close':
        add('~~');
        break;
      case 'link_open': {
        let close = i + 1;
        while (close < tokens.length && tokens[close].type !== 'link_close') close++;
        const href = t.attrGet('href') ?? '';
        const inner = tokens.slice(i + 1, close);
        if (t.markup === 'autolink') {
          const written = inner.map((c) => c.content).join('');
          add(safeTarget(href) ? `<${target(href)}>` : escapeMarkdownText(`<${written}>`, { lineStart: atStart }));
        } else if (safeTarget(href)) {
          const title = t.attrGet('title');
          const titled = title ? ` "${title.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&')}"` : '';
          add(`[${renderInline(inner, false, inTable)}](${target(href)}${titled})`);
        } else add(renderInline(inner, atStart, inTable));
        i = close;
        break;
      }
      case 'image':
        add(renderInline(t.children ?? [], atStart, inTable));
        break;
      case 'html_inline': {
        const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(t.content)?.[1]?.toLowerCase();
        const dropped = t.content.startsWith('<!--') || t.content.startsWith('<?') || t.content.startsWith('<!') || (name !== undefined && HTML_ELEMENTS.has(name));
        if (!dropped) add(escapeMarkdownText(t.content, { lineStart: atStart }));
        else if (t.content.includes('\n')) add('\n'); // a dropped tag over several lines keeps the line break
        break;
      }
      default:
        if (t.children) add(renderInline(t.children, atStart, inTable));
        else if (t.content) add(escapeMarkdownText(t.content, { lineStart: atStart }));
        break;
    }
  }
  return out;
}

/** A link target written so that it cannot end the link early: spaces, parentheses and quotes encoded. */
function target(href: string): string {
  return href.replace(/[\s()<>"'\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function blockFence(text: string): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}
