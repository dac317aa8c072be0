// examples/copy-add shows every COPY/ADD rule once, and examples/compose-context none (its compose file
// sets the context): what `npm start` prints stays true.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeIn } from './copy-add-helpers';
import { RULES } from '../../server/src/engine/catalog';

const REPO = path.resolve(__dirname, '..', '..');

test('examples/copy-add demonstrates each COPY/ADD rule once', () => {
  const r = analyzeIn(REPO, 'examples/copy-add/Dockerfile');
  const expected = RULES.filter((rule) => rule.family === 'copy-add').map((rule) => rule.code).sort();
  const got = r.findings.filter((f) => /^(copy|add)-/.test(f.code)).map((f) => f.code).sort();
  assert.deepEqual(got, expected);
});

test('examples/compose-context: the compose file makes the sources resolve', () => {
  const r = analyzeIn(REPO, 'examples/compose-context/docker/Dockerfile');
  assert.deepEqual(r.findings.filter((f) => /^(copy|add)-/.test(f.code)), []);
});
