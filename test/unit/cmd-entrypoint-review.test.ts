// Review of the CMD / ENTRYPOINT rules (issue 5): Windows images, an exec-form ENTRYPOINT receiving a
// shell-form CMD, `sh -c` scripts in exec form, ONBUILD triggers, element ranges, suppression comments,
// and `CMD <<EOF`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import { safeFixEdits } from '../../server/src/engine/edits';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/fs';
import { stageCommand } from '../../server/src/engine/commandLine';
import type { Finding, Fix, Lang } from '../../server/src/engine/types';

function context(lang: Lang = 'en'): AnalysisContext {
  return { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
}

function findings(text: string, code: string, lang: Lang = 'en'): Finding[] {
  return analyze(parseDocument(text), context(lang)).filter((f) => f.code === code);
}

function actions(text: string, finding?: Finding): Fix[] {
  const doc = parseDocument(text);
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
  return codeActions(doc, context(), finding ? finding.range : whole, finding ? [finding] : analyze(doc, context()));
}

const WINDOWS = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';

test('Windows image: cmd-shell-form names cmd /S /C and promises no conversion; none is offered', () => {
  const text = `${WINDOWS}CMD ping -t localhost\n`;
  const [f] = findings(text, 'cmd-shell-form');
  assert.ok(f, 'still reported');
  assert.match(f.message, /cmd \/S \/C/);
  assert.doesNotMatch(f.message, /\/bin\/sh/);
  assert.doesNotMatch(f.message, /quick fix keeps/);
  assert.match(findings(text, 'cmd-shell-form', 'zh-cn')[0].message, /cmd \/S \/C/);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
  assert.deepEqual(actions(text).filter((a) => a.kind === 'refactor.rewrite'), [], 'no refactor either');
  assert.deepEqual(safeFixEdits(actions(text)), [], '--fix changes nothing');
});

test('Windows image inherited through FROM <stage>: entrypoint-shell-form and the hover argv use cmd /S /C', () => {
  const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base\nFROM base\nENTRYPOINT app.exe --serve\n';
  const [f] = findings(text, 'entrypoint-shell-form');
  assert.match(f.message, /cmd \/S \/C/);
  assert.doesNotMatch(f.message, /\/bin\/sh/);
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['cmd', '/S', '/C', 'app.exe --serve']);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
});

test('Linux image: the default message still promises the exact conversion, and --fix applies it', () => {
  const text = 'FROM alpine\nCMD node server.js\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.match(f.message, /\/bin\/sh -c/);
  assert.match(f.message, /quick fix keeps/);
  assert.equal(safeFixEdits(actions(text)).length, 1);
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[0]).argv, ['/bin/sh', '-c', 'node server.js']);
});

test('a shell-form CMD that cannot be rewritten gets a message without the quick-fix promise', () => {
  const text = 'FROM alpine\nCMD --help\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.doesNotMatch(f.message, /quick fix/);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
});
