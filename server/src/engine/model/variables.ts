// ARG and ENV values in scope at a line, the way BuildKit scopes them:
// - ARGs before the first FROM are global: visible to FROM lines only, unless a stage redeclares them
//   with `ARG NAME` (no value), which takes the global default;
// - ARG and ENV set in a stage are inherited by a stage built `FROM` it;
// - ENV wins over an ARG of the same name; an instruction sees the values set before it.
// Per-stage facts are computed once per parsed document (WeakMap) and reused by every hover.
import type { Instruction, Property } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { keywordOf } from '../parse/instructionCache';

export type BindingKind = 'arg' | 'env' | 'global-arg' | 'predefined';

export interface VariableBinding {
  name: string;
  kind: BindingKind;
  /** The value with known variables expanded; null when an ARG has no default (only `--build-arg` sets it). */
  value: string | null;
  /** The value as written, before expansion. */
  raw: string | null;
  /** Zero-based line of the declaring instruction; -1 for predefined arguments. */
  line: number;
  /** Index of the declaring stage; null for a global ARG or a predefined one. */
  stage: number | null;
  /** The value refers to variables whose value is not known here. */
  partial: boolean;
  /**
   * Expanded, the value would be longer than MAX_VALUE_LENGTH (`ARG B=$A$A$A$A` chained a few times): it
   * is kept unknown (`value` null, `partial`) rather than built, and said so where it is shown or used.
   */
  tooLarge?: boolean;
  /** A stage `ARG NAME` without a value that took the default of the global ARG. */
  fromGlobal?: VariableBinding;
}

/** Longest expanded value the engine builds (characters); a longer one is "too large to resolve". */
export const MAX_VALUE_LENGTH = 100_000;

export interface Scope {
  args: Map<string, VariableBinding>;
  env: Map<string, VariableBinding>;
}

/** Set by BuildKit in the global scope; a stage must redeclare them with `ARG` to see them. */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

/** Usable in RUN without an ARG line; their values come from `--build-arg` only. */
export const PROXY_ARGS: ReadonlySet<string> = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);

interface DocFacts {
  /** ARG/ENV instructions per stage index. */
  defs: Map<number, Instruction[]>;
  /** Scope at the end of each stage. */
  ends: Map<number, Scope>;
  globals: Map<string, VariableBinding> | null;
}

const FACTS = new WeakMap<ParsedDocument, DocFacts>();

function facts(doc: ParsedDocument): DocFacts {
  let f = FACTS.get(doc);
  if (!f) {
    f = { defs: new Map(), ends: new Map(), globals: null };
    FACTS.set(doc, f);
  }
  return f;
}

/** The global ARGs (before the first FROM) declared before `line` (all of them when line is omitted). */
export function globalArgs(doc: ParsedDocument, line = Number.MAX_SAFE_INTEGER): Map<string, VariableBinding> {
  const f = facts(doc);
  if (!f.globals) {
    const scope: Scope = { args: new Map(), env: new Map() };
    for (const instruction of doc.preamble) {
      if (keywordOf(instruction) !== 'ARG') continue;
      applyArg(instruction, scope, null, null);
    }
    for (const b of scope.args.values()) b.kind = 'global-arg';
    f.globals = scope.args;
  }
  if (line === Number.MAX_SAFE_INTEGER) return f.globals;
  const out = new Map<string, VariableBinding>();
  for (const [k, v] of f.globals) if (v.line < line) out.set(k, v);
  return out;
}

/** The scope an instruction starting at `line` sees. FROM lines and the preamble see the global ARGs. */
export function scopeAt(doc: ParsedDocument, line: number): Scope {
  const stage = doc.stageAtLine(line);
  if (!stage || line <= stage.startLine) return { args: globalArgs(doc, line), env: new Map() };
  const start = doc.instructionAtLine(line)?.getRange().start.line ?? line;
  return replayStage(doc, stage, start);
}

/** The binding an ARG or ENV instruction starting at `line` leaves for `name` (its own effect included). */
export function bindingAfter(doc: ParsedDocument, name: string, line: number): VariableBinding | null {
  const stage = doc.stageAtLine(line);
  const scope = !stage || line < stage.startLine ? { args: globalArgs(doc, line + 1), env: new Map<string, VariableBinding>() } : replayStage(doc, stage, line + 1);
  return scope.env.get(name) ?? scope.args.get(name) ?? null;
}

/** The binding of `name` at `line`: ENV first, then ARG; predefined proxy ARGs are always known. */
export function lookupVariable(doc: ParsedDocument, name: string, line: number): VariableBinding | null {
  const scope = scopeAt(doc, line);
  const hit = scope.env.get(name) ?? scope.args.get(name);
  if (hit) return hit;
  if (PROXY_ARGS.has(name)) return { name, kind: 'predefined', value: null, raw: null, line: -1, stage: null, partial: false };
  const stage = doc.stageAtLine(line);
  const inGlobalScope = !stage || line <= stage.startLine;
  if (inGlobalScope && PLATFORM_ARGS.has(name)) {
    return { name, kind: 'predefined', value: null, raw: null, line: -1, stage: null, partial: false };
  }
  return null;
}

/** Scope at the end of a stage (its children start from it). */
export function stageEndScope(doc: ParsedDocument, stage: Stage): Scope {
  const f = facts(doc);
  const hit = f.ends.get(stage.index);
  if (hit) return hit;
  const scope = replayStage(doc, stage, Number.MAX_SAFE_INTEGER);
  f.ends.set(stage.index, scope);
  return scope;
}

