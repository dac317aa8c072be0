// CMD / ENTRYPOINT rules: shell form, a CMD that a shell-form ENTRYPOINT drops, background daemons as
// the main process, overridden CMD / ENTRYPOINT; plus the exact exec-form conversion as quick fix,
// refactor and "convert all".
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../document';
import { formatMessage, getRule } from '../catalog';
import { formatExecForm } from '../convert';
import { lexWords } from '../shell/lexer';
import type { Finding, Fix, Lang, Range } from '../types';
import { comparePos, rangesOverlap } from '../types';
import { scopedStages, type Reporter, type RuleFamily } from './rule';
import { COMMAND_KEYWORDS, commandInfo, stageCommands, stageOf, stageShell, type CommandInfo } from './commands';
import { conversionRefactor, convertInstruction } from './conversion';
import { detectBackground } from './background';
import { isWindowsStage } from '../platform';

function line1(i: Instruction): number {
  return i.getRange().start.line + 1;
}

function msg(code: string, lang: Lang, variant: string, args: Record<string, string | number> = {}): string {
  return formatMessage(getRule(code)!, lang, variant, args);
}

function preview(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** `$@`, `$*`, `$1`… or `${@…}`: a shell-form ENTRYPOINT that reads its positional parameters does see the CMD. */
function usesPositional(text: string): boolean {
  return /\$(\{[#]?)?[@*0-9#]/.test(text);
}

function checkMultiple(doc: ParsedDocument, list: Instruction[], code: string, report: Reporter): void {
  if (list.length < 2) return;
  const winner = list[list.length - 1];
  for (const earlier of list.slice(0, -1)) {
    report({
      code,
      range: earlier.getRange(),
      args: { line: line1(winner) },
      lineArgs: ['line'],
      related: [{ range: winner.getRange(), variant: 'winner' }],
    });
  }
}

function checkShellForm(doc: ParsedDocument, list: Instruction[], code: string, report: Reporter): void {
  for (const instruction of list) {
    const info = commandInfo(doc, instruction);
    if (!info || info.form !== 'shell') continue;
    const stage = stageOf(doc, instruction);
    const shell = stage ? stageShell(doc, stage, instruction.getRange().start.line) : null;
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
function execEntrypoint(doc: ParsedDocument, stage: Stage): CommandInfo | null {
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
function startsWithFlag(text: string): boolean {
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

function effectiveArgs(doc: ParsedDocument, info: CommandInfo, finalCmd: Instruction | null): CommandInfo | null {
  if (info.keyword !== 'ENTRYPOINT' || info.form !== 'exec' || !finalCmd) return info;
  const cmd = commandInfo(doc, finalCmd);
  if (!cmd || cmd.form !== 'exec' || !cmd.args) return null;
  return { ...info, args: [...(info.args ?? []), ...cmd.args] };
}

export const cmdEntrypointFamily: RuleFamily = {
  family: 'cmd-entrypoint',
  scoped: true,
  check(doc, _ctx, report, scope) {
    for (const stage of scopedStages(doc, scope)) {
      const facts = stageCommands(stage);
      checkMultiple(doc, facts.cmds, 'cmd-multiple', report);
      checkMultiple(doc, facts.entrypoints, 'entrypoint-multiple', report);
      checkShellForm(doc, facts.cmds, 'cmd-shell-form', report);
      checkShellForm(doc, facts.entrypoints, 'entrypoint-shell-form', report);

      const ep = facts.finalEntrypoint ? commandInfo(doc, facts.finalEntrypoint) : null;
      const cmd = facts.finalCmd && facts.cmds.includes(facts.finalCmd) ? commandInfo(doc, facts.finalCmd) : null;
      // The shell-form rules below speak of `/bin/sh`; what cmd.exe does with the joined command line of a
      // Windows image is not modelled, so they stay silent there.
      const windows = isWindowsStage(doc, stage);
      if (ep && ep.form === 'shell' && cmd && !usesPositional(ep.text) && !windows) {
        report({
          code: 'cmd-ignored-by-shell-entrypoint',
          range: cmd.range,
          related: [{ range: ep.range, variant: 'entrypoint' }],
        });
      }

      for (const instruction of [...facts.cmds, ...facts.entrypoints]) {
        const info = commandInfo(doc, instruction);
        if (!info) continue;
        const effective = effectiveArgs(doc, info, facts.finalCmd);
        const bg = effective && !(windows && effective.form === 'shell') ? detectBackground(effective) : null;
        if (!bg) continue;
        if (bg.found.kind === 'ampersand') {
          report({ code: 'cmd-background-service', range: info.range, variant: 'ampersand' });
        } else {
          report({ code: 'cmd-background-service', range: info.range, args: { what: bg.found.what, service: bg.found.service } });
        }
      }
    }
  },

  fixes(doc, ctx, finding) {
    const instruction = doc.instructionAtLine(finding.range.start.line);
    if (!instruction) return [];
    switch (finding.code) {
      case 'cmd-shell-form':
      case 'entrypoint-shell-form': {
        const stage = stageOf(doc, instruction);
        const ep = finding.code === 'cmd-shell-form' && stage ? execEntrypoint(doc, stage) : null;
        const info = commandInfo(doc, instruction);
        if (ep || (info && startsWithFlag(info.text))) return argumentFix(doc, ctx.lang, instruction, finding, ep);
        const conv = convertInstruction(doc, instruction);
        if (!conv) return [];
        return [{
          title: `${msg(finding.code, ctx.lang, 'fix')}: ${preview(conv.newText)}`,
          kind: 'quickfix',
          edits: [{ range: conv.range, newText: conv.newText }],
          fixes: { code: finding.code, range: finding.range },
          isPreferred: true,
          // The argv is exactly the same as before (see convert.ts and its property test).
          safe: true,
        }];
      }
      case 'cmd-multiple':
      case 'entrypoint-multiple':
        return [removeInstructionFix(doc, instruction, finding, msg(finding.code, ctx.lang, 'fix'))];
      case 'cmd-background-service':
        return backgroundFixes(doc, ctx.lang, instruction, finding);
      default:
        return [];
    }
  },

  refactors(doc, ctx, range) {
    const out: Fix[] = [];
    for (const instruction of instructionsNear(doc, range)) {
      if (!COMMAND_KEYWORDS.has(instruction.getKeyword())) continue;
      if (!rangesOverlap(instruction.getRange(), range)) continue;
      const conv = convertInstruction(doc, instruction);
      if (conv) out.push(conversionRefactor(conv, ctx.lang));
    }
    return out;
  },
};

/**
 * The instructions from the first one that ends at or after the range's start to the last one that starts
 * at or before its end (instructions are ordered and do not overlap): a binary search, not a scan of the
 * file per code-action request.
 */
function instructionsNear(doc: ParsedDocument, range: Range): Instruction[] {
  const list = doc.instructions;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePos(list[mid].getRange().end, range.start) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out: Instruction[] = [];
  for (let k = lo; k < list.length && comparePos(list[k].getRange().start, range.end) <= 0; k++) out.push(list[k]);
  return out;
}

/**
 * `CMD --verbose` under `ENTRYPOINT ["app"]` → `CMD ["--verbose"]`. This changes the argv (`app` no longer
 * gets `/bin/sh -c …`), which is what the message explains, so it is neither preferred nor safe; the exact
 * conversion stays available as a refactoring.
 */
function argumentFix(doc: ParsedDocument, lang: Lang, instruction: Instruction, finding: Finding, ep: CommandInfo | null): Fix[] {
  const info = commandInfo(doc, instruction);
  const stage = stageOf(doc, instruction);
  const shell = stage ? stageShell(doc, stage, instruction.getRange().start.line) : null;
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

function removeInstructionFix(doc: ParsedDocument, instruction: Instruction, finding: Finding, title: string): Fix {
  const r = instruction.getRange();
  const nextLine = r.end.line + 1;
  const range: Range = nextLine < doc.lineCount()
    ? { start: { line: r.start.line, character: 0 }, end: { line: nextLine, character: 0 } }
    : { start: { line: r.start.line, character: 0 }, end: { line: r.end.line, character: doc.lineText(r.end.line).length } };
  return { title, kind: 'quickfix', edits: [{ range, newText: '' }], fixes: { code: finding.code, range: finding.range } };
}

function backgroundFixes(doc: ParsedDocument, lang: Lang, instruction: Instruction, finding: Finding): Fix[] {
  const info = commandInfo(doc, instruction);
  if (!info || !info.editRange) return [];
  const stage = stageOf(doc, instruction);
  const facts = stage ? stageCommands(stage) : null;
  const effective = effectiveArgs(doc, info, facts?.finalCmd ?? null);
  const bg = effective ? detectBackground(effective) : null;
  if (!bg) return [];
  const code = 'cmd-background-service';
  if (bg.found.kind === 'ampersand') {
    if (info.form !== 'shell') return [];
    const end = doc.offsetAt(info.range.end);
    const start = doc.text.slice(0, end - 1).replace(/[ \t]+$/, '').length;
    return [{
      title: msg(code, lang, 'fixAmpersand'),
      kind: 'quickfix',
      edits: [{ range: { start: doc.positionAt(start), end: info.range.end }, newText: '' }],
      fixes: { code, range: finding.range },
    }];
  }
  // Replacing the whole command only makes sense when it is nothing but the daemon start, and for an
  // ENTRYPOINT only when it is not combined with a CMD.
  if (!bg.single || !bg.found.foreground || (info.keyword === 'ENTRYPOINT' && effective !== info)) return [];
  const newText = formatExecForm(bg.found.foreground);
  return [{
    title: msg(code, lang, 'fix', { service: bg.found.service, preview: preview(newText) }),
    kind: 'quickfix',
    edits: [{ range: info.editRange, newText }],
    fixes: { code, range: finding.range },
    isPreferred: true,
  }];
}
