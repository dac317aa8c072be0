// What the container of each stage runs: the one model that the CMD / ENTRYPOINT rules, their fixes and
// the hovers ask. For every stage, the image config at its end as BuildKit writes it
// (dockerfile2llb/convert.go):
//  - a stage built `FROM <stage>` starts from that stage's config (ENTRYPOINT, CMD, SHELL), and the
//    parent stage's own `ONBUILD` instructions run first, right after the FROM (BuildKit runs them for a
//    stage parent as for an image; the parent's triggers do not carry further down);
//  - a shell form becomes `[...SHELL, text]`, SHELL being the one in force (`/bin/sh -c`, `cmd /S /C` on
//    Windows);
//  - ENTRYPOINT clears the CMD unless this stage set one before it (triggers included);
//  - the container runs ENTRYPOINT + CMD, always concatenated: a shell-form ENTRYPOINT gets the CMD too,
//    as `$0`, `$1`… of its script, which ignores them unless it reads them.
// Plus what the base image brings as far as this project knows (images.ts): `/bin/sh`, its own
// ENTRYPOINT. Stage chains are walked iteratively (10,000 chained stages are fine) and each stage is
// computed once per parsed document.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { classifyJsonForm } from '../parse/instruction';
import { joinContinuations } from './shell/continuation';
import { classifyCommandForm, commandInfo, DEFAULT_SHELL, onbuildTrigger, WINDOWS_SHELL } from './commands';
import { isWindowsStage, rootImage } from './platform';
import { imageEntrypoint, imageSh, type ShFlavour } from './images';
import { readsDollar0, readsPositional, scriptShape, type ScriptShape } from './shell/script';

export type CommandKeyword = 'CMD' | 'ENTRYPOINT';

/** One CMD or ENTRYPOINT as it enters an image config. */
export interface RunCommand {
  keyword: CommandKeyword;
  instruction: Instruction;
  /** Zero-based line of the instruction (of the trigger, for an ONBUILD one). */
  line: number;
  /** Index of the stage whose config it set first (a trigger: the child stage it ran in). */
  stage: number;
  /** Ran as an ONBUILD trigger of the parent stage. */
  trigger: boolean;
  /** `invalid`: bracketed but not a JSON array of strings, so BuildKit runs the text as a shell form. */
  form: 'exec' | 'shell' | 'invalid';
  /** What it puts in the config: the array, or `[...shell, text]`. */
  argv: readonly string[];
  /** The shell that wraps a shell form. */
  shell?: readonly string[];
}

export interface StageRuntime {
  stage: Stage;
  windows: boolean;
  /** The image at the root of the `FROM <stage>` chain, global ARG defaults applied (null: unknown). */
  image: string | null;
  /** Which shell `/bin/sh` is in this stage's image (null: not known). */
  sh: ShFlavour | null;
  /** Whether the root image has an ENTRYPOINT of its own (null: not known). */
  imageEntrypoint: 'none' | 'some' | null;
  /** SHELL in force at the end of the stage, and whether a SHELL instruction chose it. */
  shell: readonly string[];
  shellExplicit: boolean;
  entrypoint: RunCommand | null;
  cmd: RunCommand | null;
  /** No ENTRYPOINT set anywhere in the chain, which starts at an image (not scratch): the image's applies. */
  entrypointFromBase: boolean;
  /** Same for CMD (false once an ENTRYPOINT in the chain cleared it). */
  cmdFromBase: boolean;
  /** The ENTRYPOINT that cleared an inherited CMD, when one did. */
  cmdResetBy: RunCommand | null;
  /** ENTRYPOINT + CMD as far as the Dockerfile tells (parts from the base image are not included). */
  argv: readonly string[];
  /** What the CMD of this stage is handed to: nothing, the base image's ENTRYPOINT (maybe), or `entrypoint`. */
  cmdReceiver: 'none' | 'image' | 'entrypoint';
  /** How much of the CMD a `sh -c` ENTRYPOINT drops: nothing, all of it, or the first word (it becomes `$0`). */
  cmdDropped: 'no' | 'all' | 'first';
}

const runtimes = new WeakMap<ParsedDocument, Map<number, StageRuntime>>();

/** The runtime of one stage (its ancestors are computed first, iteratively). */
export function stageRuntime(doc: ParsedDocument, stage: Stage): StageRuntime {
  let byStage = runtimes.get(doc);
  if (!byStage) runtimes.set(doc, (byStage = new Map()));
  const hit = byStage.get(stage.index);
  if (hit) return hit;
  // The chain from the stage up to its first computed (or root) ancestor, computed top down.
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !byStage.has(s.index); s = s.parent && s.parent.index < s.index ? s.parent : null) {
    todo.push(s);
  }
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    const parent = s.parent && s.parent.index < s.index ? byStage.get(s.parent.index) ?? null : null;
    byStage.set(s.index, compute(doc, s, parent));
  }
  return byStage.get(stage.index)!;
}

