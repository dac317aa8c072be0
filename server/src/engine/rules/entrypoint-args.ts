// What a `sh -c` CMD / ENTRYPOINT does, judged on its meaning rather than its syntax (shell form or an
// exec form holding `["/bin/sh", "-c", "…"]` alike):
//  - cmd-ignored-by-shell-entrypoint: the CMD that reaches an ENTRYPOINT (from any stage, inherited or
//    through ONBUILD) whose script never reads its arguments, or loses its first word to `$0`; and, at
//    info, an exec-form `sh -c` ENTRYPOINT that would drop any argument;
//  - shell-main-process: an exec-form `sh -c` command that keeps the shell as PID 1 (dash, or a command
//    shape no shell replaces itself with), with the same-behaviour `exec` fix when there is one.
// The fixes that pass the CMD on change what runs: offered, never applied unattended.
import type { ParsedDocument, Stage } from '../parse/document';
import { formatExecForm, toExecForm } from '../model/convert';
import { readsPositional, scriptShape, shellStays, withExec } from '../model/shell/script';
import { shName } from '../model/images';
import { commandInfo, commandInstructionAt } from '../model/commands';
import { allRuntimes, shellScript, stageRuntime, type RunCommand, type StageRuntime } from '../model/runtime';
import type { Finding, Fix, Lang, Range } from '../types';
import type { Reporter } from './rule';
import { imageLabel, msg, preview } from './shell-form';

const IGNORED = 'cmd-ignored-by-shell-entrypoint';
const MAIN = 'shell-main-process';

function rangeOf(doc: ParsedDocument, source: RunCommand): Range {
  return commandInfo(doc, source.instruction)?.range ?? source.instruction.getRange();
}

export function checkEntrypointArgs(doc: ParsedDocument, stage: Stage, report: Reporter): void {
  const rt = stageRuntime(doc, stage);
  if (rt.windows) return;
  const { entrypoint: ep, cmd } = rt;
  if (!ep) return;
  const sh = shellScript(ep);
  if (!sh) return;
  if (cmd && cmd.argv.length > 0 && rt.cmdDropped !== 'no') {
    // Report where the pair was made: in the stage that set the CMD or the ENTRYPOINT (an inherited pair
    // was reported in its own stage).
    const onCmd = cmd.stage === stage.index;
    if (!onCmd && ep.stage !== stage.index) return;
    const main = onCmd ? cmd : ep;
    const other = onCmd ? ep : cmd;
    const first = rt.cmdDropped === 'first';
    report({
      code: IGNORED,
      range: rangeOf(doc, main),
      variant: first ? 'first' : 'default',
      args: { line: ep.line + 1, first: cmd.argv[0] ?? '' },
      lineArgs: ['line'],
      related: [{ range: rangeOf(doc, other), variant: onCmd ? 'entrypoint' : 'cmd' }],
    });
    return;
  }
  // An exec-form `sh -c` ENTRYPOINT of this stage that would drop a CMD or `docker run` arguments. The
  // shell form is told by entrypoint-shell-form.
  if (!cmd && ep.form === 'exec' && ep.stage === stage.index && !ep.trigger && !readsPositional(sh.script)) {
    report({ code: IGNORED, range: rangeOf(doc, ep), variant: 'noCmd', args: { shell: sh.program } });
  }
}

