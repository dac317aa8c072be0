// The server over stdio under faults and abuse: closed and unknown documents, stale diagnostics,
// `$/cancelRequest`, malformed parameters, hostile settings, hostile notes, and a run with every way to
// spawn a process, use the network or write a file made to throw (test/property/support/deny-io.cjs).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  ConfigurationRequest,
  ExecuteCommandRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  MarkupKind,
  RegistrationRequest,
} from 'vscode-languageserver-protocol/node';
import { TestClient, REPO_ROOT, applyTextEdits } from '../helpers/lspClient';
import { assertUntrustedMarkdown, isInside } from '../property/invariants';
import { CONVERT_ALL_COMMAND } from '../../server/src/protocol';

let client: TestClient;
let root = '';
const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-robust-'));
  fs.writeFileSync(path.join(root, 'a.txt'), 'a');
  client = await TestClient.start({ workspaceFolder: root });
});
after(async () => {
  await client?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('requests for unknown or closed documents answer empty', async () => {
  const never = 'file:///nowhere/never-opened/Dockerfile';
  assert.equal(await client.hover(never, 0, 0), null);
  assert.deepEqual(await client.codeActions(never, whole, []), []);
  assert.equal(await client.executeCommand(CONVERT_ALL_COMMAND, [never]), null);
  const uri = client.uriFor(path.join(root, 'closed.Dockerfile'));
  await client.open(uri, 'FROM alpine\nCMD echo hi\n');
  await client.waitForDiagnostics(uri);
  await client.close(uri);
  assert.equal(await client.hover(uri, 1, 1), null);
  assert.deepEqual(await client.codeActions(uri, whole, [], ['source.fixAll']), []);
  assert.equal(await client.executeCommand(CONVERT_ALL_COMMAND, [uri]), null);
  // Closing clears the document's diagnostics.
  const cleared = client.diagnostics.get(uri);
  assert.deepEqual(cleared?.diagnostics ?? [], []);
});

test('code actions for stale diagnostics (an older version) never touch the wrong text', async () => {
  const uri = client.uriFor(path.join(root, 'stale.Dockerfile'));
  await client.open(uri, "FROM alpine\nCMD ['a']\n");
  const old = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'exec-form-invalid-json'));
  const stale = old.find((d) => d.code === 'exec-form-invalid-json')!;
  // Same place, other instruction: the old quick fix would rewrite an ENV value.
  const text = "FROM alpine\nENV ['a'] x\n";
  await client.change(uri, text);
  await client.waitForDiagnostics(uri);
  const actions = await client.codeActions(uri, stale.range, [stale]);
  const edits = actions.filter((a) => a.kind === 'quickfix').flatMap((a) => a.edit?.changes?.[uri] ?? []);
  assert.equal(applyTextEdits(text, edits), text, `a stale diagnostic must not yield an edit: ${JSON.stringify(edits)}`);
  // A diagnostic far past the end of the text (the file shrank) yields nothing either.
  const far = { ...stale, range: { start: { line: 40, character: 2 }, end: { line: 40, character: 9 } } };
  const farActions = await client.codeActions(uri, far.range, [far]);
  for (const a of farActions) for (const e of a.edit?.changes?.[uri] ?? []) assert.ok(e.range.end.line < 3, JSON.stringify(e));
});

