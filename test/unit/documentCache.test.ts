// DocumentCache keeps the parses of the most recently used documents only; a document whose parse was
// dropped is parsed again when needed, with the same result, and its analysis cache still reuses stages.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentCache, PARSE_RETENTION } from '../../server/src/documentCache';
import { analysisCaching } from '../../server/src/engine/analysis/analysisCache';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { parseDocument } from '../../server/src/engine/parse/document';
import { RULE_FAMILIES } from '../../server/src/engine/rules';

const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
const textOf = (k: number) => `FROM alpine AS a${k}\nCMD echo ${k}\nFROM a${k}\nCMD ['x${k}']\n`;

test('only the most recently used documents keep their parse', () => {
  const cache = new DocumentCache();
  const n = PARSE_RETENTION.documents + 10;
  for (let k = 0; k < n; k++) cache.get({ uri: `u${k}`, version: 1, getText: () => textOf(k) });
  assert.equal(cache.retained, PARSE_RETENTION.documents);
  // The oldest is parsed again on demand, equal to a fresh parse, and becomes the most recent.
  const again = cache.get({ uri: 'u0', version: 1, getText: () => textOf(0) });
  assert.equal(again.text, textOf(0));
  assert.deepStrictEqual(analyze(again, ctx), analyze(parseDocument(textOf(0)), ctx));
  assert.equal(cache.retained, PARSE_RETENTION.documents);
  const same = cache.get({ uri: 'u0', version: 1, getText: () => textOf(0) });
  assert.equal(same, again, 'a kept parse is returned as is');
  cache.delete('u0');
  assert.equal(cache.retained, PARSE_RETENTION.documents - 1);
});

test('a document whose parse was dropped still reuses its stage reports', () => {
  const cache = new DocumentCache();
  // Long enough to be analysed with the cache (short documents are analysed whole).
  const doc = { uri: 'big', version: 1, getText: () => textOf(1).repeat(Math.ceil(analysisCaching.minLines / 4) + 1) };
  const first = analyze(cache.get(doc), ctx, RULE_FAMILIES, cache.analysisCache('big'));
  for (let k = 0; k < PARSE_RETENTION.documents + 1; k++) cache.get({ uri: `o${k}`, version: 1, getText: () => textOf(k) });
  const parsed = cache.get(doc);
  const analysis = cache.analysisCache('big')!;
  assert.deepStrictEqual(analyze(parsed, ctx, RULE_FAMILIES, analysis), first);
  assert.equal(analysis.stats.computed, 0, 'every stage reused');
  assert.ok(analysis.stats.reused > 0);
});
