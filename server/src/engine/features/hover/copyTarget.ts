// Hovers on a COPY/ADD source (where it resolves in the build context) and destination (where it lands).
import * as path from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import { resolveBuildContexts } from '../../context/buildContext';
import { contextLines, shownPath } from './buildContext';
import { classifySource, hasWildcard, isExcluded, literalFolder, lookupSource, SOURCE_BUDGET } from '../../context/contextFiles';
import type { CopyInstruction, CopyWord, VarLookup } from '../../model/copyArgs';
import { hiddenGlobalIn, readCopyInstruction, flagValue } from '../../model/copyArgs';
import type { Position } from '../../types';
import { rangeContains } from '../../types';
import { decidingLine } from '../../rules/copy-add';
import { lookupVariable } from '../../model/variables';
import { isWindowsStage } from '../../model/platform';
import { resolveDestination } from '../../model/paths';
import { say, plain } from './strings';
import { remoteKind, remoteSourceLine } from './remote';
import { inlineCode } from '../markdown';

export interface CopyHit {
  copy: CopyInstruction;
  word: CopyWord;
  role: 'source' | 'dest';
}

/** The COPY/ADD source or destination under the cursor, if any. */
export function copyWordAt(doc: ParsedDocument, instruction: Instruction, pos: Position): CopyHit | null {
  const copy = readCopyInstruction(doc, instruction, variableLookup(doc, instruction.getRange().start.line));
  if (!copy) return null;
  if (copy.dest && rangeContains(copy.dest.range, pos)) return { copy, word: copy.dest, role: 'dest' };
  for (const s of copy.sources) if (rangeContains(s.range, pos)) return { copy, word: s, role: 'source' };
  return null;
}

/** What COPY/ADD word expansion needs: a known value, unset (empty), or unknown. */
export function variableLookup(doc: ParsedDocument, line: number): VarLookup {
  return (name) => {
    const b = lookupVariable(doc, name, line);
    if (!b) return 'unset';
    if (b.tooLarge) return 'tooLarge';
    if (b.value === null || b.partial) return 'unknown';
    return { value: b.value };
  };
}

