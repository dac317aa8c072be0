// The command a container of a stage actually runs: ENTRYPOINT + CMD composed the way Docker does.
// - a shell form is wrapped in the SHELL in force at that line (default `/bin/sh -c`);
// - an ENTRYPOINT in a stage resets a CMD inherited from the parent (unless the stage set CMD before it);
// - a shell-form ENTRYPOINT ignores CMD; an exec-form ENTRYPOINT gets CMD appended as arguments;
// - a stage built FROM an earlier stage inherits its ENTRYPOINT, CMD and SHELL.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { perStageCache } from '../parse/document';
import { classifyJsonForm } from '../parse/instruction';
import { joinContinuations } from './shell';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { isWindowsStage } from './platform';
import { DEFAULT_SHELL, onbuildTrigger, WINDOWS_SHELL } from './commands';

/** The shell a stage starts with when no SHELL says otherwise: `cmd /S /C` for Windows images. */
function defaultShellOf(doc: ParsedDocument, stage: Stage): readonly string[] {
  return isWindowsStage(doc, stage) ? WINDOWS_SHELL : DEFAULT_SHELL;
}

export type CommandKeyword = 'CMD' | 'ENTRYPOINT';

export interface CommandSource {
  keyword: CommandKeyword;
  /** Zero-based line of the instruction. */
  line: number;
  /** Index of the stage that set it. */
  stage: number;
  /** `invalid`: starts with `[` but is not a JSON array of strings, so Docker runs it as a shell form. */
  form: 'exec' | 'shell' | 'invalid';
  /** The argv this instruction contributes (shell forms already wrapped in their shell). */
  argv: readonly string[];
  /** The shell that wrapped a shell form. */
  shell?: readonly string[];
}

export interface StageCommand {
  entrypoint: CommandSource | null;
  cmd: CommandSource | null;
  /** No ENTRYPOINT was set anywhere in the chain, which starts at an external image: its own applies. */
  entrypointFromBase: boolean;
  /** Same for CMD (false once an ENTRYPOINT in the chain reset it). */
  cmdFromBase: boolean;
  /** The ENTRYPOINT that reset an inherited CMD, when one did. */
  cmdResetBy: CommandSource | null;
  /** A CMD exists but the ENTRYPOINT is in shell form, so the CMD is not used. */
  cmdIgnored: boolean;
  /** The composed argv, as far as the Dockerfile tells (parts from the base image are not included). */
  argv: readonly string[];
  /** The external image the chain starts at (`node:20`), when there is one. */
  baseImage: string | null;
  /** SHELL in force at the end of the stage. */
  shell: readonly string[];
}

interface ChainState {
  entrypoint: CommandSource | null;
  cmd: CommandSource | null;
  entrypointFromBase: boolean;
  cmdFromBase: boolean;
  cmdResetBy: CommandSource | null;
  shell: readonly string[];
  baseImage: string | null;
}

const endStates = perStageCache<ChainState>();

/** What the container of `stage` runs (the image config at the end of the stage). */
export function stageCommand(doc: ParsedDocument, stage: Stage): StageCommand {
  const state = endState(doc, stage);
  const { entrypoint, cmd } = state;
  let argv: string[] = [];
  let cmdIgnored = false;
  if (entrypoint) {
    argv = [...entrypoint.argv];
    if (entrypoint.form === 'exec') argv.push(...(cmd?.argv ?? []));
    else cmdIgnored = !!cmd || state.cmdFromBase;
  } else if (cmd) argv = [...cmd.argv];
  return { ...state, cmdIgnored, argv };
}

/** The later CMD/ENTRYPOINT of the same stage that replaces the one at `line`, if any. */
export function overriddenBy(doc: ParsedDocument, stage: Stage, keyword: CommandKeyword, line: number): number | null {
  let last: number | null = null;
  for (const i of stage.instructions) {
    const l = i.getRange().start.line;
    if (l > line && keywordOf(i) === keyword) last = l;
  }
  return last;
}

/** The SHELL array in force for an instruction of `stage` starting at `line`. */
export function shellAt(doc: ParsedDocument, stage: Stage, line: number): readonly string[] {
  let shell = stage.parent && stage.parent.index < stage.index ? endState(doc, stage.parent).shell : defaultShellOf(doc, stage);
  for (const i of stage.instructions) {
    if (i.getRange().start.line >= line) break;
    if (keywordOf(i) === 'SHELL') shell = shellArray(doc, i) ?? shell;
  }
  return shell;
}

function endState(doc: ParsedDocument, stage: Stage): ChainState {
  return endStates(doc, stage, () => computeEndState(doc, stage));
}

function computeEndState(doc: ParsedDocument, stage: Stage): ChainState {
  const parent = stage.parent && stage.parent.index < stage.index ? endState(doc, stage.parent) : null;
  const state: ChainState = parent
    ? { ...parent, shell: [...parent.shell] }
    : {
        entrypoint: null,
        cmd: null,
        entrypointFromBase: stage.base !== null && stage.base.toLowerCase() !== 'scratch',
        cmdFromBase: stage.base !== null && stage.base.toLowerCase() !== 'scratch',
        cmdResetBy: null,
        shell: defaultShellOf(doc, stage),
        baseImage: stage.base,
      };
  let cmdSetHere = false;
  // The parent stage's ONBUILD triggers run right after this stage's FROM, as in a child image.
  const triggers = parent && stage.parent ? stage.parent.instructions.map(onbuildTrigger).filter((t): t is Instruction => !!t) : [];
  for (const instruction of [...triggers, ...stage.instructions]) {
    const keyword = keywordOf(instruction);
    if (keyword === 'SHELL') state.shell = shellArray(doc, instruction) ?? state.shell;
    else if (keyword === 'CMD') {
      state.cmd = commandSource(doc, instruction, 'CMD', stage, state.shell);
      state.cmdFromBase = false;
      state.cmdResetBy = null;
      cmdSetHere = true;
    } else if (keyword === 'ENTRYPOINT') {
      const source = commandSource(doc, instruction, 'ENTRYPOINT', stage, state.shell);
      state.entrypoint = source;
      state.entrypointFromBase = false;
      if (!cmdSetHere) {
        if (state.cmd || state.cmdFromBase) state.cmdResetBy = source;
        state.cmd = null;
        state.cmdFromBase = false;
      }
    }
  }
  return state;
}

function commandSource(doc: ParsedDocument, instruction: Instruction, keyword: CommandKeyword, stage: Stage, shell: readonly string[]): CommandSource {
  const line = instruction.getRange().start.line;
  const joined = argumentText(doc, instruction);
  const form = classifyJsonForm(joined);
  if (form.kind === 'exec') return { keyword, line, stage: stage.index, form: 'exec', argv: form.args };
  return {
    keyword,
    line,
    stage: stage.index,
    form: form.kind === 'invalid' ? 'invalid' : 'shell',
    argv: joined === '' ? [] : [...shell, joined],
    shell,
  };
}

function shellArray(doc: ParsedDocument, instruction: Instruction): readonly string[] | null {
  const form = classifyJsonForm(argumentText(doc, instruction));
  return form.kind === 'exec' && form.args.length > 0 ? form.args : null;
}

/** The argument text with line continuations joined, as BuildKit reads it. */
export function argumentText(doc: ParsedDocument, instruction: Instruction): string {
  const range = argumentsRange(instruction);
  if (!range) return '';
  return joinContinuations(doc.textIn(range), doc.escapeChar);
}