/** Every stage's runtime, in order. */
export function allRuntimes(doc: ParsedDocument): StageRuntime[] {
  return doc.stages.map((s) => stageRuntime(doc, s));
}

/** The stages whose final ENTRYPOINT is `instruction` (own, or an ONBUILD trigger). */
export function stagesWithEntrypoint(doc: ParsedDocument, instruction: Instruction): StageRuntime[] {
  return index(doc).entrypoint.get(instruction) ?? [];
}

/** The stages whose final CMD is `instruction`. */
export function stagesWithCmd(doc: ParsedDocument, instruction: Instruction): StageRuntime[] {
  return index(doc).cmd.get(instruction) ?? [];
}

const indexes = new WeakMap<ParsedDocument, { entrypoint: Map<Instruction, StageRuntime[]>; cmd: Map<Instruction, StageRuntime[]> }>();

function index(doc: ParsedDocument) {
  let found = indexes.get(doc);
  if (found) return found;
  found = { entrypoint: new Map(), cmd: new Map() };
  for (const rt of allRuntimes(doc)) {
    for (const [map, source] of [[found.entrypoint, rt.entrypoint], [found.cmd, rt.cmd]] as const) {
      if (!source) continue;
      const list = map.get(source.instruction) ?? [];
      list.push(rt);
      map.set(source.instruction, list);
    }
  }
  indexes.set(doc, found);
  return found;
}

function compute(doc: ParsedDocument, stage: Stage, parent: StageRuntime | null): StageRuntime {
  const windows = isWindowsStage(doc, stage);
  const image = rootImage(doc, stage);
  const fromImage = !parent && stage.base !== null && stage.base.toLowerCase() !== 'scratch';
  const state = {
    shell: parent ? parent.shell : windows ? WINDOWS_SHELL : DEFAULT_SHELL,
    shellExplicit: parent?.shellExplicit ?? false,
    entrypoint: parent?.entrypoint ?? null,
    cmd: parent?.cmd ?? null,
    entrypointFromBase: parent ? parent.entrypointFromBase : fromImage,
    cmdFromBase: parent ? parent.cmdFromBase : fromImage,
    cmdResetBy: parent?.cmdResetBy ?? null,
  };
  let cmdSetHere = false;
  const triggers = parent ? parent.stage.instructions.map(onbuildTrigger).filter((t): t is Instruction => !!t) : [];
  const run = (instruction: Instruction, trigger: boolean) => {
    const keyword = keywordOf(instruction);
    if (keyword === 'SHELL') {
      const shell = shellArray(doc, instruction);
      if (shell) {
        state.shell = shell;
        state.shellExplicit = true;
      }
    } else if (keyword === 'CMD') {
      state.cmd = runCommand(doc, instruction, 'CMD', stage, trigger, state.shell);
      state.cmdFromBase = false;
      state.cmdResetBy = null;
      cmdSetHere = true;
    } else if (keyword === 'ENTRYPOINT') {
      const source = runCommand(doc, instruction, 'ENTRYPOINT', stage, trigger, state.shell);
      state.entrypoint = source;
      state.entrypointFromBase = false;
      if (!cmdSetHere) {
        if (state.cmd || state.cmdFromBase) state.cmdResetBy = source;
        state.cmd = null;
        state.cmdFromBase = false;
      }
    }
  };
  for (const t of triggers) run(t, true);
  for (const i of stage.instructions) run(i, false);

  const { entrypoint, cmd } = state;
  const argv = [...(entrypoint?.argv ?? []), ...(cmd?.argv ?? [])];
  const imgEntrypoint = image ? imageEntrypoint(image) : null;
  let cmdReceiver: StageRuntime['cmdReceiver'] = 'none';
  if (entrypoint) cmdReceiver = 'entrypoint';
  else if (state.entrypointFromBase && imgEntrypoint !== 'none') cmdReceiver = 'image';
  return {
    stage,
    windows,
    image,
    sh: windows ? null : stageSh(doc, stage, parent, image),
    imageEntrypoint: imgEntrypoint,
    shell: state.shell,
    shellExplicit: state.shellExplicit,
    entrypoint,
    cmd,
    entrypointFromBase: state.entrypointFromBase,
    cmdFromBase: state.cmdFromBase,
    cmdResetBy: state.cmdResetBy,
    argv,
    cmdReceiver,
    cmdDropped: entrypoint && cmd && !windows ? droppedBy(entrypoint, cmd) : 'no',
  };
}

