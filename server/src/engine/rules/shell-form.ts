// The shell-form CMD / ENTRYPOINT check and its messages: what Docker actually does with the text, told
// for the image at hand — which shell /bin/sh is (dash stays PID 1, BusyBox ash and bash replace
// themselves with a single command, distroless and scratch have none), `cmd /S /C` on Windows, the
// arguments an exec-form ENTRYPOINT receives, a build that stops on `--flag` or a here-document — and the
// argv-changing fix that passes plain words as arguments.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { formatMessage, getRule } from '../catalog';
import { formatExecForm } from '../model/convert';
import { lexCommand, lexWords } from '../model/shell/lexer';
import { readsPositional, scriptShape } from '../model/shell/script';
import { shName } from '../model/images';
import type { Finding, Fix, Lang } from '../types';
import type { Reporter } from './rule';
import { commandInfo, shellLineOf, stageOf, stageShell, type CommandInfo } from '../model/commands';
import { stageRuntime, shellScript, type StageRuntime } from '../model/runtime';

export function line1(i: Instruction): number {
  return i.getRange().start.line + 1;
}

export function msg(code: string, lang: Lang, variant: string, args: Record<string, string | number> = {}): string {
  return formatMessage(getRule(code)!, lang, variant, args);
}

export function preview(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** How a shell runs a command text, as far as PID 1 goes. */
export type CommandShape = 'exec' | 'single' | 'compound';

/** `exec …`; one command or a `;`/`&&`/`||` list ending in a program the shell can replace itself with; anything else. */
export function commandShape(text: string): { shape: CommandShape; program: string | null } {
  const shape = scriptShape(text);
  if (shape.kind === 'exec') return { shape: 'exec', program: shape.program ?? null };
  if (shape.kind === 'simple' || shape.kind === 'list') return { shape: 'single', program: shape.program ?? null };
  const words = lexCommand(text);
  if (words.kind === 'words') return { shape: 'single', program: words.words[0] };
  return { shape: 'compound', program: null };
}

/** The image as a message names it: a digest is cut to its first 12 hex digits, enough to tell it apart. */
export function imageLabel(rt: StageRuntime): string {
  const image = rt.image ?? rt.stage.base ?? 'scratch';
  return image.replace(/(@sha256:[0-9a-f]{12})[0-9a-f]{20,}$/i, '$1…');
}

/**
 * The sentence about PID 1 for a command run by `/bin/sh -c` in this stage, and whether it is a real
 * problem there (`warn`), or only a difference worth knowing (the shell replaces itself).
 */
export function pid1Sentence(code: string, lang: Lang, rt: StageRuntime, text: string): { sentence: string; warn: boolean } {
  const { shape, program } = commandShape(text);
  const args = { image: imageLabel(rt), sh: rt.sh ? shName(rt.sh) : '', program: program ?? '' };
  if (shape === 'exec') return { sentence: msg(code, lang, 'pid1.exec', args), warn: false };
  const execs = rt.sh === 'ash' || rt.sh === 'bash';
  if (shape === 'compound') {
    if (execs) return { sentence: msg(code, lang, 'pid1.compoundExecs', args), warn: false };
    return { sentence: msg(code, lang, rt.sh === 'dash' ? 'pid1.compoundDash' : 'pid1.compoundUnknown', args), warn: true };
  }
  if (execs) return { sentence: msg(code, lang, 'pid1.execs', args), warn: false };
  return { sentence: msg(code, lang, rt.sh === 'dash' ? 'pid1.dash' : 'pid1.unknown', args), warn: true };
}

export function checkShellForm(doc: ParsedDocument, lang: Lang, list: Instruction[], code: string, report: Reporter): void {
  for (const instruction of list) {
    const info = commandInfo(doc, instruction);
    if (!info || info.form !== 'shell') continue;
    const stage = stageOf(doc, instruction);
    if (!stage) continue;
    const shell = stageShell(doc, stage, shellLineOf(instruction));
    const heredoc = heredocDelimiter(info.text);
    if (heredoc) {
      // BuildKit reads here-documents only for RUN, COPY and ADD: the body lines are instructions of their own.
      report({ code, range: info.range, variant: 'heredoc', args: { keyword: info.keyword, text: preview(info.text), delimiter: heredoc } });
      continue;
    }
    if (startsWithFlag(info.text)) {
      // Not a command at all: the build stops with "unknown flag" (whatever the SHELL).
      report({ code, range: info.range, variant: 'unknownFlag', args: { flag: info.text.split(/[ \t]/)[0], keyword: info.keyword } });
      continue;
    }
    // As in BuildKit: a stage that chose its shell explicitly (SHELL, also inherited) is not told off.
    if (shell.explicit) continue;
    if (shell.windows) {
      report({ code, range: info.range, variant: 'windows' });
      continue;
    }
    const rt = stageRuntime(doc, stage);
    if (rt.sh === 'none') {
      report({ code, range: info.range, variant: 'noShell', args: { image: imageLabel(rt) } });
      continue;
    }
    const ep = code === 'cmd-shell-form' ? receivingEntrypoint(doc, instruction, stage) : null;
    if (ep && shell.shell) {
      // The shell words become arguments of the ENTRYPOINT program: a message of its own, not "PID 1 is a shell".
      const words = argumentWords(info, false);
      report({
        code,
        range: info.range,
        variant: words ? 'entrypointExec' : 'entrypointExecScript',
        args: {
          line: line1(ep.instruction),
          program: ep.args![0] ?? '',
          shell: shell.shell.join(' '),
          ...(words ? { suggestion: preview(`CMD ${formatExecForm(words)}`) } : {}),
        },
        lineArgs: ['line'],
      });
      continue;
    }
    const { sentence, warn } = pid1Sentence(code, lang, rt, info.text);
    const args: Record<string, string> = { pid1: sentence };
    let variant = warn ? 'default' : 'execs';
    if (code === 'entrypoint-shell-form') {
      args.args = msg(code, lang, readsPositional(info.text) ? 'args.reads' : 'args.ignored');
      variant = 'default';
    }
    report({ code, range: info.range, variant, args });
  }
}

/**
 * The exec-form ENTRYPOINT (not a `sh -c` one) of the stage, which receives its CMD as arguments (for an
 * ONBUILD CMD: the stage's own, the child images being unknown). Only the stage and its ancestors are
 * read: a descendant that keeps this CMD keeps this ENTRYPOINT too (one that sets ENTRYPOINT clears it).
 */
function receivingEntrypoint(doc: ParsedDocument, _instruction: Instruction, stage: Stage): CommandInfo | null {
  const ep = stageRuntime(doc, stage).entrypoint;
  if (!ep || ep.form !== 'exec' || ep.argv.length === 0 || shellScript(ep)) return null;
  const info = commandInfo(doc, ep.instruction);
  return info && info.args && info.args.length > 0 ? info : null;
}

/** The exec-form ENTRYPOINT that receives this CMD, for the fixes. */
export function execEntrypoint(doc: ParsedDocument, instruction: Instruction): CommandInfo | null {
  const stage = stageOf(doc, instruction);
  return stage ? receivingEntrypoint(doc, instruction, stage) : null;
}

/**
 * The words of a shell-form command when it is nothing but plain words (quote removal only), to be passed
 * as arguments; null when a shell would interpret something, on Windows, or when the text cannot be edited.
 */
function argumentWords(info: CommandInfo, windows: boolean): string[] | null {
  if (windows || !(info.editRange || startsWithFlag(info.text))) return null;
  // Arguments, not a command: builtin names do not matter, only quote removal without any expansion.
  const lexed = lexWords(info.text);
  return lexed.kind === 'words' && lexed.words.length > 0 ? lexed.words : null;
}

/** The delimiter of a here-document operator (`<<EOF`, `<<-'END'`, not the here-string `<<<`) in shell text. */
export function heredocDelimiter(text: string): string | null {
  const m = /(?:^|[^<])<<-?[ \t]*(["']?)([A-Za-z_][\w.-]*)\1/.exec(text);
  return m ? m[2] : null;
}

/** `CMD --verbose`: BuildKit reads a leading `--word` as a flag of the instruction itself (none exist). */
export function startsWithFlag(text: string): boolean {
  return /^--[^\s]/.test(text);
}

/**
 * `CMD --verbose` under `ENTRYPOINT ["app"]` → `CMD ["--verbose"]`. This changes the argv (`app` no longer
 * gets `/bin/sh -c …`), which is what the message explains, so it is neither preferred nor safe; the exact
 * conversion stays available as a refactoring.
 */
export function argumentFix(doc: ParsedDocument, lang: Lang, instruction: Instruction, finding: Finding, ep: CommandInfo | null): Fix[] {
  const info = commandInfo(doc, instruction);
  const stage = stageOf(doc, instruction);
  const shell = stage ? stageShell(doc, stage, shellLineOf(instruction)) : null;
  const words = info && info.form === 'shell' && shell?.shell ? argumentWords(info, shell.windows) : null;
  if (!info || !words) return [];
  const newText = formatExecForm(words);
  const title = ep
    ? msg(finding.code, lang, 'fixArgs', { program: ep.args![0] ?? '', preview: preview(newText) })
    : msg(finding.code, lang, 'fixFlag', { preview: preview(newText) });
  return [{
    title,
    kind: 'quickfix',
    // editRange is null for a leading `--` (no exact conversion exists); the command's own range is.
    edits: [{ range: info.editRange ?? info.range, newText }],
    fixes: { code: finding.code, range: finding.range },
    isPreferred: false,
    safe: false,
    behaviour: 'changes',
  }];
}
