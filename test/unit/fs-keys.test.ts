// The file-system cache keys a path by its resolved form; the shortcut for paths already in that form must
// give exactly path.resolve's answer, and a lookup through an unnormalised path must hit the same entry.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { CachedNodeFileSystem, keyOf } from '../../server/src/engine/context/fs';

test('keyOf equals path.resolve for absolute and relative paths made of tricky elements', () => {
  const element = fc.constantFrom('a', 'b c', '.', '..', '', '.a', '..b', '...', 'x.', '-');
  const pathArb = fc.tuple(fc.boolean(), fc.array(element, { maxLength: 6 }), fc.boolean()).map(([abs, parts, slash]) => `${abs ? '/' : ''}${parts.join('/')}${slash ? '/' : ''}`);
  fc.assert(fc.property(pathArb, (p) => keyOf(p) === path.resolve(p)), { seed: 5, numRuns: 2000 });
});

test('a cached stat is found again through an unnormalised path, and invalidation reaches both', () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dfn-keys-')));
  try {
    const fs = new CachedNodeFileSystem();
    const file = path.join(dir, 'f.txt');
    assert.equal(fs.stat(`${dir}/./sub/../f.txt`), null);
    writeFileSync(file, 'x');
    assert.equal(fs.stat(file), null, 'still the cached answer');
    fs.invalidate(file);
    assert.equal(fs.stat(`${dir}//f.txt`)?.type, 'file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
