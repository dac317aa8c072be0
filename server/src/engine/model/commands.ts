// Facts about command instructions (CMD, ENTRYPOINT, RUN, HEALTHCHECK CMD) shared by the cmd-entrypoint
// and exec-form families: the command text exactly as BuildKit reads it, its form, where it sits in the
// document, and what a stage inherits (SHELL, CMD, ENTRYPOINT) through `FROM <stage>`.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { classifyJsonForm, type JsonForm } from '../parse/instruction';
import { joinContinuationsMapped, goTrimLeftSpace, isGoSpace } from './shell/continuation';
import type { Range } from '../types';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { isWindowsStage } from './platform';

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];
/** What Docker wraps a shell form in on Windows images (BuildKit's defaultShell for os "windows"). */
export const WINDOWS_SHELL: readonly string[] = ['cmd', '/S', '/C'];
export const COMMAND_KEYWORDS: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'HEALTHCHECK']);

export interface CommandInfo {
  instruction: Instruction;
  keyword: 'CMD' | 'ENTRYPOINT' | 'RUN' | 'HEALTHCHECK';
  form: 'shell' | 'exec' | 'invalid';
  /** The shell text (shell form) or the joined JSON text (exec / invalid). */
  text: string;
  /** The parsed array (exec form only). */
  args?: string[];
  /** Where each element of `args` is written in the document, quotes included (exec form only). */
  elementRanges?: Range[];
  /** The command in the document: from its first to its last non-blank character. */
  range: Range;
  /**
   * What a conversion replaces: from the command's start to the end of the instruction's last line, or
   * null when the text cannot be rewritten safely (heredoc, parsers disagree on the extent, flags …).
   */
  editRange: Range | null;
}

const cache = new WeakMap<ParsedDocument, Map<Instruction, CommandInfo | null>>();

/** The command of a CMD / ENTRYPOINT / RUN / HEALTHCHECK CMD instruction, or null (e.g. HEALTHCHECK NONE). */
export function commandInfo(doc: ParsedDocument, instruction: Instruction): CommandInfo | null {
  let perDoc = cache.get(doc);
  if (!perDoc) cache.set(doc, (perDoc = new Map()));
  if (perDoc.has(instruction)) return perDoc.get(instruction)!;
  const info = computeCommandInfo(doc, instruction);
  perDoc.set(instruction, info);
  return info;
}

function computeCommandInfo(doc: ParsedDocument, instruction: Instruction): CommandInfo | null {
  const keyword = keywordOf(instruction);
  if (!COMMAND_KEYWORDS.has(keyword)) return null;
  const argsRange = argumentsRange(instruction);
  if (!argsRange) return null;
  const argsStart = doc.offsetAt(argsRange.start);
  const joined = joinContinuationsMapped(doc.text.slice(argsStart), doc.escapeChar);
  let i = 0;
  const skipSpace = () => {
    while (i < joined.text.length && isGoSpace(joined.text[i])) i++;
  };
  skipSpace();
  if (keyword === 'HEALTHCHECK') {
    const m = /^cmd(?=[ \t])/i.exec(joined.text.slice(i));
    if (!m) return null;
    i += m[0].length;
    skipSpace();
  }
  let last = joined.text.length - 1;
  while (last >= i && isGoSpace(joined.text[last])) last--;
  if (last < i) return null;
  const start = doc.positionAt(argsStart + joined.offsets[i]);
  // BuildKit reads a leading `--` as the end of the instruction's flags and drops it (bflag.go,
  // extractBuilderFlags): `CMD -- python app.py` runs `python app.py`. The edit replaces the `--` too.
  const dashes = /^--[ \t]+(?=\S)/.exec(joined.text.slice(i, last + 1));
  if (dashes) i += dashes[0].length;
  const text = joined.text.slice(i, last + 1);
  const range: Range = { start, end: doc.positionAt(argsStart + joined.offsets[last] + 1) };
  const json = classifyCommandForm(text);
  const form = json.kind === 'exec' ? 'exec' : json.kind === 'invalid' ? 'invalid' : 'shell';
  // Only rewrite when dockerfile-ast and BuildKit's rules agree on where the instruction ends (or what
  // dockerfile-ast adds is only comment and blank lines that a trailing continuation reached), there is
  // no heredoc, and nothing flag-like precedes the command (`RUN --network host cmd`).
  const instrEnd = instruction.getRange().end;
  const endPos = doc.positionAt(argsStart + joined.end);
  const agree = endPos.line === instrEnd.line || onlyCommentsBetween(doc, argsStart + joined.end, doc.offsetAt(instrEnd));
  const prefix = doc.textIn({ start: instruction.getRange().start, end: start });
  const oddFlags = /(^|\s)--[\w-]+(?=\s)/.test(prefix.replace(/^\S+/, ''));
  const editable = agree && !text.includes('<<') && !oddFlags && !/^--/.test(text);
  let elementRanges: Range[] | undefined;
  if (json.kind === 'exec') {
    const at = (k: number) => doc.positionAt(argsStart + joined.offsets[i + k]);
    elementRanges = stringLiterals(text).map(([from, to]) => ({ start: at(from), end: doc.positionAt(argsStart + joined.offsets[i + to - 1] + 1) }));
    if (elementRanges.length !== json.args.length) elementRanges = undefined;
  }
  return {
    instruction,
    keyword: keyword as CommandInfo['keyword'],
    form,
    text,
    args: json.kind === 'exec' ? json.args : undefined,
    elementRanges,
    range,
    editRange: editable ? { start, end: endPos } : null,
  };
}

