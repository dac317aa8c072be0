// When the server validates, over the real protocol: a burst of queued edits is analysed once (the newest
// version), a large document's analysis gives way to hovers and to a newer version, and change ranges
// outside the document are clamped into it instead of corrupting the document store. Time budgets are the
// tests' `timeout` options; the assertions are about order and counts, never about durations.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';

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
