// Which files `check` reads: named files, folders walked for Dockerfile names (respecting .gitignore),
// and quoted globs; --ignore-pattern applies to all of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { readRegularFile } from '../engine/safeRead';

export interface FileProblem {
  path: string;
  message: string;
}

export interface Selection {
  files: string[];
  /** Inputs that could not be used: each is one line on stderr and exit code 2. */
  problems: FileProblem[];
}

export interface SelectOptions {
  /** gitignore-style patterns relative to `cwd`. */
  ignorePatterns: readonly string[];
  /** A folder or glob with no Dockerfile in it is a problem unless this is false. */
  errorOnUnmatched: boolean;
}

/** Backups, editor leftovers, patches, ignore files and documentation that only share the name. */
const NOT_A_DOCKERFILE = /(\.dockerignore|\.containerignore|\.bak|\.orig|\.rej|\.swp|\.swo|\.tmp|\.old|\.md|~)$/i;

/** The names a folder search picks: Dockerfile, Containerfile, Dockerfile.*, Containerfile.*, *.dockerfile, *.containerfile. */
export function isDockerfileName(name: string): boolean {
  if (NOT_A_DOCKERFILE.test(name)) return false;
  return /^(dockerfile|containerfile)(\.[^.].*)?$/i.test(name) || /.\.(dockerfile|containerfile)$/i.test(name);
}

/**
 * A file named on the command line whose name says nothing is still checked when it reads like a
 * Dockerfile: its first line that is not blank or a plain comment is FROM, a global ARG (the one
 * instruction allowed before FROM) or a parser directive (`# syntax=`, `# escape=`, `# check=`).
 */
