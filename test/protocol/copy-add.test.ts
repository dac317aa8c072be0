// COPY/ADD diagnostics over the real protocol: a Dockerfile in a temporary workspace, files created on
// disk and announced with workspace/didChangeWatchedFiles, quick fixes, settings and the Chinese messages.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient, applyTextEdits } from '../helpers/lspClient';

let workspace: string;
let client: TestClient;

before(async () => {
  workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-proto-copy-')));
  fs.mkdirSync(path.join(workspace, 'app'));
  client = await TestClient.start({ workspaceFolder: workspace });
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const has = (code: string, line?: number) => (d: Diagnostic[]) => d.some((x) => x.code === code && (line === undefined || x.range.start.line === line));
const lacks = (code: string, line?: number) => (d: Diagnostic[]) => !has(code, line)(d);

async function openFile(rel: string, text: string): Promise<string> {
  const file = path.join(workspace, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = client.uriFor(file);
  await client.open(uri, text);
  return uri;
}

test('a missing source goes away when the file is created and the change is announced', async () => {
  // app.txt exists in app/, so the context is inferred there and config.yaml, found in no folder up to the
  // workspace, is a warning. (A Dockerfile none of whose sources exists anywhere gets info instead: nothing
  // says where it is built from.)
  fs.writeFileSync(path.join(workspace, 'app', 'app.txt'), '');
  const uri = await openFile('app/Dockerfile', 'FROM alpine\nCOPY config.yaml /etc/app/\nCOPY app.txt /etc/app/\n');
  const diags = await client.waitForDiagnostics(uri, has('copy-source-missing'));
  const d = diags.find((x) => x.code === 'copy-source-missing')!;
  assert.equal(d.source, 'dockerfile-notes');
  assert.equal(d.severity, 2);
  assert.deepEqual(d.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
  assert.match(d.codeDescription?.href ?? '', /docs\/rules\/copy-source-missing\.md$/);

  const created = path.join(workspace, 'app', 'config.yaml');
  fs.writeFileSync(created, 'a: 1\n');
  await client.filesChanged([{ uri: client.uriFor(created), type: FileChangeType.Created }]);
  await client.waitForDiagnostics(uri, lacks('copy-source-missing'));

  // And back when it is deleted.
  fs.rmSync(created);
  await client.filesChanged([{ uri: client.uriFor(created), type: FileChangeType.Deleted }]);
  await client.waitForDiagnostics(uri, has('copy-source-missing'));
  await client.close(uri);
});

test('editing .dockerignore on disk brings copy-source-ignored and takes it away', async () => {
  fs.writeFileSync(path.join(workspace, 'app', 'secret.env'), 'x');
  const uri = await openFile('app/Dockerfile', 'FROM alpine\nCOPY secret.env /run/\n');
  await client.waitForDiagnostics(uri, (d) => lacks('copy-source-ignored')(d) && lacks('copy-source-missing')(d));
  const ignoreFile = path.join(workspace, 'app', '.dockerignore');
  fs.writeFileSync(ignoreFile, '*.env\n');
  await client.filesChanged([{ uri: client.uriFor(ignoreFile), type: FileChangeType.Created }]);
  const diags = await client.waitForDiagnostics(uri, has('copy-source-ignored'));
  assert.match(diags.find((x) => x.code === 'copy-source-ignored')!.message, /app\/\.dockerignore/);
  fs.writeFileSync(ignoreFile, '*.env\n!secret.env\n');
  await client.filesChanged([{ uri: client.uriFor(ignoreFile), type: FileChangeType.Changed }]);
  await client.waitForDiagnostics(uri, lacks('copy-source-ignored'));
  fs.rmSync(ignoreFile);
  await client.close(uri);
});

test('a compose file announced on disk sets the context of a Dockerfile in a subfolder', async () => {
  // Before issue 13, svc/Dockerfile got a warning here: its folder was assumed. Now the workspace folder,
  // where root-only.txt exists, is inferred; a compose file or the setting that says `svc` is believed.
  fs.writeFileSync(path.join(workspace, 'root-only.txt'), 'x');
  const uri = await openFile('svc/Dockerfile', 'FROM alpine\nCOPY root-only.txt /x\n');
  await client.waitForDiagnostics(uri, lacks('copy-source-missing'));
  const compose = path.join(workspace, 'compose.yaml');
  fs.writeFileSync(compose, 'services:\n  svc:\n    build:\n      context: svc\n');
  await client.filesChanged([{ uri: client.uriFor(compose), type: FileChangeType.Created }]);
  await client.waitForDiagnostics(uri, has('copy-source-missing'));
  fs.rmSync(compose);
  await client.filesChanged([{ uri: client.uriFor(compose), type: FileChangeType.Deleted }]);
  await client.waitForDiagnostics(uri, lacks('copy-source-missing'));
  // The setting does the same without a compose file.
  await client.setSettings({ buildContexts: { 'svc/Dockerfile': 'svc' } });
  await client.waitForDiagnostics(uri, has('copy-source-missing'));
  await client.setSettings({});
  await client.close(uri);
});

test('quick fixes over the protocol: ADD → COPY and the trailing /, then the diagnostics are gone', async () => {
  fs.writeFileSync(path.join(workspace, 'app', 'a.txt'), '');
  fs.writeFileSync(path.join(workspace, 'app', 'b.txt'), '');
  const text = 'FROM alpine\nADD a.txt /a\nCOPY a.txt b.txt /dir\n';
  const uri = await openFile('app/Dockerfile', text);
  const diags = await client.waitForDiagnostics(uri, (d) => has('add-prefer-copy')(d) && has('copy-multi-source-dest')(d));
  let current = text;
  for (const code of ['add-prefer-copy', 'copy-multi-source-dest']) {
    const target = diags.find((x) => x.code === code)!;
    const actions = await client.codeActions(uri, target.range, [target]);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === code));
    assert.ok(fix?.edit?.changes, `no quick fix for ${code}: ${JSON.stringify(actions)}`);
    current = applyTextEdits(current, fix.edit.changes[uri]);
  }
  assert.equal(current, 'FROM alpine\nCOPY a.txt /a\nCOPY a.txt b.txt /dir/\n');
  await client.change(uri, current);
  const afterFix = await client.waitForDiagnostics(uri);
  assert.deepEqual(afterFix.filter((d) => d.code === 'add-prefer-copy' || d.code === 'copy-multi-source-dest'), []);
  await client.close(uri);
});

test('add-remote-url offers the RUN download and ADD --chmod; source.fixAll leaves them alone', async () => {
  const text = 'FROM alpine\nADD https://example.com/tool /usr/local/bin/tool\n';
  const uri = await openFile('app/Dockerfile', text);
  const diags = await client.waitForDiagnostics(uri, has('add-remote-url'));
  const target = diags.find((x) => x.code === 'add-remote-url')!;
  assert.deepEqual(target.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 28 } });
  const actions = await client.codeActions(uri, target.range, [target]);
  const titles = actions.filter((a) => a.kind === 'quickfix').map((a) => a.title);
  assert.ok(titles.some((t) => /wget/.test(t)), titles.join(' | '));
  // A file put in a bin folder is meant to be run: mode 755.
  assert.ok(titles.some((t) => /--chmod=755/.test(t)), titles.join(' | '));
  const run = actions.find((a) => /wget/.test(a.title))!;
  const fixed = applyTextEdits(text, run.edit!.changes![uri]);
  assert.match(fixed, /^RUN mkdir -p \/usr\/local\/bin && wget -q -O \/usr\/local\/bin\/tool https:\/\/example\.com\/tool && chmod 755 \/usr\/local\/bin\/tool$/m);
  const fixAll = await client.codeActions(uri, target.range, [], ['source.fixAll']);
  for (const a of fixAll) assert.ok(!JSON.stringify(a.edit).includes('wget'), 'not applied unattended');
  await client.change(uri, fixed);
  await client.waitForDiagnostics(uri, lacks('add-remote-url'));
  await client.close(uri);
});

test('Chinese messages with a zh-cn client', async () => {
  const zh = await TestClient.start({ workspaceFolder: workspace, locale: 'zh-cn' });
  try {
    const file = path.join(workspace, 'app', 'Dockerfile');
    fs.writeFileSync(file, 'FROM alpine\nCOPY ../package.json /app/\n');
    const uri = zh.uriFor(file);
    await zh.open(uri, 'FROM alpine\nCOPY ../package.json /app/\n');
    const diags = await zh.waitForDiagnostics(uri, has('copy-outside-context'));
    const d = diags.find((x) => x.code === 'copy-outside-context')!;
    assert.match(d.message, /构建上下文/);
    assert.deepEqual(d.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 20 } });
  } finally {
    await zh.stop();
  }
});