test('$/cancelRequest is honoured: a cancelled hover answers RequestCancelled, a cancelled code action empty', async () => {
  const uri = client.uriFor(path.join(root, 'cancel.Dockerfile'));
  // Hold the server's configuration request so that the cancellation arrives while it is waiting.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  client.connection.onRequest(ConfigurationRequest.type, async (p) => {
    await gate;
    return p.items.map(() => client.settings);
  });
  try {
    // Settings are cached per workspace folder: a settings change makes the server ask (and wait) again.
    await client.setSettings(client.settings);
    await client.open(uri, "FROM alpine\nCMD ['a']\n");
    const hoverSource = new CancellationTokenSource();
    const actionSource = new CancellationTokenSource();
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } }, hoverSource.token);
    const actions = client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [] } }, actionSource.token);
    hoverSource.cancel();
    actionSource.cancel();
    await new Promise((r) => setTimeout(r, 50));
    release();
    await assert.rejects(hover, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.deepEqual(await actions, []);
  } finally {
    release();
    client.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => client.settings));
  }
  // The document is still served normally afterwards.
  assert.ok((await client.waitForDiagnostics(uri)).some((d) => d.code === 'exec-form-invalid-json'));
  assert.match(await client.hoverText(uri, 1, 1), /CMD/);
});

test('malformed positions, ranges, edits and command arguments do not break the server', async () => {
  const uri = client.uriFor(path.join(root, 'malformed.Dockerfile'));
  const text = "FROM alpine\nCMD ['a']\n";
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  for (const [line, character] of [[-1, 0], [0, -5], [1e9, 0], [1, 1e9], [2 ** 31, 2 ** 31]]) {
    const h = await client.hover(uri, line, character);
    if (h?.range) assert.ok(h.range.end.line <= 2, JSON.stringify(h.range));
  }
  const reversed = { start: { line: 9, character: 9 }, end: { line: 0, character: 0 } };
  assert.ok(Array.isArray(await client.codeActions(uri, reversed, [])));
  const junkDiagnostic = { range: { start: { line: -3, character: -1 }, end: { line: -2, character: 0 } }, message: '', code: 'exec-form-invalid-json', source: 'dockerfile-notes', data: 'not an object' };
  const junkActions = await client.codeActions(uri, whole, [junkDiagnostic as never]);
  for (const a of junkActions) for (const e of a.edit?.changes?.[uri] ?? []) assert.ok(e.range.start.line >= 0, JSON.stringify(e));
  for (const args of [[], [42], [null], [{}], ['untitled:nope'], [uri, 'extra']]) {
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: CONVERT_ALL_COMMAND, arguments: args }).catch(() => undefined);
  }
  await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'no.such.command', arguments: [] }).catch(() => undefined);
  // Parameters of the wrong shape: an error response or an empty answer, never a dead server.
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null }).catch(() => undefined);
  await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: null }).catch(() => undefined);
  await client.connection.sendRequest('textDocument/hover', null).catch(() => undefined);
  // Edits past the end, a change for a document never opened, a second close.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: 'file:///never/opened', version: 3 },
    contentChanges: [{ text: 'FROM x' }],
  });
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: 'file:///never/opened' } });
  const v = await client.edit(uri, { start: { line: 50, character: 0 }, end: { line: 60, character: 5 } }, '\nCMD ["b"]\n');
  const after = await client.waitForDiagnostics(uri);
  assert.equal(client.diagnostics.get(uri)?.version, v);
  for (const d of after) assert.ok(d.range.end.line <= 4, JSON.stringify(d.range));
  // Still alive: a fresh document gets its diagnostics.
  const alive = client.uriFor(path.join(root, 'alive.Dockerfile'));
  await client.open(alive, "FROM a\nENTRYPOINT ['x',]\n");
  assert.ok((await client.waitForDiagnostics(alive)).some((d) => d.code === 'exec-form-invalid-json'));
});

test('hostile settings are ignored value by value, never fatal', async () => {
  let i = 0;
  for (const settings of [
    { rules: 'all-off', buildContexts: ['x'], notes: 'yes' },
    { rules: { 'exec-form-invalid-json': 42, '': 'off', __proto__: 'x' }, notes: { paths: [1, null, '', '\0', '../'.repeat(200)], language: 'klingon' } },
    { buildContexts: { '[': '..', '**': '/', '{a,b': '${workspaceFolder}/../..' } },
    null,
  ] as Array<Record<string, unknown> | null>) {
    await client.setSettings(settings as Record<string, unknown>);
    const uri = client.uriFor(path.join(root, `settings-${++i}.Dockerfile`));
    await client.open(uri, "FROM a\nCMD ['a']\nCOPY a.txt /x\n");
    const d = await client.waitForDiagnostics(uri);
    assert.ok(d.some((x) => x.code === 'exec-form-invalid-json'), JSON.stringify(settings));
    await client.hover(uri, 2, 6);
    await client.close(uri);
  }
  await client.setSettings({});
});

