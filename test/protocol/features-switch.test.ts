// `dockerfileNotes.features` over the real protocol: with another Dockerfile extension active, `auto`
// turns off what its language server provides and keeps hovers, diagnostics and fixes (and what it does
// not provide: references, inlay hints); `all` and an explicit list override it. A client that registers
// capabilities dynamically gets them registered and unregistered as the setting or the set of other
// extensions changes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../helpers/lspClient';
import { OTHER_EXTENSIONS_NOTIFICATION } from '../../server/src/protocol';

const TEXT = 'FROM alpine AS base\nCMD echo hi\nFROM base\nCOPY --from=base /a /b\n';
const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };

async function withClient(options: Parameters<typeof TestClient.start>[0], run: (client: TestClient, uri: string) => Promise<void>): Promise<void> {
  const client = await TestClient.start({ workspaceFolder: os.tmpdir(), ...options });
  try {
    const uri = client.uriFor(path.join(os.tmpdir(), 'switch-test', 'Dockerfile'));
    await client.open(uri, TEXT);
    await client.waitForDiagnostics(uri);
    await run(client, uri);
  } finally {
    await client.stop();
  }
}

test('auto with the Docker extension active: its features off, hovers, diagnostics, fixes, references and inlay hints on', async () => {
  await withClient({ initializationOptions: { otherDockerfileExtensions: ['ms-azuretools.vscode-docker'] } }, async (client, uri) => {
    assert.deepEqual((await client.completion(uri, 4, 0)).items, []);
    assert.deepEqual(await client.documentSymbols(uri), []);
    assert.deepEqual(await client.format(uri), []);
    assert.deepEqual(await client.documentLinks(uri), []);
    assert.deepEqual(await client.definition(uri, 3, 13), []);
    assert.deepEqual(await client.foldingRanges(uri), []);
    assert.match(await client.hoverText(uri, 1, 1), /CMD/);
    assert.ok((await client.waitForDiagnostics(uri)).some((d) => d.code === 'cmd-shell-form'));
    assert.equal((await client.references(uri, 0, 16)).length, 3);
    assert.equal((await client.inlayHints(uri, whole)).length, 1);
  });
});

test('`all` with Docker DX active, and an explicit list', async () => {
  await withClient({ initializationOptions: { otherDockerfileExtensions: ['docker.docker'] }, settings: { features: 'all' } }, async (client, uri) => {
    await client.setSettings({ features: 'all' });
    assert.ok((await client.completion(uri, 4, 0)).items.length > 10);
    assert.equal((await client.documentSymbols(uri)).length, 2);
  });
  await withClient({ settings: { features: ['symbols'] } }, async (client, uri) => {
    await client.setSettings({ features: ['symbols'] });
    assert.equal((await client.documentSymbols(uri)).length, 2);
    assert.deepEqual((await client.completion(uri, 4, 0)).items, []);
    assert.deepEqual(await client.references(uri, 0, 16), []);
  });
});

test('dynamic registration: registered when on, unregistered when another extension appears, back with `all`', async () => {
  const dynamic = { dynamicRegistration: true };
  const capabilities = {
    textDocument: {
      completion: dynamic,
      signatureHelp: dynamic,
      documentSymbol: dynamic,
      definition: dynamic,
      references: dynamic,
      documentHighlight: dynamic,
      rename: dynamic,
      formatting: dynamic,
      rangeFormatting: dynamic,
      onTypeFormatting: dynamic,
      documentLink: dynamic,
      inlayHint: dynamic,
      foldingRange: dynamic,
    },
  };
  await withClient({ capabilities }, async (client) => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.completionProvider, undefined, 'not announced statically');
    assert.equal(caps.documentFormattingProvider, undefined);
    assert.ok(caps.hoverProvider, 'hovers are always on');
    const expected = ['completion', 'signatureHelp', 'documentSymbol', 'definition', 'references', 'documentHighlight', 'rename', 'formatting', 'rangeFormatting', 'onTypeFormatting', 'documentLink', 'inlayHint', 'foldingRange'].map((m) => `textDocument/${m}`);
    await client.waitForRegistrations((m) => expected.every((e) => m.includes(e)));

    await client.connection.sendNotification(OTHER_EXTENSIONS_NOTIFICATION, { ids: ['ms-azuretools.vscode-containers'] });
    const documentOnly = (m: string[]) => m.filter((x) => x.startsWith('textDocument/'));
    const reduced = await client.waitForRegistrations((m) => documentOnly(m).length === 2);
    assert.deepEqual(documentOnly(reduced), ['textDocument/inlayHint', 'textDocument/references']);

    await client.setSettings({ features: 'all' });
    await client.waitForRegistrations((m) => expected.every((e) => m.includes(e)));
  });
});
