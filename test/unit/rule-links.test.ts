// Diagnostics link each rule code to its page shipped with the extension (docs/rules/<code>.md), not to a
// web address: the project has no public home yet, and a link to an address that does not exist is worse.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../server/src/engine/catalog';
import { toDiagnostic } from '../../server/src/features/diagnostics';

test('every rule code links to its shipped page, which exists', () => {
  for (const rule of RULES) {
    const d = toDiagnostic({ code: rule.code, severity: rule.severity, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, 'file:///x/Dockerfile');
    const href = d.codeDescription?.href ?? '';
    assert.match(href, new RegExp(`^file://.*/docs/rules/${rule.code}\\.md$`), rule.code);
    assert.ok(fs.existsSync(fileURLToPath(href)), href);
  }
});
