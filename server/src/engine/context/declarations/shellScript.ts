// A shell script (a workflow `run:`, a recipe line, a `*.sh` file) read in order: variables assigned in
// the script, `cd` / `pushd` / subshells, and every build, bake or compose command with the folder it
// runs in. Then each build becomes a declaration, once its folder is known.
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { parseBuildCommand } from './commandLine';
import type { BakeArgs, BuildArgs, BuildCommand } from './commandLine';
import { tokenizeShell } from './shellWords';
import { expandWord } from './shellExpand';
import type { Scope, Word } from './shellExpand';
import { defaultDockerfile, isInside } from './paths';
import type { BuildDeclaration, DeclarationKind, ReaderInput } from './types';

/** Where commands run. `definite`: known for sure; otherwise `dir` is a guess and `alt` the other one. */
export interface Cwd {
  dir: string;
  definite: boolean;
  /** The same folder if the script were run from the repository root instead. */
  alt?: string;
}

export interface FoundCommand {
  cmd: BuildCommand;
  /** 0-based line within the text. */
  line: number;
  /** null when a `cd` went somewhere unknown. */
  cwd: Cwd | null;
}

export interface ScriptOptions {
  cwd: Cwd;
  /** Variables known before the script starts (workflow `env:`, make variables already expanded…). */
  vars?: ReadonlyMap<string, string>;
  /** The script's own path, for `$0`, `dirname "$0"` and `${BASH_SOURCE[0]}`. */
  scriptPath?: string;
  /** The repository root, for `git rev-parse --show-toplevel`. */
  root: string;
  /** Reads a file the script sources (`. ./util.sh`, `source x`), for the variables it sets. */
  readSource?: (absPath: string) => string | undefined;
}

export function findBuildCommands(text: string, opts: ScriptOptions, sourced = 0): FoundCommand[] {
  const found: FoundCommand[] = [];
  const vars = opts.vars instanceof Map && sourced > 0 ? (opts.vars as Map<string, string>) : new Map(opts.vars ?? []);
  let cwd: Cwd | null = opts.cwd;
  const stack: Array<{ cwd: Cwd | null; vars: Map<string, string> }> = [];
  const dirStack: Array<Cwd | null> = [];
  const scope = (): Scope => ({
    get: (name) => {
      if (name === 'PWD') return cwd?.definite ? cwd.dir : undefined;
      if (name === '0') return opts.scriptPath;
      return vars.get(name);
    },
    sub: (raw) => substitution(raw, opts, cwd, scope(), 0),
  });
  for (const item of tokenizeShell(text)) {
    if (item.kind === 'open') {
      stack.push({ cwd, vars: new Map(vars) });
      continue;
    }
    if (item.kind === 'close') {
      const saved = stack.pop();
      if (saved) {
        cwd = saved.cwd;
        vars.clear();
        for (const [k, v] of saved.vars) vars.set(k, v);
      }
      continue;
    }
    const s = scope();
    const words = item.cmd.words.flatMap((w) => expandWord(w, s));
    if (words.length === 0) continue;
    const head = words[0].text;
    if (words.every(isAssignmentWord) || ['export', 'local', 'readonly', 'declare', 'typeset'].includes(head)) {
      for (const w of words) assign(vars, w);
      continue;
    }
    if (head === 'cd' || head === 'pushd') {
      if (head === 'pushd') dirStack.push(cwd);
      const args = words.slice(1).filter((w) => !/^-[PLe@]+$/.test(w.text));
      cwd = args.length === 1 ? changeDir(cwd, args[0]) : null;
      continue;
    }
    if (head === 'popd') {
      cwd = dirStack.length ? dirStack.pop()! : null;
      continue;
    }
    if (head === ':') {
      // `: "${X=default}"` sets X when it is unset.
      for (const w of item.cmd.words.slice(1))
        for (const p of w.parts)
          if (p.t === 'var' && (p.op === '=' || p.op === ':=') && !vars.has(p.name)) {
            const v = expandWord({ parts: [{ t: 'lit', s: p.arg ?? '', quoted: true }] }, s)[0];
            if (v && !v.unresolved.length) vars.set(p.name, v.text);
          }
      continue;
    }
    if ((head === '.' || head === 'source') && words.length >= 2 && opts.readSource && sourced < 2 && !words[1].unresolved.length) {
      const target = path.resolve(cwd?.dir ?? path.dirname(opts.scriptPath ?? opts.root), words[1].text);
      const sub = opts.readSource(target);
      // Only the variables a sourced file sets carry over; its own builds are found when it is read.
      if (sub !== undefined) findBuildCommands(sub, { ...opts, vars, scriptPath: target, cwd: cwd ?? opts.cwd }, sourced + 1);
      continue;
    }
    const cmd = parseBuildCommand(words);
    if (cmd) found.push({ cmd, line: item.cmd.line, cwd });
  }
  return found;
}

