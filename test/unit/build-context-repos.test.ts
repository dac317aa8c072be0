// The build context the engine resolves for every Dockerfile of the real repository layouts in
// ../shared/repos (CONTEXTS.tsv labels each with the folder(s) it is really built with): every labelled
// context the layout declares must be among the resolved ones, and a resolved context must be a labelled
// one. Skipped, with the reason, when the layouts are absent.
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
 * Whether a labelled context can be found from the layout: its evidence cites a declaration file that kept
 * its content. Scripts, Makefiles, READMEs and comments are empty placeholders in ../shared/repos (their
 * cited lines are in BUILD-COMMANDS.tsv, for the readers' own tests), so a context only they declare can
 * only be inferred here; for such a Dockerfile any uncertain resolution is accepted.
 */
function reachable(root: string, evidence: string): boolean {
  if (evidence.startsWith('default')) return true;
  return evidence.split('; ').some((item) => {
    const file = path.join(root, item.replace(/:\d+$/, ''));
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return !!st && st.isFile() && st.size > 0 && !/dockerfile|containerfile/i.test(path.basename(file));
  });
}

test('every labelled Dockerfile of ../shared/repos resolves to its labelled context(s)', (t) => {
  const table = path.join(REPOS, 'CONTEXTS.tsv');
  if (!fs.existsSync(table)) {
    t.skip(`no ${table}`);
    return;
  }
  const rows = fs.readFileSync(table, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const labelled = new Map<string, Set<string>>();
  const inReach = new Map<string, boolean>();
  for (const [repo, dockerfile, context, evidence] of rows) {
    const key = `${repo}\t${dockerfile}`;
    if (!labelled.has(key)) labelled.set(key, new Set());
    labelled.get(key)!.add(context);
    const ok = reachable(path.join(REPOS, repo.replace('/', '__')), evidence);
    inReach.set(key, (inReach.get(key) ?? false) || ok);
  }
  const fsView = new CachedNodeFileSystem();
  const wrong: string[] = [];
  let agreed = 0;
  let unreachable = 0;
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
    if (!inReach.get(key)) {
      // Declared only in placeholder files: the engine must not claim a context it cannot see.
      if (resolution.contexts.some((c) => c.certain)) wrong.push(`${repo} ${dockerfile}: resolved a certain context ${[...got].join(', ')} from nothing`);
      else unreachable++;
      continue;
    }
    const missing = [...contexts].filter((c) => !got.has(c));
    const extra = [...got].filter((c) => !contexts.has(c));
    if (missing.length || extra.length) {
      wrong.push(`${repo} ${dockerfile}: labelled ${[...contexts].join(', ')}; resolved ${[...got].join(', ')} (${resolution.contexts.map((c) => c.origin).join(', ')})`);
    } else agreed++;
  }
  t.diagnostic(`${agreed} of ${labelled.size} Dockerfiles resolve to exactly their labelled contexts; ${unreachable} are declared only in placeholder files`);
  assert.deepEqual(wrong, []);
});