test('hover is MarkupContent markdown with no HTML and no command links, even from hostile notes', async () => {
  const notes = path.join(root, 'team-notes.md');
  fs.writeFileSync(
    notes,
    [
      '# COPY',
      '<img src=x onerror="alert(1)"> <script>alert(1)</script> <a href="command:workbench.action.terminal.new">x</a>',
      '[open a terminal](command:workbench.action.terminal.new) [local](file:///etc/passwd) ![img](https://example.com/x.png)',
      '[ref]: command:workbench.action.reloadWindow',
      '<!-- a hidden comment -->',
      '<details><summary>more</summary>hidden</details>',
      '```',
      'a fence never closed',
    ].join('\n'),
  );
  await client.setSettings({ notes: { paths: [notes] } });
  const uri = client.uriFor(path.join(root, 'hover.Dockerfile'));
  await client.open(uri, 'FROM alpine\nCOPY a.txt /app/\nCMD ["a"]\n');
  await client.waitForDiagnostics(uri);
  let sawUserNote = false;
  for (const [line, character] of [[0, 1], [1, 1], [1, 6], [1, 12], [2, 1], [2, 6]]) {
    const h = await client.hover(uri, line, character);
    if (!h) continue;
    const c = h.contents as { kind?: string; value?: string };
    assert.equal(c.kind, MarkupKind.Markdown, 'plain MarkupContent, no MarkedString with trust flags');
    assert.equal(Object.keys(c).sort().join(','), 'kind,value');
    assertUntrustedMarkdown(c.value ?? '');
    if ((c.value ?? '').includes('open a terminal')) sawUserNote = true;
  }
  assert.ok(sawUserNote, 'the user note was shown (as text)');
  await client.setSettings({});
});

