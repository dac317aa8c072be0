// The command a container of a stage runs, as the hover shows it: a view on the runtime model
// (runtime.ts), which composes ENTRYPOINT and CMD the way Docker does.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { joinContinuations } from './shell';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { stageRuntime, type CommandKeyword, type RunCommand, type StageRuntime } from './runtime';

export type { CommandKeyword } from './runtime';
export type CommandSource = RunCommand;

export interface StageCommand extends StageRuntime {
  /** The ENTRYPOINT runs a `sh -c` script that does not read the CMD: the CMD (or part of it) is not used. */
  cmdIgnored: boolean;
  /** The external image the chain starts at (`node:20`), when there is one. */
  baseImage: string | null;
}

/** What the container of `stage` runs (the image config at the end of the stage). */
export function stageCommand(doc: ParsedDocument, stage: Stage): StageCommand {
  const rt = stageRuntime(doc, stage);
  return { ...rt, cmdIgnored: rt.cmdDropped !== 'no', baseImage: rt.image ?? rootBase(stage) };
}

function rootBase(stage: Stage): string | null {
  let s = stage;
  const seen = new Set<Stage>([s]);
  while (s.parent && s.parent.index < s.index && !seen.has(s.parent)) {
    s = s.parent;
    seen.add(s);
  }
  return s.base;
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

/** The argument text with line continuations joined, as BuildKit reads it. */
export function argumentText(doc: ParsedDocument, instruction: Instruction): string {
  const range = argumentsRange(instruction);
  if (!range) return '';
  return joinContinuations(doc.textIn(range), doc.escapeChar);
}

/** How much of an argv hovers and inlay hints show (characters of its JSON text). */
export const SHOWN_ARGV_LENGTH = 2_000;

/**
 * `JSON.stringify(argv)` with `separator` between elements, cut after `limit` characters with `…`: a CMD of
 * several megabytes made a hover of the same size (2 s to build, more to send and render).
 */
export function argvJson(argv: readonly string[], separator = ',', limit = SHOWN_ARGV_LENGTH): string {
  let out = '[';
  for (let k = 0; k < argv.length; k++) {
    if (k > 0) out += separator;
    const element = argv[k].length > limit ? JSON.stringify(argv[k].slice(0, limit)) : JSON.stringify(argv[k]);
    if (out.length + element.length > limit) return `${out}${element.slice(0, Math.max(0, limit - out.length))}…`;
    out += element;
  }
  return `${out}]`;
}