function replayStage(doc: ParsedDocument, stage: Stage, beforeLine: number): Scope {
  const inherited = stage.parent && stage.parent.index < stage.index ? stageEndScope(doc, stage.parent) : null;
  const scope: Scope = { args: new Map(inherited?.args ?? []), env: new Map(inherited?.env ?? []) };
  for (const instruction of stageDefs(doc, stage)) {
    if (instruction.getRange().start.line >= beforeLine) break;
    if (keywordOf(instruction) === 'ARG') applyArg(instruction, scope, stage.index, globalArgs(doc));
    else applyEnv(instruction, scope, stage.index);
  }
  return scope;
}

function stageDefs(doc: ParsedDocument, stage: Stage): Instruction[] {
  const f = facts(doc);
  let defs = f.defs.get(stage.index);
  if (!defs) {
    defs = stage.instructions.filter((i) => {
      const k = keywordOf(i);
      return k === 'ARG' || k === 'ENV';
    });
    f.defs.set(stage.index, defs);
  }
  return defs;
}

function propertiesOf(instruction: Instruction): Property[] {
  const withProps = instruction as unknown as { getProperties?: () => Property[] };
  try {
    return withProps.getProperties ? withProps.getProperties() : [];
  } catch {
    return [];
  }
}

function applyArg(instruction: Instruction, scope: Scope, stage: number | null, globals: Map<string, VariableBinding> | null): void {
  const line = instruction.getRange().start.line;
  for (const p of propertiesOf(instruction)) {
    const name = p.getName();
    if (!name) continue;
    const raw = p.getValue();
    if (raw !== null) {
      scope.args.set(name, { name, kind: 'arg', raw, line, stage, ...expandBinding(raw, scope) });
      continue;
    }
    const existing = scope.args.get(name);
    const global = globals?.get(name);
    if (existing && stage !== null && existing.stage !== null) continue; // already set in this or a parent stage
    if (global) {
      scope.args.set(name, { ...global, kind: 'arg', line, stage, fromGlobal: global });
    } else {
      const predefined = PLATFORM_ARGS.has(name) || PROXY_ARGS.has(name);
      scope.args.set(name, { name, kind: predefined ? 'predefined' : 'arg', value: null, raw: null, line, stage, partial: false });
    }
  }
}

function applyEnv(instruction: Instruction, scope: Scope, stage: number): void {
  const line = instruction.getRange().start.line;
  // Every assignment of one ENV line sees the values from before the line.
  const before = { args: scope.args, env: new Map(scope.env) };
  for (const p of propertiesOf(instruction)) {
    const name = p.getName();
    const raw = p.getValue();
    if (!name || raw === null) continue;
    scope.env.set(name, { name, kind: 'env', raw, line, stage, ...expandBinding(raw, before) });
  }
}

/** A declared value expanded in `scope`; too large when it, or a value it reads, is over the limit. */
function expandBinding(raw: string, scope: Scope): Pick<VariableBinding, 'value' | 'partial' | 'tooLarge'> {
  let readsTooLarge = false;
  const { text, partial, tooLarge } = expand(raw, (n) => {
    const b = scope.env.get(n) ?? scope.args.get(n);
    if (b?.tooLarge) readsTooLarge = true;
    return lookupIn(scope, n);
  });
  if (tooLarge || readsTooLarge) return { value: null, partial: true, tooLarge: true };
  return { value: text, partial };
}

function lookupIn(scope: Scope, name: string): string | null | undefined {
  const b = scope.env.get(name) ?? scope.args.get(name);
  if (!b) return undefined;
  return b.partial ? undefined : b.value;
}

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}` with a lookup
 * that returns the value, null (declared without a value: empty at build time unless passed), or
 * undefined (unknown here). Unknown references stay as written and make the result partial.
 */
export function expand(
  text: string,
  lookup: (name: string) => string | null | undefined,
  escapeChar: '\\' | '`' = '\\',
  limit = MAX_VALUE_LENGTH,
): { text: string; partial: boolean; tooLarge?: boolean } {
  let out = '';
  let partial = false;
  for (let i = 0; i < text.length; i++) {
    // Each step adds at most one value: past the limit, stop before building anything bigger.
    if (out.length > limit) return { text: '', partial: true, tooLarge: true };
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (simple) {
      const v = lookup(simple[1]);
      if (v === undefined) {
        partial = true;
        out += simple[0];
      } else out += v ?? '';
      i += simple[0].length - 1;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}/.exec(text.slice(i));
    if (braced) {
      const [whole, name, op, word] = braced;
      const v = lookup(name);
      if (v === undefined) {
        partial = true;
        out += whole;
      } else if (!op) out += v ?? '';
      else {
        const set = op.startsWith(':') ? v !== null && v !== '' : v !== null;
        const inner = expand(word ?? '', lookup, escapeChar, limit);
        if (inner.tooLarge) return inner;
        if (op.endsWith('-')) {
          if (set) out += v ?? '';
          else {
            out += inner.text;
            partial ||= inner.partial;
          }
        } else if (set) {
          out += inner.text;
          partial ||= inner.partial;
        }
      }
      i += whole.length - 1;
      continue;
    }
    out += c;
  }
  if (out.length > limit) return { text: '', partial: true, tooLarge: true };
  return { text: out, partial };
}
