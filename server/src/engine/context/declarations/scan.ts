// One walk of a folder tree that finds every file a reader reads, then the readers, then the bake runs
// and compose files they point to. The cost is bounded: heavy folders are not entered, the walk stops
// after a number of entries, every file is read through readDeclarationFile (regular files only, under a
// byte limit), and a reader that fails only costs its own file (recorded in `skipped`, logged once).
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { addBakeFile, DEFAULT_BAKE_FILES, emptyBake, evaluateBake, isBakeFileName, looksLikeBake } from './bake';
import type { BakeModel } from './bake';
import { composeReader } from './compose';
import { parseDotEnv } from './interpolate';
import { devcontainerReader } from './devcontainer';
import { workflowReader } from './githubActions';
import { azureReader, cloudbuildReader, gitlabReader } from './ciYaml';
import { jenkinsfileReader } from './jenkinsfile';
import { makefileReader } from './makefile';
import { MAX_DECLARATION_BYTES, MAX_SNIFF_BYTES, readDeclarationFile } from './readFile';
import { isShellShebang, justfileReader, packageJsonReader, readShellScript, shellScriptReader, taskfileReader } from './scripts';
import { skaffoldReader } from './skaffold';
import { relPosix } from './paths';
import type { BakeRun, BuildDeclaration, DeclarationIndex, DeclarationReader, ReaderInput } from './types';

export const READERS: readonly DeclarationReader[] = [
  composeReader,
  devcontainerReader,
  workflowReader,
  gitlabReader,
  cloudbuildReader,
  skaffoldReader,
  jenkinsfileReader,
  azureReader,
  makefileReader,
  shellScriptReader,
  packageJsonReader,
  justfileReader,
  taskfileReader,
];

/**
 * Folders never entered: installed dependencies, VCS data, virtual environments, caches and build
 * output. Declarations in them belong to other projects (node_modules, vendor) or are generated.
 */
export const SKIP_FOLDERS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages', 'vendor', '.venv', 'venv',
  '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'target', 'dist', '.next',
  '.nuxt', '.svelte-kit', '.angular', '.turbo', '.parcel-cache', '.gradle', '.terraform', '.cache', '.idea',
  '.yarn', '.pnpm-store', 'Pods', '.dart_tool', 'elm-stuff', 'coverage',
]);

export interface ScanOptions {
  log?: (message: string) => void;
  /** Entries (files and folders) the walk may visit. */
  maxEntries?: number;
  maxDepth?: number;
  /** Extension-less files whose first line is read to find shell scripts. */
  maxSniffed?: number;
}

export const DEFAULT_MAX_ENTRIES = 50_000;

export interface ScanResult extends DeclarationIndex {
  /** Files whose change (or creation) can change the result: read files and the ones they depend on. */
  watched: Set<string>;
  /** Extension-less files looked at: whether each was a shell script. */
  sniffed: Map<string, boolean>;
}

interface Found {
  byReader: Array<{ file: string; reader: DeclarationReader }>;
  hcl: string[];
  bakeDefaults: string[];
  extless: string[];
  entries: number;
}

