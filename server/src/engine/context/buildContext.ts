// Which folder(s) a Dockerfile is built with, and what each one's `.dockerignore` leaves out. In order:
// the `dockerfileNotes.buildContexts` setting (or the CLI's --context), every build that a file under the
// project root declares (compose, bake, dev containers, CI workflows, scripts: declarations/), a folder
// inferred from where the Dockerfile's COPY/ADD sources exist (inference.ts), the Dockerfile's folder.
// The project root is the workspace folder in the editor and the repository root in the CLI.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { loadIgnore } from './dockerignore';
import type { IgnoreMatcher } from './dockerignore';
import { invalidateDeclarations, scanDeclarations } from './declarations';
import type { BuildDeclaration, DeclarationIndex, Evidence } from './declarations';
import { candidateFolders, inferContext, isInside } from './inference';
import type { CandidateFolder } from './inference';
import type { AnalysisContext } from '../context';
import type { FileSystemView } from './fs';
import type { ParsedDocument } from '../parse/document';
import { parseDocument } from '../parse/document';

export type { IgnoreMatcher } from './dockerignore';
export type { CandidateFolder } from './inference';
export { parseIgnore, loadIgnore } from './dockerignore';

/** A document was closed: drop what was cached only for it (its `.dockerignore` matchers). */
export { releaseIgnoresOf as documentClosed } from './dockerignore';

/**
 * `setting`: dockerfileNotes.buildContexts; `cli`: the --context flag; `declared`: a compose, bake, CI…
 * file; `inferred`: the folder where the sources resolve; `default`: the Dockerfile's folder, for lack of
 * anything better.
 */
export type ContextOrigin = 'setting' | 'cli' | 'declared' | 'inferred' | 'default';

export interface BuildContext {
  /** Absolute path of the context folder. */
  root: string;
  origin: ContextOrigin;
  /** Said by the user or a declaration (setting, cli, declared); a guess otherwise. */
  certain: boolean;
  /** Whether the root exists as a folder. */
  exists: boolean;
  ignore: IgnoreMatcher | null;
  /**
   * Restricted Mode, and the root lies outside the workspace folder: only the sources the Dockerfile names
   * may be looked up there; nothing is listed (no wildcards), no `.dockerignore` is read, hovers describe nothing.
   */
  sealed: boolean;
  /** `setting`: the glob of the matching entry. */
  glob?: string;
  /** `declared`: the declarations naming this folder for the Dockerfile; the first is shown. */
  declarations?: readonly BuildDeclaration[];
  /** `inferred` / `default`: how many of the Dockerfile's local sources resolve here, out of how many. */
  found?: number;
  total?: number;
}

export interface ContextResolution {
  dockerfile: string;
  /** Where declarations are looked for and how far up inference climbs. */
  projectRoot: string;
  /** What the Dockerfile is checked against: one context, or every folder declarations name. */
  contexts: BuildContext[];
  /** Folders inference tried, nearest first (filled for an uncertain context, or when asked for). */
  candidates: CandidateFolder[];
  /** Local sources inference counted. */
  sources: number;
  /** Declarations left unused in Restricted Mode: their context lies outside the workspace folder. */
  untrusted: readonly BuildDeclaration[];
}

/** The build context of the document (the first one when it has several); null for an unsaved document. */
export function resolveBuildContext(ctx: AnalysisContext, doc?: ParsedDocument): BuildContext | null {
  return resolveBuildContexts(ctx, doc)?.contexts[0] ?? null;
}

/**
 * Every context the document is built with, and how each was found. `doc` is the text being edited; without
 * it, inference reads the saved file. `candidates: true` runs inference even when a context is certain.
 */
