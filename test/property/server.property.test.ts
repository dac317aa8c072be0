// Property suite through the protocol: the bundled server (dist/server.js over stdio) gets hostile
// documents and incremental edits; every publishDiagnostics, hover and code action it answers stays
// inside the text the client holds, they equal a fresh analysis of that text (the server re-parses
// incrementally), hovers are untrusted-safe, `source.fixAll` converges, and the server is still alive and
// answering at the end. Seeded; 400 cases.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TestClient, SERVER_JS } from '../helpers/lspClient';
import { SEED, hostileText, fragment } from './generators';
import { assertUntrustedMarkdown } from './invariants';
import { parseDocument } from '../../server/src/engine/parse/document';
import { rangeInside } from '../../server/src/engine/rules/limits';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { URI } from 'vscode-uri';

let client: TestClient;
let root = '';
let n = 0;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-prop-lsp-'));
  for (const f of ['a.txt', 'src/index.js', 'dist/app.js']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), 'x');
  }
  fs.writeFileSync(path.join(root, '.dockerignore'), 'dist\n');
  client = await TestClient.start({ workspaceFolder: root });
});
after(async () => {
  await client?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function assertInside(text: string, range: Range, what: string): void {
  assert.ok(rangeInside(parseDocument(text), range), `${what} ${JSON.stringify(range)} is outside the text (${JSON.stringify(text.slice(0, 200))})`);
}

const edit = fc.record({
  startLine: fc.nat({ max: 40 }),
  startChar: fc.nat({ max: 120 }),
  length: fc.nat({ max: 30 }),
  text: fragment,
});
const probe = fc.record({ line: fc.nat({ max: 40 }), character: fc.nat({ max: 200 }) });

test('hostile documents and edits through the protocol (400 cases)', { skip: fs.existsSync(SERVER_JS) ? false : 'dist/server.js not built (npm run build)' }, async () => {
  await fc.assert(
    fc.asyncProperty(hostileText, fc.array(edit, { maxLength: 3 }), fc.array(probe, { maxLength: 4 }), async (initial, edits, probes) => {
      const uri = client.uriFor(path.join(root, `case-${++n}.Dockerfile`));
      let doc = TextDocument.create(uri, 'dockerfile', 1, initial);
      await client.open(uri, initial);
      let diagnostics = await client.waitForDiagnostics(uri);
      for (const d of diagnostics) assertInside(doc.getText(), d.range, `diagnostic ${d.code}`);
      for (const e of edits) {
        // Positions past the end are legal in LSP (clamped); the server must cope like the client does.
        const start = { line: e.startLine, character: e.startChar };
        const startOffset = doc.offsetAt(start);
        const range = { start, end: doc.positionAt(startOffset + e.length) };
        const version = await client.edit(uri, range, e.text);
        doc = TextDocument.update(doc, [{ range, text: e.text }], version);
        diagnostics = await client.waitForDiagnostics(uri);
        for (const d of diagnostics) assertInside(doc.getText(), d.range, `diagnostic ${d.code} after an edit`);
      }
      const text = doc.getText();
      // The server parsed the edited versions incrementally: its diagnostics must equal a fresh analysis.
      const fresh = analyze(parseDocument(text), {
        lang: 'en',
        settings: DEFAULT_SETTINGS,
        fs: new CachedNodeFileSystem(),
        documentPath: URI.parse(uri).fsPath,
        workspaceFolder: root,
      });
      const key = (code: unknown, r: Range, message: string) => `${String(code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;
      assert.deepEqual(
        diagnostics.map((d) => key(d.code, d.range, d.message)).sort(),
        fresh.map((f) => key(f.code, f.range, f.message)).sort(),
        `after ${edits.length} incremental edits the server disagrees with a fresh analysis of ${JSON.stringify(text.slice(0, 300))}`,
      );
      for (const p of probes) {
        const h = await client.hover(uri, p.line, p.character);
        if (!h) continue;
        if (h.range) assertInside(text, h.range, 'hover');
        const c = h.contents as { value?: string } | string;
        assertUntrustedMarkdown(typeof c === 'string' ? c : (c.value ?? ''));
      }
      for (const d of diagnostics.slice(0, 6)) {
        for (const action of await client.codeActions(uri, d.range, [d])) {
          for (const te of action.edit?.changes?.[uri] ?? []) assertInside(text, te.range, `edit of "${action.title}"`);
        }
      }
      await fixAllConverges(uri, doc, diagnostics);
      await client.close(uri);
    }),
    { seed: SEED + 10, numRuns: 400 },
  );
  // Still alive and answering after all of it.
  const uri = client.uriFor(path.join(root, 'alive.Dockerfile'));
  await client.open(uri, "FROM alpine\nCMD ['a']\n");
  const last = await client.waitForDiagnostics(uri);
  assert.ok(last.some((d) => d.code === 'exec-form-invalid-json'));
});

/** `source.fixAll`, applied and re-synchronised until nothing is left to fix: at most a few rounds. */
async function fixAllConverges(uri: string, doc: TextDocument, diagnostics: Diagnostic[]): Promise<void> {
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
  for (let round = 1; ; round++) {
    const actions = await client.codeActions(uri, whole, diagnostics, ['source.fixAll']);
    const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
    for (const te of edits) assertInside(doc.getText(), te.range, 'fixAll edit');
    const next = TextDocument.applyEdits(doc, edits);
    if (next === doc.getText()) return;
    assert.ok(round <= 4, `source.fixAll does not converge: ${JSON.stringify(next.slice(0, 300))}`);
    const version = await client.change(uri, next);
    doc = TextDocument.create(uri, 'dockerfile', version, next);
    diagnostics = await client.waitForDiagnostics(uri);
  }
}
