// Fault isolation in the engine: a rule family that throws, reports nonsense or is cancelled half-way
// must not take the other rules down, and every such fault is logged with the family and its codes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { RULE_FAMILIES } from '../../server/src/engine/rules';
import type { RuleFamily } from '../../server/src/engine/rules/rule';

const TEXT = "FROM alpine\nCMD ['echo', 'hi']\n";
const json = RULE_FAMILIES.find((f) => f.family === 'json-form')!;

function context(logs: string[], extra: Partial<AnalysisContext> = {}): AnalysisContext {
  return {
    lang: 'en',
    settings: DEFAULT_SETTINGS,
    fs: new CachedNodeFileSystem(),
    documentPath: null,
    workspaceFolder: null,
    log: (m) => logs.push(m),
    ...extra,
  };
}

const throwing: RuleFamily = {
  family: 'json-form-broken',
  check() {
    throw new TypeError('boom in check');
  },
  fixes() {
    throw new TypeError('boom in fixes');
  },
  refactors() {
    throw new TypeError('boom in refactors');
  },
};

test('a family that throws is logged with its name and the other families still report', () => {
  const logs: string[] = [];
  const findings = analyze(parseDocument(TEXT), context(logs), [throwing, json]);
  assert.deepEqual(findings.map((f) => f.code), ['analysis-incomplete', 'exec-form-invalid-json']);
  assert.equal(findings[0].severity, 'info');
  assert.equal(findings[0].message, 'The json-form-broken checks could not finish (an internal error), so this file was not fully checked.');
  assert.equal(logs.length, 1);
  assert.match(logs[0], /rule family json-form-broken .*failed: TypeError: boom in check/);
});

test('a real family that throws is logged with its rule codes', () => {
  const logs: string[] = [];
  const broken: RuleFamily = { ...json, check: () => { throw new Error('boom'); } };
  const findings = analyze(parseDocument(TEXT), context(logs), [broken]);
  assert.deepEqual(findings.map((f) => [f.code, f.message]), [['analysis-incomplete', 'The JSON-form checks could not finish (an internal error), so this file was not fully checked.']]);
  const zh = analyze(parseDocument(TEXT), context([], { lang: 'zh-cn' }), [broken]);
  assert.equal(zh[0].message, 'JSON-form 检查未能完成（内部错误），这个文件没有完整检查。');
  assert.match(logs[0], /rule family json-form \(.*exec-form-invalid-json.*\) failed: Error: boom/);
});

test('findings reported before a family throws are kept', () => {
  const logs: string[] = [];
  const halfway: RuleFamily = {
    family: 'json-form',
    check(doc, ctx, report) {
      json.check(doc, ctx, report);
      throw new RangeError('after reporting');
    },
  };
  const findings = analyze(parseDocument(TEXT), context(logs), [halfway]);
  assert.deepEqual(findings.map((f) => f.code), ['analysis-incomplete', 'exec-form-invalid-json']);
  assert.match(logs[0], /RangeError: after reporting/);
});

test('fixes and refactors that throw are logged; the other families still offer theirs', () => {
  const logs: string[] = [];
  const doc = parseDocument(TEXT);
  const ctx = context(logs);
  const findings = analyze(doc, ctx, [json]);
  const fixes = codeActions(doc, ctx, findings[0].range, findings, [throwing, json]);
  assert.ok(fixes.some((f) => f.fixes?.code === 'exec-form-invalid-json'));
  assert.equal(logs.length, 1);
  assert.match(logs[0], /fixes of rule family json-form-broken .*failed/);
});

