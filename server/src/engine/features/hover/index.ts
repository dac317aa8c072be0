// What a hover shows at a position, from the cached parse: the note of the keyword, flag or directive
// under the cursor, where a COPY/ADD path resolves, the value of a variable, and for CMD/ENTRYPOINT the
// command the container will actually run. The user's own notes follow the built-in ones.
import type { Instruction, Property } from 'dockerfile-ast';
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Position, Range } from '../../types';
import { rangeContains } from '../../types';
import { commandSection, onbuildCommandNote } from './command';
import { copyWordAt, describeDestination, describeSource } from './copyTarget';
import { builtinBlock, footer, join, RELATED_TOPICS, seeAlso, userBlocks, type NoteRef } from './render';
import { variableSection } from './variable';
import { say } from './strings';
import { workdirAt } from '../../model/paths';
import { expand, lookupVariable } from '../../model/variables';
import { argumentsRange, keywordOf } from '../../parse/instructionCache';
import { onbuildTrigger } from '../../model/commands';
import { resolveBuildContexts } from '../../context/buildContext';
import { contextLines } from './buildContext';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hover(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): HoverResult | null {
  const directive = directiveHover(doc, ctx, pos);
  if (directive) return directive;
  const outer = doc.instructionAtLine(pos.line);
  if (!outer) return null;
  const instruction = triggerAt(outer, pos) ?? outer;
  const keyword = keywordOf(instruction).toUpperCase();
  const line = outer.getRange().start.line;
  const stage = doc.stageAtLine(line);

  const keywordRange = instruction.getInstructionRange();
  if (rangeContains(keywordRange, pos)) return keywordHover(doc, ctx, instruction, keyword, stage, line, keywordRange, instruction !== outer);

  for (const flag of flagsOf(instruction)) {
    const range = flag.getRange();
    if (!rangeContains(range, pos)) continue;
    const name = flag.getName().toLowerCase();
    const ref: NoteRef = { kind: 'flags', name: keyword === 'HEALTHCHECK' ? `healthcheck-${name}` : name };
    return noteHover(ctx, ref, range);
  }

  for (const v of variablesOf(doc, instruction)) {
    if (!rangeContains(v.range, pos)) continue;
    return { markdown: variableSection(doc, ctx, v.name, line), range: v.range };
  }

  if ((keyword === 'ARG' || keyword === 'ENV') && instruction === outer) {
    const property = propertiesOf(instruction).find((p) => rangeContains(p.getNameRange(), pos));
    if (property) return { markdown: variableSection(doc, ctx, property.getName(), line, true), range: property.getNameRange() };
  }

  if ((keyword === 'COPY' || keyword === 'ADD') && stage) {
    const hit = copyWordAt(doc, instruction, pos);
    if (hit) {
      if (hit.role === 'dest') return { markdown: describeDestination(doc, ctx, stage, hit).join('\n\n'), range: hit.word.range };
      const topic: NoteRef = { kind: 'topics', name: 'build-context' };
      const markdown = join([
        describeSource(doc, ctx, stage, hit).join('\n\n'),
        builtinBlock(ctx, topic, true),
        ...userBlocks(ctx, topic),
        footer(ctx, topic),
      ]);
      return { markdown, range: hit.word.range };
    }
  }

  if (keyword === 'FROM' && stage && instruction === outer) return fromImageHover(doc, ctx, stage, pos);

  if (keyword === 'WORKDIR' && stage && instruction === outer) {
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) {
      const wd = workdirAt(doc, stage, line + 1);
      const text = say(ctx.lang, 'workdirResolves', { path: wd.path });
      return { markdown: wd.partial ? `${text}\n\n${say(ctx.lang, 'destVariable')}` : text, range: args };
    }
  }

  if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && instruction !== outer) {
    // An ONBUILD trigger: it sets the command of a child image, not of this stage.
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) return { markdown: onbuildCommandNote(ctx.lang, keyword), range: args };
  }

  if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && stage && instruction === outer) {
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) {
      const topic: NoteRef = { kind: 'topics', name: 'docker-run' };
      const markdown = join([
        commandSection(doc, ctx, stage, keyword, line),
        builtinBlock(ctx, topic, true),
        ...userBlocks(ctx, topic),
        footer(ctx, { kind: 'topics', name: 'entrypoint-cmd' }),
      ]);
      return { markdown, range: args };
    }
  }
  return null;
}

function keywordHover(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  instruction: Instruction,
  keyword: string,
  stage: Stage | null,
  line: number,
  range: Range,
  trigger = false,
): HoverResult | null {
  const name = keyword.toLowerCase();
  const ref: NoteRef = { kind: 'instructions', name };
  const related = RELATED_TOPICS[name] ?? [];
  const isCommand = keyword === 'CMD' || keyword === 'ENTRYPOINT';
  const command = isCommand && trigger
    ? onbuildCommandNote(ctx.lang, keyword)
    : isCommand && stage && instruction.getRange().start.line === line
      ? commandSection(doc, ctx, stage, keyword, line)
      : null;
  const builtin = builtinBlock(ctx, ref);
  const user = userBlocks(ctx, ref);
  const context = keyword === 'FROM' && !trigger ? buildContextBlock(doc, ctx) : null;
  // ENTRYPOINT + CMD notes of the user belong to both keywords.
  const combined = keyword === 'CMD' || keyword === 'ENTRYPOINT' ? userBlocks(ctx, { kind: 'topics', name: 'entrypoint-cmd' }) : [];
  if (!builtin && user.length === 0 && combined.length === 0 && !command && !context) return null;
  const markdown = join([
    command,
    context,
    builtin,
    ...user,
    ...combined,
    ctx.settings.notes.builtin ? seeAlso(ctx, related) : null,
    footer(ctx, ref),
  ]);
  return { markdown, range };
}

