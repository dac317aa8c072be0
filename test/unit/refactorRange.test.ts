// The convert-to-exec-form refactor looks only at the instructions near the requested range (binary
// search). It must offer exactly what a scan of every instruction overlapping the range offers: corpus
// files, random ranges (single points, whole lines, spans over several instructions, the whole file).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../server/src/engine/parse/document';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { cmdEntrypointFamily } from '../../server/src/engine/rules/cmd-entrypoint';
import { COMMAND_KEYWORDS } from '../../server/src/engine/model/commands';
import { conversionRefactor, convertInstruction } from '../../server/src/engine/rules/conversion';
import { rangesOverlap, type Range } from '../../server/src/engine/types';
import { CORPUS_DOCKERFILES } from '../helpers/shared';

const CORPUS = CORPUS_DOCKERFILES;
const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };

const SAMPLE = 'FROM a\nCMD echo one\nRUN x \\\n  y\n\n# c\nENTRYPOINT run \\\n  --flag\nHEALTHCHECK CMD curl x\nFROM b\nCMD ["ok"]\nCMD two three\n';
const texts = [SAMPLE, ...(existsSync(CORPUS) ? readdirSync(CORPUS).sort().filter((_, k) => k % 37 === 0).map((n) => readFileSync(path.join(CORPUS, n), 'utf8')) : [])];

test('refactors near a range equal those of a full scan', () => {
  const docs = texts.map((t) => parseDocument(t));
  const arb = fc.record({ doc: fc.nat(docs.length - 1), a: fc.nat(), b: fc.nat(), ca: fc.nat({ max: 80 }), cb: fc.nat({ max: 80 }) });
  fc.assert(
    fc.property(arb, ({ doc: k, a, b, ca, cb }) => {
      const doc = docs[k];
      const lines = doc.lineCount() + 1;
      const [l1, l2] = [a % lines, b % lines].sort((x, y) => x - y);
      const range: Range = { start: { line: l1, character: ca }, end: { line: l2, character: l1 === l2 ? Math.max(ca, cb) : cb } };
      const expected = doc.instructions
        .filter((i) => COMMAND_KEYWORDS.has(i.getKeyword()) && rangesOverlap(i.getRange(), range))
        .map((i) => convertInstruction(doc, i))
        .filter((c) => c !== null)
        .map((c) => conversionRefactor(c!, ctx.lang));
      assert.deepStrictEqual(cmdEntrypointFamily.refactors!(doc, ctx, range), expected);
    }),
    { seed: 17, numRuns: 600 },
  );
});
