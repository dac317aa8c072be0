// Makefiles (`Makefile`, `GNUmakefile`, `*.mk`): recipe lines that build, run in the Makefile's folder as
// make does. Make variables come from the file's assignments (`=`, `:=`, `::=`, `?=`, `+=`, and files it
// `include`s by a literal path). A variable set differently in `ifeq`/`ifdef` branches, or passed on a
// recursive `$(MAKE) target VAR=value` line of the same file, has several values: each is read. What
// make cannot know here (`$(shell …)`, `!=`, automatic variables) stays unknown, and a build that
// needs it is skipped rather than guessed.
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { readDeclarationFile } from './readFile';
import { emitCommands, findBuildCommands } from './shellScript';
import { unresolvedMarker } from './shellWords';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

export const makefileReader: DeclarationReader = {
  kind: 'script',
  accepts: (rel) => /(^|\/)(GNUmakefile|[Mm]akefile(\.[A-Za-z0-9_-]+)?|[^/]+\.mk)$/.test(rel),
  read: readMakefile,
};

interface Line {
  text: string;
  /** 1-based line of its first physical line. */
  line: number;
  recipe: boolean;
}

const DIRECTIVE = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|export|unexport|override|undefine|vpath)\b/;
const ASSIGNMENT = /^\s*(?:(?:export|override|private)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::?=|:::=|\+=|!=|=)\s*(.*)$/;

/**
 * Logical lines: backslash continuations joined (a recipe continuation loses its leading tab). A line
 * that starts with a tab is a recipe line only after a rule or another recipe line; elsewhere (inside an
 * `ifeq` among assignments, say) make reads it as an ordinary line.
 */
export function logicalLines(text: string): Line[] {
  const physical = text.split(/\r?\n/);
  const out: Line[] = [];
  let inRule = false;
  let inDefine = false;
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    const tab = physical[i].startsWith('\t');
    // Join continuation lines: each physical line is looked at once (a chain of 100,000 stays linear).
    const parts = [physical[i]];
    while (continues(parts[parts.length - 1]) && i + 1 < physical.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      const next = physical[++i];
      parts.push(tab ? next.replace(/^\t/, '') : next.trimStart());
    }
    const l = parts.join(' ');
    const trimmed = l.trim();
    // The body of a `define` is a canned recipe when its lines start with a tab.
    if (inDefine && /^endef\b/.test(trimmed)) inDefine = false;
    const recipe = tab && (inRule || inDefine);
    if (!inDefine && /^(?:(?:export|override)\s+)?define\s/.test(trimmed)) {
      inDefine = true;
      out.push({ text: l, line: start + 1, recipe: false });
      continue;
    }
    if (!tab && trimmed && !trimmed.startsWith('#') && !/^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(trimmed)) {
      inRule = !ASSIGNMENT.test(l) && !DIRECTIVE.test(l) && /^[^\s:=#][^=]*?::?(?!=)/.test(l);
    }
    out.push({ text: l, line: start + 1, recipe });
  }
  return out;
}