test('a finding with an unknown code or a range outside the text is dropped and logged', () => {
  const logs: string[] = [];
  const liar: RuleFamily = {
    family: 'liar',
    check(_doc, _ctx, report) {
      report({ code: 'no-such-code', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
      report({ code: 'exec-form-invalid-json', range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } } });
      report({ code: 'exec-form-invalid-json', range: { start: { line: 1, character: 5 }, end: { line: 1, character: 2 } } });
      report({ code: 'exec-form-invalid-json', range: { start: { line: 0, character: -1 }, end: { line: 0, character: 2 } } });
      report({ code: 'exec-form-invalid-json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } } });
      report({
        code: 'exec-form-invalid-json',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
        related: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 1 } }, variant: 'default' }],
      });
    },
  };
  const findings = analyze(parseDocument(TEXT), context(logs), [liar, json]);
  assert.deepEqual(findings.map((f) => f.code), ['exec-form-invalid-json']);
  assert.equal(findings[0].range.start.line, 1, 'only the real finding is left');
  assert.equal(logs.filter((l) => /unknown code: no-such-code/.test(l)).length, 1);
  assert.equal(logs.filter((l) => /rule family liar failed: .*outside the document/.test(l)).length, 5);
});

test('a fix whose edit lies outside the text is dropped and logged', () => {
  const logs: string[] = [];
  const badFix: RuleFamily = {
    family: 'bad-fix',
    check() {},
    refactors() {
      return [{ title: 'too far', kind: 'refactor.rewrite', edits: [{ range: { start: { line: 40, character: 0 }, end: { line: 40, character: 1 } }, newText: 'x' }] }];
    },
  };
  const doc = parseDocument(TEXT);
  const fixes = codeActions(doc, context(logs), { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, [], [badFix]);
  assert.deepEqual(fixes, []);
  assert.match(logs[0], /fix "too far" failed: an edit lies outside the document/);
});

test('a stale finding (a range from an older version) never yields an edit outside the text', () => {
  const logs: string[] = [];
  const doc = parseDocument('FROM alpine\n');
  const stale = { code: 'exec-form-invalid-json', severity: 'error' as const, message: 'old', range: { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } } };
  const fixes = codeActions(doc, context(logs), stale.range, [stale]);
  for (const fix of fixes) for (const e of fix.edits) assert.ok(e.range.end.line < doc.lineCount() && e.range.start.line >= 0);
});

test('cancellation stops the work between families', () => {
  const logs: string[] = [];
  let cancelled = false;
  const ran: string[] = [];
  const first: RuleFamily = { family: 'first', check: () => { ran.push('first'); cancelled = true; } };
  const second: RuleFamily = { family: 'second', check: () => { ran.push('second'); } };
  analyze(parseDocument(TEXT), context(logs, { isCancelled: () => cancelled }), [first, second]);
  assert.deepEqual(ran, ['first']);
});

test('past the deadline the remaining families are skipped and named by one analysis-incomplete', () => {
  const ran: string[] = [];
  let now = 1_000;
  const clock = (t: number): RuleFamily => ({ family: `slow-${t}`, check: () => { ran.push(`slow-${t}`); now += t; } });
  const realNow = Date.now;
  Date.now = () => now;
  try {
    const findings = analyze(parseDocument(TEXT), context([], { deadline: 1_050 }), [clock(30), clock(30), clock(1), json, { ...json, family: 'copy-add' }]);
    assert.deepEqual(ran, ['slow-30', 'slow-30']);
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.message]), [
      ['analysis-incomplete', 'info', 'The slow-1, JSON-form, COPY/ADD checks could not finish (the time budget of the analysis ran out), so this file was not fully checked.'],
    ]);
    ran.length = 0;
    now = 1_000;
    assert.deepEqual(analyze(parseDocument(TEXT), context([]), [clock(30), clock(30), json]).map((f) => f.code), ['exec-form-invalid-json'], 'no deadline, no budget');
    assert.deepEqual(ran, ['slow-30', 'slow-30']);
  } finally {
    Date.now = realNow;
  }
});

test('every registered family copes with an empty document and with a document of only junk', () => {
  for (const text of ['', '\0\uFEFF\r\r\n\\', "FROM\nCMD\nCOPY\nADD --from=\nENTRYPOINT [\nHEALTHCHECK CMD\nSHELL ['\n"]) {
    const logs: string[] = [];
    const doc = parseDocument(text);
    const ctx = context(logs);
    const findings = analyze(doc, ctx);
    codeActions(doc, ctx, { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } }, findings);
    assert.deepEqual(logs, [], `no family failed on ${JSON.stringify(text)}`);
  }
});
