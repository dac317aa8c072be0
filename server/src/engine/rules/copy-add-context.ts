// COPY/ADD sources against the build context(s): missing or ignored in a declared context, and for a
// context that is only inferred (or assumed), missing everywhere versus present in another candidate folder.
import * as path from 'node:path';
import type { AnalysisContext } from '../context';
import { formatMessage, getRule } from '../catalog';
import { isSealed } from '../context/buildContext';
import type { BuildContext, ContextResolution, IgnoreMatcher } from '../context/buildContext';
import { hasWildcard, isExcluded, literalFolder, lookupSource, SOURCE_BUDGET } from '../context/contextFiles';
import type { Budget, Lookup } from '../context/contextFiles';
import type { DeclarationKind } from '../context/declarations';
import type { CopyWord, HiddenGlobal } from '../model/copyArgs';
import type { Reporter } from './rule';

export interface Outcome {
  /** What the build would receive for the source (null when unknown). */
  sent: string[] | null;
  /**
   * Set for a wildcard that copies nothing without stopping the build: a function that reports it (null
   * when it was already reported as ignored). Left undefined for every other source.
   */
  empty?: (() => void) | null;
}

/** A lookup below a root, charged to the document's budget. */
export function lookupIn(ctx: AnalysisContext, root: string, relative: string, budget: Budget): Lookup {
  const local: Budget = { left: Math.min(SOURCE_BUDGET, budget.left) };
  const before = local.left;
  const found = lookupSource(ctx.fs, root, relative, local);
  budget.left -= before - Math.max(local.left, 0);
  return found;
}

/** Reports a missing or ignored source (an empty root-level wildcard only through `empty`). */
export function checkInContext(
  ctx: AnalysisContext,
  resolution: ContextResolution,
  context: BuildContext,
  word: CopyWord,
  relative: string,
  budget: Budget,
  report: Reporter,
  hidden: HiddenGlobal | null = null,
): Outcome {
  const local: Budget = { left: Math.min(SOURCE_BUDGET, budget.left) };
  const before = local.left;
  const found = lookupSource(ctx.fs, context.root, relative, local);
  budget.left -= before - Math.max(local.left, 0);
  if (found.kind === 'unknown') return { sent: null };
  const pattern = hasWildcard(relative);
  if (found.kind === 'missing') {
    const rule = getRule('copy-source-missing')!;
    const origin = briefOrigin(ctx, context);
    const base = { source: written(word), context: display(ctx, context.root), origin: formatMessage(rule, ctx.lang, origin.variant, origin.args) };
    if (hidden) {
      report({ code: 'copy-source-missing', range: word.range, variant: 'globalArg', args: { ...base, name: hidden.name, value: relative }, data: { globalArg: hidden.name } });
      return { sent: [] };
    }
    const other = context.certain ? null : otherCandidate(ctx, resolution, context, relative, budget);
    if (other) {
      report({ code: 'copy-source-missing', range: word.range, variant: ctx.settings.buildContextsFrom === 'cli' ? 'candidateCli' : 'candidate', args: { ...base, found: display(ctx, other) }, data: { candidate: other } });
      return { sent: null };
    }
    const folder = pattern ? literalFolder(relative) : '';
    const top = resolution.candidates.length > 1 ? resolution.candidates[resolution.candidates.length - 1].root : null;
    const args = { ...base, folder, example: folder ? optionalFolderExample(relative) : '', top: top ? display(ctx, top) : '' };
    // No local source of the Dockerfile exists in any candidate: where it is built from is unknown (a
    // fixture, a template, inputs an earlier step creates), so "the build will stop" cannot be claimed.
    // (A wildcard at the root keeps its own message: it does not claim the build stops.)
    const unlocated = !context.certain && context.origin === 'default' && resolution.candidates.length > 1 && !(pattern && !folder);
    const variant = unlocated ? 'unlocated' : !pattern ? (!context.certain && top ? 'nowhere' : 'default') : folder ? 'wildcardFolder' : 'wildcard';
    const data = context.certain ? undefined : { pickContext: true };
    const say = () => report({ code: 'copy-source-missing', range: word.range, variant, args: { ...args, total: context.total ?? 0 }, data });
    // BuildKit allows an empty wildcard; one under a named folder still needs that folder to be sent.
    if (pattern && !folder) return { sent: [], empty: say };
    say();
    return { sent: [] };
  }
  if (!context.ignore) return { sent: found.paths };
  const sent: string[] = [];
  let firstExcluded: string | null = null;
  for (let i = 0; i < found.paths.length; i++) {
    const excluded = isExcluded(ctx.fs, context.root, found.paths[i], found.types[i], context.ignore, local);
    if (excluded === undefined) return { sent: null };
    if (excluded) firstExcluded ??= found.paths[i];
    else sent.push(found.paths[i]);
  }
  if (sent.length === 0 && firstExcluded !== null) {
    report({
      code: 'copy-source-ignored',
      range: word.range,
      variant: pattern ? 'wildcard' : 'default',
      args: { source: written(word), ignoreFile: display(ctx, context.ignore.file), relative: firstExcluded, ...decidingLine(context.ignore, firstExcluded) },
    });
    return { sent, empty: pattern ? null : undefined };
  }
  return { sent };
}

/**
 * A source or destination as messages quote it: as written, except that a JSON-form string loses its own
 * quotes (the message puts the name in quotes itself).
 */
export function written(word: CopyWord): string {
  return word.raw.startsWith('"') && word.raw === JSON.stringify(word.text) ? word.text : word.raw;
}

