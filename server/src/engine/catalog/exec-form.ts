import type { RuleDefinition } from './types';

export const execFormRules: RuleDefinition[] = [
  {
    code: 'exec-form-variable',
    severity: 'warning',
    aliases: [],
    family: 'exec-form',
    fixable: true,
    title: {
      en: 'Variables are not expanded in exec form',
      'zh-cn': 'exec 形式中的变量不会被展开',
    },
    messages: {
      en: {
        default:
          '"{variable}" reaches the program as written, because the exec form runs without a shell and nothing expands variables; run the command through a shell, or write the value itself.',
        fix: 'Run through the shell so that "{variable}" expands (changes what runs): {preview}',
      },
      'zh-cn': {
        default:
          '“{variable}”会被原样传给程序：exec 形式不经过 shell，没有谁来展开变量；请通过 shell 运行命令，或直接写出具体的值。',
        fix: '通过 shell 运行，以展开“{variable}”（会改变实际执行的内容）：{preview}',
      },
    },
  },
  {
    code: 'exec-form-single-string',
    severity: 'warning',
    aliases: [],
    family: 'exec-form',
    fixable: true,
    title: {
      en: 'An exec form with one string containing spaces names a program that does not exist',
      'zh-cn': '只有一个含空格字符串的 exec 形式，指向的是一个不存在的程序',
    },
    messages: {
      en: {
        default:
          'The whole string "{value}", spaces included, is taken as the name of the program, so running it fails with "executable file not found"; give each argument its own string.',
        fixWords: 'Split into separate arguments (changes what runs): {preview}',
        fixShell: 'Run the string through the shell (changes what runs): {preview}',
      },
      'zh-cn': {
        default:
          '整个字符串“{value}”（连同空格）会被当作程序名，运行时会以“executable file not found”失败；请把每个参数写成单独的字符串。',
        fixWords: '拆分为独立的参数（会改变实际执行的内容）：{preview}',
        fixShell: '交给 shell 执行这个字符串（会改变实际执行的内容）：{preview}',
      },
    },
  },
];
