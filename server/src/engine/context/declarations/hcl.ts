// A small HCL (native syntax) parser for Docker Bake files: blocks with labels, attributes, strings with
// `${…}` templates, heredocs, lists, objects, function calls, conditionals and operators, comments
// `#`, `//`, `/* */`. `for` expressions and `%{…}` directives are parsed (skipped) and evaluate to
// "unknown". No library on npm parses HCL in a small synchronous package (hcl2-parser is 3.8 MB of
// GopherJS, @cdktf/hcl2json an asynchronous WASM module), and bake only needs this subset.

export type Expr =
  | { k: 'lit'; v: Value }
  | { k: 'tpl'; parts: Array<string | Expr> }
  | { k: 'ref'; name: string }
  | { k: 'attr'; obj: Expr; name: string }
  | { k: 'index'; obj: Expr; index: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'list'; items: Expr[] }
  | { k: 'obj'; items: Array<[Expr, Expr]> }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'unknown' };

export const UNKNOWN = Symbol('unknown');
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | typeof UNKNOWN;

export interface Attribute {
  expr: Expr;
  line: number;
}

export interface Block {
  type: string;
  labels: string[];
  line: number;
  attrs: Map<string, Attribute>;
  blocks: Block[];
}

export class HclError extends Error {}

interface Tok {
  t: 'id' | 'num' | 'str' | 'p' | 'nl' | 'eof';
  v: string;
  line: number;
  parts?: Array<string | Expr>;
}

/** Parses a whole file into its top-level body (a block without type). Throws HclError. */
export function parseHcl(text: string): Block {
  try {
    const p = new Parser(tokenize(text, 1));
    const body = p.body(false);
    return { type: '', labels: [], line: 1, attrs: body.attrs, blocks: body.blocks };
  } catch (e) {
    // Deep nesting the depth limit does not see (`!!!…`, templates in templates) must not escape as a crash.
    if (e instanceof RangeError) throw new HclError('nested too deeply');
    throw e;
  }
}

/** Parses a template string (the content of a JSON string in bake JSON files). */
export function parseTemplate(text: string, line: number): Expr {
  return { k: 'tpl', parts: templateParts(text, line, false) };
}

function tokenize(src: string, firstLine: number): Tok[] {
  const toks: Tok[] = [];
  let line = firstLine;
  let i = 0;
  const n = src.length;
  const push = (t: Tok['t'], v: string, extra?: Partial<Tok>): void => {
    toks.push({ t, v, line, ...extra });
  };
  while (i < n) {
    const ch = src[i];
    if (ch === '\n') {
      push('nl', '\n');
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') i++;
    else if (ch === '#' || (ch === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n') i++;
    } else if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new HclError(`unterminated comment (line ${line})`);
      line += countNl(src.slice(i, end));
      i = end + 2;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 256))!;
      push('id', m[0]);
      i += m[0].length;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 64))!;
      push('num', m[0]);
      i += m[0].length;
    } else if (ch === '"') {
      const end = stringEnd(src, i + 1);
      if (end < 0) throw new HclError(`unterminated string (line ${line})`);
      push('str', '', { parts: templateParts(src.slice(i + 1, end), line, true) });
      line += countNl(src.slice(i, end));
      i = end + 1;
    } else if (ch === '<' && src[i + 1] === '<' && /^<<-?[A-Za-z_]/.test(src.slice(i, i + 4))) {
      const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(src.slice(i, i + 300));
      if (!m) throw new HclError(`invalid heredoc (line ${line})`);
      const bodyStart = i + m[0].length;
      const lines: string[] = [];
      let j = bodyStart;
      let closed = false;
      while (j < n) {
        const eol = src.indexOf('\n', j);
        const l = src.slice(j, eol < 0 ? n : eol);
        j = eol < 0 ? n : eol + 1;
        if (l.trim() === m[2]) {
          closed = true;
          break;
        }
        lines.push(l);
      }
      if (!closed) throw new HclError(`unterminated heredoc (line ${line})`);
      let body = lines;
      if (m[1]) {
        const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
        body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
      }
      push('str', '', { parts: templateParts(body.join('\n') + (body.length ? '\n' : ''), line + 1, false) });
      line += 1 + lines.length + 1;
      i = j;
      push('nl', '\n', { line: line - 1 });
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op = three === '...' ? three : ['==', '!=', '<=', '>=', '&&', '||', '=>'].includes(two) ? two : ch;
      if (op.length === 1 && !'{}[]()=,:?.!<>+-*/%'.includes(op)) throw new HclError(`unexpected character ${JSON.stringify(ch)} (line ${line})`);
      push('p', op);
      i += op.length;
    }
  }
  push('eof', '');
  return toks;
}

