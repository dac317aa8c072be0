// Which folder a Dockerfile is built with, and what its `.dockerignore` leaves out. In order: the
// `dockerfileNotes.buildContexts` setting, a compose file naming this Dockerfile, the Dockerfile's folder.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import ignore from '@balena/dockerignore';
import type { AnalysisContext } from '../context';
import type { FileSystemView } from './fs';

export interface IgnoreMatcher {
  /** Whether a path relative to the context root (forward slashes) is left out of the context. */
  ignores(relative: string): boolean;
  /** The file has `!` exceptions (an ignored folder may still send some of its content). */
  hasExceptions: boolean;
  /**
   * The line that decides about an ignored path: the last pattern matching it (or a folder above it), as
   * written, with its 1-based line number. Null when the path is not ignored.
   */
  decidingPattern(relative: string): { pattern: string; line: number } | null;
  /** Absolute path of the ignore file in force. */
  file: string;
}

export interface BuildContext {
  /** Absolute path of the context folder. */
  root: string;
  /** `cli`: the `--context` flag of the command line. */
  origin: 'default' | 'compose' | 'setting' | 'cli';
  /** The compose file (and service) or the settings glob that chose the root. */
  originDetail: string | null;
  /** Whether the root exists as a folder. */
  exists: boolean;
  ignore: IgnoreMatcher | null;
}

export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** The build context of the document; null for an unsaved document (it has no folder). */
export function resolveBuildContext(ctx: AnalysisContext): BuildContext | null {
  const file = ctx.documentPath;
  if (!file) return null;
  const dockerfile = path.resolve(file);
  const chosen = fromSettings(ctx, dockerfile) ?? fromCompose(ctx.fs, dockerfile, ctx.workspaceFolder) ?? {
    root: path.dirname(dockerfile),
    origin: 'default' as const,
    originDetail: null,
  };
  const st = ctx.fs.stat(chosen.root);
  return { ...chosen, exists: st?.type === 'dir', ignore: loadIgnore(ctx.fs, chosen.root, dockerfile, ctx.log) };
}

type Chosen = Pick<BuildContext, 'root' | 'origin' | 'originDetail'>;

function fromSettings(ctx: AnalysisContext, dockerfile: string): Chosen | null {
  const base = ctx.workspaceFolder ?? path.dirname(dockerfile);
  const relative = toPosix(path.relative(base, dockerfile));
  for (const [glob, folder] of Object.entries(ctx.settings.buildContexts)) {
    let matches = false;
    try {
      const isMatch = picomatch(glob, { dot: true });
      matches = isMatch(relative) || isMatch(toPosix(dockerfile)) || (!glob.includes('/') && isMatch(path.basename(dockerfile)));
    } catch {
      ctx.log?.(`dockerfileNotes.buildContexts: "${glob}" is not a valid glob`);
    }
    if (!matches) continue;
    const expanded = folder.replace(/\$\{workspaceFolder\}/g, base);
    const origin = ctx.settings.buildContextsFrom === 'cli' ? 'cli' : 'setting';
    return { root: path.resolve(base, expanded), origin, originDetail: origin === 'cli' ? null : glob };
  }
  return null;
}

interface ComposeBuild {
  service: string;
  context: string;
  dockerfile: string;
}

const composeCache = new Map<string, { text: string; builds: ComposeBuild[] }>();

/** `services.*.build` of one compose file, parsed once per content. */
export function composeBuilds(fs: FileSystemView, composeFile: string): ComposeBuild[] {
  const text = fs.readText(composeFile, 1024 * 1024);
  if (text === null) {
    composeCache.delete(composeFile);
    return [];
  }
  const hit = composeCache.get(composeFile);
  if (hit && hit.text === text) return hit.builds;
  const builds: ComposeBuild[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    doc = null;
  }
  const services = isObject(doc) && isObject(doc.services) ? doc.services : {};
  const dir = path.dirname(composeFile);
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const build = service.build;
    let context: unknown;
    let dockerfile: unknown;
    if (typeof build === 'string') context = build;
    else if (isObject(build)) {
      context = build.context ?? '.';
      dockerfile = build.dockerfile;
    } else continue;
    if (typeof context !== 'string' || context.includes('$') || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(context)) continue;
    if (dockerfile !== undefined && (typeof dockerfile !== 'string' || dockerfile.includes('$'))) continue;
    const contextDir = path.resolve(dir, context);
    builds.push({ service: name, context: contextDir, dockerfile: path.resolve(contextDir, (dockerfile as string | undefined) ?? 'Dockerfile') });
  }
  composeCache.set(composeFile, { text, builds });
  return builds;
}

