import type { RuleDefinition } from './types';

export const jsonFormRules: RuleDefinition[] = [
  {
    code: 'exec-form-invalid-json',
    severity: 'error',
    aliases: [],
    family: 'json-form',
    fixable: true,
    title: {
      en: 'A bracketed exec form that is not valid JSON silently runs as shell form',
      'zh-cn': '方括号写法不是合法 JSON 时，会被悄悄当作 shell 形式执行',
    },
    messages: {
      en: {
        default:
          '{instruction} looks like exec form but is not valid JSON ({reason}). Docker then treats the whole text as a shell command, brackets included. Use double quotes and no trailing comma.',
        singleQuotes: 'single quotes are not JSON strings',
        trailingComma: 'trailing comma',
        badEscape: 'invalid escape sequence',
        notStrings: 'every element must be a string',
        unterminated: 'the array or a string is not closed',
        syntax: 'JSON syntax error',
        fix: 'Rewrite as valid JSON exec form',
      },
      'zh-cn': {
        default:
          '{instruction} 看起来是 exec 形式，但不是合法的 JSON（{reason}）。Docker 会把整段文字连同方括号当作 shell 命令执行。请使用双引号，并去掉末尾多余的逗号。',
        singleQuotes: '单引号不是 JSON 字符串',
        trailingComma: '末尾多了逗号',
        badEscape: '转义序列无效',
        notStrings: '每个元素都必须是字符串',
        unterminated: '数组或字符串没有闭合',
        syntax: 'JSON 语法错误',
        fix: '改写为合法 JSON 的 exec 形式',
      },
    },
  },
];