export function scan(fs: FileSystemView, rootIn: string, opts: ScanOptions = {}): ScanResult {
  const root = path.resolve(rootIn);
  const files: string[] = [];
  const skipped: Array<{ file: string; why: string }> = [];
  const watched = new Set<string>();
  const sniffed = new Map<string, boolean>();
  const decls: BuildDeclaration[] = [];
  const bakeRuns: BakeRun[] = [];
  const composeRefs = new Set<string>();
  const skip = (file: string, why: string): void => {
    skipped.push({ file, why });
    opts.log?.(`build declarations: ${file}: ${why}`);
  };
  const found = walk(fs, root, opts, skip);
  const input = (file: string, text: string): ReaderInput => ({
    file,
    text,
    root,
    fs,
    log: opts.log,
    dependsOn: (f) => watched.add(path.resolve(f)),
    bakeRun: (r) => bakeRuns.push(r),
    composeRef: (r) => composeRefs.add(path.resolve(r.file)),
  });
  const run = (file: string, read: (i: ReaderInput) => BuildDeclaration[], maxBytes = MAX_DECLARATION_BYTES): void => {
    watched.add(file);
    const r = readDeclarationFile(fs, file, maxBytes);
    if ('why' in r) return skip(file, r.why);
    files.push(file);
    try {
      decls.push(...read(input(file, r.text)));
    } catch (e) {
      skip(file, e instanceof Error ? e.message : String(e));
    }
  };
  for (const { file, reader } of found.byReader) run(file, reader.read);
  for (const file of found.extless.slice(0, opts.maxSniffed ?? 2000)) {
    const r = readDeclarationFile(fs, file, MAX_SNIFF_BYTES);
    const script = 'text' in r && isShellShebang(r.text);
    sniffed.set(file, script);
    if (script) run(file, readShellScript, MAX_SNIFF_BYTES);
  }
  const composeRead = new Set(found.byReader.filter((x) => x.reader === composeReader).map((x) => x.file));
  // A project's `.env` may name its compose files (COMPOSE_FILE, separated by COMPOSE_PATH_SEPARATOR or `:`).
  for (const dir of new Set([...composeRead].map((f) => path.dirname(f)))) {
    const env = path.join(dir, '.env');
    if (fs.stat(env)?.type !== 'file') continue;
    const r = readDeclarationFile(fs, env);
    if (!('text' in r)) continue;
    const vars = parseDotEnv(r.text);
    const list = vars.get('COMPOSE_FILE');
    if (list) for (const f of list.split(vars.get('COMPOSE_PATH_SEPARATOR') || ':')) if (f.trim()) composeRefs.add(path.resolve(dir, f.trim()));
  }
  for (const ref of composeRefs) {
    if (composeRead.has(ref)) continue;
    composeRead.add(ref);
    if (fs.stat(ref)?.type === 'file') run(ref, composeReader.read);
    else watched.add(ref);
  }
  decls.push(...bakeDeclarations(fs, root, found, bakeRuns, { files, watched, skip, log: opts.log }));
  const byDockerfile = new Map<string, BuildDeclaration[]>();
  const seen = new Set<string>();
  for (const d of decls) {
    const key = `${d.dockerfile}\0${d.context}\0${d.evidence.file}:${d.evidence.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byDockerfile.get(d.dockerfile) ?? [];
    list.push(d);
    byDockerfile.set(d.dockerfile, list);
  }
  return { root, byDockerfile, files, skipped, entriesVisited: found.entries, watched, sniffed };
}

function walk(fs: FileSystemView, root: string, opts: ScanOptions, skip: (f: string, why: string) => void): Found {
  const out: Found = { byReader: [], hcl: [], bakeDefaults: [], extless: [], entries: 0 };
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxDepth = opts.maxDepth ?? 20;
  const ignored = gitignoredFolders(fs, root);
  const queue: Array<{ dir: string; rel: string; depth: number }> = [{ dir: root, rel: '', depth: 0 }];
  for (let q = 0; q < queue.length; q++) {
    const { dir, rel: dirRel, depth } = queue[q];
    const names = fs.readDir(dir);
    if (!names) continue;
    for (const name of names) {
      if (++out.entries > maxEntries) {
        skip(dir, `file budget reached (${maxEntries} entries): the rest of the tree was not scanned`);
        return out;
      }
      const abs = path.join(dir, name);
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const st = fs.stat(abs);
      if (!st) continue;
      if (st.type === 'dir') {
        if (SKIP_FOLDERS.has(name) || ignored.anywhere.has(name) || ignored.anchored.has(rel)) continue;
        if (depth + 1 > maxDepth) continue;
        queue.push({ dir: abs, rel, depth: depth + 1 });
        continue;
      }
      const reader = READERS.find((r) => r.accepts(rel));
      const bake = isBakeFileName(name);
      const hcl = !bake && name.endsWith('.hcl');
      if (!reader && !bake && !hcl && (name.includes('.') || st.type !== 'file' || st.size > MAX_SNIFF_BYTES || NOT_SCRIPTS.test(name))) continue;
      if (st.type !== 'file') {
        if (reader || bake) skip(abs, st.type === 'symlink' ? 'a symbolic link (not followed)' : 'not a regular file (FIFO, socket or device)');
        continue;
      }
      if (reader) out.byReader.push({ file: abs, reader });
      else if (bake) out.bakeDefaults.push(abs);
      else if (hcl) out.hcl.push(abs);
      else out.extless.push(abs);
    }
  }
  return out;
}

/** Extension-less names that are never shell scripts. */
const NOT_SCRIPTS = /^(Dockerfile|Containerfile|LICEN[CS]E|COPYING|NOTICE|AUTHORS|CODEOWNERS|OWNERS|MAINTAINERS|VERSION|README|CHANGELOG|PATENTS|Procfile|Gemfile|Rakefile|Vagrantfile|Brewfile|Pipfile|Tiltfile|BUILD|WORKSPACE|Jenkinsfile)/;

/** Folder names the root `.gitignore` ignores by a plain rule (`build/`, `/out`): generated, not declarations. */
function gitignoredFolders(fs: FileSystemView, root: string): { anywhere: Set<string>; anchored: Set<string> } {
  const anywhere = new Set<string>();
  const anchored = new Set<string>();
  const r = readDeclarationFile(fs, path.join(root, '.gitignore'), 256 * 1024);
  if ('text' in r) {
    for (const raw of r.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith('!') || /[*?[\]\\]/.test(line) || !line.endsWith('/')) continue;
      const name = line.replace(/\/$/, '');
      // A slash at the start or in the middle anchors the rule to the root, as git reads it.
      if (name.includes('/')) anchored.add(name.replace(/^\//, ''));
      else anywhere.add(name);
    }
  }
  return { anywhere, anchored };
}

interface BakeCtx {
  files: string[];
  watched: Set<string>;
  skip: (f: string, why: string) => void;
  log?: (m: string) => void;
}

function bakeDeclarations(fs: FileSystemView, root: string, found: Found, runs: BakeRun[], ctx: BakeCtx): BuildDeclaration[] {
  // Each file is read and checked once; a model is made per run, since later files override earlier ones.
  const texts = new Map<string, string | null>();
  const load = (files: string[]): BakeModel | null => {
    const model = emptyBake();
    let any = false;
    for (const file of files) {
      ctx.watched.add(file);
      if (!texts.has(file)) {
        const r = readDeclarationFile(fs, file);
        let text: string | null = null;
        if ('why' in r) ctx.skip(file, r.why);
        else {
          try {
            addBakeFile(emptyBake(), file, r.text);
            text = r.text;
            ctx.files.push(file);
          } catch (e) {
            ctx.skip(file, (e as Error).message);
          }
        }
        texts.set(file, text);
      }
      const text = texts.get(file);
      if (text == null) continue;
      addBakeFile(model, file, text);
      any = true;
    }
    return any ? model : null;
  };
  const defaultsIn = (dir: string): string[] => DEFAULT_BAKE_FILES.map((n) => path.join(dir, n)).filter((f) => fs.stat(f)?.type === 'file');
  const out: BuildDeclaration[] = [];
  const referenced = new Set<string>();
  for (const run of runs) {
    const files = run.files.length ? run.files : defaultsIn(run.cwd);
    if (!run.files.length) for (const n of DEFAULT_BAKE_FILES) ctx.watched.add(path.join(run.cwd, n));
    files.forEach((f) => referenced.add(f));
    const model = load(files);
    if (!model) continue;
    for (const b of evaluateBake(model, { cwd: run.cwd, targets: run.targetsUnknown ? undefined : run.targets, env: run.env, sets: run.sets, log: ctx.log })) {
      const assumption = [run.assumption, ...b.assumptions].filter(Boolean).join('; ') || undefined;
      const base = { dockerfile: b.dockerfile, context: b.context, name: b.target, ...(b.namedContexts ? { namedContexts: b.namedContexts } : {}), ...(assumption ? { assumption } : {}) };
      out.push({ ...base, evidence: { ...b.evidence, kind: 'bake' } });
      out.push({ ...base, evidence: run.evidence });
    }
  }
  // Bake files no run names: `docker buildx bake` in their folder finds the default names; any other
  // file holding targets is assumed to be run with `-f` from the scan root.
  const byDir = new Map<string, string[]>();
  for (const f of found.bakeDefaults) if (!referenced.has(f)) byDir.set(path.dirname(f), defaultsIn(path.dirname(f)).filter((x) => !referenced.has(x)));
  const standalone: Array<{ files: string[]; cwd: string; assumption: string }> = [...byDir].map(([dir, files]) => ({
    files,
    cwd: dir,
    assumption: `bake run in ${dir === root ? 'the repository root' : relPosix(root, dir)}, where it finds ${files.map((f) => path.basename(f)).join(' and ')} by default`,
  }));
  for (const f of found.hcl) {
    if (referenced.has(f)) continue;
    const r = readDeclarationFile(fs, f, MAX_SNIFF_BYTES);
    if (!('text' in r) || !looksLikeBake(r.text, false)) continue;
    // No run names this file: from the repository root with -f, unless its Dockerfiles are found from its own folder.
    const dir = path.dirname(f);
    const model = load([f]);
    const found = (cwd: string): number => (model ? evaluateBake(model, { cwd }).filter((b) => fs.stat(b.dockerfile)?.type === 'file').length : 0);
    const own = dir !== root && found(dir) > found(root);
    standalone.push({
      files: [f],
      cwd: own ? dir : root,
      assumption: own ? `bake run in ${relPosix(root, dir)} with -f ${path.basename(f)} (its Dockerfiles are found from there)` : `bake run from the repository root with -f ${relPosix(root, f)}`,
    });
  }
  for (const s of standalone) {
    const model = load(s.files);
    if (!model) continue;
    for (const b of evaluateBake(model, { cwd: s.cwd, log: ctx.log })) {
      const assumption = [s.assumption, ...b.assumptions].join('; ');
      out.push({ dockerfile: b.dockerfile, context: b.context, name: b.target, evidence: { ...b.evidence, kind: 'bake' }, assumption, ...(b.namedContexts ? { namedContexts: b.namedContexts } : {}) });
    }
  }
  return out;
}
