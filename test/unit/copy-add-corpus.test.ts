// The COPY/ADD rules over real Dockerfiles (the shared corpus), each analysed as if it lived in an empty
// temporary build context: no exception, every range inside the document, fixes that apply cleanly.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import type { AnalysisContext } from '../../server/src/engine/context';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import { parseDocument } from '../../server/src/engine/parse/document';
import { applyEdits } from '../../server/src/engine/features/edits';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { getRule } from '../../server/src/engine/catalog';
import { makeTree } from './copy-add-helpers';
import { CORPUS_DOCKERFILES, absent } from '../helpers/shared';

const CORPUS = CORPUS_DOCKERFILES;
const LIMIT = 300;

test(`COPY/ADD rules on the first ${LIMIT} corpus Dockerfiles: no exception, ranges inside the text`, (t) => {
  if (!fs.existsSync(CORPUS)) {
    t.skip(absent(CORPUS) || 'corpus absent');
    return;
  }
  const files = fs.readdirSync(CORPUS).sort().slice(0, LIMIT);
  const root = makeTree({ '.dockerignore': 'node_modules\n*.log\n!keep.log\n' });
  const fsView = new CachedNodeFileSystem();
  const counts = new Map<string, number>();
  for (const name of files) {
    const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
    const logs: string[] = [];
    const ctx: AnalysisContext = {
      lang: 'en',
      settings: DEFAULT_SETTINGS,
      fs: fsView,
      documentPath: path.join(root, 'Dockerfile'),
      workspaceFolder: root,
      log: (m) => logs.push(m),
    };
    const doc = parseDocument(text);
    const findings = analyze(doc, ctx);
    assert.deepEqual(logs.filter((l) => /copy-add/.test(l)), [], `${name}: the copy-add family threw`);
    const lines = doc.lineCount();
    for (const f of findings) {
      if (getRule(f.code)?.family !== 'copy-add') continue;
      counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      const { start, end } = f.range;
      assert.ok(start.line >= 0 && end.line < lines, `${name}: ${f.code} line range ${JSON.stringify(f.range)}`);
      assert.ok(start.character <= doc.lineText(start.line).length && end.character <= doc.lineText(end.line).length, `${name}: ${f.code} character range`);
      assert.ok(doc.textIn(f.range).trim() !== '', `${name}: ${f.code} has an empty range`);
      for (const key of placeholderNames(f.code)) assert.ok(!f.message.includes(`{${key}}`), `${name}: ${f.code} message has an unfilled {${key}}`);
      // Every offered edit applies and leaves a parsable file without that finding at that place (a fix that
      // runs an editor command, such as setting the build context, edits nothing).
      for (const fix of codeActions(doc, ctx, f.range, [f]).filter((x) => x.fixes?.code === f.code && !x.command)) {
        const after = parseDocument(applyEdits(doc, fix.edits));
        const again = analyze(after, ctx).filter((x) => x.code === f.code && x.range.start.line === f.range.start.line && x.range.start.character === f.range.start.character);
        assert.deepEqual(again, [], `${name}: "${fix.title}" leaves ${f.code}`);
      }
    }
  }
  t.diagnostic(`findings: ${JSON.stringify(Object.fromEntries(counts))}`);
});

function placeholderNames(code: string): string[] {
  const rule = getRule(code)!;
  const names = new Set<string>();
  for (const template of Object.values(rule.messages.en)) for (const m of template.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names];
}
