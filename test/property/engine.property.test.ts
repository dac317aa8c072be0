// Property suite over the pure engine: any text — generated, mutated from the seeds, the examples and
// the real corpus, or one of the extreme inputs of issue 9 — is analysed without throwing, with every
// range inside the document, untrusted-safe hovers, and safe fixes that work and are idempotent.
// Seeded (FC_SEED overrides), shrinking on failure; about 2,600 cases.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SEED, hostileText, mutated, corpusSample, exampleTexts, extremeInputs, CORPUS_DIR } from './generators';
import { absent } from '../helpers/shared';
import { checkEngine, RecordingFs } from './invariants';
import { analyzeText } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { exceededLimit } from '../../server/src/engine/rules/limits';

const probes = fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 4 });
let root = '';

before(() => {
  // A small build context so that the rules which read the file system have something to look at.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-prop-'));
  for (const f of ['a.txt', 'b.txt', 'package.json', 'src/index.js', 'src/lib/x.js', 'dist/app.js', 'docs/readme.md']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), 'x');
  }
  fs.writeFileSync(path.join(root, '.dockerignore'), 'dist\n*.md\n!docs/readme.md\n');
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test('any generated text: no throw, ranges inside, safe fixes work and are idempotent (1,500 cases)', () => {
  fc.assert(
    fc.property(hostileText, probes, fc.constantFrom('en' as const, 'zh-cn' as const), (text, p, lang) => {
      checkEngine(text, { lang }, p);
    }),
    { seed: SEED, numRuns: 1500 },
  );
});

test('generated text in a real build context never reaches outside it (600 cases)', () => {
  fc.assert(
    fc.property(hostileText, probes, (text, p) => {
      checkEngine(text, { root, fs: new RecordingFs() }, p);
    }),
    { seed: SEED + 1, numRuns: 600 },
  );
});

const corpus = corpusSample(120);
test('mutated real Dockerfiles from the corpus (400 cases)', { skip: corpus.length ? false : absent(path.join(CORPUS_DIR, 'dockerfiles')) || 'corpus absent' }, () => {
  const bases = fc.constantFrom(...corpus.map((c) => c.text));
  fc.assert(
    fc.property(mutated(bases, 8), probes, (text, p) => {
      checkEngine(text, { root, fs: new RecordingFs() }, p);
    }),
    { seed: SEED + 2, numRuns: 400 },
  );
});

const examples = exampleTexts();
test('mutated examples of the repository (100 cases)', { skip: examples.length ? false : 'examples/ has no Dockerfiles yet' }, () => {
  fc.assert(
    fc.property(mutated(fc.constantFrom(...examples), 8), probes, (text, p) => {
      checkEngine(text, { root, fs: new RecordingFs() }, p);
    }),
    { seed: SEED + 3, numRuns: 100 },
  );
});

for (const [name, text] of Object.entries(extremeInputs())) {
  test(`extreme input: ${name}`, () => {
    const stats = checkEngine(text, { root, fs: new RecordingFs() });
    assert.ok(stats.findings >= 0);
  });
}

test('a file above the line limit gets one file-too-large info and still the cheap checks', () => {
  const text = "FROM a\nCMD ['x']\n" + '#\n'.repeat(200_000);
  assert.equal(exceededLimit(parseDocument(text))?.variant, 'lines');
  const findings = analyzeText(text);
  const info = findings.filter((f) => f.code === 'file-too-large');
  assert.equal(info.length, 1);
  assert.equal(info[0].severity, 'info');
  assert.ok(findings.some((f) => f.code === 'exec-form-invalid-json'), 'the cheap JSON check still ran');
});

test('a line over the length limit is not parsed: one file-too-large info says the file was not checked', () => {
  const text = "FROM a\nCMD ['x']\nRUN " + 'y'.repeat(150_000) + '\n';
  assert.equal(exceededLimit(parseDocument(text))?.variant, 'longLine');
  const findings = analyzeText(text);
  assert.deepEqual(findings.map((f) => f.code), ['file-too-large']);
  assert.equal(findings[0].severity, 'info');
  assert.match(findings[0].message, /not checked because line 3 has 150004 characters, limit 100000/);
});

test('a file below the limits gets no file-too-large info', () => {
  const text = 'FROM a\n' + 'RUN echo hi\n'.repeat(20_000);
  assert.equal(exceededLimit(parseDocument(text)), null);
  assert.ok(!analyzeText(text).some((f) => f.code === 'file-too-large'));
});