/** Whether a line ends with an odd number of backslashes (a continuation). */
function continues(line: string): boolean {
  let n = 0;
  for (let k = line.length - 1; k >= 0 && line[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

export interface MakeValue {
  value: string;
  /** `:=`: already expanded when assigned. */
  simple: boolean;
}

/** Variables: their possible values, or null for a value make computes (`$(shell …)`, `!=`). */
export type MakeVars = Map<string, MakeValue[] | null>;

const MAX_ALTERNATIVES = 8;

interface Frame {
  before: Map<string, MakeValue[] | null | undefined>;
  branches: Array<Map<string, MakeValue[] | null>>;
  current: Map<string, MakeValue[] | null>;
  hasElse: boolean;
}

export function makeVariables(fs: FileSystemView | null, file: string, text: string, vars: MakeVars = new Map(), depth = 0, dependsOn?: (f: string) => void): MakeVars {
  const frames: Frame[] = [];
  const overrides = new Map<string, MakeValue[]>();
  let inDefine = false;
  const set = (name: string, v: MakeValue[] | null): void => {
    const f = frames[frames.length - 1];
    if (f && !f.before.has(name)) f.before.set(name, vars.get(name));
    if (f) f.current.set(name, v);
    vars.set(name, v);
  };
  for (const l of logicalLines(text)) {
    const t = l.text.trim();
    if (l.recipe) {
      // `$(MAKE) target VAR=value`: this Makefile is also run with VAR=value.
      if (/\$[({]MAKE[)}]|^\s*[@+-]*make\s/.test(l.text)) {
        for (const m of l.text.matchAll(/\s([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]+)/g)) {
          const value = m[2].replace(/^["']|["']$/g, '');
          if (!value.includes('$')) overrides.set(m[1], [...(overrides.get(m[1]) ?? []), { value, simple: true }]);
        }
      }
      continue;
    }
    if (inDefine) {
      if (/^endef\b/.test(t)) inDefine = false;
      continue;
    }
    if (/^define\s/.test(t)) {
      inDefine = true;
      const name = t.split(/\s+/)[1];
      if (name) set(name, null);
      continue;
    }
    if (/^(ifeq|ifneq|ifdef|ifndef)\b/.test(t)) {
      const current = new Map<string, MakeValue[] | null>();
      frames.push({ before: new Map(), branches: [current], current, hasElse: false });
      continue;
    }
    if (/^else\b/.test(t) && frames.length) {
      const f = frames[frames.length - 1];
      for (const [k, v] of f.before) restore(vars, k, v);
      f.current = new Map();
      f.branches.push(f.current);
      f.hasElse = f.hasElse || t === 'else';
      continue;
    }
    if (/^endif\b/.test(t) && frames.length) {
      const f = frames.pop()!;
      for (const [name, before] of f.before) {
        const outcomes = f.branches.map((b) => (b.has(name) ? b.get(name)! : before));
        if (!f.hasElse) outcomes.push(before);
        restore(vars, name, before);
        const known = outcomes.filter((o) => o !== undefined);
        const merged = known.some((o) => o === null) ? null : dedupe(known.flat() as MakeValue[]);
        set(name, merged && merged.length > MAX_ALTERNATIVES ? null : merged);
      }
      continue;
    }
    const inc = /^-?s?include\s+(.+)$/.exec(t);
    if (inc && fs && depth < 3) {
      for (const name of inc[1].split(/\s+/)) {
        const expanded = expandMake(name, vars, file);
        if (expanded.includes('\uE000') || /[*?[]/.test(expanded)) continue;
        const target = path.resolve(path.dirname(file), expanded);
        dependsOn?.(target);
        const r = readDeclarationFile(fs, target);
        if ('text' in r) makeVariables(fs, target, r.text, vars, depth + 1, dependsOn);
      }
      continue;
    }
    const m = ASSIGNMENT.exec(l.text);
    if (!m) continue;
    const [, name, op, raw] = m;
    const value = raw.replace(/\s+#.*$/, '');
    const prev = vars.get(name);
    if (op === '!=') set(name, null);
    else if (op === '?=') {
      if (prev === undefined) set(name, [{ value, simple: false }]);
    } else if (op === '+=') {
      if (prev) set(name, prev.map((p) => ({ value: `${p.value} ${p.simple ? expandMake(value, vars, file) : value}`, simple: p.simple })));
      else if (prev === undefined) set(name, [{ value, simple: false }]);
    } else if (op === '=') set(name, [{ value, simple: false }]);
    else set(name, [{ value: expandMake(value, vars, file), simple: true }]);
  }
  for (const [name, extra] of overrides) {
    const prev = vars.get(name);
    if (prev !== null) vars.set(name, dedupe([...(prev ?? []), ...extra]).slice(0, MAX_ALTERNATIVES));
  }
  return vars;
}

function restore(vars: MakeVars, name: string, v: MakeValue[] | null | undefined): void {
  if (v === undefined) vars.delete(name);
  else vars.set(name, v);
}

function dedupe(values: MakeValue[]): MakeValue[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.value) && !!seen.add(v.value));
}

/** Expands make references with the first value of each variable (see expandMakeAll for every value). */
export function expandMake(text: string, vars: MakeVars, file: string): string {
  return expandOne(text, vars, file, 0);
}

/** Variables the text uses (directly or through other variables) that have several values. */
export function multiValued(text: string, vars: MakeVars): Map<string, MakeValue[]> {
  const multi = new Map<string, MakeValue[]>();
  const seen = new Set<string>();
  const visit = (t: string, depth: number): void => {
    if (depth > 10) return;
    for (const m of t.matchAll(/\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]/g)) {
      const v = vars.get(m[1]);
      if (!v || seen.has(m[1])) continue;
      seen.add(m[1]);
      if (v.length > 1) multi.set(m[1], v);
      for (const x of v) if (!x.simple) visit(x.value, depth + 1);
    }
  };
  visit(text, 0);
  return multi;
}

/**
 * Expansions of a text, one per combination of the values of the variables named in `vary` (every
 * other variable takes its first value), at most `limit`. A variable keeps one value throughout.
 */
export function expandMakeAll(text: string, vars: MakeVars, file: string, vary: Iterable<string> = multiValued(text, vars).keys(), limit = MAX_ALTERNATIVES): string[] {
  let combos: Array<Map<string, MakeValue>> = [new Map()];
  for (const name of vary) {
    const values = vars.get(name) ?? [];
    combos = combos.flatMap((c) => values.map((v) => new Map([...c, [name, v]]))).slice(0, limit);
  }
  return [...new Set(combos.map((c) => {
    const pinned: MakeVars = new Map(vars);
    for (const [k, v] of c) pinned.set(k, [v]);
    return expandOne(text, pinned, file, 0);
  }))];
}

function expandOne(text: string, vars: MakeVars, file: string, depth: number): string {
  if (depth > 20) return text;
  const dir = path.dirname(file);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const j = text.indexOf('$', i);
    if (j < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, j);
    i = j;
    const next = text[i + 1];
    if (next === '$' || next === undefined) {
      out += '$';
      i += 2;
      continue;
    }
    let inner: string;
    let end: number;
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let d = 0;
      let k = i + 1;
      for (; k < text.length; k++) {
        if (text[k] === next) d++;
        else if (text[k] === close && --d === 0) break;
      }
      inner = text.slice(i + 2, k);
      end = k + 1;
    } else {
      inner = next;
      end = i + 2;
    }
    out += reference(inner, vars, file, dir, depth);
    i = end;
  }
  return out;
}

function reference(inner: string, vars: MakeVars, file: string, dir: string, depth: number): string {
  if (inner.length === 1 && !/[A-Za-z0-9_]/.test(inner)) return unresolvedMarker(`$${inner}`);
  const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
  const one = (s: string): string => expandOne(s, vars, file, depth + 1);
  if (fn) {
    const [, name, rest] = fn;
    switch (name) {
      case 'abspath':
      case 'realpath':
        return one(rest).split(/\s+/).filter(Boolean).map((p) => (p.includes('\uE000') ? p : path.resolve(dir, p))).join(' ');
      case 'dir':
        return one(rest).split(/\s+/).filter(Boolean).map((p) => path.dirname(p) + '/').join(' ');
      case 'lastword':
      case 'firstword': {
        const words = one(rest).split(/\s+/).filter(Boolean);
        return (name === 'lastword' ? words[words.length - 1] : words[0]) ?? '';
      }
      case 'strip':
        return one(rest).trim().replace(/\s+/g, ' ');
      default:
        return unresolvedMarker(`$(${name} …)`);
    }
  }
  const name = inner.trim();
  if (name === 'CURDIR') return dir;
  if (name === 'MAKEFILE_LIST') return file;
  if (name === 'MAKE') return 'make';
  const v = vars.get(name)?.[0];
  if (!v) return unresolvedMarker(`$(${name})`);
  const value = v.simple ? v.value : one(v.value);
  // A value make computes (`$(shell which podman || which docker)`) is named after the variable.
  return /^(\uE000[^\uE001]*\uE001\s*)+$/.test(value) ? unresolvedMarker(`$(${name})`) : value;
}

function readMakefile(input: ReaderInput): BuildDeclaration[] {
  const vars = makeVariables(input.fs, input.file, input.text, new Map(), 0, input.dependsOn);
  const out: BuildDeclaration[] = [];
  let target: string | undefined;
  for (const l of logicalLines(input.text)) {
    if (!l.recipe) {
      const define = /^\s*(?:(?:export|override)\s+)?define\s+(\S+)/.exec(l.text);
      const rule = /^([^\s:=#][^:=#]*?)\s*::?(?!=)/.exec(l.text);
      if (define) target = define[1];
      else if (rule && !DIRECTIVE.test(l.text) && !ASSIGNMENT.test(l.text)) target = rule[1].trim();
      continue;
    }
    out.push(...recipeLineBuilds(input, l.text, l.line, vars, target));
  }
  return out;
}

/**
 * The builds of one recipe line (`@`, `-`, `+` prefixes dropped), run in the Makefile's folder. Of the
 * variables with several values, only those that change which Dockerfile or context is built are varied.
 */
export function recipeLineBuilds(input: ReaderInput, line: string, lineNo: number, vars: MakeVars, target?: string): BuildDeclaration[] {
  const command = line.replace(/^\t/, '').replace(/^[\s@+-]+/, '');
  if (!/build|bake|compose|bud/i.test(command)) return [];
  const builds = (text: string): BuildDeclaration[] => {
    const found = findBuildCommands(text, { cwd: { dir: path.dirname(input.file), definite: true }, root: input.root, scriptPath: input.file });
    return emitCommands(found, () => lineNo, { input: { ...input, log: undefined, bakeRun: undefined, composeRef: undefined }, kind: 'script', name: target });
  };
  const key = (ds: BuildDeclaration[]): string => ds.map((d) => `${d.dockerfile}\0${d.context}`).sort().join('\n');
  const multi = multiValued(command, vars);
  const base = key(builds(expandMake(command, vars, input.file)));
  const relevant = [...multi.keys()].filter((name) => expandMakeAll(command, vars, input.file, [name]).some((t) => key(builds(t)) !== base));
  const out: BuildDeclaration[] = [];
  for (const text of expandMakeAll(command, vars, input.file, relevant)) {
    const found = findBuildCommands(text, { cwd: { dir: path.dirname(input.file), definite: true }, root: input.root, scriptPath: input.file });
    for (const d of emitCommands(found, () => lineNo, { input, kind: 'script', name: target })) {
      if (relevant.length) d.assumption = [d.assumption, `${relevant.map((n) => `$(${n})`).join(', ')}: one of the values this Makefile gives (ifeq branches, $(MAKE) ${relevant[0]}=…)`].filter(Boolean).join('; ');
      out.push(d);
    }
  }
  return out;
}
