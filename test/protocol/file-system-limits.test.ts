// Files that are not what their names say, reached through the notes setting: a link to /dev/zero (it never
// ends and reports size 0) and a FIFO (opening it waits for a writer). The server must skip both, say why,
// keep answering and keep showing the notes beside them. The test's timeout is the only time budget.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TestClient } from '../helpers/lspClient';

const clients: TestClient[] = [];
const made: string[] = [];
after(async () => {
  for (const c of clients) await c.stop();
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function notesFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-fs-limits-'));
  made.push(root);
  fs.mkdirSync(path.join(root, 'notes'));
  fs.writeFileSync(path.join(root, 'notes', 'ok.md'), '# COPY\nour team copies only the built files\n');
  return root;
}

async function hoverWithNotes(root: string): Promise<{ hover: string; logs: string[] }> {
  const client = await TestClient.start({ workspaceFolder: root, settings: { notes: { paths: [path.join(root, 'notes')] } } });
  clients.push(client);
  const uri = client.uriFor(path.join(root, 'Dockerfile'));
  await client.open(uri, 'FROM alpine\nCOPY a.txt /app/\n');
  await client.waitForDiagnostics(uri);
  const hover = await client.hoverText(uri, 1, 1);
  return { hover, logs: client.logs };
}

test('a notes file linked to /dev/zero is refused, and the other notes still show', { timeout: 30_000 }, async (t) => {
  if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero here');
  const root = notesFolder();
  fs.symlinkSync('/dev/zero', path.join(root, 'notes', 'zero.md'));
  const { hover, logs } = await hoverWithNotes(root);
  assert.match(hover, /our team copies only the built files/);
  assert.ok(logs.some((l) => /zero\.md cannot be read: not a regular file/.test(l)), logs.join('\n'));
});

test('a notes file that is a FIFO is refused without waiting, and the other notes still show', { timeout: 30_000 }, async (t) => {
  const root = notesFolder();
  const made = spawnSync('mkfifo', [path.join(root, 'notes', 'fifo.md')]);
  if (made.status !== 0) return t.skip('mkfifo is not available here');
  const { hover, logs } = await hoverWithNotes(root);
  assert.match(hover, /our team copies only the built files/);
  assert.ok(logs.some((l) => /fifo\.md cannot be read: not a regular file/.test(l)), logs.join('\n'));
});
