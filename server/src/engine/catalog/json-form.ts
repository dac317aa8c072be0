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
          '{instruction} looks like exec form but is not valid JSON ({reason}). Docker then runs the whole text as a shell command, brackets included. {advice}',
        notStringsDefault:
          "{instruction}'s JSON array must hold only strings ({reason}): the build stops with an error. {advice}",
        shellInstruction:
          'SHELL takes only a JSON array of strings, and this is not valid JSON ({reason}): the build stops with an error. {advice}',
        singleQuotes: 'single quotes are not JSON strings',
        trailingComma: 'trailing comma',
        badEscape: 'invalid escape sequence',
        notStrings: 'every element must be a string',
        unterminated: 'the array or a string is not closed',
        missingComma: 'a comma is missing between elements',
        syntax: 'JSON syntax error',
        unquoted: 'its elements are not double-quoted strings',
        trailingText: 'there is text after the closing bracket',
        'advice.trailingText': 'A Dockerfile has no end-of-line comments: move the text after `]` to a line of its own starting with `#`.',
        'advice.unquoted':
          'Put every element in double quotes. A variable such as `$NAME` is not expanded in exec form: to use its value, write the shell form without brackets, or `["/bin/sh", "-c", "exec …"]`.',
        refusedVariable:
          'No automatic fix: `{value}` holds a variable, and valid JSON would pass it literally instead of its value. Write the shell form without brackets, or `["/bin/sh", "-c", "exec …"]`, if a shell should expand it.',
        'advice.singleQuotes': 'Put every element in double quotes.',
        'advice.trailingComma': 'Remove the comma before the closing bracket.',
        'advice.badEscape': 'In JSON a backslash starts an escape: write \\\\ for a literal backslash (C:\\\\app) or use forward slashes.',
        'advice.notStrings': 'Put every element in double quotes, numbers too.',
        'advice.unterminated': 'Close every string and the array.',
        'advice.missingComma': 'Separate the elements with commas.',
        'advice.syntax': 'Write a JSON array of double-quoted strings separated by commas.',
        fix: 'Rewrite as valid JSON exec form',
      },
      'zh-cn': {
        default:
          '{instruction} 看起来是 exec 形式，但不是合法的 JSON（{reason}）。Docker 会把整段文字连同方括号当作 shell 命令执行。{advice}',
        notStringsDefault: '{instruction} 的 JSON 数组里只能放字符串（{reason}）：构建会直接报错。{advice}',
        shellInstruction: 'SHELL 只接受由字符串组成的 JSON 数组，而这里不是合法的 JSON（{reason}）：构建会直接报错。{advice}',
        singleQuotes: '单引号不是 JSON 字符串',
        trailingComma: '末尾多了逗号',
        badEscape: '转义序列无效',
        notStrings: '每个元素都必须是字符串',
        unterminated: '数组或字符串没有闭合',
        missingComma: '元素之间缺少逗号',
        syntax: 'JSON 语法错误',
        unquoted: '元素不是双引号字符串',
        trailingText: '右方括号后面还有文字',
        'advice.trailingText': 'Dockerfile 不支持行尾注释：把 `]` 后面的文字移到单独一行，并以 `#` 开头。',
        'advice.unquoted':
          '每个元素都要用双引号括起来。exec 形式不会展开 `$NAME` 这样的变量：要用它的值，请写成不带方括号的 shell 形式，或者 `["/bin/sh", "-c", "exec …"]`。',
        refusedVariable:
          '不提供自动修复：`{value}` 含有变量，改成合法 JSON 后它会被原样传入，而不是它的值。如果需要 shell 展开它，请写成不带方括号的 shell 形式，或者 `["/bin/sh", "-c", "exec …"]`。',
        'advice.singleQuotes': '每个元素都要用双引号括起来。',
        'advice.trailingComma': '去掉右方括号前面多余的逗号。',
        'advice.badEscape': 'JSON 里的反斜杠表示转义：字面的反斜杠要写成 \\\\（如 C:\\\\app），或者改用正斜杠。',
        'advice.notStrings': '每个元素都用双引号括起来，数字也一样。',
        'advice.unterminated': '把每个字符串和整个数组都闭合。',
        'advice.missingComma': '元素之间用逗号隔开。',
        'advice.syntax': '写成由双引号字符串组成、以逗号分隔的 JSON 数组。',
        fix: '改写为合法 JSON 的 exec 形式',
      },
    },
  },
];
