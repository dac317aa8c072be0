// When the server validates, over the real protocol: a burst of queued edits is analysed once (the newest
// version), a large document's analysis gives way to other requests and to a newer version, and change ranges
// outside the document are clamped into it instead of corrupting the document store. Time budgets are the
// tests' `timeout` options; the assertions are about order and counts, never about durations.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { STRESS_10K, STRESS_100K, absent } from '../helpers/shared';

let client: TestClient;
let root = '';
const invalidJsonLines = (d: Array<{ code?: unknown; range: { start: { line: number } } }>) =>
  d.filter((x) => x.code === 'exec-form-invalid-json').map((x) => x.range.start.line);

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-scheduling-'));
  client = await TestClient.start({ workspaceFolder: root });
  // Settings are asked once per workspace folder: read them now, so that later validations start at once.
  const warm = client.uriFor(path.join(root, 'warm.Dockerfile'));
  await client.open(warm, 'FROM alpine\n');
  await client.waitForDiagnostics(warm);
});
after(async () => {
  await client?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('change ranges outside the document are clamped into it, and later edits still apply', { timeout: 20000 }, async () => {
  const uri = client.uriFor(path.join(root, 'ranges.Dockerfile'));
  await client.open(uri, "FROM alpine\nCMD ['a']\n");
  await client.waitForDiagnostics(uri);
  let version = 1;
  const change = (range: unknown, text: string) =>
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: range as never, text }],
    });
  const at = (line: number, character: number) => ({ line, character });
  // Past the last line: the end of the text (the library would write a line offset at index 1e9 + 1).
  await change({ start: at(1e9, 0), end: at(1e9 + 1, 0) }, '\n');
  await change({ start: at(1e9, 5), end: at(1e9, 7) }, 'ENV A=1\n');
  // Negative: the start of the text.
  await change({ start: at(-5, -5), end: at(-1, 0) }, '# top\n');
  // Reversed: put in order (line 1, "FROM alpine", becomes "FROM busybox").
  await change({ start: at(2, 0), end: at(1, 0) }, 'FROM busybox\n');
  // Not numbers: dropped.
  await change({ start: at(Number.NaN, 0), end: { line: '3', character: 0 } }, 'RUN dropped\n');
  await change({ start: null, end: null }, 'RUN dropped\n');
  // Ordinary multi-line edits afterwards: "CMD ['a']" (line 2) becomes two instructions, then one more line.
  await change({ start: at(2, 0), end: at(3, 0) }, "CMD ['b']\nENTRYPOINT ['c']\n");
  await change({ start: at(5, 0), end: at(5, 0) }, "HEALTHCHECK CMD ['d']\n");
  // "# top\nFROM busybox\nCMD ['b']\nENTRYPOINT ['c']\n\nHEALTHCHECK CMD ['d']\nENV A=1\n"
  const published = await new Promise<ReturnType<typeof client.diagnostics.get>>((resolve) => {
    const poll = () => {
      const p = client.diagnostics.get(uri);
      if (p?.version === version) resolve(p);
      else setTimeout(poll, 20);
    };
    poll();
  });
  assert.deepEqual(invalidJsonLines(published!.diagnostics), [2, 3, 5]);
  assert.match(await client.hoverText(uri, 1, 1), /FROM/);
  assert.match(await client.hoverText(uri, 3, 1), /ENTRYPOINT/);
  assert.match(await client.hoverText(uri, 6, 1), /ENV/);
  assert.ok(client.logs.some((l) => /ignored a change .* whose range is not a range/.test(l)), 'the dropped changes are logged');
});

test('a burst of 1,000 queued edits is analysed once, for the newest version', { skip: absent(STRESS_10K), timeout: 60000 }, async () => {
  const uri = client.uriFor(path.join(root, 'burst.Dockerfile'));
  const text = fs.readFileSync(STRESS_10K, 'utf8');
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, undefined, 30000);
  const before = invalidJsonLines(client.diagnostics.get(uri)!.diagnostics);
  const publishedBefore = client.publishCounts.get(uri) ?? 0;
  // 999 one-character edits on line 1 (a comment), then one that adds a finding on a new line 2.
  const edits: Array<Promise<number>> = [];
  for (let i = 0; i < 999; i++) edits.push(client.edit(uri, { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, 'x'));
  edits.push(client.edit(uri, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, "CMD ['burst']\n"));
  const versions = await Promise.all(edits);
  const newest = versions[versions.length - 1];
  const diagnostics = await client.waitForDiagnostics(uri, undefined, 50000);
  assert.equal(client.diagnostics.get(uri)?.version, newest);
  assert.deepEqual(invalidJsonLines(diagnostics), [2, ...before.map((l) => (l >= 2 ? l + 1 : l))]);
  // Queued edits are not analysed one by one: a handful of publications at most (versions that were
  // complete when the server found no further change queued), not one per edit.
  const published = (client.publishCounts.get(uri) ?? 0) - publishedBefore;
  assert.ok(published <= 10, `${published} publications for 1,000 edits`);
});

test('requests are answered while a large document is analysed, and a newer version supersedes the analysis', { skip: absent(STRESS_100K), timeout: 120000 }, async () => {
  const uri = client.uriFor(path.join(root, 'large.Dockerfile'));
  const warm = client.uriFor(path.join(root, 'warm.Dockerfile'));
  const text = fs.readFileSync(STRESS_100K, 'utf8');
  const lines = text.split('\n').length;
  await client.open(uri, text);
  // Another document's hover, sent right after the large one: answered between slices of its analysis.
  assert.match(await client.hoverText(warm, 0, 1), /FROM/);
  assert.equal(client.diagnostics.get(uri), undefined, 'the hover was answered before the analysis of version 1 ended');
  // A newer version while version 1 is still being analysed: only version 2 is ever published.
  const v2 = await client.edit(uri, { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, "FROM alpine AS superseding\nCMD ['late']\n");
  const diagnostics = await client.waitForDiagnostics(uri, undefined, 110000);
  assert.equal(client.diagnostics.get(uri)?.version, v2);
  assert.ok(invalidJsonLines(diagnostics).includes(lines), 'the finding on the line version 2 added');
  assert.equal(client.publishCounts.get(uri), 1, 'version 1 was never published');
  assert.match(await client.hoverText(uri, 3, 1), /ARG/);
});

test('past its time budget a validation reports analysis-incomplete with the checks it skipped, never a clean file', { timeout: 60000 }, async () => {
  // A budget of 1 ms of parse and analysis: the parse of a few thousand lines alone spends it, so every rule
  // family is left out and one info finding says so. The same text under the default budget gets its findings.
  const text = `FROM alpine\n${'RUN echo hello \\\n  world\n'.repeat(3000)}CMD ['run']\nADD app.tar.gz /app/\n`;
  const tight = await TestClient.start({ workspaceFolder: root, initializationOptions: { analysisBudgetMs: 1 } });
  try {
    const uri = tight.uriFor(path.join(root, 'budget.Dockerfile'));
    await tight.open(uri, text);
    const diagnostics = await tight.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['analysis-incomplete']);
    assert.match(diagnostics[0].message, /time budget/);
    assert.match(diagnostics[0].message, /CMD\/ENTRYPOINT/);
  } finally {
    await tight.stop();
  }
  const uri = client.uriFor(path.join(root, 'budget.Dockerfile'));
  await client.open(uri, text);
  const normal = await client.waitForDiagnostics(uri);
  assert.ok(normal.some((d) => d.code === 'exec-form-invalid-json'), JSON.stringify(normal.map((d) => d.code)));
  assert.ok(!normal.some((d) => d.code === 'analysis-incomplete'));
});
