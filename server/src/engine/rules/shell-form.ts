// The shell-form CMD / ENTRYPOINT check and its message variants: what Docker actually does with the
// text (a shell as PID 1, `cmd /S /C` on Windows, arguments of an exec-form ENTRYPOINT, a build that stops
// on `--flag` or a here-document), and the argv-changing fix that passes plain words as arguments.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import { formatMessage, getRule } from '../catalog';
import { formatExecForm } from '../model/convert';
import { lexWords } from '../model/shell/lexer';
import type { Finding, Fix, Lang } from '../types';
import type { Reporter } from './rule';
import { commandInfo, shellLineOf, stageCommands, stageOf, stageShell, type CommandInfo } from '../model/commands';

export function line1(i: Instruction): number {
  return i.getRange().start.line + 1;
}

export function msg(code: string, lang: Lang, variant: string, args: Record<string, string | number> = {}): string {
  return formatMessage(getRule(code)!, lang, variant, args);
}

export function preview(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

export function checkShellForm(doc: ParsedDocument, list: Instruction[], code: string, report: Reporter): void {
  for (const instruction of list) {
    const info = commandInfo(doc, instruction);
    if (!info || info.form !== 'shell') continue;
    const stage = stageOf(doc, instruction);
    const shell = stage ? stageShell(doc, stage, shellLineOf(instruction)) : null;
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
    if (shell?.explicit) continue;
    const ep = code === 'cmd-shell-form' && stage ? execEntrypoint(doc, stage) : null;
    if (ep && shell?.shell) {
      // The shell words become arguments of the ENTRYPOINT program: a message of its own, not "PID 1 is a shell".
      const words = argumentWords(info, shell.windows);
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
    report({ code, range: info.range, variant: shellFormVariant(code, info, shell) });
  }
}

/** The stage's exec-form ENTRYPOINT (own or inherited), which receives the CMD as arguments; else null. */
export function execEntrypoint(doc: ParsedDocument, stage: Stage): CommandInfo | null {
  const ep = stageCommands(stage).finalEntrypoint;
  const info = ep ? commandInfo(doc, ep) : null;
  return info && info.form === 'exec' && info.args && info.args.length > 0 ? info : null;
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
 * Which message a shell-form CMD / ENTRYPOINT gets: Windows images run it through `cmd /S /C` and get no
 * conversion; elsewhere the message promises the quick fix only when convertInstruction will give one.
 */
function shellFormVariant(code: string, info: CommandInfo, shell: { shell: string[] | null; windows: boolean } | null): string {
  if (shell?.windows) return 'windows';
  if (code === 'cmd-shell-form' && (!info.editRange || !shell?.shell)) return 'noFix';
  return 'default';
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
  }];
}
