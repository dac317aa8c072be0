// What the engine keeps between documents is bounded: .dockerignore matchers go when the documents that
// used them close and never exceed IGNORE_RETENTION; the file-system view keeps the facts of the paths
// used most recently within FS_CACHE_LIMITS. Real folders, real analysis.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, analyzeIn } from './copy-add-helpers';
import { CachedNodeFileSystem, FS_CACHE_LIMITS, LruMap } from '../../server/src/engine/context/fs';
import { cachedIgnoreCount, IGNORE_RETENTION } from '../../server/src/engine/context/dockerignore';
import { documentClosed } from '../../server/src/engine/context/buildContext';

const DOCKERFILE = 'FROM alpine\nCOPY a.txt /a\nCOPY b.txt /b\n';

function folders(count: number): string[] {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`f${i}/Dockerfile`] = DOCKERFILE;
    files[`f${i}/.dockerignore`] = `b.txt\n# folder ${i}\n`;
    files[`f${i}/a.txt`] = '';
    files[`f${i}/b.txt`] = '';
  }
  const root = makeTree(files);
  return Array.from({ length: count }, (_, i) => path.join(root, `f${i}`));
}

test('a folder\'s .dockerignore matcher is dropped when the last document using it closes', () => {
  const dirs = folders(3);
  const base = cachedIgnoreCount();
  const view = new CachedNodeFileSystem();
  for (const d of dirs) assert.deepEqual(analyzeIn(d, 'Dockerfile', { fsView: view, workspace: d }).codes, ['copy-source-ignored']);
  assert.equal(cachedIgnoreCount(), base + 3);
  // A second Dockerfile in the first folder uses the same .dockerignore.
  fs.writeFileSync(path.join(dirs[0], 'other.Dockerfile'), DOCKERFILE);
  analyzeIn(dirs[0], 'other.Dockerfile', { fsView: view, workspace: dirs[0] });
  documentClosed(path.join(dirs[0], 'Dockerfile'));
  assert.equal(cachedIgnoreCount(), base + 3, 'still used by other.Dockerfile');
  documentClosed(path.join(dirs[0], 'other.Dockerfile'));
  for (const d of dirs.slice(1)) documentClosed(path.join(d, 'Dockerfile'));
  assert.equal(cachedIgnoreCount(), base);
  // Reopened, it is read again and still applies.
  assert.deepEqual(analyzeIn(dirs[1], 'Dockerfile', { fsView: view, workspace: dirs[1] }).codes, ['copy-source-ignored']);
  documentClosed(path.join(dirs[1], 'Dockerfile'));
});

test('matchers of documents never closed (the CLI) stay within IGNORE_RETENTION', () => {
  const dirs = folders(IGNORE_RETENTION.files + 20);
  const view = new CachedNodeFileSystem();
  for (const d of dirs) assert.deepEqual(analyzeIn(d, 'Dockerfile', { fsView: view, workspace: d }).codes, ['copy-source-ignored']);
  assert.ok(cachedIgnoreCount() <= IGNORE_RETENTION.files, `${cachedIgnoreCount()} matchers kept`);
  for (const d of dirs) documentClosed(path.join(d, 'Dockerfile'));
});

test('the file-system view keeps at most its bounds, dropping the least recently used first', () => {
  const saved = { ...FS_CACHE_LIMITS };
  Object.assign(FS_CACHE_LIMITS, { stats: 40, listings: 5, listedNames: 1000, texts: 5, textCharacters: 1000 });
  try {
    const dirs = folders(30);
    const view = new CachedNodeFileSystem();
    for (const d of dirs) {
      analyzeIn(d, 'Dockerfile', { fsView: view, workspace: d });
      documentClosed(path.join(d, 'Dockerfile'));
    }
    assert.ok(view.cachedEntries <= 40 + 5 + 5 + 40, `${view.cachedEntries} facts kept`);
    // What was dropped is read again, not lost.
    assert.equal(view.stat(path.join(dirs[0], 'a.txt'))?.type, 'file');
  } finally {
    Object.assign(FS_CACHE_LIMITS, saved);
  }
});

test('LruMap: recency, entry and weight bounds', () => {
  const m = new LruMap<string>(3, (v) => v.length, 10);
  m.set('a', 'x');
  m.set('b', 'y');
  m.set('c', 'z');
  m.get('a'); // a is now the most recent
  m.set('d', 'w');
  assert.deepEqual([...m.keys()], ['c', 'a', 'd']);
  m.set('e', '123456789'); // weight 9 + the newest others over 10: the oldest go
  assert.deepEqual([...m.keys()], ['d', 'e']);
  m.delete('e');
  m.set('f', '12345678');
  assert.deepEqual([...m.keys()], ['d', 'f']);
});