function directiveHover(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): HoverResult | null {
  if (pos.line > 64) return null; // directives live at the very top
  for (const d of safeList(() => doc.ast.getDirectives())) {
    const range = d.getRange();
    if (!rangeContains(range, pos)) continue;
    const name = d.getName().toLowerCase();
    const ref: NoteRef = { kind: 'directives', name };
    return noteHover(ctx, ref, range);
  }
  return null;
}

function fromImageHover(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, pos: Position): HoverResult | null {
  const image = safeList(() => stage.from.getArguments())[0];
  if (!image || !rangeContains(image.getRange(), pos)) return null;
  const { lang } = ctx;
  const base = stage.base ?? image.getValue();
  let text: string;
  if (stage.parent) text = say(lang, 'fromStage', { stage: stage.parent.name ?? String(stage.parent.index), line: stage.parent.startLine + 1 });
  else if (base.toLowerCase() === 'scratch') text = say(lang, 'fromScratch');
  else if (base.includes('$')) {
    const line = stage.startLine;
    const resolved = expand(base, (n) => {
      const b = lookupVariable(doc, n, line);
      return b && !b.partial ? b.value : undefined;
    }, doc.escapeChar);
    text = resolved.partial ? say(lang, 'fromImage', { image: base }) : say(lang, 'fromImageResolved', { image: base, resolved: resolved.text });
  } else text = say(lang, 'fromImage', { image: base });
  const ref: NoteRef = { kind: 'topics', name: 'load-vs-import' };
  const external = !stage.parent && base.toLowerCase() !== 'scratch';
  const markdown = join([text, buildContextBlock(doc, ctx), ...(external ? userBlocks(ctx, ref) : []), external ? seeAlso(ctx, ['load-vs-import']) : null]);
  return { markdown, range: image.getRange() };
}

/** The build context of the Dockerfile and how it was found (null when unsaved). */
function buildContextBlock(doc: ParsedDocument, ctx: AnalysisContext): string | null {
  const resolution = resolveBuildContexts(ctx, doc);
  return resolution ? contextLines(ctx, resolution).join('\n\n') : null;
}

/** A flag's or directive's note and the user's sections about it; null when there is neither. */
function noteHover(ctx: AnalysisContext, ref: NoteRef, range: Range): HoverResult | null {
  const builtin = builtinBlock(ctx, ref);
  const user = userBlocks(ctx, ref);
  if (!builtin && user.length === 0) return null;
  return { markdown: join([builtin, ...user, footer(ctx, ref)]), range };
}

/** Inside `ONBUILD COPY …`, the trigger instruction when the cursor is on it. */
function triggerAt(instruction: Instruction, pos: Position): Instruction | null {
  const trigger = onbuildTrigger(instruction);
  return trigger && rangeContains(trigger.getRange(), pos) ? trigger : null;
}

interface FlagLike {
  getName(): string;
  getRange(): Range;
}

// dockerfile-ast re-reads the instruction text on every getFlags()/getVariables() call; a hover over a
// long RUN asks again for every position, so the answers are kept per instruction (per parse).
const FLAGS = new WeakMap<Instruction, FlagLike[]>();
const VARIABLES = new WeakMap<Instruction, VariableRef[]>();

function flagsOf(instruction: Instruction): FlagLike[] {
  let flags = FLAGS.get(instruction);
  if (!flags) {
    const withFlags = instruction as unknown as { getFlags?: () => FlagLike[] };
    flags = typeof withFlags.getFlags === 'function' ? safeList(() => withFlags.getFlags!()) : [];
    FLAGS.set(instruction, flags);
  }
  return flags;
}

function propertiesOf(instruction: Instruction): Property[] {
  const withProps = instruction as unknown as { getProperties?: () => Property[]; getProperty?: () => Property | null };
  if (typeof withProps.getProperties === 'function') return safeList(() => withProps.getProperties!());
  return [];
}

interface VariableRef {
  name: string;
  range: Range;
}

/**
 * `$NAME` and `${NAME…}` references of an instruction with their ranges. Read from the text here because
 * dockerfile-ast's getVariables() walks every FROM of the file for each instruction (O(file) per call).
 */
function variablesOf(doc: ParsedDocument, instruction: Instruction): VariableRef[] {
  let vars = VARIABLES.get(instruction);
  if (!vars) {
    vars = [];
    const range = instruction.getRange();
    const start = doc.offsetAt(range.start);
    const text = doc.textIn(range);
    const escape = doc.escapeChar;
    const re = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[^}\r\n]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      if (at > 0 && text[at - 1] === escape) continue;
      vars.push({
        name: m[1] ?? m[2],
        range: { start: doc.positionAt(start + at), end: doc.positionAt(start + at + m[0].length) },
      });
    }
    VARIABLES.set(instruction, vars);
  }
  return vars;
}

function safeList<T>(fn: () => T[]): T[] {
  try {
    return fn() ?? [];
  } catch {
    return [];
  }
}
