// One-line facts for keyword hovers: the image a FROM resolves to, where a COPY/ADD reads from and writes
// to, and which other stages set the ENTRYPOINT or CMD a stage lacks.
import type { Instruction } from 'dockerfile-ast';
import type { AnalysisContext } from '../../context';
import { resolveBuildContext } from '../../context/buildContext';
import { flagValue, readCopyInstruction } from '../../model/copyArgs';
import { resolveDestination } from '../../model/paths';
import { expand, lookupVariable } from '../../model/variables';
import type { ParsedDocument, Stage } from '../../parse/document';
import { keywordOf } from '../../parse/instructionCache';
import type { Lang } from '../../types';
import { inlineCode } from './sanitize';
import { plain, say } from './strings';
import { remoteSourceLine } from './remote';
import { isWindowsStage } from '../../model/platform';
import { shownPath, variableLookup } from './copyTarget';

/** What a FROM builds on: an earlier stage, `scratch`, or the image with its ARG defaults filled in. */
export function fromFacts(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage): string {
  const { lang } = ctx;
  const written = stage.base ?? '';
  if (stage.parent) {
    return say(lang, 'fromStage', { stage: stage.parent.name ?? String(stage.parent.index), line: stage.parent.startLine + 1 });
  }
  if (written.toLowerCase() === 'scratch') return say(lang, 'fromScratch');
  if (!written.includes('$')) return say(lang, 'fromImage', { image: written });
  const resolved = expand(written, (n) => {
    const b = lookupVariable(doc, n, stage.startLine);
    return b && !b.partial && b.value !== null ? b.value : undefined;
  }, doc.escapeChar);
  return resolved.partial
    ? say(lang, 'fromImageUnresolved', { image: written })
    : say(lang, 'fromImageResolved', { image: written, resolved: resolved.text });
}

/** `COPY`/`ADD` at a glance: from the build context (or a stage, image, URL) into the resolved destination. */
export function copyFacts(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, instruction: Instruction): string | null {
  const { lang } = ctx;
  const line = instruction.getRange().start.line;
  const copy = readCopyInstruction(doc, instruction, variableLookup(doc, line));
  if (!copy || !copy.dest) return null;
  const dest = copy.dest.value === null ? null : resolveDestination(doc, stage, line, copy.dest.value, false).path;
  const into = dest === null ? say(lang, 'intoUnknown') : say(lang, 'into', { dest });
  const from = flagValue(copy, 'from');
  if (from) {
    const named = doc.stages.find((s) => s.name === from.toLowerCase() || (/^\d+$/.test(from) && s.index === Number(from)));
    const source = named && named.index < stage.index ? say(lang, 'copyFromStage', { from }) : say(lang, 'copyFromImage', { from });
    return `${source}${into}`;
  }
  const first = copy.sources[0]?.value;
  if (copy.keyword === 'ADD' && first) {
    const remote = remoteSourceLine(lang, copy, first, isWindowsStage(doc, stage));
    if (remote) return `${remote} ${say(lang, 'destIs', { dest: dest ?? copy.dest.raw })}`;
  }
  const context = resolveBuildContext(ctx, doc);
  const root = context ? shownPath(context.root, ctx.workspaceFolder) || '.' : null;
  return `${root ? say(lang, 'copyFromContext', { root }) : say(lang, 'copyFromContextUnknown')}${into}`;
}

/**
 * ` (stage `edge` sets one)` for a stage whose chain sets none of `keywords`, naming the other stages of
 * the file that do; empty when there are none.
 */
export function setElsewhere(doc: ParsedDocument, stage: Stage, keywords: readonly string[], lang: Lang): string {
  const chain = new Set<number>();
  for (let s: Stage | null = stage; s && !chain.has(s.index); s = s.parent) chain.add(s.index);
  const names = doc.stages
    .filter((s) => !chain.has(s.index) && s.instructions.some((i) => keywords.includes(keywordOf(i).toUpperCase())))
    .map((s) => inlineCode(plain(s.name ?? String(s.index))));
  if (names.length === 0) return '';
  const shown = names.length > 3 ? [...names.slice(0, 3), '…'] : names;
  return say(lang, names.length === 1 ? 'elsewhereOne' : 'elsewhereMany', { stages: { md: shown.join(lang === 'zh-cn' ? '、' : ', ') } });
}
