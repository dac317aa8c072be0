// Scripts that run builds: shell scripts (`*.sh`, and extension-less files with a shell `#!` line),
// `package.json` scripts, `justfile` recipes and `Taskfile.yml` tasks.
// - A shell script is read top to bottom from its own folder; nothing says where it is run from, so a
//   build whose Dockerfile is not found from there is tried from the repository root (and says so).
// - npm runs scripts in the package's folder, just and Task in the file's folder (or `dir` /
//   `working-directory`): those folders are certain.
import * as path from 'node:path';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import { emitCommands, findBuildCommands } from './shellScript';
import { unresolvedMarker } from './shellWords';
import { lineOf, lineStarts, MAX_SNIFF_BYTES, readDeclarationFile } from './readFile';
import { isInside } from './paths';
import { get, mapEntries, items, parseYaml, scriptOf, str } from './yamlTree';
import type { YNode } from './yamlTree';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

const BUILDER_WORD = /\b(docker|podman|buildah|nerdctl|buildx|compose|bud)\b/i;

/** Cheap test before a script is tokenized: does it mention a builder (or a build with -f / -t) at all? Linear on any input. */
export const MENTIONS_BUILD = { test: (text: string): boolean => BUILDER_WORD.test(text) || (/build/i.test(text) && /\s-[ft]\b/.test(text)) };

export function isShellShebang(text: string): boolean {
  return /^#!\s*\S*\/(env\s+(-\S+\s+)*)?(ba|da|k|z|a)?sh\b/.test(text);
}

export const shellScriptReader: DeclarationReader = {
  kind: 'script',
  accepts: (rel) => /\.(sh|bash|ksh|zsh)$/.test(rel),
  read: readShellScript,
};

export function readShellScript(input: ReaderInput): BuildDeclaration[] {
  if (!MENTIONS_BUILD.test(input.text)) return [];
  const dir = path.dirname(input.file);
  const found = findBuildCommands(input.text, {
    cwd: { dir, definite: false, alt: dir === input.root ? undefined : input.root },
    root: input.root,
    scriptPath: input.file,
    readSource: (f) => {
      if (!isInside(input.root, f)) return undefined;
      input.dependsOn?.(f);
      const r = readDeclarationFile(input.fs, f, MAX_SNIFF_BYTES);
      return 'text' in r ? r.text : undefined;
    },
  });
  return emitCommands(found, 1, { input, kind: 'script' });
}

export const packageJsonReader: DeclarationReader = {
  kind: 'script',
  accepts: (rel) => path.posix.basename(rel) === 'package.json',
  read: (input) => {
    if (!MENTIONS_BUILD.test(input.text)) return [];
    const tree = parseTree(input.text, [], { allowTrailingComma: true, disallowComments: false });
    const scripts = tree && findNodeAtLocation(tree, ['scripts']);
    if (scripts?.type !== 'object') return [];
    const starts = lineStarts(input.text);
    const out: BuildDeclaration[] = [];
    for (const prop of scripts.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (value?.type !== 'string' || !MENTIONS_BUILD.test(String(value.value))) continue;
      const line = lineOf(starts, (key as JsonNode).offset);
      const found = findBuildCommands(String(value.value), { cwd: { dir: path.dirname(input.file), definite: true }, root: input.root });
      out.push(...emitCommands(found, () => line, { input, kind: 'script', name: `npm run ${String(key.value)}` }));
    }
    return out;
  },
};

export const justfileReader: DeclarationReader = {
  kind: 'script',
  accepts: (rel) => /(^|\/)(\.?[Jj]ustfile|[^/]+\.just)$/.test(rel),
  read: readJustfile,
};