/** A URL as messages quote it: a long one keeps its host and its last path element. */
export function shortUrl(url: string): string {
  if (url.length <= 60) return url;
  const m = /^([a-z]+:\/\/[^/?#]+)([^?#]*)([?#].*)?$/i.exec(url);
  if (!m) return url;
  const last = m[2].split('/').filter(Boolean).pop() ?? '';
  const short = `${m[1]}/…/${last}${m[3] ? '?…' : ''}`;
  return short.length < url.length ? short : url;
}

/** For a guessed context: the nearest other candidate folder in which the source exists. */
function otherCandidate(ctx: AnalysisContext, resolution: ContextResolution, context: BuildContext, relative: string, budget: Budget): string | null {
  if (relative === '') return null;
  for (const candidate of resolution.candidates) {
    if (candidate.root === context.root) continue;
    if (hasWildcard(relative) && isSealed(ctx, candidate.root)) continue;
    if (lookupIn(ctx, candidate.root, relative, budget).kind === 'matches') return candidate.root;
  }
  return null;
}

/** The .dockerignore line that excludes a path, for messages: `{ pattern, line }`. */
export function decidingLine(ignore: IgnoreMatcher, relative: string): { pattern: string; line: string } {
  const hit = ignore.decidingPattern(relative);
  return hit ? { pattern: hit.pattern, line: String(hit.line) } : { pattern: relative, line: '?' };
}

/** The pattern with its first folder turned into a one-name wildcard (`targe[t]/*.jar`), which may match nothing. */
function optionalFolderExample(relative: string): string {
  const [head, ...rest] = relative.split('/');
  const m = /^(.*)([A-Za-z0-9_.-])$/.exec(head);
  return [m ? `${m[1]}[${m[2]}]` : `${head}*`, ...rest].join('/');
}

const KIND_VARIANT: Record<DeclarationKind, string> = {
  compose: 'kindCompose',
  bake: 'kindBake',
  devcontainer: 'kindDevcontainer',
  workflow: 'kindWorkflow',
  'gitlab-ci': 'kindGitlabCi',
  cloudbuild: 'kindCloudbuild',
  skaffold: 'kindSkaffold',
  jenkinsfile: 'kindJenkinsfile',
  'azure-pipelines': 'kindAzurePipelines',
  script: 'kindScript',
};

/** The word for a kind of build (`service`, `bake target` …) in the user's language. */
export function kindWord(ctx: AnalysisContext, kind: DeclarationKind): string {
  return formatMessage(getRule('copy-source-missing')!, ctx.lang, KIND_VARIANT[kind] ?? 'kindScript');
}

/** How the context was found, as the `{origin}` of the context rules' messages: a variant and its arguments. */
export function originText(ctx: AnalysisContext, context: BuildContext): { variant: string; args: Record<string, string | number> } {
  switch (context.origin) {
    case 'setting':
      return { variant: 'originSetting', args: { detail: context.glob ?? '' } };
    case 'cli':
      return { variant: 'originCli', args: {} };
    case 'declared': {
      const d = context.declarations?.[0];
      if (!d) return { variant: 'originDeclared', args: { file: '?', line: 0 } };
      const where = { file: display(ctx, d.evidence.file), line: d.evidence.line };
      if (!d.name) return { variant: 'originDeclared', args: where };
      return { variant: 'originDeclaredNamed', args: { ...where, name: d.name, kind: kindWord(ctx, d.evidence.kind) } };
    }
    case 'inferred':
      if (context.found !== context.total) return { variant: 'originInferredSome', args: { found: context.found ?? 0, total: context.total ?? 0 } };
      return context.total === 1 ? { variant: 'originInferredOne', args: {} } : { variant: 'originInferredAll', args: { total: context.total ?? 0 } };
    default:
      return { variant: (context.total ?? 0) > 0 ? 'originDefault' : 'originDefaultNoSources', args: {} };
  }
}

/**
 * `{origin}` for a message: a guessed context is only called inferred or assumed (the hover and the status
 * bar say why); a set or declared one names where it comes from.
 */
function briefOrigin(ctx: AnalysisContext, context: BuildContext): { variant: string; args: Record<string, string | number> } {
  if (context.origin === 'inferred') return { variant: 'originBriefInferred', args: {} };
  if (context.origin === 'default') return { variant: 'originBriefDefault', args: {} };
  return originText(ctx, context);
}

/** `{origin}` as a sentence of the user's language. */
export function originSentence(ctx: AnalysisContext, context: BuildContext): string {
  const o = originText(ctx, context);
  return formatMessage(getRule('copy-source-missing')!, ctx.lang, o.variant, o.args);
}

/** What the analysis cache must compare to know the stage results of copy-add still hold. */
export function resolutionKey(resolution: ContextResolution | null): string {
  if (!resolution) return 'none';
  return JSON.stringify([
    resolution.contexts.map((c) => [c.root, c.origin, c.exists, c.sealed, c.found, c.total, c.glob, c.ignore?.file, c.declarations?.map((d) => [d.evidence.file, d.evidence.line, d.name])]),
    resolution.candidates.map((c) => [c.root, c.found]),
  ]);
}

/** A path as the user sees it: relative to the workspace folder when inside it. */
export function display(ctx: AnalysisContext, abs: string): string {
  const ws = ctx.workspaceFolder;
  if (ws) {
    const rel = path.relative(ws, abs);
    if (!rel) return '.';
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return abs;
}
