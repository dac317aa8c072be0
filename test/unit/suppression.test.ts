// Docker-compatible suppression and settings: BuildKit `# check=skip=…` (file and per instruction),
// hadolint `# hadolint ignore=…`, our codes, `all`, and `dockerfileNotes.rules` by code or alias.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeIn, dockerfile, makeTree } from './copy-add-helpers';

const root = () => makeTree({ 'app/.dockerignore': 'secret.txt\n', 'app/secret.txt': 'x', 'app/a.txt': '', 'app/b.txt': '' });
const codesOf = (lines: string[], settings?: Record<string, unknown>) =>
  analyzeIn(root(), 'app/Dockerfile', { text: dockerfile(...lines), settings }).findings.map((f) => `${f.code}@${f.range.start.line}`);

const BODY = ['FROM alpine', 'COPY secret.txt /s', 'ADD a.txt /a', 'COPY a.txt b.txt /dir'];
const ALL = ['copy-source-ignored@1', 'add-prefer-copy@2', 'copy-multi-source-dest@3'];

test('without suppression every finding is there', () => {
  assert.deepEqual(codesOf(BODY), ALL);
});

test('file-level # check=skip= with a BuildKit name (case-sensitive), our code, several names, all', () => {
  assert.deepEqual(codesOf(['# check=skip=CopyIgnoredFile', ...BODY]).map(shift), ALL.slice(1));
  assert.deepEqual(codesOf(['# check=skip=copyignoredfile', ...BODY]).map(shift), ALL, 'BuildKit names match case-sensitively');
  assert.deepEqual(codesOf(['# check=skip=add-prefer-copy,copy-multi-source-dest', ...BODY]).map(shift), ALL.slice(0, 1));
  assert.deepEqual(codesOf(['# check=skip=all', ...BODY]), []);
  assert.deepEqual(codesOf(['# syntax=docker/dockerfile:1', '# check=skip=CopyIgnoredFile;error=false', ...BODY]).map(shift2), ALL.slice(1));
});

test('# check= only counts among the parser directives at the very top', () => {
  assert.deepEqual(codesOf(['FROM alpine', '', '# check=skip=all', 'RUN true', ...BODY.slice(1)]).map((c) => c.split('@')[0]), ALL.map((c) => c.split('@')[0]));
});

test('# check=error=true turns BuildKit-named warnings into errors, not ours', () => {
  const findings = analyzeIn(root(), 'app/Dockerfile', { text: dockerfile('# check=error=true', ...BODY) }).findings;
  assert.equal(findings.find((f) => f.code === 'copy-source-ignored')?.severity, 'error');
  assert.equal(findings.find((f) => f.code === 'add-prefer-copy')?.severity, 'warning');
});

test('# check=skip= directly above an instruction applies to that instruction only', () => {
  const lines = ['FROM alpine', '# check=skip=CopyIgnoredFile', 'COPY secret.txt /s', 'COPY secret.txt /t'];
  assert.deepEqual(codesOf(lines), ['copy-source-ignored@3']);
  assert.deepEqual(codesOf(['FROM alpine', '# check=skip=all', 'COPY secret.txt /s', 'COPY secret.txt /t']), ['copy-source-ignored@3']);
});

test('# hadolint ignore= on the line before, with hadolint codes in either case', () => {
  assert.deepEqual(codesOf(['FROM alpine', '# hadolint ignore=DL3020', 'ADD a.txt /a', 'ADD a.txt /b']), ['add-prefer-copy@3']);
  assert.deepEqual(codesOf(['FROM alpine', '# hadolint ignore=dl3020,DL3021', 'ADD a.txt b.txt /a', 'ADD a.txt /b']), ['add-prefer-copy@3']);
  assert.deepEqual(codesOf(['# hadolint global ignore=DL3021', ...BODY]).map(shift), ['copy-source-ignored@1', 'add-prefer-copy@2']);
});

test('a suppression above a multi-line instruction covers findings on its later lines', () => {
  assert.deepEqual(codesOf(['FROM alpine', '# check=skip=copy-multi-source-dest', 'COPY a.txt \\', '  b.txt \\', '  /dir']), []);
  assert.deepEqual(codesOf(['FROM alpine', 'COPY a.txt \\', '  b.txt \\', '  /dir']), ['copy-multi-source-dest@3']);
});

test('dockerfileNotes.rules by code or alias; the code wins over an alias', () => {
  assert.deepEqual(codesOf(BODY, { rules: { CopyIgnoredFile: 'off', DL3020: 'off' } }), ['copy-multi-source-dest@3']);
  const levels = analyzeIn(root(), 'app/Dockerfile', {
    text: dockerfile(...BODY),
    settings: { rules: { CopyIgnoredFile: 'off', 'copy-source-ignored': 'error', dl3021: 'hint' } },
  }).findings.map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(levels, ['copy-source-ignored:error', 'add-prefer-copy:warning', 'copy-multi-source-dest:hint']);
});

function shift(c: string): string {
  const [code, line] = c.split('@');
  return `${code}@${Number(line) - 1}`;
}
function shift2(c: string): string {
  const [code, line] = c.split('@');
  return `${code}@${Number(line) - 2}`;
}
