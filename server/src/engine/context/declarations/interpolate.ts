// Compose-style variable interpolation and `.env` files, as compose does them: `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`,
// nested defaults, and `$$` for a literal `$`.

export interface Interpolated {
  value: string;
  /** Variables that had no value and no default: compose uses an empty string (and warns). */
  missing: string[];
  /** Set when a `${VAR:?message}` fired: compose refuses the file. */
  error?: string;
}

export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, lookup: Lookup): Interpolated {
  const missing: string[] = [];
  let error: string | undefined;
  const value = expand(text, lookup, missing, (e) => (error ??= e), 0);
  return error === undefined ? { value, missing } : { value, missing, error };
}

function expand(text: string, lookup: Lookup, missing: string[], fail: (e: string) => void, depth: number): string {
  if (depth > 10 || !text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, end), lookup, missing, fail, depth);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v === undefined) missing.push(m[0]);
    out += v ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(inner: string, lookup: Lookup, missing: string[], fail: (e: string) => void, depth: number): string {
  const m = NAME.exec(inner);
  if (!m) {
    fail(`invalid interpolation \${${inner}}`);
    return '';
  }
  const name = m[0];
  const rest = inner.slice(name.length);
  const v = lookup(name);
  if (rest === '') {
    if (v === undefined) missing.push(name);
    return v ?? '';
  }
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (!op) {
    fail(`invalid interpolation \${${inner}}`);
    return '';
  }
  const arg = rest.slice(op.length);
  const unsetOrEmpty = v === undefined || (op.startsWith(':') && v === '');
  switch (op) {
    case ':-':
    case '-':
      return unsetOrEmpty ? expand(arg, lookup, missing, fail, depth + 1) : v!;
    case ':+':
    case '+':
      return unsetOrEmpty ? '' : expand(arg, lookup, missing, fail, depth + 1);
    default:
      if (unsetOrEmpty) fail(`required variable ${name} is not set${arg ? `: ${arg}` : ''}`);
      return v ?? '';
  }
}

/** Variables of a `.env` file: `KEY=value`, `export KEY=value`, quotes, `#` comments, earlier keys expanded. */
export function parseDotEnv(text: string, outer: Lookup = () => undefined): Map<string, string> {
  const vars = new Map<string, string>();
  const lookup: Lookup = (n) => vars.get(n) ?? outer(n);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s*export\s+/, '');
    const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    let raw = m[2].trimStart();
    let value: string;
    const q = raw[0];
    if (q === '"' || q === "'") {
      // A quoted value may span lines until its closing quote.
      let body = raw.slice(1);
      let close = findClose(body, q);
      while (close < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        close = findClose(body, q);
      }
      raw = close < 0 ? body : body.slice(0, close);
      value = q === "'" ? raw : expand(unescapeDouble(raw), lookup, [], () => undefined, 0);
    } else {
      const hash = raw.search(/\s#/);
      value = expand((hash >= 0 ? raw.slice(0, hash) : raw).trim(), lookup, [], () => undefined, 0);
    }
    vars.set(m[1], value);
  }
  return vars;
}

function findClose(body: string, q: string): number {
  for (let i = 0; i < body.length; i++) {
    if (q === '"' && body[i] === '\\') i++;
    else if (body[i] === q) return i;
  }
  return -1;
}

function unescapeDouble(s: string): string {
  return s.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? (c === '$' ? '$$' : c));
}
