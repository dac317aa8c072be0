// Restricted Mode over the real protocol (initializationOptions.workspaceTrusted: false): a compose file of the
// workspace that says `context: /` or `../../..` is not used, so no hover, link, definition or completion
// confirms that a system file exists or lists a folder outside the workspace; a context outside the workspace
// that is used anyway (the Dockerfile opened from outside the workspace) is probed only for the literal sources
// the Dockerfile names and never listed or described; a workspace-relative `notes.paths` from the user's
// settings is not read. Each case is also run trusted, where the same request does describe the outside, so
// the assertions can tell the two apart.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, DocumentLink, MarkupContent } from 'vscode-languageserver-protocol/node';
import { DocumentLinkRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { TempFolders, writeFiles } from '../helpers/tempFolders';

const folders = new TempFolders();
const clients: TestClient[] = [];

async function start(folder: string, trusted: boolean, settings: Record<string, unknown> = {}): Promise<TestClient> {
  const c = await TestClient.start({ workspaceFolder: folder, initializationOptions: { workspaceTrusted: trusted }, settings: { features: 'all', ...settings } });
  clients.push(c);
  return c;
}

async function open(c: TestClient, file: string): Promise<string> {
  const uri = c.uriFor(file);
  await c.open(uri, fs.readFileSync(file, 'utf8'));
  await c.waitForDiagnostics(uri);
  return uri;
}

async function links(c: TestClient, uri: string): Promise<string[]> {
  const result = ((await c.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } })) ?? []) as DocumentLink[];
  return result.map((l) => l.target ?? '');
}

const labels = (items: CompletionItem[]) => items.map((i) => (typeof i.label === 'string' ? i.label : ''));

after(async () => {
  for (const c of clients) await c.stop();
  folders.removeAll();
});

// `/etc/passwd` exists on every Linux machine; `/etc` and `/home` are folders of `/`.
const DOCKERFILE = 'FROM alpine\nCOPY etc/passwd /x\nCOPY etc/pass* /y/\nCOPY home/* /h/\nCOPY local.txt /l\n';

/**
 * Files of the workspace that declare a build of app/Dockerfile with a context outside it, and whether a
 * trusted workspace uses that context (a workflow's context cannot leave the checked-out repository: its
 * reader drops it in any mode).
 */
const DECLARATIONS: Array<[string, (root: string) => Record<string, string>, boolean?]> = [
  ['compose `context: /`', (root) => ({ 'compose.yaml': `services:\n  evil:\n    build:\n      context: /\n      dockerfile: ${path.join(root, 'app/Dockerfile')}\n` })],
  ['compose `context: ../../..`', (root) => ({ 'compose.yaml': `services:\n  evil:\n    build:\n      context: ${'../'.repeat(root.split('/').length)}\n      dockerfile: ${path.join(root, 'app/Dockerfile')}\n` })],
  ['bake `context = "/"`', (root) => ({ 'docker-bake.hcl': `target "evil" {\n  context = "/"\n  dockerfile = "${path.join(root, 'app/Dockerfile')}"\n}\n` })],
  [
    'a workflow\'s build-push-action `context: ../../..`',
    (root) => ({
      '.github/workflows/build.yml': `on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v6\n        with:\n          context: ${'../'.repeat(root.split('/').length)}\n          file: app/Dockerfile\n`,
    }),
    false,
  ],
];

