// What a hover shows at a position, from the cached parse: the facts there (where a COPY/ADD path resolves,
// the value of a variable, the image of a FROM, for CMD/ENTRYPOINT the command the container will run),
// then the user's own notes, then the gist of the built-in note and a line of links (render.ts).
import type { Instruction, Property } from 'dockerfile-ast';
import type { AnalysisContext } from '../../context';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Finding, Position, Range } from '../../types';
import { rangeContains } from '../../types';
import { commandSection, onbuildCommandNote } from './command';
import { copyWordAt, describeDestination, describeSource } from './copyTarget';
import { copyFacts, fromFacts } from './facts';
import { layoutHover, type HoverParts, type NoteRef } from './render';
import { findingsAt } from './repeats';
import { variableSection, type VariableUsage } from './variable';
import { say } from './strings';
import { workdirAt } from '../../model/paths';
import { argumentsRange, keywordOf } from '../../parse/instructionCache';
import { onbuildTrigger } from '../../model/commands';
import { resolveBuildContexts } from '../../context/buildContext';
import { contextLines } from './buildContext';
import { exceededLimit } from '../../rules/limits';
import { safeList } from '../../parse/safe';

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * The hover at `pos`. `findings` are the document's current diagnostics: what those at `pos` say is not
 * repeated (VS Code shows them above the hover), and their rule pages are linked.
 */
export function hover(doc: ParsedDocument, ctx: AnalysisContext, pos: Position, findings?: readonly Finding[]): HoverResult | null {
  const said = findingsAt(findings, pos);
  const result = (parts: HoverParts, range: Range): HoverResult | null => {
    const markdown = layoutHover(ctx, parts, said);
    return markdown.trim() ? { markdown, range } : null;
  };

  const directive = directiveAt(doc, pos);
  if (directive) return result(noteParts({ kind: 'directives', name: directive.name }), directive.range);
  const outer = doc.instructionAtLine(pos.line);
  if (!outer) return null;
  const instruction = triggerAt(outer, pos) ?? outer;
  const keyword = keywordOf(instruction).toUpperCase();
  const line = outer.getRange().start.line;
  const stage = doc.stageAtLine(line);
  const trigger = instruction !== outer;

  const keywordRange = instruction.getInstructionRange();
  // Above the size limits (limits.ts) only the keyword's notes: the facts would each be a pass over
  // megabytes (a 4 MB CMD made a 3 MB hover that took seconds).
  if (exceededLimit(doc)) return rangeContains(keywordRange, pos) ? result(noteParts({ kind: 'instructions', name: keyword.toLowerCase() }), keywordRange) : null;
  if (rangeContains(keywordRange, pos)) return result(keywordParts(doc, ctx, instruction, keyword, stage, line, trigger), keywordRange);

  for (const flag of flagsOf(instruction)) {
    const range = flag.getRange();
    if (!rangeContains(range, pos)) continue;
    const name = flag.getName().toLowerCase();
    return result(noteParts({ kind: 'flags', name: keyword === 'HEALTHCHECK' ? `healthcheck-${name}` : name }), range);
  }

  for (const v of variablesOf(doc, instruction)) {
    if (!rangeContains(v.range, pos)) continue;
    const image = keyword === 'FROM' && stage && !trigger ? fromFacts(doc, ctx, stage) : null;
    return result({ facts: [variableSection(doc, ctx, v.name, line, false, usageOf(instruction, keyword)), image] }, v.range);
  }

  if ((keyword === 'ARG' || keyword === 'ENV') && !trigger) {
    const property = propertiesOf(instruction).find((p) => rangeContains(p.getNameRange(), pos));
    if (property) return result({ facts: [variableSection(doc, ctx, property.getName(), line, true)] }, property.getNameRange());
  }

  if ((keyword === 'COPY' || keyword === 'ADD') && stage) {
    const hit = copyWordAt(doc, instruction, pos);
    if (hit?.role === 'dest') return result({ facts: [describeDestination(doc, ctx, stage, hit).join('\n\n')] }, hit.word.range);
    if (hit) {
      const topic: NoteRef = { kind: 'topics', name: 'build-context' };
      return result({ facts: [describeSource(doc, ctx, stage, hit).join('\n\n')], user: [topic], note: topic }, hit.word.range);
    }
  }

  if (keyword === 'FROM' && stage && !trigger) {
    const image = safeList(() => stage.from.getArguments())[0];
    if (image && rangeContains(image.getRange(), pos)) {
      const external = !stage.parent && (stage.base ?? '').toLowerCase() !== 'scratch';
      const topic: NoteRef = { kind: 'topics', name: 'load-vs-import' };
      return result({ facts: [fromFacts(doc, ctx, stage), buildContextBlock(doc, ctx)], user: external ? [topic] : [] }, image.getRange());
    }
  }

  if (keyword === 'WORKDIR' && stage && !trigger) {
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) return result({ facts: [workdirFacts(doc, ctx, stage, line)] }, args);
  }

  if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && trigger) {
    // An ONBUILD trigger: it sets the command of a child image, not of this stage.
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) return result({ facts: [onbuildCommandNote(ctx.lang, keyword)] }, args);
  }

  if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && stage && !trigger) {
    const args = argumentsRange(instruction);
    if (args && rangeContains(args, pos)) {
      const topic: NoteRef = { kind: 'topics', name: 'entrypoint-cmd' };
      const parts: HoverParts = {
        facts: [commandSection(doc, ctx, stage, keyword, line)],
        user: [{ kind: 'topics', name: 'docker-run' }, topic],
        note: topic,
      };
      return result(parts, args);
    }
  }
  return null;
}

