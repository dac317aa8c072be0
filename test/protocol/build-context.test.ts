// The build context over the real protocol: hovers that name it and its evidence, the requests behind the
// status bar and "Set Build Context…" (and the diagnostics after the setting is written), re-checks when a
// declaration file changes on disk, several declared contexts, hints for an inferred context, and
// Restricted Mode (initializationOptions.workspaceTrusted) against a compose file that points outside.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { TempFolders, writeFiles } from '../helpers/tempFolders';
import { BUILD_CONTEXT_REQUEST, BUILD_CONTEXT_SETTING_REQUEST, SET_BUILD_CONTEXT_COMMAND } from '../../server/src/protocol';
import type { BuildContextInfo, BuildContextSetting } from '../../server/src/protocol';

const folders = new TempFolders();
const clients: TestClient[] = [];
let workspace: string;
let client: TestClient;

/** Writes files and tells the server, as VS Code's file watcher would. */
async function create(c: TestClient, root: string, files: Record<string, string>): Promise<void> {
  writeFiles(root, files);
  await c.filesChanged(Object.keys(files).map((rel) => ({ uri: c.uriFor(path.join(root, rel)), type: FileChangeType.Created })));
}

async function start(folder: string, options: Parameters<typeof TestClient.start>[0] = {}): Promise<TestClient> {
  const c = await TestClient.start({ workspaceFolder: folder, ...options });
  clients.push(c);
  return c;
}

async function open(c: TestClient, root: string, rel: string): Promise<string> {
  const file = path.join(root, rel);
  const uri = c.uriFor(file);
  await c.open(uri, fs.readFileSync(file, 'utf8'));
  return uri;
}

const missing = (d: Diagnostic[]) => d.filter((x) => x.code === 'copy-source-missing');

before(async () => {
  workspace = folders.make('dfn-proto-ctx-');
  client = await start(workspace);
});
after(async () => {
  for (const c of clients) await c.stop();
  folders.removeAll();
});

test('a monorepo Dockerfile declared in a compose file: no false warning, and hovers name the context and its evidence', async () => {
  await create(client, workspace, {
    'mono/compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: apps/web/Dockerfile\n',
    'mono/apps/web/Dockerfile': 'FROM node:20\nCOPY package.json pnpm-lock.yaml ./\nCOPY apps/web ./apps/web\n',
    'mono/package.json': '{}',
    'mono/pnpm-lock.yaml': '',
  });
  const uri = await open(client, workspace, 'mono/apps/web/Dockerfile');
  const diags = await client.waitForDiagnostics(uri);
  assert.deepEqual(missing(diags), []);
  const source = await client.hoverText(uri, 1, 6);
  assert.match(source, /It exists \(a file\)/);
  assert.match(source, /Build context: `mono` — declared for service `web` in `mono\/compose\.yaml:\d+`/);
  const from = await client.hoverText(uri, 0, 7);
  assert.match(from, /Base image `node:20`/);
  assert.match(from, /Build context: `mono` — declared for service `web`/);
  const keyword = await client.hoverText(uri, 0, 1);
  assert.match(keyword, /Build context: `mono`/);
  await client.close(uri);
});

test('an inferred context: the hover gives the reason, a source found only in another candidate is a hint with a fix that sets the context', async () => {
  await create(client, workspace, {
    'inf/svc/Dockerfile': 'FROM alpine\nCOPY a.txt b.txt /x/\nCOPY shared/c.txt /y/\n',
    'inf/svc/a.txt': '',
    'inf/svc/b.txt': '',
    'shared/c.txt': '',
  });
  const uri = await open(client, workspace, 'inf/svc/Dockerfile');
  const diags = await client.waitForDiagnostics(uri, (d) => missing(d).length === 1);
  const [hint] = missing(diags);
  assert.equal(hint.severity, 4, 'a hint, not a warning');
  assert.match(hint.message, /"shared\/c\.txt" is not in the build context "inf\/svc" \(inferred\) but exists in "\."/);
  const md = await client.hoverText(uri, 1, 6);
  assert.match(md, /Build context: `inf\/svc` — inferred: nothing declares this build, and 2 of its 3 local sources exist there/);
  assert.match(md, /Click the build context in the status bar/);
  const onHint = await client.hoverText(uri, 2, 8);
  // The hint at this position already names the context and where the file exists: the hover does not
  // repeat it, and says how to change the context.
  assert.doesNotMatch(onHint, /It exists in `\.`/);
  assert.match(onHint, /Click the build context in the status bar/);
  const actions = await client.codeActions(uri, hint.range, [hint]);
  const set = actions.find((a) => a.command?.command === SET_BUILD_CONTEXT_COMMAND && a.command.arguments?.length === 2);
  assert.ok(set, JSON.stringify(actions));
  assert.equal(set.title, 'Build this Dockerfile from . (saved in the workspace settings)');
  assert.deepEqual(set.command!.arguments, [uri, workspace]);
  assert.equal(set.edit, undefined, 'it edits no text');
  assert.ok(actions.some((a) => a.command?.command === SET_BUILD_CONTEXT_COMMAND && a.command.arguments?.length === 1), 'and the picker');
  await client.close(uri);
});

