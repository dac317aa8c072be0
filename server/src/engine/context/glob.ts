// Glob matching in time linear in the pattern times the name: COPY/ADD sources (Go's `filepath.Match`, one
// path element) and `.dockerignore` patterns (moby/patternmatcher). A JavaScript RegExp backtracks, so
// `*a*a*a…*ab` against a long name took minutes; here a pattern is compiled to tokens and run as a set of
// states (a Thompson NFA simulation), which never looks at a character twice for the same state.

type Token =
  | { t: 'char'; c: number }
  /** Any character but `/`. */
  | { t: 'one' }
  /** A bracket class: flat `lo, hi` pairs of code points. */
  | { t: 'set'; negated: boolean; ranges: number[] }
  /** Any run of characters without `/`. */
  | { t: 'star' }
  /** `**` inside a .dockerignore pattern: nothing, or a run ending in `/` (no newline). */
  | { t: 'dirs' }
  /** `**` ending a .dockerignore pattern, `.*`: any run without a newline. */
  | { t: 'rest' };

const SLASH = 0x2f;
const NEWLINE = 0x0a;

export interface Glob {
  test(text: string): boolean;
}

function zeroWidth(token: Token): boolean {
  return token.t === 'star' || token.t === 'dirs' || token.t === 'rest';
}

/** Adjacent equal repeaters mean the same as one; dropping them keeps the live state set small. */
function push(tokens: Token[], token: Token): void {
  const last = tokens[tokens.length - 1];
  if (last && zeroWidth(token) && last.t === token.t) return;
  tokens.push(token);
}

function inSet(token: { negated: boolean; ranges: number[] }, c: number): boolean {
  let hit = false;
  for (let i = 0; i < token.ranges.length && !hit; i += 2) hit = token.ranges[i] <= c && c <= token.ranges[i + 1];
  return hit !== token.negated;
}

class Program implements Glob {
  private readonly n: number;
  /** Per state, the step at which it was last added (states n+1+i: inside the `dirs` token i, after a non-`/`). */
  private seen: Uint32Array | null = null;
  private step = 0;
  /** The fewest characters a match needs: a quick no for names that are too short. */
  private readonly minLength: number;
  /** The longest run of plain characters, which every match contains: a quick no for most texts. */
  private readonly required: string;

  constructor(private readonly tokens: Token[]) {
    this.n = tokens.length;
    this.minLength = tokens.filter((t) => !zeroWidth(t)).length;
    let run = '';
    let longest = '';
    for (const t of tokens) {
      run = t.t === 'char' ? run + String.fromCodePoint(t.c) : '';
      if (run.length > longest.length) longest = run;
    }
    this.required = longest;
  }

  test(text: string): boolean {
    if (text.length < this.minLength || !text.includes(this.required)) return false;
    this.seen ??= new Uint32Array(2 * this.n + 2);
    const { tokens, n, seen } = this;
    let current: number[] = [];
    let next: number[] = [];
    const add = (list: number[], state: number): void => {
      // The epsilon moves only go forward over repeaters, so the closure is a short loop.
      for (;;) {
        if (seen[state] === this.step) return;
        seen[state] = this.step;
        list.push(state);
        if (state < n && zeroWidth(tokens[state])) state++;
        else return;
      }
    };
    this.newStep();
    add(current, 0);
    for (let i = 0; i < text.length; ) {
      const c = text.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      this.newStep();
      next.length = 0;
      for (const state of current) {
        if (state > n) {
          if (c !== NEWLINE) add(next, c === SLASH ? state - n - 1 : state);
          continue;
        }
        if (state === n) continue;
        const token = tokens[state];
        switch (token.t) {
          case 'char':
            if (c === token.c) add(next, state + 1);
            break;
          case 'one':
            if (c !== SLASH) add(next, state + 1);
            break;
          case 'set':
            if (inSet(token, c)) add(next, state + 1);
            break;
          case 'star':
            if (c !== SLASH) add(next, state);
            break;
          case 'dirs':
            if (c !== NEWLINE) add(next, c === SLASH ? state : n + 1 + state);
            break;
          case 'rest':
            if (c !== NEWLINE) add(next, state);
            break;
        }
      }
      if (next.length === 0) return false;
      [current, next] = [next, current];
    }
    return current.includes(n);
  }