/**
 * How BuildKit reads a CMD / ENTRYPOINT / RUN command: `classifyJsonForm`, plus a bracketed text that is
 * not the shell's `[` / `[[` test (`ENTRYPOINT [${NPM_CLI_PACKAGE}]`, `CMD [npm, start]`): an exec form
 * that is not JSON, which BuildKit then runs as a shell command, brackets and all.
 */
export function classifyCommandForm(text: string): JsonForm {
  const json = classifyJsonForm(text);
  const trimmed = goTrimLeftSpace(text);
  if (json.kind === 'shell' && /^\[(?!\[?[ \t]|\[?$)/.test(trimmed)) {
    // `ENTRYPOINT ["app"] # comment`: a JSON array and then more text (a Dockerfile has no end-of-line comments).
    const close = trimmed.indexOf(']');
    if (close > 0 && close < 10_000) {
      try {
        if (Array.isArray(JSON.parse(trimmed.slice(0, close + 1)))) return { kind: 'invalid', reason: 'trailingText' };
      } catch {
        // not an array up to there
      }
    }
    return { kind: 'invalid', reason: 'unquoted' };
  }
  return json;
}

/** Whether the raw text between two offsets holds only line breaks, blank lines and comment lines. */
function onlyCommentsBetween(doc: ParsedDocument, from: number, to: number): boolean {
  if (to <= from) return true;
  return doc.text
    .slice(from, to)
    .split(/\r?\n|\r/)
    .slice(1)
    .every((line) => /^[ \t]*(#.*)?$/.test(line));
}

/** `[start, end)` of each JSON string literal in a JSON array text, quotes included. */
function stringLiterals(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = 0; k < text.length; k++) {
    if (text[k] !== '"') continue;
    const from = k++;
    while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
    out.push([from, Math.min(k + 1, text.length)]);
  }
  return out;
}

function shellOf(doc: ParsedDocument, instruction: Instruction): string[] | null {
  const range = argumentsRange(instruction);
  if (!range) return null;
  const joined = goTrimLeftSpace(joinContinuationsMapped(doc.text.slice(doc.offsetAt(range.start)), doc.escapeChar).text);
  const json = classifyJsonForm(joined);
  return json.kind === 'exec' && json.args.length > 0 ? json.args : null;
}

// The SHELL instructions of a stage, found once: asking per CMD/RUN by filtering the whole stage made
// a stage of 5,000 CMD lines cost 25 million checks (over a second per analysis).
const shellCache = new WeakMap<Instruction[], { length: number; shells: Instruction[] }>();

function shellInstructions(stage: Stage): Instruction[] {
  const hit = shellCache.get(stage.instructions);
  if (hit && hit.length === stage.instructions.length) return hit.shells;
  const shells = stage.instructions.filter((i) => keywordOf(i) === 'SHELL');
  shellCache.set(stage.instructions, { length: stage.instructions.length, shells });
  return shells;
}

/** The last SHELL of a stage that starts before `line` (any when undefined). */
function lastShellBefore(stage: Stage, line: number | undefined): Instruction | null {
  const shells = shellInstructions(stage);
  for (let k = shells.length - 1; k >= 0; k--) {
    if (line === undefined || shells[k].getRange().start.line < line) return shells[k];
  }
  return null;
}

// The SHELL instruction each stage ends with (its own, else its parent's), found once per stage: asking
// per command by walking the FROM chain made 10,000 chained stages cost 50 million steps.
const endShells = new WeakMap<Stage, Instruction | null>();

function endShell(stage: Stage): Instruction | null {
  if (endShells.has(stage)) return endShells.get(stage)!;
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !endShells.has(s); s = s.parent && s.parent.index < s.index ? s.parent : null) todo.push(s);
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    const parent = s.parent && s.parent.index < s.index ? endShells.get(s.parent) ?? null : null;
    endShells.set(s, lastShellBefore(s, undefined) ?? parent);
  }
  return endShells.get(stage)!;
}

/**
 * The SHELL in force in `stage` before `line` (the whole stage when omitted): its own last SHELL, else the
 * one its parent stage ends with. `explicit` is false for the default shell; `shell` is null when a SHELL
 * instruction cannot be read (the build fails on it anyway). `windows`: the stage runs a Windows image
 * (platform.ts), whose default shell is `cmd /S /C`.
 */
export function stageShell(
  doc: ParsedDocument,
  stage: Stage,
  line?: number,
): { shell: string[] | null; explicit: boolean; windows: boolean } {
  const windows = isWindowsStage(doc, stage);
  const parent = stage.parent && stage.parent.index < stage.index ? stage.parent : null;
  const shell = lastShellBefore(stage, line) ?? (parent ? endShell(parent) : null);
  if (shell) return { shell: shellOf(doc, shell), explicit: true, windows };
  return { shell: [...(windows ? WINDOWS_SHELL : DEFAULT_SHELL)], explicit: false, windows };
}

export interface StageCommands {
  /** CMD / ENTRYPOINT instructions of the stage itself, in order. */
  cmds: Instruction[];
  entrypoints: Instruction[];
  /** The image's final CMD and ENTRYPOINT as far as this Dockerfile tells (null: none known). */
  finalCmd: Instruction | null;
  finalEntrypoint: Instruction | null;
}

// Per stage, computed once (stages are made anew for every parse): asking per command filtered the whole
// stage (20,000 CMD lines: 400 million steps) and walked the whole FROM chain.
const stageCommandsCache = new WeakMap<Stage, StageCommands>();

/**
 * Own and effective CMD / ENTRYPOINT of a stage, following BuildKit (an ENTRYPOINT drops an inherited
 * CMD): the last own ENTRYPOINT, else the parent's final one; the last own CMD, else none after an own
 * ENTRYPOINT, else the parent's final CMD. Ancestors first, iteratively. ONBUILD triggers are left out
 * here: runtime.ts has the full model.
 */
export function stageCommands(stage: Stage): StageCommands {
  const hit = stageCommandsCache.get(stage);
  if (hit) return hit;
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !stageCommandsCache.has(s); s = s.parent && s.parent.index < s.index ? s.parent : null) todo.push(s);
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    const parent = s.parent && s.parent.index < s.index ? stageCommandsCache.get(s.parent) ?? null : null;
    const cmds: Instruction[] = [];
    const entrypoints: Instruction[] = [];
    for (const i of s.instructions) {
      const keyword = keywordOf(i);
      if (keyword === 'CMD') cmds.push(i);
      else if (keyword === 'ENTRYPOINT') entrypoints.push(i);
    }
    const finalEntrypoint = entrypoints[entrypoints.length - 1] ?? parent?.finalEntrypoint ?? null;
    const finalCmd = cmds[cmds.length - 1] ?? (entrypoints.length > 0 ? null : parent?.finalCmd ?? null);
    stageCommandsCache.set(s, { cmds, entrypoints, finalCmd, finalEntrypoint });
  }
  return stageCommandsCache.get(stage)!;
}

