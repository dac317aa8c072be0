// Hover markdown is never trusted. Whatever a note says (built-in or the user's), the text that reaches
// the editor has no raw HTML, no command/file/script links and no images, and every fenced block is closed.

/** Link targets that stay clickable; everything else keeps only its text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

/** HTML element names that are stripped as tags; any other `<…>` is shown as text. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col ' +
    'colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form ' +
    'frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map ' +
    'mark marquee menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ' +
    'ruby s samp script section select slot small source span strike strong style sub summary sup svg table tbody td ' +
    'template textarea tfoot th thead time title tr track tt u ul var video wbr math base'
  ).split(' '),
);

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Makes markdown safe to render in an untrusted hover: outside code it strips HTML tags and comments,
 * escapes the remaining `<` and `>`, turns links with unsafe targets (`command:`, `file:`, relative …) into
 * plain text, replaces images by their alt text and drops unsafe reference definitions. Code spans and
 * fenced blocks are kept as they are; a fence left open is closed at the end.
 */
export function sanitizeMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  for (const line of lines) {
    if (fence) {
      out.push(line);
      const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length) fence = null;
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      fence = { char: open[1][0], length: open[1].length };
      // The info string is text too: keep only a plain language word.
      const info = /^\s*([\w+.-]*)/.exec(open[2])?.[1] ?? '';
      out.push(`${line.slice(0, line.indexOf(open[1]))}${open[1]}${info}`);
      continue;
    }
    let text = line;
    if (inComment) {
      const end = text.indexOf('-->');
      if (end < 0) continue;
      text = text.slice(end + 3);
      inComment = false;
    }
    const start = text.indexOf('<!--');
    if (start >= 0 && text.indexOf('-->', start + 4) < 0) {
      text = text.slice(0, start);
      inComment = true;
    }
    if (isUnsafeDefinition(text)) continue;
    // Blockquote markers at the start of a line are markdown, not markup: keep them.
    const quote = /^(?: {0,3}>)+ ?/.exec(text)?.[0] ?? '';
    out.push(quote + sanitizeInline(text.slice(quote.length)));
  }
  if (fence) out.push(fence.char.repeat(fence.length));
  return out.join('\n');
}

/** `[label]: target` reference definitions with an unsafe target are dropped. */
function isUnsafeDefinition(line: string): boolean {
  const m = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/.exec(line);
  return !!m && !SAFE_LINK.test(m[1]);
}

/** One line outside fenced code: code spans kept, the rest cleaned. */
export function sanitizeInline(line: string): string {
  let result = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick < 0) {
      result += cleanText(line.slice(i));
      break;
    }
    result += cleanText(line.slice(i, tick));
    let run = 1;
    while (line[tick + run] === '`') run++;
    const marker = '`'.repeat(run);
    let close = -1;
    for (let j = line.indexOf(marker, tick + run); j >= 0; j = line.indexOf(marker, j + 1)) {
      if (line[j - 1] !== '`' && line[j + run] !== '`') {
        close = j;
        break;
      }
      while (line[j + 1] === '`') j++;
    }
    if (close < 0) {
      // An unmatched backtick run is literal text.
      result += marker;
      i = tick + run;
      continue;
    }
    result += line.slice(tick, close + run);
    i = close + run;
  }
  return result;
}

function cleanText(text: string): string {
  if (!text) return text;
  let t = text.replace(/<!--[\s\S]*?-->/g, '');
  // Tags of real HTML elements go; their content stays as text.
  t = t.replace(/<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g, (tag, name: string) =>
    HTML_ELEMENTS.has(name.toLowerCase()) ? '' : tag,
  );
  // Images become their alt text; links keep their text unless the target is safe.
  t = t.replace(/!\[([^\]]*)\]\(([^()\s]*(?:\([^()]*\))?[^()\s]*)(?:\s+"[^"]*")?\)/g, (_m, alt: string) => alt);
  t = t.replace(/!\[([^\]]*)\]\[[^\]]*\]/g, (_m, alt: string) => alt);
  t = t.replace(/\[([^\]]*)\]\(\s*<?([^()\s>]*(?:\([^()]*\))?[^()\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (m, label: string, target: string) =>
    SAFE_LINK.test(target) && !/[<>"'`\\]/.test(target) ? m : label,
  );
  // A link whose label or target was cut by a code span: break the `](` so it never forms a link.
  t = t.replace(/\]\((?!\s*<?(?:https?:|mailto:))/gi, '\\]\\(');
  // Whatever angle brackets remain are text, never markup or autolinks.
  t = t.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return t;
}

/** Text that goes into markdown as plain words (a file name, a value): markup characters escaped. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text inside an inline code span: backticks in it get a longer fence. */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}