function show(t: Tok): string {
  return t.t === 'nl' ? 'end of line' : t.t === 'eof' ? 'end of file' : t.t === 'str' ? 'string' : JSON.stringify(t.v);
}

function countNl(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) k++;
  return k;
}

/** Index of the closing quote of a string starting at `from`, skipping `${…}` and `%{…}` (which may hold strings). */
function stringEnd(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i;
    else if (ch === '\n') return -1;
    else if ((ch === '$' || ch === '%') && src[i + 1] === '{' && src[i - 1] !== ch) {
      const end = braceEnd(src, i + 2);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

function braceEnd(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') {
      const end = stringEnd(src, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function templateParts(s: string, line: number, escapes: boolean): Array<string | Expr> {
  const parts: Array<string | Expr> = [];
  let lit = '';
  let curLine = line;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\n') curLine++;
    if (escapes && ch === '\\') {
      const e = s[++i];
      if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        lit += String.fromCodePoint(parseInt(s.slice(i + 1, i + 1 + len), 16) || 0xfffd);
        i += len;
      } else lit += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
      continue;
    }
    if ((ch === '$' || ch === '%') && s[i + 1] === ch && s[i + 2] === '{') {
      lit += ch + '{';
      i += 2;
      continue;
    }
    if ((ch === '$' || ch === '%') && s[i + 1] === '{') {
      const end = braceEnd(s, i + 2);
      if (end < 0) throw new HclError(`unterminated template (line ${curLine})`);
      if (lit) parts.push(lit);
      lit = '';
      const inner = s.slice(i + 2, end).replace(/^~|~$/g, '');
      if (ch === '%') parts.push({ k: 'unknown' });
      else {
        const p = new Parser(tokenize(inner, curLine));
        parts.push(p.exprOnly());
      }
      curLine += countNl(s.slice(i, end));
      i = end;
      continue;
    }
    lit += ch;
  }
  if (lit || parts.length === 0) parts.push(lit);
  return parts;
}

/** Brackets and parentheses deeper than this are refused (not a stack overflow). */
const MAX_NESTING = 200;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private toks: Tok[]) {}

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Tok {
    return this.toks[Math.min(this.i++, this.toks.length - 1)];
  }
  private is(v: string): boolean {
    const t = this.peek();
    return t.t === 'p' && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== 'p' || t.v !== v) throw new HclError(`expected ${v} (line ${t.line})`);
  }
  private skipNl(): void {
    while (this.peek().t === 'nl') this.i++;
  }

  body(inBlock: boolean): { attrs: Map<string, Attribute>; blocks: Block[] } {
    if (inBlock && ++this.depth > MAX_NESTING) throw new HclError(`blocks nested too deeply (line ${this.peek().line})`);
    const attrs = new Map<string, Attribute>();
    const blocks: Block[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.t === 'eof') {
        if (inBlock) throw new HclError(`missing } (line ${t.line})`);
        break;
      }
      if (inBlock && this.is('}')) break;
      if (t.t !== 'id') throw new HclError(`expected an attribute or a block (line ${t.line})`);
      this.next();
      if (this.is('=')) {
        this.next();
        attrs.set(t.v, { expr: this.expr(), line: t.line });
      } else {
        const labels: string[] = [];
        while (this.peek().t === 'str' || this.peek().t === 'id') {
          const l = this.next();
          labels.push(l.t === 'id' ? l.v : l.parts!.filter((x) => typeof x === 'string').join(''));
        }
        this.expect('{');
        const inner = this.body(true);
        this.expect('}');
        blocks.push({ type: t.v, labels, line: t.line, attrs: inner.attrs, blocks: inner.blocks });
      }
      const end = this.peek();
      if (end.t !== 'nl' && end.t !== 'eof' && !(inBlock && this.is('}'))) throw new HclError(`unexpected ${show(end)} (line ${end.line})`);
    }
    if (inBlock) this.depth--;
    return { attrs, blocks };
  }

  exprOnly(): Expr {
    this.skipNl();
    const e = this.expr();
    this.skipNl();
    if (this.peek().t !== 'eof') throw new HclError(`unexpected ${show(this.peek())} in template (line ${this.peek().line})`);
    return e;
  }

  expr(): Expr {
    if (++this.depth > MAX_NESTING) throw new HclError(`expressions nested too deeply (line ${this.peek().line})`);
    try {
      return this.conditional();
    } finally {
      this.depth--;
    }
  }

  private conditional(): Expr {
    const c = this.binary(0);
    if (!this.is('?')) return c;
    this.next();
    const a = this.expr();
    this.expect(':');
    const b = this.expr();
    return { k: 'cond', c, a, b };
  }

  private static LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    while (this.peek().t === 'p' && Parser.LEVELS[level].includes(this.peek().v)) {
      const op = this.next().v;
      a = { k: 'bin', op, a, b: this.binary(level + 1) };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-')) {
      const op = this.next().v;
      return { k: 'unary', op, e: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.is('.')) {
        this.next();
        const t = this.next();
        if (t.t === 'p' && t.v === '*') e = { k: 'unknown' };
        else if (t.t === 'id' || t.t === 'num') e = { k: 'attr', obj: e, name: t.v };
        else throw new HclError(`expected a name after . (line ${t.line})`);
      } else if (this.is('[')) {
        this.next();
        this.skipNl();
        if (this.is('*')) {
          this.next();
          e = { k: 'unknown' };
        } else e = { k: 'index', obj: e, index: this.expr() };
        this.skipNl();
        this.expect(']');
      } else return e;
    }
  }

  private primary(): Expr {
    const t = this.next();
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'str') return { k: 'tpl', parts: t.parts! };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (this.is('(')) {
        this.next();
        const args = this.sequence(')', () => this.expr(), true);
        return { k: 'call', name: t.v, args };
      }
      return { k: 'ref', name: t.v };
    }
    if (t.t === 'p' && t.v === '(') {
      this.skipNl();
      const e = this.expr();
      this.skipNl();
      this.expect(')');
      return e;
    }
    if (t.t === 'p' && (t.v === '[' || t.v === '{')) {
      const close = t.v === '[' ? ']' : '}';
      this.skipNl();
      if (this.peek().t === 'id' && this.peek().v === 'for') {
        this.skipBalanced(t.v, close);
        return { k: 'unknown' };
      }
      if (close === ']') return { k: 'list', items: this.sequence(']', () => this.expr(), false) };
      return { k: 'obj', items: this.sequence('}', () => this.objectItem(), false) };
    }
    throw new HclError(`unexpected ${show(t)} (line ${t.line})`);
  }

  private objectItem(): [Expr, Expr] {
    const kt = this.peek();
    const key: Expr = kt.t === 'id' ? (this.next(), { k: 'lit', v: kt.v }) : this.expr();
    if (!this.is('=') && !this.is(':')) throw new HclError(`expected = or : in an object (line ${this.peek().line})`);
    this.next();
    return [key, this.expr()];
  }

  /** Items up to `close`, separated by commas (and, in objects and lists, newlines). */
  private sequence<T>(close: string, item: () => T, isCall: boolean): T[] {
    const out: T[] = [];
    for (;;) {
      this.skipNl();
      if (this.is(close)) {
        this.next();
        return out;
      }
      out.push(item());
      if (isCall && this.is('...')) this.next();
      this.skipNl();
      if (this.is(',')) this.next();
      else if (!this.is(close) && !(this.toks[this.i - 1]?.t === 'nl' && !isCall)) throw new HclError(`expected , or ${close} (line ${this.peek().line})`);
    }
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.t === 'eof') throw new HclError(`missing ${close}`);
      if (t.t === 'p' && (t.v === '[' || t.v === '{' || t.v === '(')) depth++;
      else if (t.t === 'p' && (t.v === ']' || t.v === '}' || t.v === ')')) depth--;
    }
    void open;
  }
}
