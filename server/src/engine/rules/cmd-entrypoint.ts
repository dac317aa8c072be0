// CMD / ENTRYPOINT rules: shell form (shell-form.ts, also for ONBUILD triggers), a CMD that a shell-form
// ENTRYPOINT drops, background daemons as the main process, overridden CMD / ENTRYPOINT; plus the exact
// exec-form conversion as quick fix, refactor and "convert all".
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import { formatExecForm } from '../model/convert';
import type { Finding, Fix, Lang, Range } from '../types';
import { comparePos, rangesOverlap } from '../types';
import { scopedStages, type Reporter, type RuleFamily } from './rule';
import {
  COMMAND_KEYWORDS,
  commandInfo,
  commandInstructionAt,
  onbuildTrigger,
  stageCommands,
  stageOf,
  triggersOf,
  type CommandInfo,
} from '../model/commands';
import { conversionRefactor, conversionTitle, convertInstruction } from './conversion';
import { argumentFix, checkShellForm, execEntrypoint, line1, msg, preview, startsWithFlag } from './shell-form';
import { checkEntrypointArgs, checkShellMainProcess, entrypointArgsFixes } from './entrypoint-args';
import { detectBackground } from './background';
import { isWindowsStage } from '../model/platform';
import { stageRuntime } from '../model/runtime';
import { lexWords } from '../model/shell/lexer';
import { keywordOf } from '../parse/instructionCache';

const CMD_OR_ENTRYPOINT: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT']);

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

function effectiveArgs(doc: ParsedDocument, info: CommandInfo, finalCmd: Instruction | null): CommandInfo | null {
  if (info.keyword !== 'ENTRYPOINT' || info.form !== 'exec' || !finalCmd) return info;
  const cmd = commandInfo(doc, finalCmd);
  if (!cmd || cmd.form !== 'exec' || !cmd.args) return null;
  return { ...info, args: [...(info.args ?? []), ...cmd.args] };
}

export const cmdEntrypointFamily: RuleFamily = {
  family: 'cmd-entrypoint',
  scoped: true,
  check(doc, ctx, report, scope) {
    for (const stage of scopedStages(doc, scope)) {
      const facts = stageCommands(stage);
      checkMultiple(doc, facts.cmds, 'cmd-multiple', report);
      checkMultiple(doc, facts.entrypoints, 'entrypoint-multiple', report);
      checkShellForm(doc, ctx.lang, facts.cmds, 'cmd-shell-form', report);
      checkShellForm(doc, ctx.lang, facts.entrypoints, 'entrypoint-shell-form', report);
      // `ONBUILD CMD …` sets the CMD of a child image: the same shell-form advice holds there.
      const triggers = triggersOf(stage.instructions, CMD_OR_ENTRYPOINT);
      if (triggers.length > 0) {
        checkShellForm(doc, ctx.lang, triggers.filter((t) => keywordOf(t) === 'CMD'), 'cmd-shell-form', report);
        checkShellForm(doc, ctx.lang, triggers.filter((t) => keywordOf(t) === 'ENTRYPOINT'), 'entrypoint-shell-form', report);
      }
      checkEntrypointArgs(doc, stage, report);
      checkShellMainProcess(doc, ctx.lang, stage, report);

      const windows = isWindowsStage(doc, stage);
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
    const instruction = commandInstructionAt(doc, finding.range.start.line);
    if (!instruction) return [];
    switch (finding.code) {
      case 'cmd-shell-form':
      case 'entrypoint-shell-form':
        return shellFormFixes(doc, ctx.lang, instruction, finding);
      case 'cmd-ignored-by-shell-entrypoint':
      case 'shell-main-process':
        return entrypointArgsFixes(doc, ctx.lang, finding);
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
    for (const near of instructionsNear(doc, range)) {
      const instruction = onbuildTrigger(near) ?? near;
      if (!COMMAND_KEYWORDS.has(keywordOf(instruction))) continue;
      if (!rangesOverlap(instruction.getRange(), range)) continue;
      const conv = convertInstruction(doc, instruction);
      if (conv) out.push(conversionRefactor(conv, ctx.lang));
    }
    return out;
  },
};

/**
 * The quick fixes of a shell-form CMD / ENTRYPOINT: the same-behaviour conversion (safe, preferred), and
 * where bare words would change what runs, that change as a separate fix whose title says so.
 */
function shellFormFixes(doc: ParsedDocument, lang: Lang, instruction: Instruction, finding: Finding): Fix[] {
  const info = commandInfo(doc, instruction);
  const ep = finding.code === 'cmd-shell-form' ? execEntrypoint(doc, instruction) : null;
  if (ep || (info && startsWithFlag(info.text))) return argumentFix(doc, lang, instruction, finding, ep);
  const stage = stageOf(doc, instruction);
  const conv = convertInstruction(doc, instruction);
  if (!conv || !stage || !info) return [];
  const fixes = { code: finding.code, range: finding.range };
  const rt = stageRuntime(doc, stage);
  const words = lexWords(info.text);
  if (rt.sh === 'none') {
    // Nothing runs today (no /bin/sh); the words would start the program: a change, said so.
    if (conv.how !== 'words' || words.kind !== 'words') return [];
    const newText = formatExecForm(words.words);
    return [{ title: msg(finding.code, lang, 'fixWords', { preview: preview(newText) }), kind: 'quickfix', edits: [{ range: conv.range, newText }], fixes, behaviour: 'changes' }];
  }
  const out: Fix[] = [{
    title: conversionTitle(conv, lang),
    kind: 'quickfix',
    edits: [{ range: conv.range, newText: conv.newText }],
    fixes,
    isPreferred: true,
    // Same argv, same receiver (convert.ts, conversion.ts and their property tests).
    safe: true,
    behaviour: 'same',
  }];
  if (conv.wordsChange === 'imageEntrypoint' && words.kind === 'words' && words.words.length > 0 && conv.how !== 'words') {
    const newText = formatExecForm(words.words);
    out.push({
      title: msg('cmd-shell-form', lang, 'fixImage', { program: words.words[0], preview: preview(newText) }),
      kind: 'quickfix',
      edits: [{ range: conv.range, newText }],
      fixes,
      behaviour: 'changes',
    });
  }
  return out;
}

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
      behaviour: 'changes',
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
    behaviour: 'changes',
    edits: [{ range: info.editRange, newText }],
    fixes: { code, range: finding.range },
    isPreferred: true,
  }];
}
