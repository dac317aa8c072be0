// Exec-form mistakes: `$VAR` that no shell will expand, and one string holding a whole command line.
import type { ParsedDocument } from '../parse/document';
import { formatMessage, getRule } from '../catalog';
import { formatExecForm, isPosixShell, toExecForm } from '../model/convert';
import type { Fix } from '../types';
import { scopedInstructions, type RuleFamily } from './rule';
import {
  COMMAND_KEYWORDS,
  commandInfo,
  commandInstructionAt,
  shellLineOf,
  stageCommands,
  stageOf,
  stageShell,
  triggersOf,
  type CommandInfo,
} from '../model/commands';
import { keywordOf } from '../parse/instructionCache';
import { preview } from './shell-form';

/** Shells that read a script from the argument after `-c`; later arguments are `$0`, `$1` … (not expanded). */
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'busybox']);
/** Windows shells: from their command option on, the rest of the array is their command line. */
const WINDOWS_SHELLS = new Set(['pwsh', 'pwsh.exe', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe']);
const VARIABLE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/;

function programName(arg: string): string {
  return arg.replace(/^.*[/\\]/, '').toLowerCase();
}

/**
 * Indexes of the elements a shell expands itself: the one right after a `-c` option (also `-ec`, `-lc` …)
 * of a POSIX shell named earlier in the array — wrappers such as `tini --`, `gosu user`, `env` may come
 * first, other shell options (`-e`, `-o pipefail`) may sit between — and everything after the command
 * option of cmd / PowerShell.
 */
export function shellScriptElements(args: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < args.length; i++) {
    const name = programName(args[i]);
    if (WINDOWS_SHELLS.has(name)) {
      const opt = args.findIndex((a, k) => k > i && /^(?:[/-](?:c|k)|-command|-encodedcommand|-file|-f)$/i.test(a));
      if (opt > i) for (let k = opt + 1; k < args.length; k++) out.add(k);
      return out;
    }
    if (!POSIX_SHELLS.has(name)) continue;
    let k = i + 1;
    while (k < args.length) {
      const a = args[k];
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) {
        if (k + 1 < args.length) out.add(k + 1);
        break;
      }
      if (/^[-+][oO]$/.test(a)) k += 2;
      else if (/^[-+][A-Za-z]+$/.test(a) || /^--[A-Za-z][\w-]*$/.test(a)) k++;
      else break;
    }
  }
  return out;
}

/** The first `$VAR` outside the elements a shell expands, with the index of its element. */
function firstVariable(args: readonly string[]): { variable: string; index: number } | null {
  const scripts = shellScriptElements(args);
  for (let i = 0; i < args.length; i++) {
    if (scripts.has(i)) continue;
    const m = VARIABLE.exec(args[i]);
    if (m) return { variable: m[0], index: i };
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
    const own = scopedInstructions(doc, scope);
    // `ONBUILD RUN [...]` and friends run in a child image's build, with the same exec-form rules.
    for (const instruction of [...own, ...triggersOf(own, COMMAND_KEYWORDS)]) {
      if (!COMMAND_KEYWORDS.has(keywordOf(instruction))) continue;
      const info = commandInfo(doc, instruction);
      if (!info || info.form !== 'exec' || !info.args || info.args.length === 0) continue;
      const args = info.args;
      const found = firstVariable(args);
      if (found) {
        const range = info.elementRanges?.[found.index] ?? info.range;
        report({ code: 'exec-form-variable', range, args: { variable: found.variable } });
      }
      if (args.length === 1 && /[ \t]/.test(args[0].trim()) && !feedsEntrypoint(doc, info)) {
        report({ code: 'exec-form-single-string', range: info.elementRanges?.[0] ?? info.range, args: { value: preview(args[0]) } });
      }
    }
  },

  fixes(doc, ctx, finding) {
    const instruction = commandInstructionAt(doc, finding.range.start.line);
    if (!instruction) return [];
    const info = commandInfo(doc, instruction);
    if (!info || info.form !== 'exec' || !info.args || !info.editRange) return [];
    const stage = stageOf(doc, instruction);
    const shell = stage ? stageShell(doc, stage, shellLineOf(instruction)).shell : null;
    if (!shell) return [];
    const rule = getRule(finding.code)!;
    const fixes = { code: finding.code, range: finding.range };
    if (finding.code === 'exec-form-variable') {
      // A `sh -c` script inside would be expanded twice once the whole array runs through a shell.
      if (!isPosixShell(shell) || shellScriptElements(info.args).size > 0) return [];
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
      const variable = String((finding.data?.variable as string | undefined) ?? firstVariable(info.args)?.variable ?? '$VAR');
      const fix: Fix = {
        title: formatMessage(rule, ctx.lang, 'fix', { variable, preview: preview(newText) }),
        kind: 'quickfix',
        edits: [{ range: info.editRange, newText }],
        fixes,
        isPreferred: true,
        behaviour: 'changes',
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
        behaviour: 'changes',
      }];
    }
    return [];
  },
};