export function stageOf(doc: ParsedDocument, instruction: Instruction): Stage | null {
  return doc.stageAtLine(instruction.getRange().start.line);
}

// ONBUILD triggers: dockerfile-ast builds a new object per getTriggerInstruction() call, so each
// ONBUILD's trigger is made once (the per-instruction caches are keyed by object).
const TRIGGERS = new WeakMap<Instruction, Instruction | null>();
const IS_TRIGGER = new WeakSet<Instruction>();

/** The instruction an `ONBUILD` carries (`ONBUILD CMD …` → its CMD), or null. */
export function onbuildTrigger(instruction: Instruction): Instruction | null {
  if (keywordOf(instruction) !== 'ONBUILD') return null;
  let trigger = TRIGGERS.get(instruction);
  if (trigger === undefined) {
    try {
      trigger = (instruction as unknown as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.() ?? null;
    } catch {
      trigger = null;
    }
    if (trigger) IS_TRIGGER.add(trigger);
    TRIGGERS.set(instruction, trigger);
  }
  return trigger;
}

/** Whether the instruction is an ONBUILD trigger: it runs in the build of a child image, not this one. */
export function isTrigger(instruction: Instruction): boolean {
  return IS_TRIGGER.has(instruction);
}

/**
 * The line up to which SHELL instructions apply to a command: its own line, or for an ONBUILD trigger the
 * whole stage (the trigger runs right after the child's FROM, with the shell this image ends with).
 */
export function shellLineOf(instruction: Instruction): number | undefined {
  return isTrigger(instruction) ? undefined : instruction.getRange().start.line;
}

/** The command instruction at a line: the instruction there, or the trigger of an ONBUILD there. */
export function commandInstructionAt(doc: ParsedDocument, line: number): Instruction | null {
  const instruction = doc.instructionAtLine(line);
  return instruction ? (onbuildTrigger(instruction) ?? instruction) : null;
}

/** The ONBUILD triggers among `instructions` whose keyword is one of `keywords`. */
export function triggersOf(instructions: readonly Instruction[], keywords: ReadonlySet<string>): Instruction[] {
  const out: Instruction[] = [];
  for (const instruction of instructions) {
    const trigger = onbuildTrigger(instruction);
    if (trigger && keywords.has(keywordOf(trigger))) out.push(trigger);
  }
  return out;
}
