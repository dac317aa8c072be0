// Evaluating bake's HCL expressions: literals, templates, variable references, attribute and index
// access, the few functions that decide paths (equal, notequal, and, or, not, lower, upper, trimprefix,
// trimsuffix, coalesce, join), operators and conditionals. Anything else is UNKNOWN, never a guess.
import { UNKNOWN } from './hcl';
import type { Expr, Value } from './hcl';

export type Env = (name: string) => Value | undefined;

const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  equal: ([a, b]) => a === b,
  notequal: ([a, b]) => a !== b,
  and: (args) => args.every((a) => a === true),
  or: (args) => args.some((a) => a === true),
  not: ([a]) => (typeof a === 'boolean' ? !a : UNKNOWN),
  lower: ([a]) => (typeof a === 'string' ? a.toLowerCase() : UNKNOWN),
  upper: ([a]) => (typeof a === 'string' ? a.toUpperCase() : UNKNOWN),
  trimprefix: ([a, p]) => (typeof a === 'string' && typeof p === 'string' ? (a.startsWith(p) ? a.slice(p.length) : a) : UNKNOWN),
  trimsuffix: ([a, s]) => (typeof a === 'string' && typeof s === 'string' ? (s && a.endsWith(s) ? a.slice(0, -s.length) : a) : UNKNOWN),
  coalesce: (args) => args.find((a) => a !== null && a !== '') ?? null,
  join: ([sep, list]) => (typeof sep === 'string' && Array.isArray(list) && list.every((x) => typeof x === 'string') ? list.join(sep) : UNKNOWN),
};

export function evaluate(e: Expr, env: Env, depth = 0): Value {
  if (depth > 50) return UNKNOWN;
  const ev = (x: Expr): Value => evaluate(x, env, depth + 1);
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'unknown':
      return UNKNOWN;
    case 'ref':
      return env(e.name) ?? UNKNOWN;
    case 'tpl': {
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return ev(e.parts[0]);
      let s = '';
      for (const p of e.parts) {
        if (typeof p === 'string') s += p;
        else {
          const v = ev(p);
          if (v === UNKNOWN || (typeof v === 'object' && v !== null)) return UNKNOWN;
          s += v === null ? '' : String(v);
        }
      }
      return s;
    }
    case 'attr': {
      const o = ev(e.obj);
      return o !== null && typeof o === 'object' && !Array.isArray(o) && e.name in o ? o[e.name] : Array.isArray(o) && /^\d+$/.test(e.name) ? o[Number(e.name)] ?? UNKNOWN : UNKNOWN;
    }
    case 'index': {
      const o = ev(e.obj);
      const k = ev(e.index);
      if (Array.isArray(o) && typeof k === 'number') return o[k] ?? UNKNOWN;
      if (o !== null && typeof o === 'object' && !Array.isArray(o) && typeof k === 'string') return o[k] ?? UNKNOWN;
      return UNKNOWN;
    }
    case 'call': {
      const fn = FUNCTIONS[e.name];
      if (!fn) return UNKNOWN;
      const args = e.args.map(ev);
      return args.includes(UNKNOWN) ? UNKNOWN : fn(args);
    }
    case 'list': {
      const items = e.items.map(ev);
      return items.includes(UNKNOWN) ? UNKNOWN : items;
    }
    case 'obj': {
      const o: { [k: string]: Value } = {};
      for (const [ke, ve] of e.items) {
        const k = ke.k === 'ref' ? ke.name : ev(ke);
        if (typeof k !== 'string') return UNKNOWN;
        o[k] = ev(ve);
      }
      return o;
    }
    case 'unary': {
      const v = ev(e.e);
      if (e.op === '!') return typeof v === 'boolean' ? !v : UNKNOWN;
      return typeof v === 'number' ? -v : UNKNOWN;
    }
    case 'cond': {
      const c = ev(e.c);
      return c === true ? ev(e.a) : c === false ? ev(e.b) : UNKNOWN;
    }
    case 'bin': {
      const a = ev(e.a);
      const b = ev(e.b);
      if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
      switch (e.op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '&&':
          return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : UNKNOWN;
        case '||':
          return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : UNKNOWN;
      }
      if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? UNKNOWN : a / b;
        case '%':
          return b === 0 ? UNKNOWN : a % b;
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '<=':
          return a <= b;
        default:
          return a >= b;
      }
    }
  }
}
