// `$VAR` / `${VAR}` → the ARG or ENV value in scope at that line.
import type { AnalysisContext } from '../../context';
import type { ParsedDocument } from '../../parse/document';
import { bindingAfter, globalArgs, lookupVariable, PLATFORM_ARGS } from '../../model/variables';
import { inlineCode } from './sanitize';
import { say, plain } from './strings';

/**
 * The value of `name` as seen by the instruction at `line`, or — with `declaredHere` — as left by the ARG or
 * ENV instruction at `line` that declares it.
 */
export function variableSection(doc: ParsedDocument, ctx: AnalysisContext, name: string, line: number, declaredHere = false): string {
  const { lang } = ctx;
  const out: string[] = [`**${say(lang, 'variable', { name: `$${name}` })}**`];
  const stage = doc.stageAtLine(line);
  const inStage = !!stage && line > stage.startLine;
  const b = declaredHere ? bindingAfter(doc, name, line) : lookupVariable(doc, name, line);
  const value = (v: string) => say(lang, 'varValue', { value: { md: inlineCode(plain(v === '' ? '""' : v)) } });
  if (!b) {
    const global = inStage ? globalArgs(doc).get(name) : undefined;
    if (global) out.push(say(lang, 'varGlobalNotRedeclared', { name, line: global.line + 1 }));
    else if (inStage && PLATFORM_ARGS.has(name)) out.push(say(lang, 'varPredefinedPlatformStage', { name }));
    else out.push(say(lang, 'varUnknown', { name }));
    return out.join('\n\n');
  }
  const lines: string[] = [];
  if (b.value !== null) lines.push(value(b.value));
  switch (b.kind) {
    case 'env':
      lines.push(say(lang, 'varEnv', { line: b.line + 1 }));
      break;
    case 'global-arg':
      lines.push(say(lang, 'varArgGlobal', { line: b.line + 1, name }));
      break;
    case 'predefined':
      lines.push(say(lang, PLATFORM_ARGS.has(name) ? 'varPredefinedPlatform' : 'varPredefinedProxy', { name }));
      break;
    default:
      lines.push(
        b.fromGlobal
          ? say(lang, 'varArgFromGlobal', { line: b.line + 1, global: b.fromGlobal.line + 1 })
          : say(lang, 'varArg', { line: b.line + 1 }),
      );
  }
  if (b.stage !== null && stage && b.stage !== stage.index && inStage) {
    lines.push(say(lang, 'varInheritedStage', { stage: doc.stages[b.stage]?.name ?? String(b.stage) }));
  }
  if (b.kind !== 'env' && b.kind !== 'predefined' && b.value === null) lines.push(say(lang, 'varNoDefault', { name }));
  if (b.partial) lines.push(say(lang, 'varPartial'));
  if (b.kind === 'arg' || b.kind === 'global-arg') {
    // An ENV of the same name would win, but then the binding found would have been the ENV.
    if (b.value !== null) lines.push(say(lang, 'varOverride', { name }));
  }
  out.push(lines.join('\n\n'));
  return out.join('\n\n');
}
