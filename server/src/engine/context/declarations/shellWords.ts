// A shell tokenizer for finding build commands in scripts: quotes, escapes, `\`-newline continuations,
// comments, operators (`&&`, `||`, `;`, `|`, `&`), subshell parentheses, redirections and here-documents.
// Words keep their expansions (`$VAR`, `${VAR:-x}`, `$(…)`, backquotes) as parts, so a caller expands them
// with the variables known at that point of the script; what cannot be known stays marked as unresolved.

export type Part =
  | { t: 'lit'; s: string; quoted: boolean }
  | { t: 'var'; name: string; op?: string; arg?: string; quoted: boolean }
  | { t: 'sub'; raw: string; quoted: boolean };

export interface RawWord {
  parts: Part[];
}

export interface RawCommand {
  words: RawWord[];
  /** 0-based line, within the text, of the command's first word. */
  line: number;
}

export type ShellItem = { kind: 'cmd'; cmd: RawCommand } | { kind: 'open' } | { kind: 'close' };

/** Text standing for a value nobody can know here (a make variable without a definition, say). */
export const UNRESOLVED = '\uE000';
const UNRESOLVED_END = '\uE001';

/** The name is escaped so that the marker holds no character a shell or make would interpret. */
export function unresolvedMarker(name: string): string {
  return `${UNRESOLVED}${name.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}${UNRESOLVED_END}`;
}

export function markerNames(text: string): string[] {
  const out: string[] = [];
  const re = /\uE000([^\uE001]*)\uE001/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1].replace(/%([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  return out;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')']);

export function tokenizeShell(text: string): ShellItem[] {
  const items: ShellItem[] = [];
  let words: RawWord[] = [];
  let parts: Part[] | null = null;
  let lit = '';
  let litQuoted = false;
  let line = 0;
  let cmdLine = 0;
  let skipNextWord = false; // the target of a redirection
  const heredocs: Array<{ delim: string; strip: boolean }> = [];

  const flushLit = (): void => {
    if (lit) (parts ??= []).push({ t: 'lit', s: lit, quoted: litQuoted });
    lit = '';
  };
  const startWord = (): void => {
    if (parts === null) {
      parts = [];
      if (words.length === 0) cmdLine = line;
    }
  };
  const endWord = (): void => {
    flushLit();
    if (parts !== null) {
      if (skipNextWord) skipNextWord = false;
      else words.push({ parts });
    }
    parts = null;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length) items.push({ kind: 'cmd', cmd: { words, line: cmdLine } });
    words = [];
  };
  const addLit = (s: string, quoted: boolean): void => {
    startWord();
    if (lit && litQuoted !== quoted) flushLit();
    litQuoted = quoted;
    lit += s;
  };
  const addPart = (p: Part): void => {
    startWord();
    flushLit();
    parts!.push(p);
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        line++;
        continue;
      }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 3;
        line++;
        continue;
      }
      if (i + 1 < n) addLit(text[i + 1], true);
      i += 2;
      continue;
    }
    if (ch === '\n') {
      endCommand();
      line++;
      i++;
      if (heredocs.length) {
        // Skip here-document bodies: they are input, not commands.
        for (const h of heredocs.splice(0)) {
          while (i < n) {
            const eol = text.indexOf('\n', i);
            const l = text.slice(i, eol < 0 ? n : eol);
            i = eol < 0 ? n : eol + 1;
            line++;
            if ((h.strip ? l.replace(/^\t+/, '') : l).replace(/\r$/, '') === h.delim) break;
          }
        }
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      i++;
      continue;
    }
    if (ch === '#' && parts === null) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      const s = text.slice(i + 1, end < 0 ? n : end);
      line += count(s, '\n');
      startWord();
      addLit(s, true);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (ch === '"') {
      startWord();
      i = doubleQuoted(text, i + 1, addLit, addPart, (k) => (line += k));
      continue;
    }
    if (ch === '$' || ch === '`') {
      const r = dollar(text, i, false);
      if (r) {
        line += count(text.slice(i, r.end), '\n');
        if (r.part.t === 'lit') addLit(r.part.s, r.part.quoted);
        else addPart(r.part);
        i = r.end;
        continue;
      }
      addLit(ch, false);
      i++;
      continue;
    }
    if ((ch === '<' || ch === '>') && (parts === null || isFdPrefix(parts, lit))) {
      // A redirection: `>`, `>>`, `2>&1`, `&>`, `<<EOF`, `<<-EOF`, `<<<`.
      if (parts !== null) {
        lit = '';
        parts = null;
      }
      let j = i;
      while (j < n && (text[j] === '<' || text[j] === '>' || text[j] === '&' || text[j] === '|' || text[j] === '-')) j++;
      const op = text.slice(i, j);
      if (op.startsWith('<<') && !op.startsWith('<<<')) {
        let k = j;
        while (text[k] === ' ' || text[k] === '\t') k++;
        const m = /^(['"]?)([A-Za-z0-9_.-]+)\1/.exec(text.slice(k));
        if (m) {
          heredocs.push({ delim: m[2], strip: op === '<<-' });
          i = k + m[0].length;
          continue;
        }
      }
      i = j;
      // `>&2` / `2>&1` carry their target; otherwise the next word is the file.
      if (/&$/.test(op) && /[0-9-]/.test(text[j] ?? '')) {
        while (i < n && /[0-9-]/.test(text[i])) i++;
      } else skipNextWord = true;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      endCommand();
      if (ch === '(') items.push({ kind: 'open' });
      else if (ch === ')') items.push({ kind: 'close' });
      i++;
      if ((ch === '&' || ch === '|' || ch === ';') && text[i] === ch) i++;
      else if (ch === '|' && text[i] === '&') i++;
      continue;
    }
    addLit(ch, false);
    i++;
  }
  endCommand();
  return items;
}

function count(s: string, c: string): number {
  let k = 0;
  for (const x of s) if (x === c) k++;
  return k;
}

/** Whether the word read so far is a file descriptor number, as in `2>&1`. */
function isFdPrefix(parts: Part[], lit: string): boolean {
  return parts.length === 0 && /^[0-9]{1,2}$/.test(lit);
}

function doubleQuoted(
  text: string,
  start: number,
  addLit: (s: string, q: boolean) => void,
  addPart: (p: Part) => void,
  lines: (k: number) => void,
): number {
  let i = start;
  addLit('', true);
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return i + 1;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === '\n') {
        lines(1);
        i += 2;
        continue;
      }
      addLit('$`"\\'.includes(next) ? next : '\\' + next, true);
      i += 2;
      continue;
    }
    if (ch === '$' || ch === '`') {
      const r = dollar(text, i, true);
      if (r) {
        lines(count(text.slice(i, r.end), '\n'));
        if (r.part.t === 'lit') addLit(r.part.s, true);
        else addPart(r.part);
        i = r.end;
        continue;
      }
    }
    if (ch === '\n') lines(1);
    addLit(ch, true);
    i++;
  }
  return i;
}

