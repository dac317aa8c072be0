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

// Per stage, once per parsed document: the bindings each ARG/ENV of the stage made, per name in line order,
// and a memo of what the stage ends with. A lookup is a binary search in the stage's own history, then a
// walk up the `FROM <stage>` chain through those memos. Replaying the stage and copying its maps for every
// lookup cost 5 s for 500 ENV + 500 COPY lines.
interface StageVars {
  stage: Stage;
  parent: StageVars | null;
  args: Map<string, VariableBinding[]>;
  env: Map<string, VariableBinding[]>;
  /** What the stage ends with, per name (null: not set in it or its ancestors), filled on demand. */
  endArgs: Map<string, VariableBinding | null>;
  endEnv: Map<string, VariableBinding | null>;
}

interface DocFacts {
  stages: Map<number, StageVars>;
  globals: Map<string, VariableBinding> | null;
}

const FACTS = new WeakMap<ParsedDocument, DocFacts>();

function facts(doc: ParsedDocument): DocFacts {
  let f = FACTS.get(doc);
  if (!f) {
    f = { stages: new Map(), globals: null };
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
  return materialize(stageVars(doc, stage), start);
}

/** The binding an ARG or ENV instruction starting at `line` leaves for `name` (its own effect included). */
export function bindingAfter(doc: ParsedDocument, name: string, line: number): VariableBinding | null {
  const stage = doc.stageAtLine(line);
  if (!stage || line < stage.startLine) return globalArgs(doc, line + 1).get(name) ?? null;
  const vars = stageVars(doc, stage);
  return find(vars, 'env', name, line + 1) ?? find(vars, 'args', name, line + 1);
}

/** The binding of `name` at `line`: ENV first, then ARG; predefined proxy ARGs are always known. */
export function lookupVariable(doc: ParsedDocument, name: string, line: number): VariableBinding | null {
  const stage = doc.stageAtLine(line);
  const inGlobalScope = !stage || line <= stage.startLine;
  let hit: VariableBinding | null | undefined;
  if (inGlobalScope) {
    const global = globalArgs(doc).get(name);
    hit = global && global.line < line ? global : null;
  } else {
    const start = doc.instructionAtLine(line)?.getRange().start.line ?? line;
    const vars = stageVars(doc, stage);
    hit = find(vars, 'env', name, start) ?? find(vars, 'args', name, start);
  }
  if (hit) return hit;
  if (PROXY_ARGS.has(name)) return { name, kind: 'predefined', value: null, raw: null, line: -1, stage: null, partial: false };
  if (inGlobalScope && PLATFORM_ARGS.has(name)) {
    return { name, kind: 'predefined', value: null, raw: null, line: -1, stage: null, partial: false };
  }
  return null;
}

/** Scope at the end of a stage (its children start from it). */
export function stageEndScope(doc: ParsedDocument, stage: Stage): Scope {
  return materialize(stageVars(doc, stage), Number.MAX_SAFE_INTEGER);
}

/** The variables of a stage, its ancestors first (iteratively: a chain of 10,000 stages is fine). */
function stageVars(doc: ParsedDocument, stage: Stage): StageVars {
  const f = facts(doc);
  const hit = f.stages.get(stage.index);
  if (hit) return hit;
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !f.stages.has(s.index); s = s.parent && s.parent.index < s.index ? s.parent : null) todo.push(s);
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    const parent = s.parent && s.parent.index < s.index ? f.stages.get(s.parent.index)! : null;
    f.stages.set(s.index, buildStageVars(doc, s, parent));
  }
  return f.stages.get(stage.index)!;
}

function buildStageVars(doc: ParsedDocument, stage: Stage, parent: StageVars | null): StageVars {
  const vars: StageVars = { stage, parent, args: new Map(), env: new Map(), endArgs: new Map(), endEnv: new Map() };
  // A live view for the expansions: each ARG/ENV sees what was set before it.
  const view: Scope = {
    args: { get: (n: string) => find(vars, 'args', n) ?? undefined } as Map<string, VariableBinding>,
    env: { get: (n: string) => find(vars, 'env', n) ?? undefined } as Map<string, VariableBinding>,
  };
  const globals = globalArgs(doc);
  for (const instruction of stage.instructions) {
    const keyword = keywordOf(instruction);
    if (keyword === 'ARG') {
      const line = instruction.getRange().start.line;
      for (const p of propertiesOf(instruction)) {
        const b = argBinding(p, view, stage.index, globals, line);
        if (b) push(vars.args, b);
      }
    } else if (keyword === 'ENV') {
      // Every assignment of one ENV line sees the values from before the line.
      for (const b of envBindings(instruction, view, stage.index)) push(vars.env, b);
    }
  }
  return vars;
}