function fromCompose(fs: FileSystemView, dockerfile: string, workspaceFolder: string | null): Chosen | null {
  for (const dir of composeFolders(fs, dockerfile, workspaceFolder)) {
    for (const name of COMPOSE_FILE_NAMES) {
      const composeFile = path.join(dir, name);
      const st = fs.stat(composeFile);
      if (st?.type !== 'file') continue;
      const build = composeBuilds(fs, composeFile).find((b) => b.dockerfile === dockerfile);
      if (build) return { root: build.context, origin: 'compose', originDetail: `${composeFile} (${build.service})` };
    }
  }
  return null;
}

/** The Dockerfile's folder and its parents up to the workspace folder, then the workspace's direct subfolders. */
function composeFolders(fs: FileSystemView, dockerfile: string, workspaceFolder: string | null): string[] {
  const out: string[] = [];
  const ws = workspaceFolder ? path.resolve(workspaceFolder) : null;
  let dir = path.dirname(dockerfile);
  const insideWs = ws !== null && (dir === ws || dir.startsWith(ws.endsWith(path.sep) ? ws : ws + path.sep));
  for (let depth = 0; depth < 32; depth++) {
    out.push(dir);
    if (!insideWs || dir === ws) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (ws && insideWs) {
    const names = fs.readDir(ws) ?? [];
    for (const name of names.slice(0, 200)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const sub = path.join(ws, name);
      if (!out.includes(sub) && fs.stat(sub)?.type === 'dir') out.push(sub);
    }
  }
  return out;
}

const ignoreCache = new Map<string, { text: string; matcher: IgnoreMatcher }>();

/** `<Dockerfile name>.dockerignore` beside the Dockerfile wins over `.dockerignore` at the context root. */
const MAX_IGNORE_BYTES = 1024 * 1024;
const reportedIgnoreProblems = new Set<string>();

export function loadIgnore(fs: FileSystemView, root: string, dockerfile: string, log?: (message: string) => void): IgnoreMatcher | null {
  for (const file of [`${dockerfile}.dockerignore`, path.join(root, '.dockerignore')]) {
    if (!fs.stat(file)) continue;
    const text = fs.readText(file, MAX_IGNORE_BYTES);
    if (text === null) {
      // The file exists, so the other ignore file does not apply either: skip the ignore checks, and say why once.
      const why = fs.errorOf?.(file) ?? 'unreadable';
      const key = `${file}\0${why}`;
      if (!reportedIgnoreProblems.has(key)) {
        reportedIgnoreProblems.add(key);
        log?.(`${file}: ${why}; .dockerignore checks are skipped for the Dockerfiles that use it`);
      }
      return null;
    }
    return parseIgnore(file, text);
  }
  return null;
}

export function parseIgnore(file: string, text: string): IgnoreMatcher {
  const hit = ignoreCache.get(file);
  if (hit && hit.text === text) return hit.matcher;
  const lines = text.split(/\r?\n/);
  const ig = ignore().add(lines);
  const hasExceptions = lines.some((l) => l.trim().startsWith('!'));
  // One matcher per pattern line, built when a message first needs to name the deciding line.
  let single: Array<{ pattern: string; line: number; exception: boolean; test: (relative: string) => boolean }> | null = null;
  const ignores = (relative: string): boolean => {
    try {
      return ig.ignores(relative);
    } catch {
      return false;
    }
  };
  const matcher: IgnoreMatcher = {
    ignores,
    hasExceptions,
    file,
    decidingPattern: (relative) => {
      if (!ignores(relative)) return null;
      single ??= lines.flatMap((raw, i) => {
        const pattern = raw.trim();
        if (pattern === '' || pattern.startsWith('#') || pattern === '!') return [];
        const exception = pattern.startsWith('!');
        const one = ignore().add([exception ? pattern.slice(1) : pattern]);
        return [{ pattern, line: i + 1, exception, test: (r: string) => { try { return one.ignores(r); } catch { return false; } } }];
      });
      // The last pattern that matches decides (Docker's rule); an ignored path ends on a non-exception.
      for (let i = single.length - 1; i >= 0; i--) {
        if (single[i].test(relative)) return single[i].exception ? null : { pattern: single[i].pattern, line: single[i].line };
      }
      return null;
    },
  };
  ignoreCache.set(file, { text, matcher });
  return matcher;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
