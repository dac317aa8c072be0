// `$VAR` / `${VAR}` → the ARG or ENV value in scope at that line, where it was set (through `FROM <stage>`
// chains), and who can change it: `--build-arg` for an ARG, `docker run -e` for what the container sees.
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { VariableBinding } from '../../model/variables';
import { bindingAfter, globalArgs, lookupVariable, MAX_VALUE_LENGTH, PLATFORM_ARGS } from '../../model/variables';
import type { Lang } from '../../types';
import { inlineCode } from './sanitize';
import { say, plain, type StringKey } from './strings';

/**
 * When a reference is expanded: `build` by the builder (COPY, ENV, WORKDIR, EXPOSE …), `run` by RUN's shell
 * during the build, `start` by the shell of a shell-form CMD/ENTRYPOINT/HEALTHCHECK when the container
 * starts, `literal` never (exec form runs no shell).
 */
export type VariableUsage = 'build' | 'run' | 'start' | 'literal';

/**
 * The value of `name` as seen by the instruction at `line`, or — with `declaredHere` — as left by the ARG or
 * ENV instruction at `line` that declares it.
 */
export function variableSection(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  name: string,
  line: number,
  declaredHere = false,
  usage: VariableUsage = 'build',
): string {
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
    else out.push(say(lang, usage === 'start' ? 'varUnknownStart' : 'varUnknown', { name }));
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
  if (b.stage !== null && stage && b.stage !== stage.index && inStage) lines.push(inheritedThrough(doc, stage, b.stage, lang));
  if (b.tooLarge) lines.push(say(lang, 'varTooLarge', { limit: MAX_VALUE_LENGTH.toLocaleString('en-US') }));
  else {
    if (b.kind !== 'env' && b.kind !== 'predefined' && b.value === null) lines.push(say(lang, 'varNoDefault', { name }));
    if (b.partial) lines.push(say(lang, 'varPartial'));
  }
  if (b.kind === 'arg' || b.kind === 'global-arg') {
    // An ENV of the same name would win, but then the binding found would have been the ENV.
    if (b.value !== null) lines.push(say(lang, 'varOverride', { name }));
  }
  const runtime = runtimeNote(b.kind, usage, declaredHere);
  if (runtime) lines.push(say(lang, runtime, { name }));
  out.push(lines.join('\n\n'));
  return out.join('\n\n');
}

/** Whether `docker run -e` matters for this reference, and how. */
function runtimeNote(kind: VariableBinding['kind'], usage: VariableUsage, declaredHere: boolean): StringKey | null {
  if (declaredHere) return kind === 'env' ? 'varEnvRunOverride' : null;
  if (usage === 'start') return kind === 'env' ? 'varStartEnv' : kind === 'predefined' ? null : 'varStartArg';
  if (usage === 'literal') return 'varLiteral';
  if (usage === 'build' && kind === 'env') return 'varBuildEnv';
  return null;
}

/** `Inherited from stage `a` (line 3) through `b`.` — the stages a `FROM <stage>` chain passes the value along. */
function inheritedThrough(doc: ParsedDocument, stage: Stage, from: number, lang: Lang): string {
  const via: string[] = [];
  for (let s = stage.parent; s && s.index !== from && via.length < 8; s = s.parent) via.push(inlineCode(plain(s.name ?? String(s.index))));
  const origin = doc.stages[from];
  const args = { stage: origin?.name ?? String(from), line: (origin?.startLine ?? 0) + 1 };
  return via.length
    ? say(lang, 'varInheritedChain', { ...args, via: { md: via.join(lang === 'zh-cn' ? '、' : ', ') } })
    : say(lang, 'varInheritedStage', args);
}