  private newStep(): void {
    this.step++;
    if (this.step === 0xffffffff) {
      this.seen!.fill(0);
      this.step = 1;
    }
  }
}

/** The code points of a string. */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i)!;
    out.push(c);
    i += c > 0xffff ? 2 : 1;
  }
  return out;
}

const ch = (s: string): number => s.codePointAt(0)!;
const STAR = ch('*');
const QUESTION = ch('?');
const BACKSLASH = ch('\\');
const OPEN = ch('[');
const CLOSE = ch(']');
const CARET = ch('^');
const DASH = ch('-');

/**
 * Go's `filepath.Match` syntax: a class `[…]` (`^` negates; items are characters or `lo-hi` ranges; `\`
 * escapes; `-` and `]` cannot start an item), `\` escapes outside classes, a trailing `\` is bad.
 * Returns the tokens, or null when Go would answer ErrBadPattern.
 */
function parseGoMatch(pattern: string): Token[] | null {
  const p = codePoints(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === STAR) push(tokens, { t: 'star' });
    else if (c === QUESTION) push(tokens, { t: 'one' });
    else if (c === BACKSLASH) {
      if (i + 1 >= p.length) return null;
      push(tokens, { t: 'char', c: p[++i] });
    } else if (c === OPEN) {
      const cls = parseGoClass(p, i + 1);
      if (!cls) return null;
      push(tokens, cls.token);
      i = cls.end;
    } else push(tokens, { t: 'char', c });
  }
  return tokens;
}