test('the manifest restricts file-pointing settings in untrusted workspaces; the client keeps markdown untrusted', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.ok(trust.description);
  assert.deepEqual([...trust.restrictedConfigurations].sort(), ['dockerfileNotes.buildContexts', 'dockerfileNotes.notes.paths']);
  for (const key of trust.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a contributed setting`);
  const client = fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  assert.ok(!/isTrusted\s*:\s*true|supportHtml\s*:\s*true/.test(client), 'the client does not mark server markdown as trusted or HTML-capable');
  assert.match(client, /markdown:\s*\{\s*isTrusted:\s*\{\s*enabledCommands:\s*\[OPEN_PAGE_COMMAND\]\s*\}\s*\}/, 'the one command hover markdown may run is the open-page command');
  // A crashed server is restarted a bounded number of times (vscode-languageclient's default handler).
  assert.ok(!/errorHandler\s*:/.test(client), 'no custom error handler that could restart forever');
  const max = /maxRestartCount\s*:\s*(\d+)/.exec(client);
  assert.ok(!max || Number(max[1]) <= 5, 'restart count is small');
});

test('no process, no network, no writes, no reads outside the workspace and the extension', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-noio-'));
  fs.mkdirSync(path.join(ws, 'svc', 'src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'svc', 'src', 'a.js'), '1');
  fs.writeFileSync(path.join(ws, 'svc', '.dockerignore'), 'secret\n');
  fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  api:\n    build:\n      context: svc\n      dockerfile: Dockerfile\n');
  fs.writeFileSync(path.join(ws, 'notes.md'), '# RUN\nmine\n');
  const outside = path.join(path.dirname(ws), `dfn-noio-outside-${process.pid}`);
  fs.mkdirSync(outside, { recursive: true });
  fs.symlinkSync(outside, path.join(ws, 'svc', 'escape'));
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --require ${path.join(REPO_ROOT, 'test', 'property', 'support', 'deny-io.cjs')}`.trim();
  let guarded: TestClient | undefined;
  const stderr: string[] = [];
  try {
    guarded = await TestClient.start({ workspaceFolder: ws, settings: { notes: { paths: ['notes.md'] } } });
    guarded.process.stderr.on('data', (b: Buffer) => stderr.push(b.toString()));
    const uri = guarded.uriFor(path.join(ws, 'svc', 'Dockerfile'));
    const text = "FROM node AS b\nCOPY src/ missing/ escape/x ../../etc/passwd /app/\nCOPY secret /s\nRUN npm ci\nCMD node src/a.js\nENTRYPOINT ['x']\n";
    await guarded.open(uri, text);
    const diags = await guarded.waitForDiagnostics(uri);
    for (let line = 0; line < 6; line++) for (const ch of [0, 5, 12, 20]) await guarded.hover(uri, line, ch);
    for (const d of diags) await guarded.codeActions(uri, d.range, [d]);
    await guarded.codeActions(uri, whole, diags, ['source.fixAll']);
    await guarded.executeCommand(CONVERT_ALL_COMMAND, [uri]);
    await guarded.filesChanged([{ uri: guarded.uriFor(path.join(ws, 'svc', '.dockerignore')), type: 2 }]);
    await guarded.change(uri, text + 'COPY a /b\n');
    await guarded.waitForDiagnostics(uri);
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
    await guarded?.stop();
  }
  const log = stderr.join('');
  assert.ok(guarded, 'the server started under the guard');
  assert.deepEqual(log.split('\n').filter((l) => l.startsWith('DFN-DENIED')), [], 'no process, socket, name lookup or write');
  const reads = log.split('\n').filter((l) => l.startsWith('DFN-READ ')).map((l) => path.resolve(l.slice('DFN-READ '.length)));
  assert.ok(reads.length > 0, 'the read log works');
  const allowed = [ws, REPO_ROOT];
  assert.deepEqual(reads.filter((p) => !allowed.some((a) => isInside(a, p))), [], 'reads stay in the workspace and the extension');
  assert.deepEqual(reads.filter((p) => isInside(outside, p)), [], 'a link out of the context is not followed');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

test('a client that refuses dynamic registration does not crash the server', async () => {
  const refusing = await TestClient.start();
  let exited: number | null = null;
  refusing.process.on('exit', (code) => (exited = code));
  // Installed before the server's registration requests arrive (they follow `initialized`).
  refusing.connection.onRequest(RegistrationRequest.type, () => {
    throw new ResponseError(-32601, 'this client registers nothing');
  });
  try {
    const uri = 'untitled:refusing';
    // A few round trips, so that the registrations have been answered (and refused) by now.
    for (let i = 0; i < 3; i++) await refusing.hover('untitled:none', 0, 0);
    await refusing.open(uri, "FROM a\nCMD ['a']\n");
    assert.ok((await refusing.waitForDiagnostics(uri)).some((d) => d.code === 'exec-form-invalid-json'));
    assert.equal(exited, null, 'the server is still running');
  } finally {
    await refusing.stop();
  }
});

test('the server exits when the client closes its stdin: 1 without a shutdown request, 0 after one', async () => {
  for (const shutdownFirst of [false, true]) {
    const c = await TestClient.start();
    const exit = new Promise<number | null>((resolve) => c.process.on('exit', (code) => resolve(code)));
    if (shutdownFirst) await c.connection.sendRequest('shutdown');
    c.process.stdin.end();
    const code = await Promise.race([exit, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') c.process.kill();
    assert.equal(code, shutdownFirst ? 0 : 1);
  }
});