function isAssignmentWord(w: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text);
}

function assign(vars: Map<string, string>, w: Word): void {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w.text);
  if (!m) return;
  if (w.unresolved.length) vars.delete(m[1]);
  else vars.set(m[1], w.text.slice(m[0].length));
}

function changeDir(cwd: Cwd | null, arg: Word): Cwd | null {
  if (!cwd || arg.unresolved.length || arg.text === '-' || arg.text.startsWith('~')) return null;
  if (path.isAbsolute(arg.text)) return { dir: path.resolve(arg.text), definite: true };
  return { dir: path.resolve(cwd.dir, arg.text), definite: cwd.definite, alt: cwd.alt && path.resolve(cwd.alt, arg.text) };
}

/** `$(pwd)`, `$(dirname "$0")`, `$(cd "$(dirname "$0")/.." && pwd)`, `$(git rev-parse --show-toplevel)`. */
function substitution(raw: string, opts: ScriptOptions, cwd: Cwd | null, scope: Scope, depth: number): string | undefined {
  if (depth > 3) return undefined;
  const cmds = tokenizeShell(raw).flatMap((x) => (x.kind === 'cmd' ? [x.cmd] : []));
  const inner: Scope = { get: scope.get, sub: (r) => substitution(r, opts, cwd, scope, depth + 1) };
  let here = cwd;
  let out: string | undefined;
  for (const c of cmds) {
    const words = c.words.flatMap((w) => expandWord(w, inner));
    const head = words[0]?.text;
    if (head === 'cd') {
      const args = words.slice(1).filter((w) => !/^-[PLe@]+$/.test(w.text));
      here = args.length === 1 ? changeDir(here, args[0]) : null;
      out = undefined;
    } else if (head === 'pwd') out = here?.definite ? here.dir : undefined;
    else if (head === 'dirname' && words.length === 2 && words[1].unresolved.length === 0) out = path.dirname(words[1].text);
    else if (head === 'dirname' && words.length === 2 && /BASH_SOURCE/.test(words[1].unresolved[0] ?? '') && opts.scriptPath) out = path.dirname(opts.scriptPath);
    else if ((head === 'realpath' || head === 'readlink') && words.length >= 2) {
      const last = words[words.length - 1];
      out = last.unresolved.length || !here ? undefined : path.resolve(here.dir, last.text);
    } else if (head === 'git' && words.slice(1).map((w) => w.text).join(' ') === 'rev-parse --show-toplevel') out = opts.root;
    else return undefined;
  }
  return out;
}

// From commands to declarations.

export interface Emit {
  input: ReaderInput;
  kind: DeclarationKind;
  name?: string;
  /** Map a folder a command runs in onto the repository (a workflow's checkout path); identity otherwise. */
  mapDir?: (dir: string) => string | null;
}

/** Turns found commands into declarations, bake runs and compose references. `lineBase`: file line of text line 0. */
export function emitCommands(found: FoundCommand[], lineBase: number | ((line: number) => number), emit: Emit): BuildDeclaration[] {
  const out: BuildDeclaration[] = [];
  const { input } = emit;
  const lineOf = typeof lineBase === 'number' ? (l: number) => lineBase + l : lineBase;
  for (const f of found) {
    const line = lineOf(f.line);
    const where = `${input.file}:${line}`;
    if (!f.cwd) {
      input.log?.(`${where}: ${describe(f.cmd)} skipped: the folder it runs in is unknown (cd to an unknown folder)`);
      continue;
    }
    const candidates = [f.cwd.dir, ...(f.cwd.alt && f.cwd.alt !== f.cwd.dir ? [f.cwd.alt] : [])]
      .map((d) => (emit.mapDir ? emit.mapDir(d) : d))
      .filter((d): d is string => d !== null);
    if (f.cmd.kind === 'build') {
      const d = buildDeclaration(f.cmd, candidates, f.cwd.definite, input.fs, input.root);
      if ('why' in d) {
        input.log?.(`${where}: ${describe(f.cmd)} skipped: ${d.why}`);
        continue;
      }
      const decl: BuildDeclaration = { ...d.decl, evidence: { file: input.file, line, kind: emit.kind } };
      if (emit.name) decl.name = emit.name;
      out.push(decl);
    } else if (f.cmd.kind === 'bake') {
      bakeRun(f.cmd, candidates, f.cwd.definite, line, emit);
    } else {
      for (const file of f.cmd.files) for (const dir of candidates.slice(0, 1)) input.composeRef?.({ file: path.resolve(dir, file) });
    }
  }
  return out;
}

