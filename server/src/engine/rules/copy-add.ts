// COPY and ADD against the build context: sources outside it, absolute, missing or ignored; several
// sources into a non-folder; and what ADD does beyond copying (URLs, archives).
import * as path from 'node:path';
import type { AnalysisContext } from '../context';
import type { ParsedDocument } from '../parse/document';
import { resolveBuildContexts } from '../context/buildContext';
import type { ContextResolution } from '../context/buildContext';
import { classifySource, DOCUMENT_BUDGET, hasWildcard } from '../context/contextFiles';
import type { Budget } from '../context/contextFiles';
import { checkInContext, display, lookupIn, resolutionKey, shortUrl, written } from './copy-add-context';
import type { Outcome } from './copy-add-context';
import { hasFlag, flagValue, hiddenGlobalIn, readCopyInstruction, variablesAt } from '../model/copyArgs';
import type { CopyInstruction, CopyWord, VarLookup } from '../model/copyArgs';
import { MAX_VALUE_LENGTH } from '../model/variables';
import { familyName } from '../catalog';
import { isWindowsStage } from '../model/platform';
import { scopedInstructions, type CheckScope, type Reporter, type RuleFamily } from './rule';
import { copyAddFixes } from './copy-add-fixes';
import { keywordOf } from '../parse/instructionCache';

export { decidingLine, display } from './copy-add-context';

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
  prepare(doc, ctx, scope) {
    const resolution = resolveBuildContexts(ctx, doc);
    scope.buildContext = { value: resolution };
    return resolutionKey(resolution);
  },
  check(doc, ctx, report, scope) {
    // Resolved at most once per analysis (shared by the stages of a scoped run): inference reads every stage.
    const context: CheckScope['buildContext'] & object = scope ? (scope.buildContext ??= {}) : {};
    const resolutionOf = (): ContextResolution | null => {
      if (context.value === undefined) context.value = resolveBuildContexts(ctx, doc);
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
      // A word whose value is too large to build is skipped like an unknown one, but not silently.
      for (const word of copy.dest ? [...copy.sources, copy.dest] : copy.sources) {
        if (word.tooLarge) report({ code: 'analysis-incomplete', range: word.range, variant: 'valueTooLarge', args: { limit: MAX_VALUE_LENGTH.toLocaleString('en-US'), checks: familyName('copy-add') } });
      }
      checkCopy(doc, ctx, copy, variables, resolutionOf, budget, report);
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
  resolutionOf: () => ContextResolution | null,
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
          report({ code: 'add-remote-url', range: word.range, args: { url: shortUrl(value) } });
        } else if (archiveKind(urlPathName(value)) !== 'plain' || /\.zip$/i.test(urlPathName(value))) {
          // Windows: modes do not apply; only "an archive is not unpacked" still holds.
          report({ code: 'add-remote-url', range: word.range, variant: 'windows', args: { url: shortUrl(value) } });
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
        args: { source: written(word), name: hidden.name, value, relative },
        data: { globalArg: hidden.name },
      });
      otherSources++;
      continue;
    }
    if (where.kind !== 'relative') otherSources++;
    if (where.kind === 'outside') {
      const context = resolutionOf()?.contexts[0];
      report({
        code: 'copy-outside-context',
        range: word.range,
        // The CLI (buildContextsFrom 'cli') names --context, not the editor's setting.
        variant: !context ? 'unsaved' : ctx.settings.buildContextsFrom === 'cli' ? 'defaultCli' : 'default',
        // What BuildKit reads instead: the path with the climbing `..` dropped, from the context root.
        args: { source: written(word), context: context ? display(ctx, context.root) : '', inside: path.posix.join('/', value).slice(1) || '.' },
      });
      continue;
    }
    if (where.kind === 'absolute') {
      // The path exists at the root of every context: the author meant the context root, not the host.
      const contexts = resolutionOf()?.contexts ?? [];
      const atRoot =
        contexts.length > 0 &&
        contexts.every((c) => c.exists && !(c.sealed && hasWildcard(where.relative)) && lookupIn(ctx, c.root, where.relative, budget).kind === 'matches');
      report({
        code: 'copy-absolute-source',
        range: word.range,
        variant: atRoot ? 'atRoot' : 'default',
        args: { source: written(word), relative: where.relative || '.', context: contexts[0] ? display(ctx, contexts[0].root) : '' },
        data: { relative: where.relative || '.' },
      });
      continue;
    }
    const resolution = resolutionOf();
    // With --parents, `**` crosses folders (not Go's filepath.Match): not judged here.
    const contexts = resolution?.contexts.filter((c) => c.exists && !(c.sealed && hasWildcard(where.relative))) ?? [];
    if (!resolution || contexts.length === 0 || (hasFlag(copy, 'parents') && where.relative.includes('**'))) {
      otherSources++;
      continue;
    }
    let first: Outcome | null = null;
    for (const context of contexts) {
      const outcome = checkInContext(ctx, resolution, context, word, where.relative, budget, report, hidden);
      first ??= outcome;
      if (outcome.empty === undefined) otherSources++;
      else if (outcome.empty) emptyPatterns.push(outcome.empty);
    }
    local.sent = first?.sent ?? null;
  }
  if (otherSources === 0) for (const say of emptyPatterns) say();

  // Several sources into something that is not a folder.
  const dest = copy.dest;
  const total = copy.sources.length + copy.heredocSources;
  // BuildKit treats `.` as `./` (the WORKDIR) and `..` is the WORKDIR's parent, a folder that always exists.
  if (dest && dest.value !== null && !dest.value.endsWith('/') && dest.value !== '.' && dest.value !== '..') {
    if (total >= 2) {
      report({ code: 'copy-multi-source-dest', range: dest.range, args: { count: total, dest: written(dest) } });
    } else if (total === 1 && locals.length === 1 && hasWildcard(locals[0].value) && (locals[0].sent?.length ?? 0) > 1) {
      report({
        code: 'copy-multi-source-dest',
        range: dest.range,
        variant: 'wildcard',
        args: { count: locals[0].sent!.length, dest: written(dest), source: written(locals[0].word) },
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
        const variant = hasWildcard(local.value) ? 'wildcard' : 'default';
        report({ code: 'add-archive-extracts', range: local.word.range, variant, args: { source: written(local.word), dest: written(dest) } });
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