/** A class body from `start` (after `[`); `end` is the index of its closing `]`. */
function parseGoClass(p: number[], start: number): { token: Token & { t: 'set' }; end: number } | null {
  let i = start;
  let negated = false;
  if (p[i] === CARET) {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  // One item: a character or an escaped one; never `-` or `]` unescaped, and never the pattern's last character.
  const item = (): number | null => {
    if (i >= p.length || p[i] === DASH || p[i] === CLOSE) return null;
    if (p[i] === BACKSLASH) {
      i++;
      if (i >= p.length) return null;
    }
    const c = p[i++];
    return i >= p.length ? null : c;
  };
  for (;;) {
    if (p[i] === CLOSE && ranges.length > 0) return { token: { t: 'set', negated, ranges }, end: i };
    const lo = item();
    if (lo === null) return null;
    let hi = lo;
    if (p[i] === DASH) {
      i++;
      const h = item();
      if (h === null) return null;
      hi = h;
    }
    ranges.push(lo, hi);
  }
}

/** Go's `filepath.Match` for one path element (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes); null for a bad pattern. */
export function compileElementPattern(pattern: string): Glob | null {
  const tokens = parseGoMatch(pattern);
  return tokens ? new Program(tokens) : null;
}

// Characters Docker escapes when it turns a pattern into a Go regexp (the rest are copied as they are).
const ESCAPED = new Set([...'.+()|{}$'].map(ch));
// In Go's regexp, `\` makes only ASCII punctuation a plain character (`\d` is a class, `\é` an error).
const literalEscape = (c: number): boolean => c < 0x80 && !/[0-9A-Za-z]/.test(String.fromCharCode(c));

export interface IgnorePattern {
  /** Whether the pattern matches this path (relative, forward slashes, cleaned). */
  matches(relative: string): boolean;
}

/**
 * One `.dockerignore` pattern (already cleaned, without its `!`) as moby/patternmatcher reads it: `*` and
 * `?` never cross `/`; `**` is any number of folders (`**\/` too), any run when it ends the pattern; a
 * pattern with no wildcard matches only that exact path; one that starts with `**` and has no other
 * wildcard matches any path ending like it, one that ends with `**` after plain text any path starting
 * with that text. Null for a pattern Docker refuses (Go's `filepath.Match` syntax) or one whose Go regexp
 * means something this matcher does not model (a class holding `*`, `?` or `[`, `\` before a letter, `^`).
 */
export function compileIgnorePattern(pattern: string): IgnorePattern | null {
  if (pattern === '') return null;
  if (!/[*?[\]\\]/.test(pattern)) return { matches: (r) => r === pattern };
  if (parseGoMatch(pattern) === null) return null;
  const p = codePoints(pattern);
  const tokens: Token[] = [];
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  let bareCaret = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const first = i === 0;
    if (c === STAR && p[i + 1] === STAR) {
      i++;
      if (p[i + 1] === SLASH) i++;
      if (i + 1 >= p.length) {
        if (kind === 'exact') kind = 'prefix';
        else {
          push(tokens, { t: 'rest' });
          kind = 'regexp';
        }
      } else {
        push(tokens, { t: 'dirs' });
        kind = 'regexp';
      }
      if (first) kind = 'suffix';
    } else if (c === STAR) {
      push(tokens, { t: 'star' });
      kind = 'regexp';
    } else if (c === QUESTION) {
      push(tokens, { t: 'one' });
      kind = 'regexp';
    } else if (ESCAPED.has(c)) push(tokens, { t: 'char', c });
    else if (c === BACKSLASH) {
      // A trailing `\` was refused above.
      const escaped = p[++i];
      if (!literalEscape(escaped)) return null;
      push(tokens, { t: 'char', c: escaped });
      kind = 'regexp';
    } else if (c === OPEN) {
      const cls = parseRegexpClass(p, i + 1);
      if (!cls) return null;
      push(tokens, cls.token);
      i = cls.end;
      kind = 'regexp';
    } else if (c === CLOSE) {
      push(tokens, { t: 'char', c });
      kind = 'regexp';
    } else {
      // `^` is copied into the regexp as an anchor; only the plain comparisons read it as a character.
      if (c === CARET) bareCaret = true;
      push(tokens, { t: 'char', c });
    }
  }
  if (kind === 'regexp' && bareCaret) return null;
  switch (kind) {
    case 'exact':
      return { matches: (r) => r === pattern };
    case 'prefix': {
      const head = pattern.slice(0, -2);
      return { matches: (r) => r.startsWith(head) };
    }
    case 'suffix': {
      const tail = pattern.slice(2);
      return { matches: (r) => r.endsWith(tail) || (tail.startsWith('/') && r === tail.slice(1)) };
    }
    default: {
      const program = new Program(tokens);
      return { matches: (r) => program.test(r) };
    }
  }
}

/**
 * A class as Go's regexp reads what Docker copies into it (Go's `filepath.Match` syntax already checked):
 * characters, `lo-hi` ranges, `\` before punctuation. Null for what Docker's copy garbles (`*`, `?`,
 * another `[`) or `\` before a letter or digit.
 */
function parseRegexpClass(p: number[], start: number): { token: Token & { t: 'set' }; end: number } | null {
  let i = start;
  let negated = false;
  if (p[i] === CARET) {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  const item = (): number | null => {
    const c = p[i];
    if (c === undefined || c === STAR || c === QUESTION || c === OPEN) return null;
    if (c === BACKSLASH) {
      const e = p[i + 1];
      if (e === undefined || !literalEscape(e)) return null;
      i += 2;
      return e;
    }
    i++;
    return c;
  };
  for (;;) {
    if (i >= p.length) return null;
    if (p[i] === CLOSE && ranges.length > 0) return { token: { t: 'set', negated, ranges }, end: i };
    const lo = item();
    if (lo === null) return null;
    let hi = lo;
    if (p[i] === DASH && p[i + 1] !== CLOSE) {
      i++;
      const h = item();
      if (h === null) return null;
      hi = h;
    }
    ranges.push(lo, hi);
  }
}
