// Docker Bake files (HCL or JSON): which targets build which Dockerfile with which context. Bake resolves a
// relative `context` from the folder it runs in (not the file's), `dockerfile` from the context (as docker
// build does), and fills a target from the targets it `inherits`, its `matrix`, and `variable` defaults
// (overridden by the environment of the run). Groups only name targets.
import * as path from 'node:path';
import type { Node as JsonNode } from 'jsonc-parser';
import { parseHcl, parseTemplate, UNKNOWN } from './hcl';
import { evaluate } from './hclEval';
import type { Block, Expr, Value } from './hcl';
import { parseJsonc } from './devcontainer';
import { isRemoteContext } from './paths';
import { lineOf, lineStarts } from './readFile';

export const DEFAULT_BAKE_FILES = ['docker-bake.json', 'docker-bake.hcl', 'docker-bake.override.json', 'docker-bake.override.hcl'];

export function isBakeFileName(name: string): boolean {
  return DEFAULT_BAKE_FILES.includes(name);
}

interface Attr {
  expr: Expr;
  line: number;
  file: string;
}

interface Target {
  name: string;
  file: string;
  line: number;
  attrs: Map<string, Attr>;
}

export interface BakeModel {
  targets: Map<string, Target>;
  groups: Map<string, Attr>;
  variables: Map<string, Attr | null>;
}

export function emptyBake(): BakeModel {
  return { targets: new Map(), groups: new Map(), variables: new Map() };
}

/** Adds one file to a model; a target defined again in a later file overrides the attributes it sets. Throws on a parse error. */
export function addBakeFile(model: BakeModel, file: string, text: string): void {
  const blocks = file.endsWith('.json') ? jsonBlocks(text, file) : parseHcl(text).blocks;
  for (const b of blocks) {
    const attrs = new Map([...b.attrs].map(([k, a]) => [k, { ...a, file }] as [string, Attr]));
    const name = b.labels[0];
    if (!name) continue;
    if (b.type === 'target') {
      const t = model.targets.get(name);
      if (t) for (const [k, a] of attrs) t.attrs.set(k, a);
      else model.targets.set(name, { name, file, line: b.line, attrs });
    } else if (b.type === 'group') {
      const targets = attrs.get('targets');
      if (targets) model.groups.set(name, targets);
    } else if (b.type === 'variable') {
      model.variables.set(name, attrs.get('default') ?? null);
    }
  }
}

/** Whether a file holds at least one bake `target` block (for `*.hcl` / `*.json` found by content). */
export function looksLikeBake(text: string, json: boolean): boolean {
  return json ? /"target"\s*:\s*\{/.test(text) : /^[ \t]*target[ \t]+"[^"\n]+"[ \t]*\{/m.test(text);
}

function jsonBlocks(text: string, file: string): Block[] {
  const tree = parseJsonc(text);
  const starts = lineStarts(text);
  const out: Block[] = [];
  for (const section of tree.children ?? []) {
    const [key, value] = section.children ?? [];
    const type = String(key?.value);
    if (!['target', 'group', 'variable'].includes(type) || value?.type !== 'object') continue;
    for (const prop of value.children ?? []) {
      const [nameNode, body] = prop.children ?? [];
      if (body?.type !== 'object') continue;
      const attrs = new Map<string, { expr: Expr; line: number }>();
      for (const a of body.children ?? []) {
        const [k, v] = a.children ?? [];
        if (k && v) attrs.set(String(k.value), { expr: jsonExpr(v, starts), line: lineOf(starts, k.offset) });
      }
      out.push({ type, labels: [String(nameNode.value)], line: lineOf(starts, nameNode.offset), attrs, blocks: [] });
    }
  }
  void file;
  return out;
}

function jsonExpr(n: JsonNode, starts: number[]): Expr {
  switch (n.type) {
    case 'string':
      return parseTemplate(String(n.value), lineOf(starts, n.offset));
    case 'array':
      return { k: 'list', items: (n.children ?? []).map((c) => jsonExpr(c, starts)) };
    case 'object':
      return { k: 'obj', items: (n.children ?? []).map((p) => [{ k: 'lit', v: String(p.children![0].value) }, jsonExpr(p.children![1], starts)] as [Expr, Expr]) };
    default:
      return { k: 'lit', v: (n.value ?? null) as Value };
  }
}