/** Which shell runs a `sh -c` array: named bash/dash/ash, else the image's /bin/sh. */
function flavourOf(program: string, rt: StageRuntime): 'dash' | 'ash' | 'bash' | null {
  const name = program.replace(/^.*\//, '');
  if (name === 'bash' || name === 'dash' || name === 'ash') return name;
  if (name === 'busybox') return 'ash';
  return rt.sh === 'none' ? null : rt.sh;
}

export function checkShellMainProcess(doc: ParsedDocument, lang: Lang, stage: Stage, report: Reporter): void {
  const rt = stageRuntime(doc, stage);
  if (rt.windows) return;
  // Only what runs as the main process of this stage's container: its ENTRYPOINT, or its CMD when no
  // ENTRYPOINT of this Dockerfile receives it.
  const sources = [rt.entrypoint, rt.entrypoint ? null : rt.cmd];
  for (const source of sources) {
    if (!source || source.form !== 'exec' || source.stage !== stage.index) continue;
    const sh = shellScript(source);
    if (!sh) continue;
    const flavour = flavourOf(sh.program, rt);
    if (!shellStays(flavour, sh.shape)) continue;
    const single = sh.shape.kind === 'simple' || sh.shape.kind === 'list';
    const name = sh.program.replace(/^.*\//, '');
    const variant = name === 'dash' ? 'dash' : flavour === 'ash' || flavour === 'bash' ? 'execs' : rt.sh === 'dash' ? 'default' : 'unknown';
    const advice = msg(MAIN, lang, single ? 'advice.single' : 'advice.compound', { program: sh.shape.program ?? '' });
    report({
      code: MAIN,
      range: rangeOf(doc, source),
      variant,
      args: { keyword: source.keyword, shell: sh.program, image: imageLabel(rt), sh: flavour ? shName(flavour) : '', advice },
    });
  }
}

/** The runtime in which the instruction at the finding is the final CMD or ENTRYPOINT. */
function runtimeAt(doc: ParsedDocument, finding: Finding): StageRuntime | null {
  const instruction = commandInstructionAt(doc, finding.range.start.line);
  if (!instruction) return null;
  for (const rt of allRuntimes(doc)) {
    if (rt.cmd?.instruction === instruction || rt.entrypoint?.instruction === instruction) return rt;
  }
  return null;
}

export function entrypointArgsFixes(doc: ParsedDocument, lang: Lang, finding: Finding): Fix[] {
  const rt = runtimeAt(doc, finding);
  if (!rt) return [];
  const fixes = { code: finding.code, range: finding.range };
  const at = commandInstructionAt(doc, finding.range.start.line);
  if (finding.code === MAIN) {
    const source = rt.entrypoint?.instruction === at ? rt.entrypoint : rt.cmd?.instruction === at ? rt.cmd : null;
    return source ? addExecFix(doc, lang, source, fixes) : [];
  }
  const ep = rt.entrypoint;
  if (!ep) return [];
  const info = commandInfo(doc, ep.instruction);
  if (!info?.editRange) return [];
  const passed = passArguments(ep);
  if (!passed) {
    return [{
      title: msg(IGNORED, lang, 'refusedTitle'),
      kind: 'quickfix',
      edits: [],
      fixes,
      behaviour: 'refused',
      disabledReason: msg(IGNORED, lang, 'refusedCompound'),
    }];
  }
  const newText = formatExecForm(passed.args);
  return [{
    title: msg(IGNORED, lang, 'fixPass', { program: passed.program, preview: preview(newText) }),
    kind: 'quickfix',
    edits: [{ range: info.editRange, newText }],
    fixes,
    safe: false,
    behaviour: 'changes',
  }];
}

/**
 * The ENTRYPOINT rewritten so that it passes its arguments on: plain words as the exec form itself, one
 * command (or a list ending in one) as `[…shell, "-c", "exec … \"$@\"", "--"]` (`--` fills `$0`); null
 * for a compound script.
 */
function passArguments(ep: RunCommand): { args: string[]; program: string } | null {
  const sh = shellScript(ep);
  if (!sh) return null;
  if (ep.form !== 'exec' && !readsPositional(sh.script)) {
    const words = toExecForm(sh.script, { shell: ep.shell });
    if (words.how === 'words') return { args: words.args, program: words.args[0] };
  }
  const shape = scriptShape(sh.script);
  if (shape.kind === 'complex' || !shape.program) return null;
  let script = shape.kind === 'exec' ? sh.script : withExec(sh.script, shape);
  if (!script) return null;
  if (!readsPositional(script)) script += ' "$@"';
  const prefix = ep.argv.slice(0, ep.argv.length - sh.after - 1);
  // Keep a `$0` the author gave; else `--` fills it, so that the CMD starts at `$1`.
  const after = sh.after > 0 ? ep.argv.slice(ep.argv.length - sh.after) : ['--'];
  return { args: [...prefix, script, ...after], program: shape.program };
}

function addExecFix(doc: ParsedDocument, lang: Lang, source: RunCommand, fixes: Fix['fixes']): Fix[] {
  const sh = shellScript(source);
  const info = commandInfo(doc, source.instruction);
  if (!sh || !info?.editRange || !info.args) return [];
  const script = withExec(sh.script, sh.shape);
  if (!script) return [];
  const index = info.args.length - sh.after - 1;
  const args = [...info.args];
  args[index] = script;
  const newText = formatExecForm(args);
  return [{
    title: msg(MAIN, lang, 'fix', { program: sh.shape.program ?? '', preview: preview(newText) }),
    kind: 'quickfix',
    edits: [{ range: info.editRange, newText }],
    fixes,
    isPreferred: true,
    // The same words run, in the same shell; the program replaces the shell instead of being its child.
    safe: true,
    behaviour: 'same',
  }];
}
