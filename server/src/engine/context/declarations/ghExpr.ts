// GitHub Actions expressions (`${{ … }}`) as far as a build's paths need them: literals, `inputs.x`,
// `env.X`, `matrix.x`, `github.workspace`, `==` `!=` (case-insensitive for strings, as GitHub compares),
// `!`, `&&` / `||` (which return an operand, so `c && 'a' || 'b'` picks a string), parentheses.
// Function calls and every other context are unknown.
import { unresolvedMarker } from './shellWords';

export const GH_UNKNOWN = Symbol('unknown');
export type GhValue = string | number | boolean | null | typeof GH_UNKNOWN;

export interface GhContext {
  inputs: Record<string, GhValue>;
  env: Record<string, GhValue>;
  matrix?: Record<string, GhValue>;
  workspace: string;
  actionPath?: string;
}

/** Replaces every `${{ … }}` by its value; an unknown one becomes an unresolved marker. */
export function substitute(text: string, ctx: GhContext): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const out = text.replace(/\$\{\{([\s\S]*?)\}\}/g, (m, src: string) => {
    const v = evalGh(src, ctx);
    if (v === GH_UNKNOWN) {
      unknown.push(m);
      return unresolvedMarker(m.replace(/\s+/g, ' '));
    }
    return v === null ? '' : String(v);
  });
  return { text: out, unknown };
}

/** A value that is a whole expression (`context: ${{ inputs.context }}`) keeps its type. */
export function evalGh(src: string, ctx: GhContext): GhValue {
  try {
    const p = new GhParser(src, ctx);
    const v = p.or();
    return p.done() ? v : GH_UNKNOWN;
  } catch {
    return GH_UNKNOWN;
  }
}

const truthy = (v: GhValue): boolean => v !== GH_UNKNOWN && v !== false && v !== 0 && v !== '' && v !== null;

class GhParser {
  private toks: string[];
  private i = 0;
  constructor(src: string, private ctx: GhContext) {
    this.toks = src.match(/'(?:[^']|'')*'|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|==|!=|<=|>=|&&|\|\||[!<>().[\]*,]|\S/g) ?? [];
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }
  private peek(): string | undefined {
    return this.toks[this.i];
  }
  or(): GhValue {
    let a = this.and();
    while (this.peek() === '||') {
      this.i++;
      const b = this.and();
      a = a === GH_UNKNOWN ? GH_UNKNOWN : truthy(a) ? a : b;
    }
    return a;
  }
  private and(): GhValue {
    let a = this.cmp();
    while (this.peek() === '&&') {
      this.i++;
      const b = this.cmp();
      a = a === GH_UNKNOWN ? GH_UNKNOWN : truthy(a) ? b : a;
    }
    return a;
  }
  private cmp(): GhValue {
    let a = this.unary();
    while (this.peek() === '==' || this.peek() === '!=') {
      const op = this.toks[this.i++];
      const b = this.unary();
      if (a === GH_UNKNOWN || b === GH_UNKNOWN) a = GH_UNKNOWN;
      else {
        const eq = typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
        a = op === '==' ? eq : !eq;
      }
    }
    return a;
  }
  private unary(): GhValue {
    if (this.peek() === '!') {
      this.i++;
      const v = this.unary();
      return v === GH_UNKNOWN ? v : !truthy(v);
    }
    return this.primary();
  }
  private primary(): GhValue {
    const t = this.toks[this.i++];
    if (t === undefined) throw new Error('end');
    if (t === '(') {
      const v = this.or();
      if (this.toks[this.i++] !== ')') throw new Error(')');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (!/^[A-Za-z_]/.test(t)) throw new Error('token');
    if (this.peek() === '(') throw new Error('function');
    const pathParts = [t];
    while (this.peek() === '.' || this.peek() === '[') {
      if (this.toks[this.i++] === '.') pathParts.push(this.toks[this.i++] ?? '');
      else {
        const k = this.toks[this.i++] ?? '';
        if (this.toks[this.i++] !== ']') throw new Error(']');
        pathParts.push(k.startsWith("'") ? k.slice(1, -1) : GH_UNKNOWN.toString());
      }
    }
    return this.lookup(pathParts);
  }
  private lookup(p: string[]): GhValue {
    const [head, a, b] = p;
    if (head === 'inputs' && p.length === 2) return a in this.ctx.inputs ? this.ctx.inputs[a] : GH_UNKNOWN;
    if (head === 'github' && p[1] === 'event' && p[2] === 'inputs' && p.length === 4) return p[3] in this.ctx.inputs ? this.ctx.inputs[p[3]] : GH_UNKNOWN;
    if (head === 'env' && p.length === 2) return a in this.ctx.env ? this.ctx.env[a] : GH_UNKNOWN;
    if (head === 'matrix' && p.length === 2 && this.ctx.matrix) return a in this.ctx.matrix ? this.ctx.matrix[a] : GH_UNKNOWN;
    if (head === 'github' && p.length === 2 && a === 'workspace') return this.ctx.workspace;
    if (head === 'github' && p.length === 2 && a === 'action_path' && this.ctx.actionPath) return this.ctx.actionPath;
    void b;
    return GH_UNKNOWN;
  }
}