export function resolveBuildContexts(ctx: AnalysisContext, doc?: ParsedDocument, options: { candidates?: boolean } = {}): ContextResolution | null {
  if (!ctx.documentPath) return null;
  // One resolution per parsed version and context: hovers and the analysis of one version share it.
  const key = [ctx.settings, ctx.fs, ctx.fs.generation ?? 0, declarationsGeneration, ctx.documentPath, ctx.workspaceFolder, ctx.projectRoot ?? null, !!ctx.restricted, !!options.candidates];
  const hit = doc ? resolved.get(doc) : undefined;
  if (hit && hit.key.length === key.length && hit.key.every((v, i) => v === key[i])) return hit.resolution;
  const resolution = resolve(ctx, ctx.documentPath, doc, options);
  if (doc) resolved.set(doc, { key, resolution });
  return resolution;
}

const resolved = new WeakMap<ParsedDocument, { key: unknown[]; resolution: ContextResolution }>();
/** Grows whenever forgetDeclarations drops an index. */
let declarationsGeneration = 0;

function resolve(ctx: AnalysisContext, file: string, doc: ParsedDocument | undefined, options: { candidates?: boolean }): ContextResolution {
  const dockerfile = path.resolve(file);
  const projectRoot = projectRootOf(ctx, dockerfile);
  const sealed = (folder: string) => isSealed(ctx, folder);
  let untrusted: BuildDeclaration[] = [];
  let contexts: BuildContext[] = [];
  const setting = fromSettings(ctx, dockerfile);
  if (setting) contexts = [finish(ctx, dockerfile, setting)];
  else {
    const found = declaredContexts(ctx, dockerfile, projectRoot);
    untrusted = found.untrusted;
    contexts = found.groups.map((declarations) =>
      finish(ctx, dockerfile, { root: declarations[0].context, origin: 'declared', certain: true, declarations }),
    );
  }
  let candidates: CandidateFolder[] = [];
  let sources = 0;
  if (contexts.length === 0 || options.candidates) {
    const parsed = doc ?? savedDocument(ctx.fs, dockerfile);
    const inference = parsed ? inferContext(ctx.fs, parsed, candidateFolders(dockerfile, projectRoot), sealed) : null;
    candidates = inference?.candidates ?? [{ root: path.dirname(dockerfile), found: 0 }];
    sources = inference?.sources.length ?? 0;
    if (contexts.length === 0) {
      const chosen = inference?.chosen;
      contexts = [
        chosen
          ? finish(ctx, dockerfile, { root: chosen.root, origin: 'inferred', certain: false, found: chosen.found, total: sources })
          : finish(ctx, dockerfile, { root: path.dirname(dockerfile), origin: 'default', certain: false, found: 0, total: sources }),
      ];
    }
  }
  return { dockerfile, projectRoot, contexts, candidates, sources, untrusted };
}

type Chosen = Omit<BuildContext, 'exists' | 'ignore' | 'sealed'>;

function finish(ctx: AnalysisContext, dockerfile: string, chosen: Chosen): BuildContext {
  const sealed = isSealed(ctx, chosen.root);
  const exists = ctx.fs.stat(chosen.root)?.type === 'dir';
  const ignore = exists && !sealed ? loadIgnore(ctx.fs, chosen.root, dockerfile, ctx.log) : null;
  return { ...chosen, exists, ignore, sealed };
}

/**
 * The folder declarations are looked for under and inference climbs to: `ctx.projectRoot` (the CLI's
 * repository root), else the workspace folder holding the Dockerfile, else the repository holding it (only
 * in a trusted workspace), else the Dockerfile's folder.
 */
export function projectRootOf(ctx: AnalysisContext, dockerfile: string): string {
  const dir = path.dirname(dockerfile);
  if (ctx.projectRoot) {
    const root = path.resolve(ctx.projectRoot);
    if (isInside(dir, root)) return root;
  }
  const ws = ctx.workspaceFolder ? path.resolve(ctx.workspaceFolder) : null;
  if (ws && isInside(dir, ws)) return ws;
  if (ctx.restricted) return dir;
  return repositoryRoot(ctx.fs, dir) ?? dir;
}

