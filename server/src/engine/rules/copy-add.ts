// COPY and ADD against the build context: sources outside it, absolute, missing or ignored; several
// sources into a non-folder; and what ADD does beyond copying (URLs, archives).
import * as path from 'node:path';
import type { AnalysisContext } from '../context';
import type { ParsedDocument } from '../parse/document';
import { formatMessage, getRule } from '../catalog';
import { resolveBuildContext } from '../context/buildContext';
import type { BuildContext, IgnoreMatcher } from '../context/buildContext';
import { classifySource, DOCUMENT_BUDGET, hasWildcard, isExcluded, literalFolder, lookupSource, SOURCE_BUDGET } from '../context/contextFiles';
import type { Budget } from '../context/contextFiles';
import { hasFlag, flagValue, hiddenGlobalIn, readCopyInstruction, variablesAt } from '../model/copyArgs';
import type { CopyInstruction, CopyWord, HiddenGlobal, VarLookup } from '../model/copyArgs';
import { isWindowsStage } from '../model/platform';
import { scopedInstructions, type Reporter, type RuleFamily } from './rule';
import { copyAddFixes } from './copy-add-fixes';
import { keywordOf } from '../parse/instructionCache';

/** `https://host/x.git#ref`, `git@host:x.git`, `git://…`, `ssh://…`, and http(s) URLs of a `.git` path. */
export function isGitSource(s: string): boolean {
  if (/^git@[^:/]+:/.test(s) || /^(git|ssh):\/\//i.test(s)) return true;
  if (!/^https?:\/\//i.test(s)) return false;
  const [pathPart] = s.split(/[?#]/, 1);
  return /\.git\/?$/i.test(pathPart) || /[?&]keep-git-dir=/i.test(s);
}

export function isRemoteUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** The last path element of a URL, without query or fragment. */
function urlPathName(url: string): string {
  return url.split(/[?#]/, 1)[0].replace(/^[a-z]+:\/\/[^/]*/i, '').split('/').pop() ?? '';
}

const TAR = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tzst|tlz|tar\.(gz|bz2|xz|zst|lz|lzma|z))$/i;
const COMPRESSED = /\.(gz|bz2|xz|zst|lz|lzma|z)$/i;

/** `tar`: ADD unpacks it; `maybe`: compressed, unpacked only if a tar is inside; `plain`: copied as is (`.zip` too). */
export function archiveKind(name: string): 'tar' | 'maybe' | 'plain' {
  if (TAR.test(name)) return 'tar';
  if (COMPRESSED.test(name)) return 'maybe';
  return 'plain';
}

const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];
const VALUE_FLAGS = ['from', 'chown', 'chmod', 'checksum', 'exclude'];

export const copyAddFamily: RuleFamily = {
  family: 'copy-add',
  scoped: true,
  check(doc, ctx, report, scope) {
    // Resolved at most once per analysis (shared by the stages of a scoped run).
    const context: { value?: BuildContext | null } = scope ? (scope.buildContext ??= {}) : {};
    const contextOf = (): BuildContext | null => {
      if (context.value === undefined) context.value = resolveBuildContext(ctx);
      return context.value;
    };
    const budget: Budget = scope?.budget ?? { left: DOCUMENT_BUDGET };
    for (const instruction of scopedInstructions(doc, scope)) {
      if (ctx.isCancelled?.()) return;
      const keyword = keywordOf(instruction);
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const line = instruction.getRange().start.line;
      const variables = lazyVariables(doc, line);
      const copy = readCopyInstruction(doc, instruction, variables);
      if (!copy) continue;
      checkCopy(doc, ctx, copy, variables, contextOf, budget, report);
    }
  },
  fixes: copyAddFixes,
};

function lazyVariables(doc: ParsedDocument, line: number): VarLookup {
  let lookup: VarLookup | null = null;
  return (name) => {
    lookup ??= variablesAt(doc, doc.stageAtLine(line), line, doc.escapeChar);
    return lookup(name);
  };
}

interface LocalSource {
  word: CopyWord;
  value: string;
  /** Paths the build would see (after .dockerignore), when the context could be read. */
  sent: string[] | null;
}

function checkCopy(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  copy: CopyInstruction,
  variables: VarLookup,
  contextOf: () => BuildContext | null,
  budget: Budget,
  report: Reporter,
): void {
  // `--chmod 777` (no `=`) is a parse error for BuildKit: the words after it cannot be told apart.
  if (copy.flags.some((f) => VALUE_FLAGS.includes(f.name.toLowerCase()) && f.value === null)) return;
  const isAdd = copy.keyword === 'ADD';
  const fromOther = hasFlag(copy, 'from');
  const line = copy.instruction.getRange().start.line;
  const locals: LocalSource[] = [];
  let unknownSources = 0;
  let remoteSources = 0;
  // Wildcards at the context root that match nothing: BuildKit copies nothing for them without a word,
  // so they are only worth a warning when no other source of the instruction copies anything either.
  const emptyPatterns: Array<() => void> = [];
  let otherSources = copy.heredocSources;
  for (const word of copy.sources) {
    const value = word.value;
    if (value === null) {
      unknownSources++;
      otherSources++;
      continue;
    }
    if (isAdd && (isGitSource(value) || isRemoteUrl(value))) {
      remoteSources++;
      otherSources++;
      if (!isGitSource(value) && !hasFlag(copy, 'chmod') && flagValue(copy, 'unpack') !== 'true') {
        if (!isWindowsStage(doc, doc.stageAtLine(copy.instruction.getRange().start.line))) {
          report({ code: 'add-remote-url', range: word.range, args: { url: value } });
        } else if (archiveKind(urlPathName(value)) !== 'plain' || /\.zip$/i.test(urlPathName(value))) {
          // Windows: modes do not apply; only "an archive is not unpacked" still holds.
          report({ code: 'add-remote-url', range: word.range, variant: 'windows', args: { url: value } });
        }
      }
      continue;
    }
    // Sources of another stage or image are not read from the build context; a backslash is a Windows
    // separator (with `# escape=\``), which these checks do not model.
    if (fromOther || value.includes('\\')) {
      otherSources++;
      continue;
    }
    const local: LocalSource = { word, value, sent: null };
    locals.push(local);
    const where = classifySource(value);
    // A global ARG the stage cannot see is empty here: `${DIR}/conf` becomes `/conf`.
    const hidden = hiddenGlobalIn(doc, word, line, variables);
    if (hidden && (where.kind === 'absolute' || value === '')) {
      const relative = where.kind === 'absolute' ? where.relative || '.' : '.';
      report({
        code: 'copy-absolute-source',
        range: word.range,
        variant: 'globalArg',
        args: { source: word.raw, name: hidden.name, value: JSON.stringify(value), relative },
        data: { globalArg: hidden.name },
      });
      otherSources++;
      continue;
    }
    if (where.kind !== 'relative') otherSources++;
    if (where.kind === 'outside') {
      const context = contextOf();
      report({
        code: 'copy-outside-context',
        range: word.range,
        // The CLI (buildContextsFrom 'cli') names --context, not the editor's setting.
        variant: !context ? 'unsaved' : ctx.settings.buildContextsFrom === 'cli' ? 'defaultCli' : 'default',
        args: { source: word.raw, context: context ? display(ctx, context.root) : '' },
      });
      continue;
    }
    if (where.kind === 'absolute') {
      report({
        code: 'copy-absolute-source',
        range: word.range,
        args: { source: word.raw, relative: where.relative || '.' },
        data: { relative: where.relative || '.' },
      });
      continue;
    }
    const context = contextOf();
    // With --parents, `**` crosses folders (not Go's filepath.Match): not judged here.
    if (!context || !context.exists || (hasFlag(copy, 'parents') && where.relative.includes('**'))) {
      otherSources++;
      continue;
    }
    const outcome = checkInContext(ctx, context, word, where.relative, budget, report, hidden);
    local.sent = outcome.sent;
    if (outcome.empty === undefined) otherSources++;
    else if (outcome.empty) emptyPatterns.push(outcome.empty);
  }
  if (otherSources === 0) for (const say of emptyPatterns) say();

  // Several sources into something that is not a folder.
  const dest = copy.dest;
  const total = copy.sources.length + copy.heredocSources;
  // BuildKit treats `.` as `./` (the WORKDIR) and `..` is the WORKDIR's parent, a folder that always exists.
  if (dest && dest.value !== null && !dest.value.endsWith('/') && dest.value !== '.' && dest.value !== '..') {
    if (total >= 2) {
      report({ code: 'copy-multi-source-dest', range: dest.range, args: { count: total, dest: dest.raw } });
    } else if (total === 1 && locals.length === 1 && hasWildcard(locals[0].value) && (locals[0].sent?.length ?? 0) > 1) {
      report({
        code: 'copy-multi-source-dest',
        range: dest.range,
        variant: 'wildcard',
        args: { count: locals[0].sent!.length, dest: dest.raw, source: locals[0].word.raw },
      });
    }
  }

  if (!isAdd || fromOther) return;
  // What ADD does with local files: unpack tar archives, otherwise the same as COPY.
  let archives = 0;
  let undecided = 0;
  const unpack = flagValue(copy, 'unpack');
  for (const local of locals) {
    const kind = localArchiveKind(local);
    if (kind === 'tar') {
      archives++;
      if (unpack !== 'false' && dest) {
        report({ code: 'add-archive-extracts', range: local.word.range, args: { source: local.word.raw, dest: dest.raw } });
      }
    } else if (kind !== 'plain') undecided++;
  }
  const addOnly = copy.flags.some((f) => ADD_ONLY_FLAGS.includes(f.name.toLowerCase()));
  if (archives === 0 && undecided === 0 && unknownSources === 0 && remoteSources === 0 && copy.heredocSources === 0 && locals.length > 0 && !addOnly) {
    report({ code: 'add-prefer-copy', range: copy.keywordRange });
  }
}

/** The archive kind of a local ADD source; a pattern is judged by what it matches when that is known. */
function localArchiveKind(local: LocalSource): 'tar' | 'maybe' | 'plain' | 'unknown' {
  const last = local.value.replace(/\/+$/, '').split('/').pop() ?? '';
  if (!hasWildcard(last)) return archiveKind(last);
  if (local.sent) {
    const kinds = local.sent.map((p) => archiveKind(p.split('/').pop() ?? ''));
    if (kinds.includes('tar')) return 'tar';
    return kinds.includes('maybe') ? 'maybe' : 'plain';
  }
  // `*.txt` is plain whatever it matches; `files/*` could match an archive.
  const ext = /\.[A-Za-z0-9]+$/.exec(last);
  return ext && !hasWildcard(ext[0]) ? archiveKind(last.replace(/[*?[\]]/g, 'x')) : 'unknown';
}

interface Outcome {
  /** What the build would receive for the source (null when unknown). */
  sent: string[] | null;
  /**
   * Set for a wildcard that copies nothing without stopping the build: a function that reports it (null
   * when it was already reported as ignored). Left undefined for every other source.
   */
  empty?: (() => void) | null;
}

/** Reports a missing or ignored source (an empty root-level wildcard only through `empty`). */
function checkInContext(
  ctx: AnalysisContext,
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
    const origin = originText(ctx, context);
    if (hidden) {
      report({
        code: 'copy-source-missing',
        range: word.range,
        variant: 'globalArg',
        args: {
          source: word.raw,
          name: hidden.name,
          value: relative,
          context: display(ctx, context.root),
          origin: formatMessage(rule, ctx.lang, origin.variant, origin.args),
        },
        data: { globalArg: hidden.name },
      });
      return { sent: [] };
    }
    const elsewhere = context.origin === 'default' ? foundInWorkspace(ctx, context, relative, budget) : null;
    const folder = pattern ? literalFolder(relative) : '';
    const args = {
      source: word.raw,
      context: display(ctx, context.root),
      origin: formatMessage(rule, ctx.lang, origin.variant, origin.args),
      found: elsewhere ?? '',
      folder,
      example: folder ? optionalFolderExample(relative) : '',
    };
    const elsewhereVariant = ctx.settings.buildContextsFrom === 'cli' ? 'elsewhereCli' : 'elsewhere';
    const variant = elsewhere ? elsewhereVariant : !pattern ? 'default' : folder ? 'wildcardFolder' : 'wildcard';
    const say = () => report({ code: 'copy-source-missing', range: word.range, variant, args });
    // BuildKit allows an empty wildcard; one under a named folder still needs that folder to be sent.
    if (variant === 'wildcard') return { sent: [], empty: say };
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
      args: { source: word.raw, ignoreFile: display(ctx, context.ignore.file), relative: firstExcluded, ...decidingLine(context.ignore, firstExcluded) },
    });
    return { sent, empty: pattern ? null : undefined };
  }
  return { sent };
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

/** With the default context, a source that exists relative to the workspace folder hints at another context. */
function foundInWorkspace(ctx: AnalysisContext, context: BuildContext, relative: string, budget: Budget): string | null {
  const ws = ctx.workspaceFolder ? path.resolve(ctx.workspaceFolder) : null;
  if (!ws || ws === context.root || !context.root.startsWith(ws + path.sep) || relative === '') return null;
  const local: Budget = { left: Math.min(SOURCE_BUDGET, budget.left) };
  const before = local.left;
  const found = lookupSource(ctx.fs, ws, relative, local);
  budget.left -= before - Math.max(local.left, 0);
  return found.kind === 'matches' ? display(ctx, path.join(ws, ...found.paths[0].split('/'))) : null;
}

function originText(ctx: AnalysisContext, context: BuildContext): { variant: string; args: Record<string, string> } {
  if (context.origin === 'compose') return { variant: 'originCompose', args: { detail: displayDetail(ctx, context.originDetail ?? '') } };
  if (context.origin === 'setting') return { variant: 'originSetting', args: { detail: context.originDetail ?? '' } };
  if (context.origin === 'cli') return { variant: 'originCli', args: {} };
  return { variant: 'originDefault', args: {} };
}

function displayDetail(ctx: AnalysisContext, detail: string): string {
  const m = /^(.*) \((.*)\)$/.exec(detail);
  return m ? `${display(ctx, m[1])} (${m[2]})` : detail;
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
