// How the server treats documents and settings over the protocol: one validation per opened version, and
// settings asked once per workspace folder (VS Code resolves resource settings per folder) yet applied
// per folder.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../helpers/lspClient';

const INVALID_JSON = "FROM alpine\nCMD ['a']\n";
const hasInvalidJson = (d: Array<{ code?: unknown }>) => d.some((x) => x.code === 'exec-form-invalid-json');

test('an opened document is validated and published once, not once per open event', async () => {
  const client = await TestClient.start();
  try {
    const uri = 'untitled:Dockerfile-once';
    await client.open(uri, INVALID_JSON);
    await client.waitForDiagnostics(uri, hasInvalidJson);
    // Anything else the server meant to send for this version would have arrived by now.
    await client.hover(uri, 0, 0);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(client.publishCounts.get(uri), 1);
  } finally {
    await client.stop();
  }
});

test('settings are asked once per workspace folder and each folder keeps its own', async () => {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dfn-folders-')));
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  mkdirSync(path.join(a, 'sub'), { recursive: true });
  mkdirSync(b);
  const client = await TestClient.start({
    workspaceFolders: [a, b],
    settingsForScope: (scope) => (scope?.includes('/a/') ? { rules: { 'exec-form-invalid-json': 'off' } } : {}),
  });
  try {
    const inA = [client.uriFor(path.join(a, 'Dockerfile')), client.uriFor(path.join(a, 'sub', 'Dockerfile'))];
    const inB = client.uriFor(path.join(b, 'Dockerfile'));
    for (const uri of [...inA, inB]) await client.open(uri, INVALID_JSON);
    for (const uri of inA) assert.equal(hasInvalidJson(await client.waitForDiagnostics(uri)), false, uri);
    assert.equal(hasInvalidJson(await client.waitForDiagnostics(inB)), true);
    assert.equal(client.configurationScopes.length, 2, JSON.stringify(client.configurationScopes));

    // A settings change is asked for again, per folder.
    client.settingsForScope = (scope) => (scope?.includes('/b/') ? { rules: { 'exec-form-invalid-json': 'off' } } : {});
    await client.setSettings({});
    for (const uri of inA) await client.waitForDiagnostics(uri, hasInvalidJson);
    await client.waitForDiagnostics(inB, (d) => !hasInvalidJson(d));
    assert.equal(client.configurationScopes.length, 4, JSON.stringify(client.configurationScopes));
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
