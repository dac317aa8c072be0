// The build context the engine resolves for every Dockerfile of the real repository layouts in
// ../shared/repos (CONTEXTS.tsv labels each with the folder(s) it is really built with): every labelled
// context must be among the resolved ones, and a resolved context must be a labelled one. Skipped, with the
// reason, when the layouts are absent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveBuildContexts } from '../../server/src/engine/context/buildContext';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import { parseDocument } from '../../server/src/engine/parse/document';

const REPOS = path.resolve(__dirname, '..', '..', '..', 'shared', 'repos');

/**
 * Rows the engine cannot get from the files (CONTEXTS.tsv notes why): a context set in a README command
 * run from a subfolder, a script sourced by another one that sets the working folder, and a Makefile
 * declaration that is stale (its COPY only resolves from the root).
 */
const OUT_OF_REACH = new Set([
  'getsentry/self-hosted workstation/postinstall/Dockerfile workstation',
  'getsentry/self-hosted workstation/preinstall/Dockerfile workstation',
]);

test('every labelled Dockerfile of ../shared/repos resolves to its labelled context(s)', (t) => {
  const table = path.join(REPOS, 'CONTEXTS.tsv');
  if (!fs.existsSync(table)) {
    t.skip(`no ${table}`);
    return;
  }
  const rows = fs.readFileSync(table, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const labelled = new Map<string, Set<string>>();
  for (const [repo, dockerfile, context] of rows) {
    const key = `${repo}\t${dockerfile}`;
    if (!labelled.has(key)) labelled.set(key, new Set());
    labelled.get(key)!.add(context);
  }
  const fsView = new CachedNodeFileSystem();
  const wrong: string[] = [];
  let agreed = 0;
  for (const [key, contexts] of labelled) {
    const [repo, dockerfile] = key.split('\t');
    const root = path.join(REPOS, repo.replace('/', '__'));
    const file = path.join(root, dockerfile);
    const text = fs.readFileSync(file, 'utf8');
    const resolution = resolveBuildContexts(
      { lang: 'en', settings: DEFAULT_SETTINGS, fs: fsView, documentPath: file, workspaceFolder: root, projectRoot: root },
      parseDocument(text),
    )!;
    const got = new Set(resolution.contexts.map((c) => path.relative(root, c.root).split(path.sep).join('/') || '.'));
    const missing = [...contexts].filter((c) => !got.has(c) && !OUT_OF_REACH.has(`${repo} ${dockerfile} ${c}`));
    const extra = [...got].filter((c) => !contexts.has(c));
    if (missing.length || extra.length) {
      wrong.push(`${repo} ${dockerfile}: labelled ${[...contexts].join(', ')}; resolved ${[...got].join(', ')} (${resolution.contexts.map((c) => c.origin).join(', ')})`);
    } else agreed++;
  }
  t.diagnostic(`${agreed} of ${labelled.size} Dockerfiles resolve to exactly their labelled contexts`);
  assert.deepEqual(wrong, []);
});
