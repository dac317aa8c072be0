// Small hand-made inputs that made the server freeze, overflow its stack or build huge answers (issue 18),
// over the real protocol. Each test's `timeout` is its time budget; before the fixes every one of them ran
// far past it (the figures are in each test).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => {
  client = await TestClient.start();
});
after(async () => {
  await client.stop();
});

/** No waiting limit of its own: the test's timeout is the only budget. */
const NO_LIMIT = 3_600_000;
const count = (code: string) => (d: Diagnostic[]) => d.filter((x) => x.code === code).length;

test('500 ENV and 500 COPY $V1 lines: open and three keystrokes', { timeout: 15_000 }, async () => {
  // Every variable lookup replayed the stage and copied its ENV map: 15 s per analysis here.
  let text = 'FROM alpine\n';
  for (let i = 0; i < 500; i++) text += `ENV V${i}=v${i}\n`;
  for (let i = 0; i < 500; i++) text += `COPY $V1 /d${i}/\n`;
  assert.ok(text.length < 15_000);
  const uri = 'untitled:Dockerfile-env-copy';
  await client.open(uri, text);
  const first = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.ok(first.every((d) => d.code !== 'analysis-incomplete'), JSON.stringify(first.slice(0, 3)));
  for (let k = 0; k < 3; k++) {
    await client.edit(uri, { start: { line: 600, character: 0 }, end: { line: 600, character: 0 } }, ' ');
    await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  }
  const hover = await client.hoverText(uri, 700, 6);
  assert.match(hover, /v1/, 'the hover still resolves $V1');
});

test('10,000 single-string exec-form CMDs in one stage', { timeout: 30_000 }, async () => {
  // Each CMD asked for the stage's CMD/ENTRYPOINT facts, which filtered the whole stage: 48 s here.
  let text = 'FROM alpine\n';
  for (let i = 0; i < 10_000; i++) text += `CMD ["run ${i}"]\n`;
  const uri = 'untitled:Dockerfile-many-cmds';
  await client.open(uri, text);
  const d = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.equal(count('exec-form-single-string')(d), 10_000);
  assert.equal(count('cmd-multiple')(d), 9_999);
});

test('20,000 shell-form CMDs in one stage', { timeout: 30_000 }, async () => {
  // The shape issue 18 names (39 s there). The code before the fix was already linear on it (the slow
  // shape was the single-string exec form above); kept so that every CMD never rescans the stage again.
  let text = 'FROM alpine\n';
  for (let i = 0; i < 20_000; i++) text += `CMD run ${i} --flag\n`;
  const uri = 'untitled:Dockerfile-many-shell-cmds';
  await client.open(uri, text);
  const d = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.equal(count('cmd-shell-form')(d), 20_000);
  assert.equal(count('cmd-multiple')(d), 19_999);
  assert.equal(count('analysis-incomplete')(d), 0);
});

test('5,000 chained stages with WORKDIR: hovers answer', { timeout: 30_000 }, async () => {
  // The WORKDIR of a stage was found by recursing up its FROM chain: "Maximum call stack size exceeded".
  let text = 'FROM alpine AS s0\nWORKDIR /a\n';
  for (let i = 1; i < 5_000; i++) text += `FROM s${i - 1} AS s${i}\nWORKDIR b\nCOPY x y\n`;
  const uri = 'untitled:Dockerfile-chain-hover';
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  const last = text.split('\n').length - 2;
  const workdir = await client.hoverText(uri, last - 1, 9);
  assert.match(workdir, /working directory is `\/a(\/b)+/);
  const copy = await client.hoverText(uri, last, 7);
  assert.match(copy, /Relative to WORKDIR `\/a(\/b)+/);
});

test('10,000 chained stages: every shell-form CMD is reported', { timeout: 60_000 }, async () => {
  // Each stage walked its whole chain several times (120 s per analysis), and the analysis cache's chain
  // keys recursed (a stack overflow that cost the CMD/ENTRYPOINT checks of thousands of stages).
  let text = 'FROM alpine AS s0\nCMD run\n';
  for (let i = 1; i < 10_000; i++) text += `FROM s${i - 1} AS s${i}\nCMD run\n`;
  const uri = 'untitled:Dockerfile-chain-10k';
  await client.open(uri, text);
  const d = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.equal(count('cmd-shell-form')(d), 10_000);
  assert.equal(count('analysis-incomplete')(d), 0);
});

test('a 1 MB JSON-form CMD: not parsed, file-too-large says the file was not checked, hovers stay small', { timeout: 30_000 }, async () => {
  // The CMD hover showed the whole argv: a hover as large as the file (3 MB for a 4 MB CMD, seconds each).
  const elements = Array.from({ length: 200_000 }, () => '"a"').join(', ');
  const text = `FROM alpine\nCMD [${elements}]\n`;
  assert.ok(text.length > 1_000_000);
  const uri = 'untitled:Dockerfile-json-cmd';
  await client.open(uri, text);
  const d = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.deepEqual(d.map((x) => x.code), ['file-too-large']);
  assert.match(d[0].message, /not checked/);
  const keyword = await client.hoverText(uri, 1, 1);
  assert.ok(keyword.length < 20_000, `${keyword.length} characters`);
  const args = await client.hoverText(uri, 1, 500_000);
  assert.ok(args.length < 20_000, `${args.length} characters`);
});

test('an ARG expansion bomb: the hover says the value is too large to resolve', { timeout: 15_000 }, async () => {
  // Nine levels of ARGs repeating the previous one 8 times: 134 million characters, 38 s and 900 MB before.
  let text = 'FROM alpine\nARG V0=xxxxxxxx\n';
  for (let i = 1; i < 9; i++) text += `ARG V${i}=${`$V${i - 1}`.repeat(8)}\n`;
  text += 'COPY $V8 ../secrets /x/\n';
  const uri = 'untitled:Dockerfile-bomb';
  await client.open(uri, text);
  const d = await client.waitForDiagnostics(uri, undefined, NO_LIMIT);
  assert.deepEqual(d.map((x) => x.code).sort(), ['analysis-incomplete', 'copy-outside-context']);
  assert.equal(d.find((x) => x.code === 'analysis-incomplete')!.severity, 3, 'information in the editor');
  // On the declaration (no diagnostic there, which the hover would not repeat).
  const hover = await client.hoverText(uri, 9, 4);
  assert.match(hover, /Value too large to resolve: expanded, it would be over 100,000 characters/);
  assert.ok(hover.length < 5_000);
  // On the COPY word, the diagnostic (shown above the hover) says it.
  assert.match(d.find((x) => x.code === 'analysis-incomplete')!.message, /too large to resolve/);
  assert.deepEqual(d.find((x) => x.code === 'analysis-incomplete')!.range, { start: { line: 10, character: 5 }, end: { line: 10, character: 8 } });
});