function readJustfile(input: ReaderInput): BuildDeclaration[] {
  if (!MENTIONS_BUILD.test(input.text)) return [];
  const lines = input.text.split(/\r?\n/);
  const vars = new Map<string, string>();
  const base = path.dirname(input.file);
  let fileDir = base;
  let attrDir: string | undefined;
  let recipe: { name: string; dir: string; body: Array<{ text: string; line: number }> } | null = null;
  const out: BuildDeclaration[] = [];
  const interpolateJust = (s: string): string =>
    s.replace(/\{\{\{\{/g, '{{').replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => vars.get(expr) ?? unresolvedMarker(`{{${expr}}}`));
  const flush = (): void => {
    if (!recipe || recipe.body.length === 0) return;
    const r = recipe;
    const indent = /^\s*/.exec(r.body[0].text)![0].length;
    const shebang = r.body[0].text.trim().startsWith('#!');
    const chunks = shebang ? [{ text: r.body.map((b) => b.text.slice(indent)).join('\n'), line: r.body[0].line }] : r.body.map((b) => ({ text: b.text.trim().replace(/^[@-]+/, ''), line: b.line }));
    for (const c of chunks) {
      if (!MENTIONS_BUILD.test(c.text)) continue;
      const found = findBuildCommands(interpolateJust(c.text), { cwd: { dir: r.dir, definite: true }, root: input.root });
      out.push(...emitCommands(found, (l) => c.line + l, { input, kind: 'script', name: `just ${r.name}` }));
    }
  };
  lines.forEach((text, idx) => {
    const line = idx + 1;
    if (recipe && (/^\s+\S/.test(text) || (text.trim() === '' && recipe.body.length))) {
      if (text.trim() !== '') recipe.body.push({ text, line });
      return;
    }
    flush();
    recipe = null;
    const literal = (v: string): string | undefined => /^'([^']*)'$/.exec(v)?.[1] ?? /^"((?:[^"\\]|\\.)*)"$/.exec(v)?.[1];
    const setting = /^set\s+working-directory\s*:=\s*(.+)$/.exec(text.trim());
    if (setting) {
      const v = literal(setting[1].trim());
      if (v !== undefined) fileDir = path.resolve(base, v);
      return;
    }
    const assign = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.+)$/.exec(text);
    if (assign) {
      const v = literal(assign[2].trim());
      if (v !== undefined) vars.set(assign[1], v);
      else vars.delete(assign[1]);
      return;
    }
    const attr = /^\[(.*)\]\s*$/.exec(text);
    if (attr) {
      const wd = /working-directory\s*(?:\(|:)\s*(['"])(.*?)\1/.exec(attr[1]);
      if (wd) attrDir = wd[2];
      return;
    }
    const header = /^@?([A-Za-z_][\w-]*)\b[^:=]*:(?!=)/.exec(text);
    if (header) {
      recipe = { name: header[1], dir: attrDir ? path.resolve(fileDir, attrDir) : fileDir, body: [] };
      attrDir = undefined;
    }
  });
  flush();
  return out;
}

export const taskfileReader: DeclarationReader = {
  kind: 'script',
  accepts: (rel) => /(^|\/)[Tt]askfile(\.dist)?\.ya?ml$/.test(rel),
  read: readTaskfile,
};

function readTaskfile(input: ReaderInput): BuildDeclaration[] {
  if (!MENTIONS_BUILD.test(input.text)) return [];
  const doc = parseYaml(input.text);
  const base = path.dirname(input.file);
  const globalVars = literalVars(get(doc, 'vars'));
  const out: BuildDeclaration[] = [];
  for (const [name, e] of mapEntries(get(doc, 'tasks'))) {
    const task = e.value;
    const vars = new Map([...globalVars, ...literalVars(get(task, 'vars'))]);
    vars.set('TASKFILE_DIR', base);
    vars.set('ROOT_DIR', input.root);
    const template = (s: string): string => s.replace(/\{\{\s*\.([A-Za-z_]\w*)\s*\}\}/g, (_, v: string) => vars.get(v) ?? unresolvedMarker(`{{.${v}}}`)).replace(/\{\{[^}]*\}\}/g, (m) => unresolvedMarker(m));
    const dirText = str(get(task, 'dir'));
    const dir = dirText ? template(dirText) : '.';
    if (dir.includes('\uE000')) continue;
    const cwd = path.resolve(base, dir);
    const cmds: YNode[] = task.kind === 'seq' ? task.items : [...items(get(task, 'cmds')), ...(get(task, 'cmd') ? [get(task, 'cmd')!] : [])];
    for (const c of cmds) {
      const script = scriptOf(c.kind === 'map' ? get(c, 'cmd') : c);
      if (!script || !MENTIONS_BUILD.test(script.text)) continue;
      const found = findBuildCommands(template(script.text), { cwd: { dir: cwd, definite: true }, root: input.root });
      out.push(...emitCommands(found, script.lineOf, { input, kind: 'script', name: `task ${name}` }));
    }
  }
  return out;
}

function literalVars(node: YNode | undefined): Map<string, string> {
  const vars = new Map<string, string>();
  for (const [k, e] of mapEntries(node)) {
    const v = str(e.value) ?? str(get(e.value, 'value'));
    if (v !== undefined && !v.includes('{{')) vars.set(k, v);
  }
  return vars;
}
