// The build context in the CLI: the project root each Dockerfile is resolved under (the repository root),
// `check --explain-context` (per file: the context, its evidence, the candidates), and the summary that
// the JSON and SARIF outputs carry.
import * as path from 'node:path';
import type { AnalysisContext } from '../engine/context';
import type { ParsedDocument } from '../engine/parse/document';
import { repositoryRoot, resolveBuildContexts } from '../engine/context/buildContext';
import type { BuildContext, ContextResolution } from '../engine/context/buildContext';
import type { FileSystemView } from '../engine/context/fs';
import { isInside } from '../engine/context/inference';
import { originSentence } from '../engine/rules/copy-add-context';
import type { Lang } from '../engine/types';

/**
 * Where the CLI looks for build declarations and how far inference climbs: the repository holding the
 * Dockerfile (the nearest folder above it with `.git`); else the outermost of the folders named on the
 * command line and the current folder that holds the Dockerfile (`check path/to/repo` means that folder is
 * the project); else the Dockerfile's own folder.
 */
export function cliProjectRoot(fs: FileSystemView, file: string, cwd: string, inputFolders: readonly string[] = []): string {
  const dir = path.dirname(path.resolve(file));
  const repository = repositoryRoot(fs, dir);
  if (repository) return repository;
  let outermost: string | null = null;
  for (const folder of [...inputFolders, cwd].map((f) => path.resolve(f))) {
    if (isInside(dir, folder) && (outermost === null || folder.length < outermost.length)) outermost = folder;
  }
  return outermost ?? dir;
}

/** One context as JSON and SARIF carry it; paths relative to the current folder. */
export interface ContextSummary {
  root: string;
  origin: string;
  certain: boolean;
  /** How it was found, one sentence in the output language. */
  description: string;
  /** `file:line` of the declaration, for a declared context. */
  evidence?: string;
  /** The build's name there (compose service, bake target …). */
  name?: string;
  /** Inferred or assumed: how many of the Dockerfile's local sources exist there, out of how many. */
  found?: number;
  total?: number;
}

/** The contexts a Dockerfile was checked against (the first is the main one), for JSON and SARIF. */
export function summarizeContexts(ctx: AnalysisContext, doc: ParsedDocument, cwd: string): ContextSummary[] {
  const resolution = resolveBuildContexts(ctx, doc);
  return resolution ? resolution.contexts.map((c) => summary(ctx, c, cwd)) : [];
}

function summary(ctx: AnalysisContext, c: BuildContext, cwd: string): ContextSummary {
  const out: ContextSummary = { root: shown(c.root, cwd), origin: c.origin, certain: c.certain, description: originSentence(ctx, c) };
  const d = c.declarations?.[0];
  if (d) {
    out.evidence = `${shown(d.evidence.file, cwd)}:${d.evidence.line}`;
    if (d.name) out.name = d.name;
  }
  if (!c.certain) {
    out.found = c.found ?? 0;
    out.total = c.total ?? 0;
  }
  return out;
}

const LABELS: Record<Lang, Record<'context' | 'also' | 'candidates' | 'chosen' | 'none' | 'untrusted', string>> = {
  en: {
    context: 'build context',
    also: 'also built with',
    candidates: 'candidates, nearest first (local sources that exist there, of {total})',
    chosen: 'chosen',
    none: 'unsaved: no build context',
    untrusted: 'not used (outside the workspace)',
  },
  'zh-cn': {
    context: '构建上下文',
    also: '也会用它构建',
    candidates: '候选目录，由近及远（其中存在的本地源文件数，共 {total} 个）',
    chosen: '已选',
    none: '未保存：没有构建上下文',
    untrusted: '未采用（位于工作区之外）',
  },
};

/** `check --explain-context`: the block printed for one Dockerfile. */
export function explainContext(ctx: AnalysisContext, doc: ParsedDocument, cwd: string): string {
  const file = ctx.documentPath ? shown(ctx.documentPath, cwd) : '?';
  const t = LABELS[ctx.lang];
  const resolution: ContextResolution | null = resolveBuildContexts(ctx, doc, { candidates: true });
  if (!resolution) return `${file}\n  ${t.none}\n`;
  const [main, ...others] = resolution.contexts;
  const lines = [file, `  ${t.context}: ${shown(main.root, cwd)} — ${originSentence(ctx, main)}`];
  for (const d of main.declarations?.slice(1) ?? []) lines.push(`    ${shown(d.evidence.file, cwd)}:${d.evidence.line}${d.name ? ` (${d.name})` : ''}`);
  for (const o of others) lines.push(`  ${t.also}: ${shown(o.root, cwd)} — ${originSentence(ctx, o)}`);
  for (const d of resolution.untrusted) lines.push(`  ${t.untrusted}: ${shown(d.context, cwd)} — ${shown(d.evidence.file, cwd)}:${d.evidence.line}`);
  lines.push(`  ${t.candidates.replace('{total}', String(resolution.sources))}:`);
  const width = Math.max(...resolution.candidates.map((c) => shown(c.root, cwd).length));
  for (const c of resolution.candidates) {
    lines.push(`    ${shown(c.root, cwd).padEnd(width)}  ${String(c.found).padStart(3)}${c.root === main.root ? `  ← ${t.chosen}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

function shown(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  return rel.split(path.sep).join('/');
}