/** An expansion starting at `text[i]` (`$…` or a backquote), or null when `$` is literal. */
function dollar(text: string, i: number, quoted: boolean): { part: Part; end: number } | null {
  if (text[i] === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    return { part: { t: 'sub', raw: text.slice(i + 1, j), quoted }, end: Math.min(j + 1, text.length) };
  }
  const next = text[i + 1];
  if (next === '(') {
    const end = matching(text, i + 1, '(', ')');
    return { part: { t: 'sub', raw: text.slice(i + 2, end - 1), quoted }, end };
  }
  if (next === '{') {
    const end = matching(text, i + 1, '{', '}');
    const inner = text.slice(i + 2, end - 1);
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])(.*)$/s.exec(inner);
    if (!m || m[1]) return { part: { t: 'sub', raw: inner, quoted }, end };
    const rest = m[3];
    const op = /^(:?[-=?+]|##?|%%?|\/\/?|:|\[)/.exec(rest)?.[1];
    if (rest && !op) return { part: { t: 'sub', raw: inner, quoted }, end };
    return { part: { t: 'var', name: m[2], op, arg: op ? rest.slice(op.length) : undefined, quoted }, end };
  }
  if (next === "'" && !quoted) {
    const end = text.indexOf("'", i + 2);
    return { part: { t: 'lit', s: text.slice(i + 2, end < 0 ? text.length : end), quoted: true }, end: end < 0 ? text.length : end + 1 };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(i + 1, i + 200));
  if (!m) return null;
  return { part: { t: 'var', name: m[1], quoted }, end: i + 1 + m[1].length };
}

/** Index just past the bracket that closes the one at `open`, skipping quoted text. */
function matching(text: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" && o === '(') {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i + 1;
  }
  return text.length;
}
