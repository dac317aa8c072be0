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
        bytes: '{size} bytes, limit {limit}',
        lines: '{size} lines, limit {limit}',
        longLine: 'line {line} has {size} characters, limit {limit}',
      },
      'zh-cn': {
        default: '文件太大（{reason}），无法完整分析，只运行了开销小的语法检查。',
        bytes: '{size} 字节，上限 {limit}',
        lines: '{size} 行，上限 {limit}',
        longLine: '第 {line} 行有 {size} 个字符，上限 {limit}',
      },
    },
  },
];