function describe(cmd: BuildCommand): string {
  return cmd.kind === 'build' ? `${cmd.tool} build` : cmd.kind === 'bake' ? 'docker buildx bake' : 'docker compose';
}

type Built = { decl: Omit<BuildDeclaration, 'evidence'> } | { why: string };

/** The declaration of a build command run in the first candidate folder where its Dockerfile exists. */
export function buildDeclaration(cmd: BuildArgs, candidates: string[], definite: boolean, fs: FileSystemView, root: string): Built {
  const c = cmd.context;
  if (c.kind === 'missing') return { why: 'no context argument' };
  if (c.kind === 'stdin') return { why: 'the context comes from stdin' };
  if (c.kind === 'remote') return { why: `the context is remote (${c.value})` };
  if (c.kind === 'unresolved') return { why: `context unknown: ${c.why}` };
  const f = cmd.file;
  if (f?.kind === 'stdin') return { why: 'the Dockerfile comes from stdin' };
  if (f?.kind === 'unresolved') return { why: `Dockerfile unknown: ${f.why}` };
  if (f?.kind === 'remote') return { why: `the Dockerfile is remote (${f.value})` };
  const exists = (p: string): boolean => fs.stat(p)?.type === 'file';
  const podmanLike = cmd.tool === 'podman' || cmd.tool === 'buildah';
  const fileFallsBackToContext = podmanLike || cmd.tool === 'kaniko';
  let fallback: Built | null = null;
  for (let k = 0; k < candidates.length; k++) {
    const dir = candidates[k];
    const context = path.resolve(dir, c.value);
    let dockerfile = f ? path.resolve(dir, f.value) : defaultDockerfile(context, podmanLike, exists);
    // podman, buildah and kaniko look for a relative -f file in the context when it is not in the current folder.
    if (f && fileFallsBackToContext && !exists(dockerfile) && exists(path.resolve(context, f.value))) dockerfile = path.resolve(context, f.value);
    const named: Record<string, string> = {};
    for (const [name, value] of Object.entries(cmd.buildContexts)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes('://')) continue;
      named[name] = path.resolve(dir, value);
    }
    const assumptions = [...cmd.assumptions];
    if (!definite) assumptions.push(k === 0 ? `run from ${rel(root, dir)}` : `run from ${rel(root, dir)} (the script's own folder does not hold ${path.basename(dockerfile)})`);
    const decl: Omit<BuildDeclaration, 'evidence'> = { dockerfile, context };
    if (assumptions.length) decl.assumption = assumptions.join('; ');
    if (Object.keys(named).length) decl.namedContexts = named;
    if (definite) return { decl };
    if (exists(dockerfile) && fs.stat(context)?.type === 'dir') return { decl };
    fallback ??= { why: `${path.basename(dockerfile)} not found from ${candidates.map((d) => rel(root, d)).join(' or ')}` };
  }
  return fallback ?? { why: 'no folder to run it in' };
}

function bakeRun(cmd: BakeArgs, candidates: string[], definite: boolean, line: number, emit: Emit): void {
  const { input } = emit;
  if (cmd.remote) {
    input.log?.(`${input.file}:${line}: docker buildx bake of a remote definition (${cmd.remote}) skipped`);
    return;
  }
  if (cmd.filesUnresolved) {
    input.log?.(`${input.file}:${line}: docker buildx bake skipped: a -f file is unknown`);
    return;
  }
  // Without a definite folder, take the first candidate where the named (or default) files exist.
  const fileExists = (dir: string): boolean =>
    cmd.files.length
      ? cmd.files.every((f) => input.fs.stat(path.resolve(dir, f))?.type === 'file')
      : ['docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json'].some((f) => input.fs.stat(path.join(dir, f))?.type === 'file');
  const dir = definite ? candidates[0] : candidates.find(fileExists);
  if (!dir) return;
  input.bakeRun?.({
    files: cmd.files.map((f) => path.resolve(dir, f)),
    cwd: dir,
    targets: cmd.targets,
    targetsUnknown: cmd.targetsUnknown,
    env: cmd.env,
    sets: cmd.sets,
    evidence: { file: input.file, line, kind: emit.kind },
    name: emit.name,
    assumption: [...cmd.assumptions, ...(definite ? [] : [`run from ${rel(input.root, dir)}`])].join('; ') || undefined,
  });
}

function rel(root: string, dir: string): string {
  if (!isInside(root, dir)) return dir;
  const r = path.relative(root, dir);
  return r === '' ? 'the repository root' : r;
}
