// The parsed model every feature reads: stages and their parents, line index, lookups.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { parseSettings, resolveLang } from '../../server/src/engine/context';

const text = [
  'ARG BASE=alpine:3.20',
  'FROM $BASE AS Build',
  'RUN echo one \\',
  '  two',
  'FROM build AS test',
  'FROM 0',
  'FROM scratch',
  'COPY --from=build /a /b',
].join('\n');

test('stages know their names, bases and the earlier stage they build on', () => {
  const doc = parseDocument(text);
  assert.equal(doc.preamble.length, 1);
  assert.deepEqual(doc.stages.map((s) => s.name), ['build', 'test', null, null]);
  assert.equal(doc.stages[1].parent, doc.stages[0], 'FROM build names the first stage (case-insensitively)');
  assert.equal(doc.stages[2].parent, doc.stages[0], 'FROM 0 names the first stage by index');
  assert.equal(doc.stages[3].parent, null, 'scratch is an image');
  assert.deepEqual(doc.stages.map((s) => [s.startLine, s.endLine]), [[1, 3], [4, 4], [5, 5], [6, 7]]);
  assert.equal(doc.stageAtLine(3), doc.stages[0]);
  assert.equal(doc.stageAtLine(0), null);
});

test('instructionAtLine finds continuation lines; offsets and positions round-trip', () => {
  const doc = parseDocument(text);
  assert.equal(doc.instructionAtLine(3)?.getKeyword(), 'RUN');
  assert.equal(doc.instructionAtLine(99), null);
  for (let offset = 0; offset <= text.length; offset += 7) assert.equal(doc.offsetAt(doc.positionAt(offset)), offset);
  assert.equal(doc.lineText(3), '  two');
});

test('CRLF and CR line ends are lines too', () => {
  const crlf = parseDocument('FROM a\r\nCMD x\rRUN y');
  assert.equal(crlf.lineCount(), 3);
  assert.equal(crlf.lineText(0), 'FROM a');
  assert.equal(crlf.lineText(1), 'CMD x');
  assert.deepEqual(crlf.positionAt(crlf.text.indexOf('RUN')), { line: 2, character: 0 });
});

test('settings: bad values are ignored, good ones kept', () => {
  const s = parseSettings({ rules: { a: 'OFF', b: 'loud', c: 3 }, buildContexts: { '*/Dockerfile': '.', x: 5 }, notes: { language: 'fr', paths: ['a.md', 7, ''], builtin: 'no' } });
  assert.deepEqual(s.rules, { a: 'off' });
  assert.deepEqual(s.buildContexts, { '*/Dockerfile': '.' });
  assert.deepEqual(s.notes, { language: 'auto', paths: ['a.md'], builtin: true });
  assert.deepEqual(parseSettings(null).rules, {});
});

test('language: the setting wins, else Chinese for zh* locales', () => {
  assert.equal(resolveLang('auto', 'zh-cn'), 'zh-cn');
  assert.equal(resolveLang('auto', 'zh-tw'), 'zh-cn');
  assert.equal(resolveLang('auto', 'de'), 'en');
  assert.equal(resolveLang('en', 'zh-cn'), 'en');
  assert.equal(resolveLang('zh-cn', undefined), 'zh-cn');
});
