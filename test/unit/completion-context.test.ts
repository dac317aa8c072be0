// Path completion, links, definitions and hovers resolve the build context from the text being edited, as
// the diagnostics do: not from the saved file, which may be older, absent, or (for a 10k-line file) parsed
// again on every request.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { complete } from '../../server/src/engine/features/completion';
import { parseDocument } from '../../server/src/engine/parse/document';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { makeTree } from './copy-add-helpers';


test('COPY path completion lists the context inferred from the unsaved text', () => {
  // The Dockerfile is not saved: only its text says the sources live at the project root, not in app/.
  const root = makeTree({ 'package.json': '{}', 'src/index.js': '', 'app/.keep': '' });
  const text = 'FROM node:20\nCOPY package.json ./\nCOPY src ./src\nCOPY \n';
  const ctx: AnalysisContext = {
    lang: 'en',
    settings: DEFAULT_SETTINGS,
    fs: new CachedNodeFileSystem(),
    documentPath: path.join(root, 'app', 'Dockerfile'),
    workspaceFolder: root,
  };
  const outcome = complete(parseDocument(text), ctx, { line: 3, character: 5 }, { snippets: false });
  const labels = outcome.items.map((i) => i.label);
  assert.ok(labels.includes('package.json'), JSON.stringify(labels));
  assert.ok(!labels.includes('.keep'), 'not the Dockerfile folder');
});
