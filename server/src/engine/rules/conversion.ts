// The "convert to exec form" rewrite of one command instruction, with the same behaviour by construction
// (test/unit/convert.property.test.ts and test/property/runtime.property.test.ts run both through dash,
// bash and BusyBox ash):
//  - the words, when the shell would run exactly those words and nothing reads the command's position;
//  - `[...shell, "exec " + text]` for one simple command when something does (an ENTRYPOINT a CMD reaches,
//    an image ENTRYPOINT that receives this CMD) or when it needs the shell (`$PORT`): same words, and the
//    program replaces the shell;
//  - `[...shell, text]` exactly, for anything else.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import { toExecForm, formatExecForm } from '../model/convert';
import type { Fix, Lang, Range } from '../types';
import { commandInfo, isTrigger, shellLineOf, stageOf, stageShell, type CommandInfo } from '../model/commands';
import { stagesWithCmd, stagesWithEntrypoint, shellScript } from '../model/runtime';
import { preview } from './shell-form';

export interface Conversion {
  info: CommandInfo;
  args: string[];
  how: 'words' | 'exec' | 'shell';
  /** Why bare words would change what runs, when they would. */
  wordsChange?: 'cmdReachesEntrypoint' | 'entrypointReceives' | 'imageEntrypoint' | 'trigger';
  range: Range;
  newText: string;
}

/** The same-behaviour exec-form rewrite of a shell-form command instruction, or null when none is sure. */
export function convertInstruction(doc: ParsedDocument, instruction: Instruction): Conversion | null {
  const info = commandInfo(doc, instruction);
  if (!info || info.form !== 'shell' || !info.editRange) return null;
  const stage = stageOf(doc, instruction);
  if (!stage) return null;
  const { shell, windows } = stageShell(doc, stage, shellLineOf(instruction));
  // Windows images keep a shell-form command line as written (the image config marks it ArgsEscaped) while
  // an exec form's elements are quoted again when joined: no JSON array is provably the same command there.
  if (!shell || windows) return null;
  const container = info.keyword === 'CMD' || info.keyword === 'ENTRYPOINT';
  const wordsChange = container ? whyWordsChange(doc, instruction, info.keyword as 'CMD' | 'ENTRYPOINT') : undefined;
  if (wordsChange === 'entrypointReceives') {
    // An exec-form ENTRYPOINT gets `/bin/sh -c <text>` as its arguments: only the exact array keeps them.
    const args = [...shell, info.text];
    return { info, args, how: 'shell', wordsChange, range: info.editRange, newText: formatExecForm(args) };
  }
  const result = toExecForm(info.text, { shell, dropLeadingExec: true, words: !wordsChange, exec: container });
  return { info, args: result.args, how: result.how, wordsChange, range: info.editRange, newText: formatExecForm(result.args) };
}

/**
 * Why running a CMD / ENTRYPOINT's words without the shell would change what runs, or undefined when
 * nothing reads them: a CMD that reaches this ENTRYPOINT (any stage, also through ONBUILD), an exec-form
 * ENTRYPOINT that receives this CMD, a base image ENTRYPOINT that may, or an ONBUILD trigger whose child
 * images are not in this file.
 */
export function whyWordsChange(doc: ParsedDocument, instruction: Instruction, keyword: 'CMD' | 'ENTRYPOINT'): Conversion['wordsChange'] {
  if (keyword === 'ENTRYPOINT') {
    if (isTrigger(instruction)) return 'trigger';
    return stagesWithEntrypoint(doc, instruction).some((rt) => rt.cmd && rt.cmd.argv.length > 0) ? 'cmdReachesEntrypoint' : undefined;
  }
  const stages = stagesWithCmd(doc, instruction);
  let why: Conversion['wordsChange'];
  for (const rt of stages) {
    if (rt.cmdReceiver === 'entrypoint' && rt.entrypoint) {
      const sh = shellScript(rt.entrypoint);
      // A `sh -c` ENTRYPOINT that drops the CMD does not care how it is written; one that reads it gets
      // every word of it as a positional parameter, so only the exact array keeps them.
      if (sh && rt.cmdDropped === 'all') continue;
      if (rt.entrypoint.argv.length > 0) return 'entrypointReceives';
    } else if (rt.cmdReceiver === 'image') why = 'imageEntrypoint';
  }
  if (isTrigger(instruction) && !why) why = 'trigger';
  return why;
}

const TITLES: Record<Lang, { words: string; exec: string; shell: string }> = {
  en: {
    words: 'Convert to exec form (same behaviour): {preview}',
    exec: 'Convert to exec form (same behaviour, the program replaces the shell): {preview}',
    shell: 'Convert to exec form keeping the shell (same behaviour): {preview}',
  },
  'zh-cn': {
    words: '转换为 exec 形式（行为不变）：{preview}',
    exec: '转换为 exec 形式（行为不变，程序取代 shell）：{preview}',
    shell: '转换为 exec 形式并保留 shell（行为不变）：{preview}',
  },
};

export function conversionTitle(conv: Conversion, lang: Lang): string {
  const t = TITLES[lang] ?? TITLES.en;
  return t[conv.how].replace('{preview}', preview(conv.newText));
}

/** The `refactor.rewrite` for one instruction, grouped for the "convert every one" command. */
export function conversionRefactor(conv: Conversion, lang: Lang): Fix {
  return {
    title: conversionTitle(conv, lang),
    kind: 'refactor.rewrite',
    edits: [{ range: conv.range, newText: conv.newText }],
    group: 'exec-form',
    behaviour: 'same',
  };
}