for (const [name, declaration, usedWhenTrusted = true] of DECLARATIONS) {
  test(`Restricted Mode: ${name} is not used; nothing of / is confirmed, listed or linked; trusted, it is`, { timeout: 60_000 }, async () => {
    const root = folders.make('dfn-proto-trust-');
    writeFiles(root, { ...declaration(root), 'app/Dockerfile': DOCKERFILE, 'app/local.txt': '' });

    const restricted = await start(root, false);
    const uri = await open(restricted, path.join(root, 'app/Dockerfile'));
    const passwd = await restricted.hoverText(uri, 1, 8);
    assert.doesNotMatch(passwd, /It exists/);
    assert.doesNotMatch(passwd, /Build context: `\/`|\/etc\/passwd|Resolves to/);
    if (usedWhenTrusted) assert.match(passwd, /Restricted Mode: 1 declared build context\(s\) outside the workspace folder are not used/);
    assert.doesNotMatch(await restricted.hoverText(uri, 2, 8), /Matches in the build context|passwd`/);
    assert.doesNotMatch(await restricted.hoverText(uri, 0, 1), /Build context: `\/`/);
    assert.deepEqual((await links(restricted, uri)).filter((t) => t.includes('/etc/')), []);
    assert.deepEqual(await restricted.definition(uri, 1, 8), []);
    const listed = labels((await restricted.completion(uri, 4, 5)).items);
    assert.ok(!listed.includes('etc/') && !listed.includes('home/'), listed.join(' '));

    const trusted = await start(root, true);
    const uri2 = await open(trusted, path.join(root, 'app/Dockerfile'));
    if (!usedWhenTrusted) {
      assert.doesNotMatch(await trusted.hoverText(uri2, 1, 8), /It exists|Resolves to/);
      return;
    }
    assert.match(await trusted.hoverText(uri2, 1, 8), /It exists \(a file\)/);
    assert.match(await trusted.hoverText(uri2, 0, 1), /Build context: `\/`/);
    assert.ok((await links(trusted, uri2)).some((t) => t.endsWith('/etc/passwd')));
    assert.ok(labels((await trusted.completion(uri2, 4, 5)).items).includes('etc/'));
  });
}

test('Restricted Mode: a Dockerfile opened from outside the workspace: its folder is never listed, linked or described', { timeout: 60_000 }, async () => {
  const ws = folders.make('dfn-proto-trust-ws-');
  writeFiles(ws, { 'Dockerfile': 'FROM alpine\n' });
  const elsewhere = folders.make('dfn-proto-trust-outside-');
  writeFiles(elsewhere, { 'Dockerfile': 'FROM alpine\nCOPY secret.txt /s\nCOPY sec* /t/\nCOPY \n', 'secret.txt': 'x', 'second-secret.txt': 'x' });

  const restricted = await start(ws, false);
  const uri = await open(restricted, path.join(elsewhere, 'Dockerfile'));
  const hover = await restricted.hoverText(uri, 1, 7);
  assert.doesNotMatch(hover, /It exists|Resolves to|Nothing by that name/);
  assert.match(hover, /outside the workspace folder: in Restricted Mode it is not read/);
  assert.doesNotMatch(await restricted.hoverText(uri, 2, 7), /Matches|second-secret/);
  assert.deepEqual((await links(restricted, uri)).filter((t) => t.startsWith('file:')), []);
  assert.deepEqual(await restricted.definition(uri, 1, 7), []);
  assert.deepEqual(await restricted.definition(uri, 2, 7), []);
  assert.deepEqual(labels((await restricted.completion(uri, 3, 5)).items).filter((l) => /secret/.test(l)), []);

  const trusted = await start(ws, true);
  const uri2 = await open(trusted, path.join(elsewhere, 'Dockerfile'));
  assert.match(await trusted.hoverText(uri2, 1, 7), /It exists/);
  assert.equal((await links(trusted, uri2)).filter((t) => t.startsWith('file:')).length, 1);
  assert.equal((await trusted.definition(uri2, 2, 7)).length, 2);
  assert.ok(labels((await trusted.completion(uri2, 3, 5)).items).includes('second-secret.txt'));
});

test('Restricted Mode: a build context outside the workspace from the user\'s own settings is probed only for named sources, never listed or described', { timeout: 60_000 }, async () => {
  const ws = folders.make('dfn-proto-trust-setting-');
  writeFiles(ws, { 'Dockerfile': DOCKERFILE });
  const settings = { buildContexts: { Dockerfile: '/' } };
  const restricted = await start(ws, false, settings);
  const uri = await open(restricted, path.join(ws, 'Dockerfile'));
  const passwd = await restricted.hoverText(uri, 1, 8);
  assert.doesNotMatch(passwd, /It exists|Resolves to|Build context: `\/`/);
  assert.match(passwd, /outside the workspace folder: in Restricted Mode it is not read/);
  assert.doesNotMatch(await restricted.hoverText(uri, 2, 8), /Matches in the build context/);
  assert.doesNotMatch(await restricted.hoverText(uri, 0, 1), /Build context: `\/`/);
  assert.deepEqual((await links(restricted, uri)).filter((t) => t.startsWith('file:')), []);
  assert.deepEqual(await restricted.definition(uri, 1, 8), []);
  assert.deepEqual(labels((await restricted.completion(uri, 4, 5)).items).filter((l) => l === 'etc/' || l === 'home/'), []);

  const trusted = await start(ws, true, settings);
  const uri2 = await open(trusted, path.join(ws, 'Dockerfile'));
  assert.match(await trusted.hoverText(uri2, 1, 8), /It exists \(a file\)/);
  assert.ok(labels((await trusted.completion(uri2, 4, 5)).items).includes('etc/'));
});

test('Restricted Mode: a workspace-relative notes.paths from user settings shows in no hover or completion; an absolute one does', { timeout: 60_000 }, async () => {
  const ws = folders.make('dfn-proto-trust-notes-');
  const own = folders.make('dfn-proto-trust-own-');
  writeFiles(ws, { 'Dockerfile': 'FROM alpine\nCOPY a /b\n', 'notes.md': '## COPY\n\nfrom-the-workspace-file\n' });
  writeFiles(own, { 'mine.md': '## COPY\n\nfrom-my-own-file\n' });
  const settings = { notes: { paths: ['notes.md', path.join(own, 'mine.md')] } };
  const gist = async (c: TestClient, uri: string): Promise<string> => {
    const item = (await c.completion(uri, 2, 2)).items.find((i) => i.label === 'COPY');
    assert.ok(item, 'COPY is offered');
    const resolved = await c.resolveCompletion(item);
    const doc = resolved.documentation as MarkupContent | string | undefined;
    return typeof doc === 'string' ? doc : (doc?.value ?? '');
  };

  const restricted = await start(ws, false, settings);
  const uri = await open(restricted, path.join(ws, 'Dockerfile'));
  await restricted.change(uri, 'FROM alpine\nCOPY a /b\nCO\n');
  const hover = await restricted.hoverText(uri, 1, 1);
  assert.doesNotMatch(hover, /from-the-workspace-file/);
  assert.match(hover, /from-my-own-file/);
  const doc = await gist(restricted, uri);
  assert.doesNotMatch(doc, /from-the-workspace-file/);
  assert.match(doc, /from-my-own-file/);

  const trusted = await start(ws, true, settings);
  const uri2 = await open(trusted, path.join(ws, 'Dockerfile'));
  await trusted.change(uri2, 'FROM alpine\nCOPY a /b\nCO\n');
  assert.match(await trusted.hoverText(uri2, 1, 1), /from-the-workspace-file/);
  assert.match(await gist(trusted, uri2), /from-the-workspace-file/);
});
