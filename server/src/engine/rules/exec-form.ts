// Exec-form mistakes: `$VAR` that no shell will expand, and one string holding a whole command line.
import type { ParsedDocument } from '../document';
import { formatMessage, getRule } from '../catalog';
import { formatExecForm, isPosixShell, toExecForm } from '../convert';
import type { Fix } from '../types';
import { scopedInstructions, type RuleFamily } from './rule';
import { COMMAND_KEYWORDS, commandInfo, stageCommands, stageOf, stageShell, type CommandInfo } from './commands';

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'pwsh', 'powershell', 'cmd', 'cmd.exe']);
const VARIABLE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/;

function preview(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

/** `["sh", "-c", "…"]` and the like: the variables are for that shell to expand. */
function runsAShell(args: string[]): boolean {
  return args.length > 0 && SHELL_PROGRAMS.has(args[0].replace(/^.*[/\\]/, '').toLowerCase());
}

function firstVariable(args: string[]): string | null {
  for (const a of args) {
    const m = VARIABLE.exec(a);
    if (m) return m[0];
  }
  return null;
}

/** An exec-form CMD whose words are arguments for an ENTRYPOINT known in this Dockerfile. */
function feedsEntrypoint(doc: ParsedDocument, info: CommandInfo): boolean {
  if (info.keyword !== 'CMD') return false;
  const stage = stageOf(doc, info.instruction);
  return !!stage && !!stageCommands(stage).finalEntrypoint;
}

/** Shell text that yields `word` with its `$VAR`s expanded: double quotes, only `"`, `\` and `` ` `` escaped. */
function quoteKeepingVariables(word: string): string {
  if (/^[A-Za-z0-9_\/.,:@%+=-]+$/.test(word)) return word;
  return '"' + word.replace(/["\\`]/g, '\\$&') + '"';
}

export const execFormFamily: RuleFamily = {
  family: 'exec-form',
  scoped: true,
  check(doc, _ctx, report, scope) {
    for (const instruction of scopedInstructions(doc, scope)) {
      if (!COMMAND_KEYWORDS.has(instruction.getKeyword())) continue;
      const info = commandInfo(doc, instruction);
      if (!info || info.form !== 'exec' || !info.args || info.args.length === 0) continue;
      const args = info.args;
      if (!runsAShell(args)) {
        const variable = firstVariable(args);
        if (variable) report({ code: 'exec-form-variable', range: info.range, args: { variable } });
      }
      if (args.length === 1 && /[ \t]/.test(args[0].trim()) && !feedsEntrypoint(doc, info)) {
        report({ code: 'exec-form-single-string', range: info.range, args: { value: preview(args[0]) } });
      }
    }
  },

  fixes(doc, ctx, finding) {
    const instruction = doc.instructionAtLine(finding.range.start.line);
    if (!instruction) return [];
    const info = commandInfo(doc, instruction);
    if (!info || info.form !== 'exec' || !info.args || !info.editRange) return [];
    const stage = stageOf(doc, instruction);
    const shell = stage ? stageShell(doc, stage, instruction.getRange().start.line).shell : null;
    if (!shell) return [];
    const rule = getRule(finding.code)!;
    const fixes = { code: finding.code, range: finding.range };
    if (finding.code === 'exec-form-variable') {
      if (!isPosixShell(shell)) return [];
      const words = info.args.map(quoteKeepingVariables).join(' ');
      let args: string[];
      if (info.keyword === 'ENTRYPOINT') {
        // `exec` keeps the program as PID 1; `"$@"` plus a `$0` placeholder keeps passing the CMD on.
        args = [...shell, `exec ${words} "$@"`, info.args[0]];
      } else if (info.keyword === 'CMD') {
        args = [...shell, `exec ${words}`];
      } else {
        args = [...shell, words];
      }
      const newText = formatExecForm(args);
      const variable = String((finding.data?.variable as string | undefined) ?? firstVariable(info.args) ?? '$VAR');
      const fix: Fix = {
        title: formatMessage(rule, ctx.lang, 'fix', { variable, preview: preview(newText) }),
        kind: 'quickfix',
        edits: [{ range: info.editRange, newText }],
        fixes,
        isPreferred: true,
      };
      return [fix];
    }
    if (finding.code === 'exec-form-single-string' && info.args.length === 1) {
      const conv = toExecForm(info.args[0].trim(), { shell });
      const newText = formatExecForm(conv.args);
      return [{
        title: formatMessage(rule, ctx.lang, conv.viaShell ? 'fixShell' : 'fixWords', { preview: preview(newText) }),
        kind: 'quickfix',
        edits: [{ range: info.editRange, newText }],
        fixes,
        isPreferred: true,
      }];
    }
    return [];
  },
};