export function looksLikeDockerfile(head: string): boolean {
  for (const raw of head.replace(/^\ufeff/, '').split(/\r?\n/, 200)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^#\s*(syntax|escape|check)\s*=/i.test(line)) return true;
    if (line.startsWith('#')) continue;
    return /^(from|arg)\s/i.test(line);
  }
  return false;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const GLOB_CHARS = /[*?[\]{}]/;

export function selectFiles(inputs: readonly string[], cwd: string, options: SelectOptions): Selection {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const userIgnore = ignore().add([...options.ignorePatterns]);
  const ignoredByUser = (abs: string, isDir: boolean) => {
    const rel = path.relative(cwd, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return userIgnore.ignores(toPosix(rel) + (isDir ? '/' : ''));
  };
  const add = (abs: string) => {
    let key = abs;
    try {
      key = fs.realpathSync(abs);
    } catch {
      // reported when it is read
    }
    if (seen.has(key)) return;
    seen.add(key);
    files.push(abs);
  };

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || !GLOB_CHARS.test(input)) {
        problems.push({ path: abs, message: code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})` });
        continue;
      }
    }
    if (st?.isFile()) {
      if (ignoredByUser(abs, false)) continue;
      const why = explicitFileProblem(abs);
      if (why) problems.push({ path: abs, message: why });
      else add(abs);
      continue;
    }
    const before = files.length;
    if (st?.isDirectory()) {
      walk(abs, gitignoresAbove(abs), (f) => !ignoredByUser(f, false) && add(f), (d) => ignoredByUser(d, true), problems);
    } else if (st) {
      problems.push({ path: abs, message: 'not a file or folder' });
      continue;
    } else {
      globFiles(input, cwd, add, ignoredByUser, problems);
    }
    if (files.length === before && options.errorOnUnmatched) {
      problems.push({ path: abs, message: st ? 'no Dockerfile in this folder (use --no-error-on-unmatched-pattern to allow it)' : 'no Dockerfile matches this pattern (use --no-error-on-unmatched-pattern to allow it)' });
    }
  }
  return { files, problems };
}

function explicitFileProblem(abs: string): string | null {
  if (isDockerfileName(path.basename(abs))) return null;
  let head: string;
  try {
    const fd = fs.openSync(abs, 'r');
    try {
      const buf = Buffer.alloc(16 * 1024);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    return `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  return looksLikeDockerfile(head)
    ? null
    : 'does not look like a Dockerfile: its name is not Dockerfile, Containerfile, *.dockerfile …, and its first instruction is not FROM, ARG or a parser directive';
}

/** A quoted glob (the shell did not expand it): walked from its fixed leading folders. */
function globFiles(pattern: string, cwd: string, add: (f: string) => void, ignoredByUser: (abs: string, isDir: boolean) => boolean, problems: FileProblem[]): void {
  const posix = toPosix(pattern);
  const scan = picomatch.scan(posix);
  const base = path.resolve(cwd, scan.base || '.');
  const isMatch = picomatch(toPosix(path.resolve(cwd, posix)), { dot: false });
  if (!fs.existsSync(base)) return;
  walk(
    base,
    gitignoresAbove(base),
    (f) => {
      if (isMatch(toPosix(f)) && !ignoredByUser(f, false)) add(f);
    },
    (d) => ignoredByUser(d, true),
    problems,
    (name, full) => isMatch(toPosix(full)) && (isDockerfileName(name) || explicitFileProblem(full) === null),
  );
}

interface GitignoreLayer {
  dir: string;
  rules: Ignore;
}

/**
 * The ignore rules above `dir`: .git/info/exclude and the .gitignore files from the repository root (the
 * nearest folder holding .git) down to `dir`'s parent. Outside a repository, as for git, none apply (null).
 */
function gitignoresAbove(dir: string): GitignoreLayer[] | null {
  const chain: string[] = [];
  let d = dir;
  let root: string | null = null;
  for (let i = 0; i < 64; i++) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      root = d;
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  if (root === null) return null;
  const layers: GitignoreLayer[] = [];
  const exclude = readRules(path.join(root, '.git', 'info', 'exclude'));
  if (exclude) layers.push({ dir: root, rules: exclude });
  for (const folder of chain.slice(0, -1)) {
    const rules = readRules(path.join(folder, '.gitignore'));
    if (rules) layers.push({ dir: folder, rules });
  }
  return layers;
}

/** A .gitignore larger than this is not read (real ones are a few KB). */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

function readRules(file: string): Ignore | null {
  // Git does not follow a .gitignore that is a link either.
  const read = readRegularFile(file, MAX_GITIGNORE_BYTES);
  if (!('bytes' in read)) return null;
  try {
    return ignore().add(read.bytes.toString('utf8'));
  } catch {
    return null;
  }
}

/** git's rule: the deepest .gitignore with an opinion about the path decides. */
function gitIgnored(layers: readonly GitignoreLayer[], abs: string, isDir: boolean): boolean {
  for (let k = layers.length - 1; k >= 0; k--) {
    const rel = toPosix(path.relative(layers[k].dir, abs)) + (isDir ? '/' : '');
    const r = layers[k].rules.test(rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

function walk(
  dir: string,
  parentLayers: GitignoreLayer[] | null,
  found: (file: string) => void,
  skipDir: (dir: string) => boolean,
  problems: FileProblem[],
  accept: (name: string, full: string) => boolean = (name) => isDockerfileName(name),
): void {
  const useGitignore = parentLayers !== null;
  const stack: Array<{ dir: string; layers: GitignoreLayer[] }> = [{ dir, layers: parentLayers ?? [] }];
  while (stack.length) {
    const { dir: current, layers: above } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: current, message: `cannot read folder (${(e as NodeJS.ErrnoException).code})` });
      continue;
    }
    const own = useGitignore && entries.some((e) => e.name === '.gitignore') ? readRules(path.join(current, '.gitignore')) : null;
    const layers = own ? [...above, { dir: current, rules: own }] : above;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      // Symbolic links to folders are not followed (they can loop); links to files are checked.
      const isFile = entry.isFile() || (entry.isSymbolicLink() && safeStat(full)?.isFile() === true);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !gitIgnored(layers, full, true) && !skipDir(full)) subfolders.push(full);
      } else if (isFile && accept(entry.name, full) && !gitIgnored(layers, full, false)) {
        found(full);
      }
    }
    // Files of a folder come before its subfolders, both in name order (the stack pops the last first).
    for (const sub of subfolders.reverse()) stack.push({ dir: sub, layers });
  }
}

function safeStat(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
