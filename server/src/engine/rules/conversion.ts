// The "convert to exec form" rewrite of one command instruction, exact by construction: the words when
// the shell would run exactly those words, else the stage's shell with the original text.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import { toExecForm, formatExecForm } from '../model/convert';
import type { Fix, Lang, Range } from '../types';
import { commandInfo, isTrigger, shellLineOf, stageCommands, stageOf, stageShell, type CommandInfo } from '../model/commands';
import { preview } from './shell-form';

export interface Conversion {
  info: CommandInfo;
  args: string[];
  viaShell: boolean;
  /** Why the words could not be used although the text is plain words (an ENTRYPOINT receives the CMD …). */
  keptShellBecause?: 'entrypoint' | 'cmd';
  range: Range;
  newText: string;
}

/** The exact exec-form rewrite of a shell-form command instruction, or null when none is safe. */
export function convertInstruction(doc: ParsedDocument, instruction: Instruction): Conversion | null {
  const info = commandInfo(doc, instruction);
  if (!info || info.form !== 'shell' || !info.editRange) return null;
  const stage = stageOf(doc, instruction);
  if (!stage) return null;
  const { shell, windows } = stageShell(doc, stage, shellLineOf(instruction));
  // Windows images keep a shell-form command line as written (the image config marks it ArgsEscaped) while
  // an exec form's elements are quoted again when joined: no JSON array is provably the same command there.
  if (!shell || windows) return null;
  let keptShellBecause: Conversion['keptShellBecause'];
  if (info.keyword === 'CMD') {
    const facts = stageCommands(stage);
    // With an exec-form ENTRYPOINT the CMD is its argument list: `/bin/sh -c <text>` must stay as it is.
    const ep = facts.finalEntrypoint ? commandInfo(doc, facts.finalEntrypoint) : null;
    if (ep && ep.form === 'exec') keptShellBecause = 'entrypoint';
  } else if (info.keyword === 'ENTRYPOINT') {
    // A shell-form ENTRYPOINT ignores the CMD; in exec form it would receive it. An ONBUILD trigger cannot
    // know whether the child image sets a CMD after it.
    if (isTrigger(instruction) || stageCommands(stage).cmds.length > 0) keptShellBecause = 'cmd';
  }
  const result = keptShellBecause
    ? { args: [...shell, info.text], viaShell: true }
    : toExecForm(info.text, { shell, dropLeadingExec: true });
  return {
    info,
    args: result.args,
    viaShell: result.viaShell,
    keptShellBecause,
    range: info.editRange,
    newText: formatExecForm(result.args),
  };
}

const TITLES: Record<Lang, { words: string; shell: string }> = {
  en: { words: 'Convert to exec form: {preview}', shell: 'Convert to exec form keeping the shell: {preview}' },
  'zh-cn': { words: '转换为 exec 形式：{preview}', shell: '转换为 exec 形式（保留 shell）：{preview}' },
};

export function conversionTitle(conv: Conversion, lang: Lang): string {
  const t = TITLES[lang] ?? TITLES.en;
  return (conv.viaShell ? t.shell : t.words).replace('{preview}', preview(conv.newText));
}

/** The `refactor.rewrite` for one instruction, grouped for the "convert every one" command. */
export function conversionRefactor(conv: Conversion, lang: Lang): Fix {
  return {
    title: conversionTitle(conv, lang),
    kind: 'refactor.rewrite',
    edits: [{ range: conv.range, newText: conv.newText }],
    group: 'exec-form',
  };
}