test('the build-context request and the settings entry; once the client writes it, the diagnostics follow', async () => {
  await create(client, workspace, {
    'pick/app/Dockerfile': 'FROM alpine\nCOPY a.txt /a\nCOPY top.txt /t\n',
    'pick/app/a.txt': '',
    'pick/top.txt': '',
  });
  const uri = await open(client, workspace, 'pick/app/Dockerfile');
  await client.waitForDiagnostics(uri, (d) => missing(d).length === 1 && missing(d)[0].severity === 4);
  const info = (await client.connection.sendRequest(BUILD_CONTEXT_REQUEST, { uri })) as BuildContextInfo;
  assert.equal(info.origin, 'inferred');
  assert.equal(info.certain, false);
  assert.equal(info.label, 'pick/app');
  assert.equal(info.root, path.join(workspace, 'pick/app'));
  assert.match(info.description, /^inferred: nothing declares how this Dockerfile is built, and 1 of its 2 local sources exist there/);
  assert.equal(info.sources, 2);
  assert.deepEqual(info.candidates.map((c) => [c.label, c.found]), [['pick/app', 1], ['pick', 1], ['.', 0]]);
  assert.equal(info.workspaceFolder, workspace);
  assert.equal(info.restricted, false);
  // The entry for the folder the user picks: a glob of exactly this file → the folder, workspace-relative.
  const entry = (await client.connection.sendRequest(BUILD_CONTEXT_SETTING_REQUEST, { uri, folder: path.join(workspace, 'pick') })) as BuildContextSetting;
  assert.deepEqual(entry, { scopeUri: client.uriFor(workspace), key: 'pick/app/Dockerfile', value: 'pick' });
  // What the VS Code client does with it: write the workspace setting (the server is told the settings changed).
  await client.setSettings({ buildContexts: { [entry.key]: entry.value } });
  const after = await client.waitForDiagnostics(uri, (d) => missing(d).some((x) => x.severity === 2));
  assert.deepEqual(missing(after).map((d) => [d.range.start.line, d.severity]), [[1, 2]], 'a.txt is now really missing; top.txt is found');
  assert.match(missing(after)[0].message, /from the dockerfileNotes\.buildContexts entry "pick\/app\/Dockerfile"/);
  const now = (await client.connection.sendRequest(BUILD_CONTEXT_REQUEST, { uri })) as BuildContextInfo;
  assert.deepEqual([now.origin, now.certain, now.label], ['setting', true, 'pick']);
  await client.setSettings({});
  // No workspace folder holds it: no entry, the client says so.
  const stray = folders.make('dfn-proto-ctx-stray-');
  writeFiles(stray, { Dockerfile: 'FROM alpine\n' });
  assert.equal(await client.connection.sendRequest(BUILD_CONTEXT_SETTING_REQUEST, { uri: client.uriFor(path.join(stray, 'Dockerfile')), folder: stray }), null);
  assert.equal(await client.connection.sendRequest(BUILD_CONTEXT_REQUEST, { uri: 'untitled:Untitled-1' }), null);
  await client.close(uri);
});

test('a compose or bake file edited on disk and announced with didChangeWatchedFiles changes the diagnostics', async () => {
  const root = folders.make('dfn-proto-ctx-watch-');
  writeFiles(root, {
    'docker/Dockerfile': 'FROM alpine\nCOPY go.mod go.sum ./\n',
    'docker/go.mod': '',
    'go.mod': '',
    'go.sum': '',
  });
  const c = await start(root);
  const uri = await open(c, root, 'docker/Dockerfile');
  // Inferred: the root has both files.
  await c.waitForDiagnostics(uri, (d) => missing(d).length === 0);
  const compose = path.join(root, 'deploy', 'compose.yaml');
  // Written to a new folder and announced alone, as VS Code may do.
  await create(c, root, { 'deploy/compose.yaml': 'services:\n  app:\n    build:\n      context: ../docker\n' });
  const declared = await c.waitForDiagnostics(uri, (d) => missing(d).length === 1);
  assert.match(missing(declared)[0].message, /"go\.sum" matches nothing in the build context "docker" \(the context of service app, declared in deploy\/compose\.yaml:\d+\)/);
  assert.equal(missing(declared)[0].severity, 2);
  // Edited: the context is now the root.
  fs.writeFileSync(compose, 'services:\n  app:\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile\n');
  await c.filesChanged([{ uri: c.uriFor(compose), type: FileChangeType.Changed }]);
  await c.waitForDiagnostics(uri, (d) => missing(d).length === 0);
  assert.match(await c.hoverText(uri, 1, 6), /Build context: `\.` — declared for service `app` in `deploy\/compose\.yaml:\d+`/);
  // Back to the `docker` context, then the folder holding the compose file is deleted (one event, for the folder).
  fs.writeFileSync(compose, 'services:\n  app:\n    build: ../docker\n');
  await c.filesChanged([{ uri: c.uriFor(compose), type: FileChangeType.Changed }]);
  await c.waitForDiagnostics(uri, (d) => missing(d).length === 1);
  fs.rmSync(path.join(root, 'deploy'), { recursive: true });
  await c.filesChanged([{ uri: c.uriFor(path.join(root, 'deploy')), type: FileChangeType.Deleted }]);
  await c.waitForDiagnostics(uri, (d) => missing(d).length === 0);
  // A bake file: created (context docker → go.sum missing), then edited to the root.
  const bake = path.join(root, 'docker-bake.hcl');
  await create(c, root, { 'docker-bake.hcl': 'target "app" {\n  context = "docker"\n  dockerfile = "Dockerfile"\n}\n' });
  const baked = await c.waitForDiagnostics(uri, (d) => missing(d).length === 1);
  assert.match(missing(baked)[0].message, /the context of bake target app, declared in docker-bake\.hcl:2/);
  fs.writeFileSync(bake, 'target "app" {\n  context = "."\n  dockerfile = "docker/Dockerfile"\n}\n');
  await c.filesChanged([{ uri: c.uriFor(bake), type: FileChangeType.Changed }]);
  await c.waitForDiagnostics(uri, (d) => missing(d).length === 0);
  assert.match(await c.hoverText(uri, 1, 6), /Build context: `\.` — declared for bake target `app` in `docker-bake\.hcl:2`/);
  await c.close(uri);
});

