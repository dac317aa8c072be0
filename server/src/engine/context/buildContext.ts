// Which folder a Dockerfile is built with, and what its `.dockerignore` leaves out. In order: the
// `dockerfileNotes.buildContexts` setting, a compose file naming this Dockerfile, the Dockerfile's folder.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { loadIgnore } from './dockerignore';
import type { IgnoreMatcher } from './dockerignore';
import { COMPOSE_FILE_NAMES, composeBuilds } from './declarations/compose';
import type { AnalysisContext } from '../context';
import type { FileSystemView } from './fs';

export type { IgnoreMatcher } from './dockerignore';
export { parseIgnore, loadIgnore } from './dockerignore';

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

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
