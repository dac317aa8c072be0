import type { RuleDefinition } from './types';

/** The engine's own guard: a file too large for the checks that could be expensive (see `limits.ts`). */
export const limitsRules: RuleDefinition[] = [
  {
    code: 'file-too-large',
    severity: 'info',
    aliases: [],
    family: 'limits',
    fixable: false,
    title: {
      en: 'The file is too large for full analysis, so only the cheap checks ran',
      'zh-cn': '文件太大，无法完整分析，只运行了开销小的检查',
    },
    messages: {
      en: {
        default: 'This file is too large for full analysis ({reason}), so only the cheap syntax checks ran.',
        unparsed: 'This file was not checked because {reason}, too long to parse.',
        bytes: '{size} bytes, limit {limit}',
        lines: '{size} lines, limit {limit}',
        longLine: 'line {line} has {size} characters, limit {limit}',
      },
      'zh-cn': {
        default: '文件太大（{reason}），无法完整分析，只运行了开销小的语法检查。',
        unparsed: '没有检查这个文件，因为{reason}，太长而无法解析。',
        bytes: '{size} 字节，上限 {limit}',
        lines: '{size} 行，上限 {limit}',
        longLine: '第 {line} 行有 {size} 个字符，上限 {limit}',
      },
    },
  },
];

/** A check that stopped early: it threw, ran out of the time budget, or met a value too large to resolve (analyze.ts). */
export const incompleteRules: RuleDefinition[] = [
  {
    code: 'analysis-incomplete',
    severity: 'info',
    aliases: [],
    family: 'limits',
    fixable: false,
    title: {
      en: 'A check could not finish, so the file was not fully checked',
      'zh-cn': '有检查未能完成，文件没有完整检查',
    },
    messages: {
      en: {
        default: 'The {checks} checks could not finish ({reason}), so this file was not fully checked.',
        error: 'an internal error',
        deadline: 'the time budget of the analysis ran out',
        valueTooLarge: 'This value is too large to resolve (over {limit} characters), so the {checks} checks skipped it.',
      },
      'zh-cn': {
        default: '{checks} 检查未能完成（{reason}），这个文件没有完整检查。',
        error: '内部错误',
        deadline: '分析用完了时间预算',
        valueTooLarge: '这个值太大，无法解析（超过 {limit} 个字符），{checks} 检查跳过了它。',
      },
    },
  },
];

/** How `analysis-incomplete` messages name a rule family (the family id when not listed). */
const FAMILY_NAMES: Readonly<Record<string, string>> = {
  'copy-add': 'COPY/ADD',
  'cmd-entrypoint': 'CMD/ENTRYPOINT',
  'exec-form': 'exec-form',
  'json-form': 'JSON-form',
  limits: 'size',
};

export function familyName(family: string): string {
  return FAMILY_NAMES[family] ?? family;
}
