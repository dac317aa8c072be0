// Folder names shown in the status bar and the build-context picker: `$(name)` in them must stay text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeIcons } from '../../client/src/labelText';

test('icon syntax in a folder name is escaped, everything else is left as it is', () => {
  assert.equal(escapeIcons('$(alert) ops'), '\\$(alert) ops');
  assert.equal(escapeIcons('a$(x)b$(y)'), 'a\\$(x)b\\$(y)');
  assert.equal(escapeIcons('price $5 (old)'), 'price $5 (old)');
  assert.equal(escapeIcons('services/api'), 'services/api');
});
