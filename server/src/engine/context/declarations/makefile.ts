// Makefiles (`Makefile`, `GNUmakefile`, `*.mk`): recipe lines that build, run in the Makefile's folder as
// make does. Make variables come from simple assignments in the same file (and files it includes by a
// literal path): `=`, `:=`, `::=`, `?=`, `+=`. A variable assigned differently inside `ifeq`/`ifdef`
// blocks is left unknown, and so is `$(shell …)`: a build that needs one is skipped, not guessed.
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

/** Logical lines: backslash continuations joined (a recipe continuation loses its leading tab). */
export function logicalLines(text: string): Line[] {
  const physical = text.split(/\r?\n/);
  const out: Line[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let l = physical[i];
    const recipe = l.startsWith('\t');
    while (/(^|[^\\])(\\\\)*\\$/.test(l) && i + 1 < physical.length) {
      const next = physical[++i];
      l = l.slice(0, -1) + ' ' + (recipe ? next.replace(/^\t/, '') : next.trimStart());
    }
    out.push({ text: l, line: start + 1, recipe });
  }
  return out;
}

export type MakeVars = Map<string, { value: string; simple: boolean } | null>;

/** Collects variables; null marks one whose value depends on a condition or the environment only. */
export function makeVariables(fs: FileSystemView | null, file: string, text: string, vars: MakeVars = new Map(), depth = 0, dependsOn?: (f: string) => void): MakeVars {
  let conditional = 0;
  let inDefine = false;
  for (const l of logicalLines(text)) {
    if (l.recipe) continue;
    const t = l.text.trim();
    if (inDefine) {
      if (/^endef\b/.test(t)) inDefine = false;
      continue;
    }
    if (/^define\s/.test(t)) {
      inDefine = true;
      const name = t.split(/\s+/)[1];
      if (name) vars.set(name, null);
      continue;
    }
    if (/^(ifeq|ifneq|ifdef|ifndef)\b/.test(t)) conditional++;
    else if (/^endif\b/.test(t)) conditional = Math.max(0, conditional - 1);
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
    const m = /^(?:(?:export|override|private)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::?=|:::=|\+=|!=|=)\s*(.*)$/.exec(t);
    if (!m) continue;
    const [, name, op, raw] = m;
    const value = raw.replace(/\s+#.*$/, '');
    const prev = vars.get(name);
    if (conditional > 0) {
      // Which branch runs is not known here: the variable keeps its value only if it cannot change.
      if (!(op === '?=' && prev)) vars.set(name, null);
      continue;
    }
    if (op === '!=') vars.set(name, null);
    else if (op === '?=') {
      if (!vars.has(name)) vars.set(name, { value, simple: false });
    } else if (op === '+=') {
      if (prev) vars.set(name, { value: `${prev.value} ${prev.simple ? expandMake(value, vars, file) : value}`, simple: prev.simple });
      else if (prev === undefined) vars.set(name, { value, simple: false });
    } else if (op === '=') vars.set(name, { value, simple: false });
    else vars.set(name, { value: expandMake(value, vars, file), simple: true });
  }
  return vars;
}

/** Expands make references; what make cannot know here becomes an unresolved marker. */
export function expandMake(text: string, vars: MakeVars, file: string, depth = 0): string {
  if (depth > 20 || !text.includes('$')) return text;
  const dir = path.dirname(file);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let d = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === next) d++;
        else if (text[j] === close && --d === 0) break;
      }
      const inner = text.slice(i + 2, j);
      out += reference(inner, vars, file, dir, depth);
      i = j;
      continue;
    }
    if (next === undefined) break;
    out += unresolvedMarker(`$${next}`);
    i++;
  }
  return out;
}

function reference(inner: string, vars: MakeVars, file: string, dir: string, depth: number): string {
  const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
  const arg = (s: string): string => expandMake(s, vars, file, depth + 1);
  if (fn) {
    const [, name, rest] = fn;
    switch (name) {
      case 'abspath':
      case 'realpath':
        return arg(rest).split(/\s+/).filter(Boolean).map((p) => (p.includes('\uE000') ? p : path.resolve(dir, p))).join(' ');
      case 'dir':
        return arg(rest).split(/\s+/).filter(Boolean).map((p) => path.dirname(p) + '/').join(' ');
      case 'lastword':
      case 'firstword': {
        const words = arg(rest).split(/\s+/).filter(Boolean);
        return (name === 'lastword' ? words[words.length - 1] : words[0]) ?? '';
      }
      case 'strip':
        return arg(rest).trim().replace(/\s+/g, ' ');
      default:
        return unresolvedMarker(`$(${name} …)`);
    }
  }
  const name = inner.trim();
  if (name === 'CURDIR') return dir;
  if (name === 'MAKEFILE_LIST') return file;
  if (name === 'MAKE') return 'make';
  const v = vars.get(name);
  if (!v) return unresolvedMarker(`$(${name})`);
  return v.simple ? v.value : expandMake(v.value, vars, file, depth + 1);
}

function readMakefile(input: ReaderInput): BuildDeclaration[] {
  const vars = makeVariables(input.fs, input.file, input.text, new Map(), 0, input.dependsOn);
  const out: BuildDeclaration[] = [];
  let target: string | undefined;
  for (const l of logicalLines(input.text)) {
    if (!l.recipe) {
      const rule = /^([^\s:=#][^:=#]*?)\s*::?(?![=])/.exec(l.text);
      if (rule && !/^\s*(export|override|ifeq|ifneq|ifdef|ifndef|else|endif|define|include)\b/.test(l.text)) target = rule[1].trim();
      continue;
    }
    out.push(...recipeLineBuilds(input, l.text, l.line, vars, target));
  }
  return out;
}

/** The builds of one recipe line (`@`, `-`, `+` prefixes dropped), run in the Makefile's folder. */
export function recipeLineBuilds(input: ReaderInput, line: string, lineNo: number, vars: MakeVars, target?: string): BuildDeclaration[] {
  const command = line.replace(/^\t/, '').replace(/^[\s@+-]+/, '');
  if (!/build|bake|compose|bud/i.test(command)) return [];
  const expanded = expandMake(command, vars, input.file);
  const found = findBuildCommands(expanded, { cwd: { dir: path.dirname(input.file), definite: true }, root: input.root, scriptPath: input.file });
  return emitCommands(found, () => lineNo, { input, kind: 'script', name: target });
}
