// The server's contract over stdio: capabilities, diagnostics on open and change, hover, code actions,
// configuration changes and a clean shutdown.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, applyTextEdits } from '../helpers/lspClient';

let client: TestClient;
before(async () => {
  client = await TestClient.start();
});
after(async () => {
  await client.stop();
});

test('initialize announces hover, code actions and incremental sync', () => {
  const caps = client.initializeResult.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.codeActionProvider);
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
});

test('diagnostics are published on open and follow changes', async () => {
  const uri = 'untitled:Dockerfile-open-change';
  await client.open(uri, "FROM alpine\nCMD ['echo', 'hi']\n");
  const first = await client.waitForDiagnostics(uri);
  const invalid = first.find((d) => d.code === 'exec-form-invalid-json');
  assert.ok(invalid, `expected exec-form-invalid-json, got ${JSON.stringify(first)}`);
  assert.equal(invalid.source, 'dockerfile-notes');
  assert.equal(invalid.severity, 1);
  assert.deepEqual(invalid.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } });
  assert.match(invalid.codeDescription?.href ?? '', /docs\/rules\/exec-form-invalid-json\.md$/);

  await client.change(uri, 'FROM alpine\nCMD ["echo", "hi"]\n');
  const second = await client.waitForDiagnostics(uri);
  assert.equal(second.filter((d) => d.code === 'exec-form-invalid-json').length, 0);
});

test('the quick fix for invalid JSON yields valid JSON and removes the diagnostic', async () => {
  const uri = 'untitled:Dockerfile-fix';
  const text = "FROM alpine\nENTRYPOINT ['/bin/tini', '--',]\n";
  await client.open(uri, text);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'exec-form-invalid-json'));
  const target = diags.find((d) => d.code === 'exec-form-invalid-json')!;
  const actions = await client.codeActions(uri, target.range, [target]);
  const fix = actions.find((a) => a.kind === 'quickfix');
  assert.ok(fix?.edit?.changes, `no quick fix in ${JSON.stringify(actions)}`);
  const fixed = applyTextEdits(text, fix.edit.changes[uri]);
  assert.equal(fixed, 'FROM alpine\nENTRYPOINT ["/bin/tini", "--"]\n');
  await client.change(uri, fixed);
  const after = await client.waitForDiagnostics(uri);
  assert.equal(after.filter((d) => d.code === 'exec-form-invalid-json').length, 0);
});

test('a rule switched off in the settings disappears without a restart', async () => {
  const uri = 'untitled:Dockerfile-settings';
  await client.open(uri, "FROM alpine\nCMD ['a']\n");
  await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'exec-form-invalid-json'));
  await client.setSettings({ rules: { 'exec-form-invalid-json': 'off' } });
  await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'exec-form-invalid-json'));
  await client.setSettings({ rules: { 'exec-form-invalid-json': 'warning' } });
  const back = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'exec-form-invalid-json'));
  assert.equal(back.find((x) => x.code === 'exec-form-invalid-json')?.severity, 2);
  await client.setSettings({});
});

test('hover on an instruction keyword shows its note', async () => {
  const uri = 'untitled:Dockerfile-hover';
  await client.open(uri, 'FROM alpine\nCOPY . /app\n');
  const text = await client.hoverText(uri, 1, 2);
  assert.match(text, /^\*\*COPY\*\* — /m);
});

test('a request for a closed document answers empty, not an error', async () => {
  const uri = 'untitled:Dockerfile-closed';
  await client.open(uri, 'FROM alpine\n');
  await client.close(uri);
  assert.equal(await client.hover(uri, 0, 1), null);
  assert.deepEqual(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, []), []);
});