export interface BakeBuild {
  target: string;
  dockerfile: string;
  context: string;
  evidence: { file: string; line: number };
  namedContexts?: Record<string, string>;
  assumptions: string[];
}

export interface BakeOptions {
  cwd: string;
  /** Requested targets or groups; undefined: every target that is not only a base for others. */
  targets?: string[];
  env?: Record<string, string | null>;
  sets?: Record<string, string>;
  log?: (message: string) => void;
}

const MAX_MATRIX = 256;

export function evaluateBake(model: BakeModel, opts: BakeOptions): BakeBuild[] {
  const out: BakeBuild[] = [];
  const used = new Map<string, string>();
  const varCache = new Map<string, Value>();
  const resolving = new Set<string>();
  const variable = (name: string): Value | undefined => {
    if (name === 'BAKE_CMD_CONTEXT') return opts.cwd;
    if (opts.env && name in opts.env) return opts.env[name] ?? UNKNOWN;
    if (!model.variables.has(name)) return undefined;
    if (varCache.has(name)) {
      used.set(name, show(varCache.get(name)!));
      return varCache.get(name);
    }
    if (resolving.has(name)) return UNKNOWN;
    resolving.add(name);
    const def = model.variables.get(name);
    const v = def ? evaluate(def.expr, variable) : '';
    resolving.delete(name);
    varCache.set(name, v);
    used.set(name, show(v));
    return v;
  };
  for (const name of selectTargets(model, opts.targets)) {
    const t = model.targets.get(name);
    if (!t) continue;
    for (const combo of matrixOf(model, name, variable)) {
      const env = (n: string): Value | undefined => (n in combo ? combo[n] : variable(n));
      const label = instanceName(model, name, env);
      const get = (attr: string): { value: Value; at: Attr } | undefined => attribute(model, name, attr, env, new Set());
      const context = opts.sets?.[`${name}.context`] ?? opts.sets?.['*.context'];
      const dockerfile = opts.sets?.[`${name}.dockerfile`] ?? opts.sets?.['*.dockerfile'];
      used.clear();
      const c = context !== undefined ? { value: context as Value, at: undefined } : get('context');
      const d = dockerfile !== undefined ? { value: dockerfile as Value, at: undefined } : get('dockerfile');
      const defaults = [...used].map(([k, v]) => `variable ${k} at its default (${v})`);
      const inline = get('dockerfile-inline');
      if (inline && inline.value !== null) continue;
      if (c?.value === UNKNOWN || d?.value === UNKNOWN) {
        opts.log?.(`${t.file}: bake target ${label}: ${c?.value === UNKNOWN ? 'context' : 'dockerfile'} cannot be evaluated here; skipped`);
        continue;
      }
      const ctxText = typeof c?.value === 'string' ? c.value : '.';
      if (c?.value !== undefined && c.value !== null && typeof c.value !== 'string') continue;
      if (isRemoteContext(ctxText) || /^(target:|docker-image:|oci-layout:)/.test(ctxText)) continue;
      const contextAbs = path.resolve(opts.cwd, ctxText.replace(/^cwd:\/\//, ''));
      const dfText = typeof d?.value === 'string' ? d.value : 'Dockerfile';
      const dockerfileAbs = dfText.startsWith('cwd://') ? path.resolve(opts.cwd, dfText.slice(6)) : path.resolve(contextAbs, dfText);
      const named: Record<string, string> = {};
      const contexts = get('contexts')?.value;
      if (contexts && typeof contexts === 'object' && !Array.isArray(contexts)) {
        for (const [k, v] of Object.entries(contexts)) {
          if (typeof v !== 'string' || isRemoteContext(v) || /^[a-z-]+:(?!\/\/)|^[a-z-]+:\/\//.test(v.replace(/^cwd:\/\//, ''))) continue;
          named[k] = path.resolve(opts.cwd, v.replace(/^cwd:\/\//, ''));
        }
      }
      const explicit = c?.value !== undefined && c.value !== null && c.at ? c.at : d?.value !== undefined && d.value !== null && d.at ? d.at : undefined;
      const b: BakeBuild = {
        target: label,
        dockerfile: dockerfileAbs,
        context: contextAbs,
        evidence: explicit ? { file: explicit.file, line: explicit.line } : { file: t.file, line: t.line },
        assumptions: defaults,
      };
      if (Object.keys(named).length) b.namedContexts = named;
      out.push(b);
    }
  }
  return out;
}

function show(v: Value): string {
  return v === UNKNOWN ? 'unknown' : JSON.stringify(v);
}

/** An attribute of a target: its own when set (not null), else from the targets it inherits (the last one wins). */
function attribute(model: BakeModel, name: string, attr: string, env: (n: string) => Value | undefined, seen: Set<string>): { value: Value; at: Attr } | undefined {
  const t = model.targets.get(name);
  if (!t || seen.has(name) || seen.size > 32) return undefined;
  seen.add(name);
  const own = t.attrs.get(attr);
  if (own) {
    const value = evaluate(own.expr, env);
    if (value !== null) return { value, at: own };
  }
  const inherits = t.attrs.get('inherits');
  const parents = inherits ? evaluate(inherits.expr, env) : [];
  if (!Array.isArray(parents)) return own ? { value: null, at: own } : undefined;
  for (const p of [...parents].reverse()) {
    if (typeof p !== 'string') continue;
    const r = attribute(model, p, attr, env, new Set(seen));
    if (r) return r;
  }
  return own ? { value: null, at: own } : undefined;
}

function selectTargets(model: BakeModel, requested: string[] | undefined): string[] {
  const groupTargets = (g: string, seen = new Set<string>()): string[] => {
    const attr = model.groups.get(g);
    if (!attr || seen.has(g)) return model.targets.has(g) ? [g] : [];
    seen.add(g);
    const v = evaluate(attr.expr, () => undefined);
    const names = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return names.flatMap((n) => (model.groups.has(n) ? groupTargets(n, seen) : [n]));
  };
  if (requested) {
    const names = requested.length ? requested : ['default'];
    return [...new Set(names.flatMap((n) => (model.groups.has(n) ? groupTargets(n) : [n])))];
  }
  // Every target, except those only used as a base for others (`_common`, `docker-metadata-action`).
  const inGroups = new Set([...model.groups.keys()].flatMap((g) => groupTargets(g)));
  const inherited = new Set<string>();
  for (const t of model.targets.values()) {
    const v = t.attrs.get('inherits');
    const list = v ? evaluate(v.expr, () => undefined) : [];
    if (Array.isArray(list)) for (const x of list) if (typeof x === 'string') inherited.add(x);
  }
  return [...model.targets.keys()].filter((n) => !inherited.has(n) || inGroups.has(n));
}

function matrixOf(model: BakeModel, name: string, env: (n: string) => Value | undefined): Array<Record<string, Value>> {
  const m = model.targets.get(name)?.attrs.get('matrix');
  if (!m) return [{}];
  const v = evaluate(m.expr, env);
  if (v === UNKNOWN || !v || typeof v !== 'object' || Array.isArray(v)) return [];
  let combos: Array<Record<string, Value>> = [{}];
  for (const [k, values] of Object.entries(v)) {
    if (!Array.isArray(values)) return [];
    combos = combos.flatMap((c) => values.map((x) => ({ ...c, [k]: x })));
    if (combos.length > MAX_MATRIX) return combos.slice(0, MAX_MATRIX);
  }
  return combos;
}

function instanceName(model: BakeModel, name: string, env: (n: string) => Value | undefined): string {
  const n = model.targets.get(name)?.attrs.get('name');
  const v = n ? evaluate(n.expr, env) : undefined;
  return typeof v === 'string' ? v : name;
}