function push(history: Map<string, VariableBinding[]>, b: VariableBinding): void {
  const list = history.get(b.name);
  if (list) list.push(b);
  else history.set(b.name, [b]);
}

/** The binding of `name` in a stage before `beforeLine` (all of the stage when omitted), else inherited. */
function find(vars: StageVars, kind: 'args' | 'env', name: string, beforeLine = Number.MAX_SAFE_INTEGER): VariableBinding | null {
  const own = lastBefore(vars[kind].get(name), beforeLine);
  if (own) return own;
  return vars.parent ? endBinding(vars.parent, kind, name) : null;
}

function lastBefore(list: VariableBinding[] | undefined, beforeLine: number): VariableBinding | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line < beforeLine) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : null;
}

/** What a stage ends with for `name`: a walk up the chain that stops at the first stage that knows it. */
function endBinding(vars: StageVars, kind: 'args' | 'env', name: string): VariableBinding | null {
  const memoOf = (v: StageVars) => (kind === 'args' ? v.endArgs : v.endEnv);
  const walked: StageVars[] = [];
  let found: VariableBinding | null = null;
  for (let v: StageVars | null = vars; v; v = v.parent) {
    const memo = memoOf(v).get(name);
    if (memo !== undefined) {
      found = memo;
      break;
    }
    walked.push(v);
    const list = v[kind].get(name);
    if (list) {
      found = list[list.length - 1];
      break;
    }
  }
  for (const v of walked) memoOf(v).set(name, found);
  return found;
}

/** The full scope (maps) a stage has before `beforeLine`: for completion, which lists every name. */
function materialize(vars: StageVars, beforeLine: number): Scope {
  const chain: StageVars[] = [];
  for (let v: StageVars | null = vars; v; v = v.parent) chain.push(v);
  const scope: Scope = { args: new Map(), env: new Map() };
  for (let k = chain.length - 1; k >= 0; k--) {
    const limit = k === 0 ? beforeLine : Number.MAX_SAFE_INTEGER;
    for (const kind of ['args', 'env'] as const) {
      for (const [name, list] of chain[k][kind]) {
        const b = lastBefore(list, limit);
        if (b) scope[kind].set(name, b);
      }
    }
  }
  return scope;
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
    const b = argBinding(p, scope, stage, globals, line);
    if (b) scope.args.set(b.name, b);
  }
}

/** What one `NAME[=value]` of an ARG line binds in `scope` (null: nothing changes). */
function argBinding(p: Property, scope: Scope, stage: number | null, globals: Map<string, VariableBinding> | null, line: number): VariableBinding | null {
  const name = p.getName();
  if (!name) return null;
  const raw = p.getValue();
  if (raw !== null) return { name, kind: 'arg', raw, line, stage, ...expandBinding(raw, scope) };
  const existing = scope.args.get(name);
  const global = globals?.get(name);
  if (existing && stage !== null && existing.stage !== null) return null; // already set in this or a parent stage
  if (global) return { ...global, kind: 'arg', line, stage, fromGlobal: global };
  const predefined = PLATFORM_ARGS.has(name) || PROXY_ARGS.has(name);
  return { name, kind: predefined ? 'predefined' : 'arg', value: null, raw: null, line, stage, partial: false };
}

/** The bindings of one ENV line, each expanded with the values from before the line. */
function envBindings(instruction: Instruction, scope: Scope, stage: number): VariableBinding[] {
  const line = instruction.getRange().start.line;
  const out: VariableBinding[] = [];
  for (const p of propertiesOf(instruction)) {
    const name = p.getName();
    const raw = p.getValue();
    if (!name || raw === null) continue;
    out.push({ name, kind: 'env', raw, line, stage, ...expandBinding(raw, scope) });
  }
  return out;
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
