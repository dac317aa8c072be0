// The style of Problems-panel messages, checked on every row of the rule catalogue. The panel shows plain
// text on one line, so a message is:
// - one sentence (the detail lives in the hover and on the rule page docs/rules/<code>.md);
// - plain text: no backticks, no `**`, no markdown links. Code is written as it is (COPY, --chown,
//   /bin/sh -c); a literal value from the user's file or a quoted command is put in "…" in English and
//   in “…” in Chinese;
// - in Chinese, with full-width punctuation, ending in 。.
// Templates are told apart by their key: `fix…` keys are quick-fix titles (plain text, no final period);
// a template that ends in a period is a message; anything else is a fragment another template inserts
// (plain text, no final period).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/engine/catalog';
import { styleProblems } from '../helpers/messageStyle';

test('every catalogue message is one plain sentence', () => {
  const problems: string[] = [];
  for (const rule of RULES) {
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const [key, template] of Object.entries(rule.messages[lang] ?? {})) {
        for (const p of styleProblems(lang, key, template)) problems.push(`${rule.code} ${lang}.${key}: ${p}`);
      }
      if (rule.title[lang].includes('`')) problems.push(`${rule.code} ${lang} title: backticks`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test('the style check finds what it looks for', () => {
  assert.deepEqual(styleProblems('en', 'default', 'COPY reads from the build context {context}.'), []);
  assert.ok(styleProblems('en', 'default', 'One sentence. Another one.').some((p) => /2 sentences/.test(p)));
  assert.ok(styleProblems('en', 'default', 'Runs as `sh -c`.').some((p) => /backticks/.test(p)));
  assert.deepEqual(styleProblems('en', 'default', 'Use exec form, e.g. CMD ["app"].'), []);
  assert.deepEqual(styleProblems('zh-cn', 'default', '文件太大（{reason}），只运行了开销小的语法检查。'), []);
  assert.ok(styleProblems('zh-cn', 'default', '文件太大(原因)。还有一句。').length >= 2);
  assert.deepEqual(styleProblems('en', 'fix', 'Convert to exec form'), []);
  assert.ok(styleProblems('en', 'fix', 'Convert to exec form.').length > 0);
  assert.deepEqual(styleProblems('en', 'bytes', '{size} bytes, limit {limit}'), []);
});
