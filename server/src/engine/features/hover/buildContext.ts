// The lines a hover adds about the build context: which folder, how it was found (the declaring file and
// line, the inference's reason, the setting), the other declared contexts, and how to change it.
import type { AnalysisContext } from '../../context';
import type { BuildContext, ContextResolution } from '../../context/buildContext';
import { kindWord } from '../../rules/copy-add-context';
import * as path from 'node:path';
import { say } from './strings';

/** How one context was found, as a hover phrase. */
export function originPhrase(ctx: AnalysisContext, context: BuildContext): string {
  const { lang } = ctx;
  switch (context.origin) {
    case 'setting':
      return say(lang, 'ctxSetting', { glob: context.glob ?? '' });
    case 'cli':
      return say(lang, 'ctxCli');
    case 'declared': {
      const all = context.declarations ?? [];
      const d = all[0];
      if (!d) return say(lang, 'ctxDeclared', { file: '?', line: 0 });
      const where = { file: shownPath(d.evidence.file, ctx.workspaceFolder), line: d.evidence.line };
      const phrase = d.name
        ? say(lang, 'ctxDeclaredNamed', { ...where, name: d.name, kind: kindWord(ctx, d.evidence.kind) })
        : say(lang, 'ctxDeclared', where);
      return all.length > 1 ? `${phrase} ${say(lang, 'ctxMoreDeclarations', { count: all.length - 1 })}` : phrase;
    }
    case 'inferred':
      if (context.found !== context.total) return say(lang, 'ctxInferredSome', { found: context.found ?? 0, total: context.total ?? 0 });
      return context.total === 1 ? say(lang, 'ctxInferredOne') : say(lang, 'ctxInferredAll', { total: context.total ?? 0 });
    default:
      return say(lang, (context.total ?? 0) > 0 ? 'ctxDefault' : 'ctxDefaultNoSources');
  }
}

/** "Build context: `x` — how", the other declared contexts, Restricted Mode notes, and how to set it. */
export function contextLines(ctx: AnalysisContext, resolution: ContextResolution): string[] {
  const { lang } = ctx;
  const [primary, ...others] = resolution.contexts;
  const out: string[] = [];
  if (primary.sealed) out.push(say(lang, 'ctxSealed'));
  else out.push(say(lang, 'sourceContext', { root: shownPath(primary.root, ctx.workspaceFolder), origin: { md: originPhrase(ctx, primary) } }));
  for (const other of others) {
    if (!other.sealed) out.push(say(lang, 'ctxAlso', { root: shownPath(other.root, ctx.workspaceFolder), origin: { md: originPhrase(ctx, other) } }));
  }
  if (resolution.untrusted.length > 0) out.push(say(lang, 'ctxUntrusted', { count: resolution.untrusted.length }));
  if (!primary.certain) out.push(say(lang, 'ctxSetHint'));
  return out;
}

/** A path shown relative to the workspace folder (forward slashes), or absolute when outside it. */
export function shownPath(abs: string, workspaceFolder: string | null): string {
  if (!workspaceFolder) return abs;
  const rel = path.relative(workspaceFolder, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}