function runCommand(
  doc: ParsedDocument,
  instruction: Instruction,
  keyword: CommandKeyword,
  stage: Stage,
  trigger: boolean,
  shell: readonly string[],
): RunCommand {
  const line = instruction.getRange().start.line;
  const info = commandInfo(doc, instruction);
  const text = info?.text ?? '';
  const form = info ? classifyCommandForm(text) : ({ kind: 'shell' } as const);
  const base = { keyword, instruction, line, stage: stage.index, trigger };
  if (form.kind === 'exec') return { ...base, form: 'exec', argv: form.args };
  return { ...base, form: form.kind === 'invalid' ? 'invalid' : 'shell', argv: text === '' ? [] : [...shell, text], shell };
}

function shellArray(doc: ParsedDocument, instruction: Instruction): readonly string[] | null {
  const range = argumentsRange(instruction);
  if (!range) return null;
  const form = classifyJsonForm(joinContinuations(doc.textIn(range), doc.escapeChar));
  return form.kind === 'exec' && form.args.length > 0 ? form.args : null;
}

/** A `sh -c` script that a command runs, and the arguments given after it (`$0`, `$1`…). */
export interface ShellScript {
  /** The shell program as named (`/bin/sh`, `bash`). */
  program: string;
  script: string;
  /** How many array elements follow the script (they become `$0`, `$1`…). */
  after: number;
  shape: ScriptShape;
}

const POSIX_SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'busybox']);

/**
 * The `sh -c` script of a command: its text for a shell form wrapped in a POSIX shell, or for an exec
 * form `[<posix shell>, <options>…, -c, script, …]`; null otherwise (a program, or cmd / PowerShell).
 */
export function shellScript(source: RunCommand): ShellScript | null {
  const argv = source.argv;
  if (argv.length < 3) return null;
  const name = argv[0].replace(/^.*\//, '');
  if (!POSIX_SHELL_NAMES.has(name)) return null;
  let k = 1;
  if (name === 'busybox') {
    if (argv[1] !== 'sh' && argv[1] !== 'ash') return null;
    k = 2;
  }
  for (; k < argv.length; k++) {
    const a = argv[k];
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) break;
    if (/^[-+]o$/.test(a)) k++;
    else if (!/^[-+][A-Za-z]+$/.test(a)) return null;
  }
  if (k + 1 >= argv.length) return null;
  const script = argv[k + 1];
  return { program: argv[0], script, after: argv.length - k - 2, shape: scriptShape(script) };
}

/** How much of the CMD an ENTRYPOINT that runs a `sh -c` script drops. */
function droppedBy(entrypoint: RunCommand, cmd: RunCommand): StageRuntime['cmdDropped'] {
  if (cmd.argv.length === 0) return 'no';
  const sh = shellScript(entrypoint);
  if (!sh) return 'no';
  const positional = readsPositional(sh.script);
  // Elements after the script fill `$0` first: with one there, the CMD starts at `$1`.
  if (sh.after > 0) return positional ? 'no' : 'all';
  const dollar0 = readsDollar0(sh.script);
  if (positional) return dollar0 ? 'no' : 'first';
  return dollar0 && cmd.argv.length === 1 ? 'no' : 'all';
}

/**
 * `/bin/sh` of a stage's image: the root image's (images.ts), unless the chain replaces it — a RUN that
 * links bash as /bin/sh makes it bash; a COPY or ADD to `/`, `/bin` or `/usr/bin` of an image without a
 * shell, or any other RUN touching /bin/sh, makes it unknown.
 */
// `/bin/sh` after each stage's instructions, Windows or not (a child's starts from it).
const shAfter = new WeakMap<Stage, ShFlavour | null>();

function stageSh(doc: ParsedDocument, stage: Stage, parent: StageRuntime | null, image: string | null): ShFlavour | null {
  let sh = parent && shAfter.has(parent.stage) ? shAfter.get(parent.stage)! : image ? imageSh(image) : null;
  for (const instruction of stage.instructions) {
    const keyword = keywordOf(instruction);
    if (keyword !== 'RUN' && keyword !== 'COPY' && keyword !== 'ADD') continue;
    const range = argumentsRange(instruction);
    if (!range) continue;
    const args = doc.textIn(range);
    if (keyword === 'RUN') {
      if (/\bln\b[^;&|\n]*?\s\/bin\/sh\b/.test(args)) sh = /\bln\b[^;&|\n]*\bbash\s+\/bin\/sh\b/.test(args) ? 'bash' : null;
      else if (/(update-alternatives|dpkg-reconfigure)[^;&|\n]*\bsh\b|\bdash\b[^;&|\n]*\bdebconf|\bmv\b[^;&|\n]*\/bin\/sh\b|\brm\b[^;&|\n]*\/bin\/sh\b/.test(args)) sh = null;
    } else if (sh === 'none' && /\s(\/|\/bin\/?|\/bin\/sh|\/usr\/bin\/?|\/busybox\/?)["'\]\s]*$/.test(' ' + args.trim())) {
      sh = null;
    }
  }
  shAfter.set(stage, sh);
  return sh;
}