export function describeSource(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage | null, hit: CopyHit): string[] {
  const { lang } = ctx;
  const { copy, word } = hit;
  const out: string[] = [`**${say(lang, 'sourceTitle', { src: word.raw })}**`];
  const from = flagValue(copy, 'from');
  if (from) {
    const named = doc.stages.find((s) => s.name === from.toLowerCase() || (/^\d+$/.test(from) && s.index === Number(from)));
    out.push(
      named && (!stage || named.index < stage.index)
        ? say(lang, 'sourceFromStage', { from, line: named.startLine + 1 })
        : say(lang, 'sourceFromImage', { from }),
    );
    return out;
  }
  const value = word.value;
  if (value === null) {
    out.push(say(lang, 'sourceVariable'));
    return out;
  }
  const remote = copy.keyword === 'ADD' ? remoteSourceLine(lang, copy, value, isWindowsStage(doc, stage)) : null;
  if (remote) {
    out.push(remote);
    if (remoteKind(value) !== 'other-scheme') return out;
  }
  const line = copy.instruction.getRange().start.line;
  const hidden = hiddenGlobalIn(doc, word, line, variableLookup(doc, line));
  if (hidden) out.push(say(lang, 'sourceGlobalArg', { name: hidden.name, line: hidden.line + 1 }));
  const resolution = resolveBuildContexts(ctx, doc);
  if (!resolution) {
    out.push(say(lang, 'sourceNoContext'));
    return out;
  }
  const context = resolution.contexts[0];
  const rootShown = shownPath(context.root, ctx.workspaceFolder) || '.';
  const classified = classifySource(value);
  if (classified.kind === 'outside') {
    if (!context.sealed) out.push(say(lang, 'sourceOutside', { src: value, root: rootShown }));
    out.push(...contextLines(ctx, resolution));
    return out;
  }
  // Restricted Mode, context outside the workspace: nothing about what is there.
  if (context.sealed) {
    out.push(...contextLines(ctx, resolution));
    return out;
  }
  const rel = classified.relative;
  const shown = shownPath(rel ? path.join(context.root, ...rel.split('/')) : context.root, ctx.workspaceFolder) || '.';
  out.push(say(lang, 'sourceResolves', { path: shown }));
  if (classified.kind === 'absolute') out.push(say(lang, 'sourceAbsolute'));
  const lookup = lookupSource(ctx.fs, context.root, rel, { left: SOURCE_BUDGET });
  if (lookup.kind === 'missing') {
    out.push(say(lang, hasWildcard(rel) && !literalFolder(rel) ? 'sourceMissingPattern' : 'sourceMissing'));
    const other = context.certain ? undefined : resolution.candidates.find((c) => c.root !== context.root && lookupSource(ctx.fs, c.root, rel, { left: SOURCE_BUDGET }).kind === 'matches');
    if (other) out.push(say(lang, 'sourceInCandidate', { folder: shownPath(other.root, ctx.workspaceFolder) }));
  } else if (lookup.kind === 'unknown') out.push(say(lang, 'sourceUnknown', { why: lookup.why }));
  else {
    const ignore = context.ignore;
    const kept: number[] = [];
    lookup.paths.forEach((p, i) => {
      const excluded = ignore ? isExcluded(ctx.fs, context.root, p, lookup.types[i], ignore, { left: SOURCE_BUDGET }) : false;
      if (excluded !== true) kept.push(i);
    });
    if (kept.length === 0 && ignore) {
      out.push(say(lang, 'sourceExcluded', { ignore: shownPath(ignore.file, ctx.workspaceFolder), ...decidingLine(ignore, lookup.paths[0]) }));
    } else if (hasWildcard(rel) || kept.length > 1) {
      const examples = kept.slice(0, 3).map((i) => inlineCode(plain(lookup.paths[i]))).join(', ');
      out.push(say(lang, 'sourceMatches', { count: kept.length, examples: { md: examples } }));
    } else {
      const type = lookup.types[kept[0]];
      out.push(say(lang, type === 'dir' ? 'sourceExistsDir' : type === 'symlink' ? 'sourceExistsLink' : 'sourceExistsFile'));
    }
  }
  out.push(...contextLines(ctx, resolution));
  return out;
}

export function describeDestination(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, hit: CopyHit): string[] {
  const { lang } = ctx;
  const { copy, word } = hit;
  const out: string[] = [`**${say(lang, 'destTitle', { dest: word.raw })}**`];
  if (word.value === null) {
    out.push(say(lang, 'destVariable'));
    return out;
  }
  const line = copy.instruction.getRange().start.line;
  const dest = resolveDestination(doc, stage, line, word.value, false);
  out.push(say(lang, 'destResolves', { path: dest.path }));
  const sources = copy.sources.length + copy.heredocSources;
  const single = sources === 1 && copy.sources.length === 1 ? copy.sources[0].value : null;
  if (dest.isDir && single && !hasWildcard(single) && !/^[a-z]+:\/\//i.test(single)) {
    const base = single.replace(/\/+$/, '').split('/').pop() ?? '';
    // A folder source copies its contents, so only a file-looking name is used for the example.
    if (base && base !== '.' && base !== '..' && base.includes('.') && !single.endsWith('/')) {
      out.push(say(lang, 'destExample', { src: single, path: dest.path + base }));
    }
  }
  if (dest.isDir) out.push(say(lang, 'destDir'));
  else if (sources > 1 || copy.sources.some((s) => s.value !== null && hasWildcard(s.value))) out.push(say(lang, 'destMustBeDir'));
  if (dest.workdir) {
    const wd = dest.workdir;
    if (wd.line !== null) out.push(say(lang, 'destWorkdir', { workdir: wd.path, line: wd.line + 1 }));
    else if (wd.fromBase) out.push(say(lang, 'destWorkdirBase', { image: wd.fromBase }));
    else out.push(say(lang, 'destWorkdirDefault'));
  }
  return out;
}

export { shownPath } from './buildContext';
