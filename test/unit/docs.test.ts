// The rule tables in README.md, README.extension.md and docs/rules/README.md are generated from the catalogue; keep them current.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { outdatedFiles } from '../../scripts/docs';

test('README.md, README.extension.md and docs/rules/README.md list every rule of the catalogue (npm run docs)', () => {
  assert.deepEqual(outdatedFiles(), []);
});