test('several declared contexts: each is checked and each message names its build', async () => {
  await create(client, workspace, {
    'multi/compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n  worker:\n    build: svc\n',
    'multi/svc/Dockerfile': 'FROM alpine\nCOPY run.sh /\nCOPY root.txt /\n',
    'multi/svc/run.sh': '',
    'multi/root.txt': '',
  });
  const uri = await open(client, workspace, 'multi/svc/Dockerfile');
  const diags = await client.waitForDiagnostics(uri, (d) => missing(d).length === 2);
  const byLine = new Map(missing(diags).map((d) => [d.range.start.line, d]));
  assert.match(byLine.get(1)!.message, /"run\.sh" matches nothing in the build context "multi" \(the context of service api, declared in multi\/compose\.yaml:\d+\)/);
  assert.match(byLine.get(2)!.message, /"root\.txt" matches nothing in the build context "multi\/svc" \(the context of service worker, declared in multi\/compose\.yaml:\d+\)/);
  const info = (await client.connection.sendRequest(BUILD_CONTEXT_REQUEST, { uri })) as BuildContextInfo;
  assert.deepEqual(info.contexts.map((x) => [x.label, x.evidence?.name]).sort(), [['multi', 'api'], ['multi/svc', 'worker']]);
  await client.close(uri);
});

test('Restricted Mode: a compose context outside the workspace folder is not used and nothing outside is described; trusted, it is', async () => {
  const outside = folders.make('dfn-proto-ctx-outside-');
  writeFiles(outside, { 'etc/shadow': 'root:*:', 'home/alice/notes.txt': '', 'home/bob/notes.txt': '' });
  const root = folders.make('dfn-proto-ctx-trust-');
  const context = path.relative(root, outside);
  writeFiles(root, {
    'compose.yaml': `services:\n  evil:\n    build:\n      context: ${context}\n      dockerfile: ${path.relative(outside, path.join(root, 'app/Dockerfile'))}\n`,
    'app/Dockerfile': 'FROM alpine\nCOPY etc/shadow /x\nCOPY home/* /h/\nCOPY local.txt /l\n',
    'app/local.txt': '',
  });
  const escaped = outside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const restricted = await start(root, { initializationOptions: { workspaceTrusted: false } });
  const uri = await open(restricted, root, 'app/Dockerfile');
  const diags = await restricted.waitForDiagnostics(uri);
  // The context is inferred inside the workspace (app/, where local.txt exists).
  assert.deepEqual(missing(diags).map((d) => d.range.start.line).sort(), [1, 2]);
  for (const d of diags) assert.doesNotMatch(d.message, new RegExp(escaped));
  const shadow = await restricted.hoverText(uri, 1, 8);
  assert.doesNotMatch(shadow, new RegExp(escaped));
  assert.doesNotMatch(shadow, /It exists/);
  assert.match(shadow, /Restricted Mode: 1 declared build context\(s\) outside the workspace folder are not used/);
  const home = await restricted.hoverText(uri, 2, 7);
  assert.doesNotMatch(home, /alice|bob/);
  const info = (await restricted.connection.sendRequest(BUILD_CONTEXT_REQUEST, { uri })) as BuildContextInfo;
  assert.deepEqual([info.restricted, info.origin, info.label], [true, 'inferred', 'app']);
  assert.ok(info.candidates.every((c) => !c.root.startsWith(outside)));

  const trusted = await start(root, { initializationOptions: { workspaceTrusted: true } });
  const uri2 = await open(trusted, root, 'app/Dockerfile');
  const trustedDiags = await trusted.waitForDiagnostics(uri2);
  assert.deepEqual(missing(trustedDiags).map((d) => d.range.start.line), [3], 'the declared context is used: local.txt is not there');
  assert.match(await trusted.hoverText(uri2, 1, 8), /It exists \(a file\)/);
  assert.match(await trusted.hoverText(uri2, 2, 7), /Matches in the build context: 2/);
});