/** A keyword: what it does here (1–3 lines), the user's notes about it, the note's gist and example, links. */
function keywordParts(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  instruction: Instruction,
  keyword: string,
  stage: Stage | null,
  line: number,
  trigger: boolean,
): HoverParts {
  const ref: NoteRef = { kind: 'instructions', name: keyword.toLowerCase() };
  const isCommand = keyword === 'CMD' || keyword === 'ENTRYPOINT';
  let facts: string | null = null;
  let context: string | null = null;
  if (isCommand && trigger) facts = onbuildCommandNote(ctx.lang, keyword);
  else if (stage && !trigger) {
    if (isCommand) facts = commandSection(doc, ctx, stage, keyword, line);
    else if (keyword === 'FROM') {
      facts = fromFacts(doc, ctx, stage);
      context = buildContextBlock(doc, ctx);
    }
    else if (keyword === 'COPY' || keyword === 'ADD') facts = copyFacts(doc, ctx, stage, instruction);
    else if (keyword === 'WORKDIR') facts = workdirFacts(doc, ctx, stage, line);
  }
  // The user's ENTRYPOINT + CMD notes belong to both keywords.
  const user = isCommand ? [ref, { kind: 'topics', name: 'entrypoint-cmd' } as NoteRef] : [ref];
  // The gist of CMD and ENTRYPOINT says what `docker run` arguments do.
  return { facts: [facts, context], user, note: ref, example: true, omit: isCommand ? ['dockerRunArgs'] : [] };
}

/** A flag or a directive: the user's notes about it, the note's gist and example, links. */
function noteParts(ref: NoteRef): HoverParts {
  return { user: [ref], note: ref, example: true };
}

function workdirFacts(doc: ParsedDocument, ctx: AnalysisContext, stage: Stage, line: number): string {
  const wd = workdirAt(doc, stage, line + 1);
  const text = say(ctx.lang, 'workdirResolves', { path: wd.path });
  return wd.partial ? `${text}\n\n${say(ctx.lang, 'destVariable')}` : text;
}

/** When the value of a `$VAR` in this instruction is taken: by the builder, by RUN's shell, or at container start. */
function usageOf(instruction: Instruction, keyword: string): VariableUsage {
  if (keyword === 'RUN') return 'run';
  if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
    let args = instruction.getArgumentsContent() ?? '';
    if (keyword === 'HEALTHCHECK') {
      const cmd = /(?:^|\s)CMD\s+/i.exec(args);
      if (!cmd) return 'build';
      args = args.slice(cmd.index + cmd[0].length);
    }
    return /^\s*\[/.test(args) && isJsonArray(args) ? 'literal' : 'start';
  }
  return 'build';
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The parser directive at `pos` (they live at the very top of the file). */
function directiveAt(doc: ParsedDocument, pos: Position): { name: string; range: Range } | null {
  if (pos.line > 64) return null;
  for (const d of safeList(() => doc.ast.getDirectives())) {
    const range = d.getRange();
    if (rangeContains(range, pos)) return { name: d.getName().toLowerCase(), range };
  }
  return null;
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

/** The build context of the Dockerfile and where it is said (for FROM). */
function buildContextBlock(doc: ParsedDocument, ctx: AnalysisContext): string | null {
  const resolution = resolveBuildContexts(ctx, doc);
  return resolution ? contextLines(ctx, resolution).join('\n\n') : null;
}
