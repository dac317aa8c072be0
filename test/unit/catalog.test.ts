// The rule catalogue is data that the server, CLI, docs and tests share: keep every row complete.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, findRule, findRules, formatMessage } from '../../server/src/engine/catalog';
import { RULE_FAMILIES } from '../../server/src/engine/rules';

const REPO = path.resolve(__dirname, '..', '..');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every rule has a stable kebab-case code, a severity, titles and messages in both languages', () => {
  assert.ok(RULES.length > 0);
  for (const rule of RULES) {
    assert.match(rule.code, /^[a-z]+(-[a-z]+)*$/, rule.code);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.severity), rule.code);
    for (const lang of ['en', 'zh-cn'] as const) {
      assert.ok(rule.title[lang]?.trim(), `${rule.code} title ${lang}`);
      assert.ok(rule.messages[lang]?.default?.trim(), `${rule.code} default message ${lang}`);
    }
    assert.deepEqual(Object.keys(rule.messages['zh-cn']).sort(), Object.keys(rule.messages.en).sort(), `${rule.code}: same message variants in both languages`);
    for (const key of Object.keys(rule.messages.en)) {
      assert.deepEqual(placeholders(rule.messages['zh-cn'][key]), placeholders(rule.messages.en[key]), `${rule.code}.${key}: same placeholders`);
    }
    assert.match(rule.messages['zh-cn'].default, /[\u4e00-\u9fff]/, `${rule.code}: the Chinese message is Chinese`);
  }
});

test('every rule is implemented by a registered family and documented in docs/rules', () => {
  const families = new Set(RULE_FAMILIES.map((f) => f.family));
  for (const rule of RULES) {
    assert.ok(families.has(rule.family), `${rule.code}: family ${rule.family} is registered`);
    assert.ok(fs.existsSync(path.join(REPO, 'docs', 'rules', `${rule.code}.md`)), `docs/rules/${rule.code}.md exists`);
  }
});

test('aliases find their rules; BuildKit names are case-sensitive, hadolint codes are not', () => {
  for (const rule of RULES) {
    assert.equal(findRule(rule.code), rule);
    assert.equal(findRule(rule.code.toUpperCase()), rule, 'codes are case-insensitive');
    for (const alias of rule.aliases) {
      assert.ok(findRules(alias).includes(rule), `${alias} → ${rule.code}`);
      if (/^DL\d+$/.test(alias)) assert.ok(findRules(alias.toLowerCase()).includes(rule));
      else if (/[A-Z]/.test(alias)) assert.ok(!findRules(alias.toLowerCase()).includes(rule), `${alias} must not match in lower case`);
    }
  }
  assert.equal(findRule('no-such-rule'), undefined);
});

test('messages fill their placeholders and fall back to English for unknown variants', () => {
  const rule = findRule('exec-form-invalid-json')!;
  const msg = formatMessage(rule, 'en', 'default', { instruction: 'CMD', reason: 'trailing comma', advice: 'remove it' });
  assert.match(msg, /^This CMD .*trailing comma.*remove it\.$/);
  assert.ok(!/\{\w+\}/.test(msg));
  assert.equal(formatMessage(rule, 'zh-cn', 'no-such-variant'), formatMessage(rule, 'zh-cn', 'default'));
});