/** The nearest folder at or above `from` that holds `.git` (a folder, or a file in a worktree or submodule). */
export function repositoryRoot(fs: FileSystemView, from: string): string | null {
  let dir = path.resolve(from);
  for (let depth = 0; depth < 64; depth++) {
    if (fs.stat(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** Restricted Mode and outside the workspace folder (or no workspace folder at all). */
export function isSealed(ctx: AnalysisContext, folder: string): boolean {
  if (!ctx.restricted) return false;
  const ws = ctx.workspaceFolder ? path.resolve(ctx.workspaceFolder) : null;
  return !ws || !isInside(path.resolve(folder), ws);
}

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
    const root = path.resolve(base, expanded);
    return ctx.settings.buildContextsFrom === 'cli' ? { root, origin: 'cli', certain: true } : { root, origin: 'setting', certain: true, glob };
  }
  return null;
}

/** Declarations of this Dockerfile grouped by context folder, the most often declared first. */
function declaredContexts(ctx: AnalysisContext, dockerfile: string, projectRoot: string): { groups: BuildDeclaration[][]; untrusted: BuildDeclaration[] } {
  if (isSealed(ctx, projectRoot)) return { groups: [], untrusted: [] };
  const all = declarationIndex(ctx, projectRoot).byDockerfile.get(dockerfile) ?? [];
  const untrusted = all.filter((d) => isSealed(ctx, d.context));
  const byRoot = new Map<string, BuildDeclaration[]>();
  for (const d of all) {
    if (isSealed(ctx, d.context)) continue;
    const root = path.resolve(d.context);
    const list = byRoot.get(root) ?? [];
    list.push(d);
    byRoot.set(root, list);
  }
  const groups = [...byRoot.values()].map((list) => [...list].sort(byEvidence));
  groups.sort((a, b) => b.length - a.length || byEvidence(a[0], b[0]));
  return { groups, untrusted };
}

function byEvidence(a: BuildDeclaration, b: BuildDeclaration): number {
  return a.evidence.file < b.evidence.file ? -1 : a.evidence.file > b.evidence.file ? 1 : a.evidence.line - b.evidence.line;
}

// The declarations of a project root are scanned once and cached by declarations/ until a file they
// depend on changes (forgetDeclarations); skipped files are logged there, once per scan.
function declarationIndex(ctx: AnalysisContext, root: string): DeclarationIndex {
  return scanDeclarations(ctx.fs, root, { log: ctx.logProject ?? ctx.log });
}

/**
 * A path changed on disk (created, edited, deleted): drops the cached declarations it may concern. True
 * when it did (the path is, or may be, a declaration file or one it depends on, or a folder holding one).
 */
export function forgetDeclarations(changedPath: string): boolean {
  const changed = invalidateDeclarations(path.resolve(changedPath));
  if (changed) declarationsGeneration++;
  return changed;
}

/** The saved text of the Dockerfile, parsed, for inference when the caller has no parsed document. */
function savedDocument(fs: FileSystemView, dockerfile: string): ParsedDocument | null {
  const text = fs.readText(dockerfile, 1024 * 1024);
  return text === null ? null : parseDocument(text);
}

/** The evidence shown for a declared context: its first declaration's. */
export function evidenceOf(context: BuildContext): Evidence | null {
  return context.declarations?.[0]?.evidence ?? null;
}

/**
 * The `dockerfileNotes.buildContexts` entry that makes `folder` the context of `dockerfile`: a glob matching
 * exactly this file (glob characters escaped), and the folder, both relative to the workspace folder.
 */
export function buildContextsEntry(workspaceFolder: string, dockerfile: string, folder: string): { key: string; value: string } {
  const key = toPosix(path.relative(workspaceFolder, dockerfile)).replace(/[\\*?[\]{}()!+@|]/g, (c) => `\\${c}`);
  const rel = toPosix(path.relative(workspaceFolder, folder));
  return { key, value: rel === '' ? '.' : rel };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
