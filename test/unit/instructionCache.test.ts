// The arguments range the chunked parser records for each instruction (instructionCache.ts) must equal
// what dockerfile-ast's `getArgumentsRange()` computes on the finished document — for corpus files cut
// into small chunks, and after random edits that move chunks by some lines (their copies carry it over).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Instruction } from 'dockerfile-ast';
import { chunking } from '../../server/src/engine/parse/incremental';
import { parseDocument, reparseDocument, type ParsedDocument } from '../../server/src/engine/parse/document';
import { argumentsRange, keywordOf, knownArgumentsRange } from '../../server/src/engine/parse/instructionCache';
import { localSources } from '../../server/src/engine/context/inference';
import { readCopyInstruction } from '../../server/src/engine/model/copyArgs';
import { CORPUS_DOCKERFILES, absent, corpusNames } from '../helpers/shared';

const CORPUS = CORPUS_DOCKERFILES;
const files = corpusNames();

function withChunkLines<T>(lines: number, fn: () => T): T {
  const saved = chunking.targetLines;
  chunking.targetLines = lines;
  try {
    return fn();
  } finally {
    chunking.targetLines = saved;
  }
}

function library(i: Instruction): unknown {
  try {
    return i.getArgumentsRange();
  } catch (e) {
    return `throws`;
  }
}

function checkAll(doc: ParsedDocument, label: string): number {
  let known = 0;
  for (const i of doc.instructions) {
    if (knownArgumentsRange(i) !== undefined) known++;
    const expected = library(i);
    if (expected !== 'throws') assert.deepStrictEqual(argumentsRange(i), expected, `${label}: line ${i.getRange().start.line + 1}`);
  }
  return known;
}

test('recorded arguments ranges equal getArgumentsRange() on every corpus file', { skip: absent(CORPUS) }, () => {
  let known = 0;
  let total = 0;
  for (const [k, name] of files.entries()) {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    const doc = withChunkLines(1 + (k % 7), () => parseDocument(text));
    known += checkAll(doc, name);
    total += doc.instructions.length;
  }
  assert.ok(known > total * 0.99, `recorded for ${known} of ${total} instructions`);
});

test('recorded arguments ranges stay true after edits that move lines', () => {
  const base = Array.from({ length: 60 }, (_, k) => (k % 10 === 0 ? `FROM img${k} AS s${k}` : k % 3 === 0 ? `COPY --chown=1:1 a${k} \\\n  /d${k}/` : `RUN echo ${k} && \\\n  true`)).join('\n') + '\n';
  const pieces = ['\n', 'x', '\\\n', 'RUN <<EOF\nhi\nEOF\n', 'CMD ["a"]\n', '# c\n', '\n\n\n'];
  const arb = fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...pieces), del: fc.nat({ max: 30 }) }), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(arb, (edits) =>
      withChunkLines(3, () => {
        let text = base;
        let doc = parseDocument(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.piece + text.slice(Math.min(text.length, at + (e.del % 3 === 0 ? e.del : 0)));
          doc = reparseDocument(doc, text);
          checkAll(doc, JSON.stringify(text.slice(0, 200)));
        }
      }),
    ),
    { seed: 5, numRuns: 150 },
  );
});

test('a copy of a moved instruction keeps its position-free facts and reads its positions afresh', () => {
  const text = 'FROM alpine\nCOPY --chown=1:1 app.js lib/ /srv/\nCOPY ./conf /etc/conf\n';
  const doc = parseDocument(text);
  const before = doc.instructions.filter((i) => keywordOf(i) === 'COPY');
  const sourcesBefore = localSources(doc);
  const wordsBefore = before.map((i) => readCopyInstruction(doc, i, () => 'unknown'));
  // Two lines inserted above: the COPY lines move, so the parser hands out copies of their objects.
  const moved = reparseDocument(doc, text.replace('FROM alpine\n', 'FROM alpine\nRUN true\nRUN true\n'));
  const after = moved.instructions.filter((i) => keywordOf(i) === 'COPY');
  assert.notStrictEqual(after[0], before[0], 'moved instructions are new objects');
  assert.deepStrictEqual(localSources(moved), sourcesBefore);
  assert.deepStrictEqual(localSources(moved), localSources(parseDocument(moved.text)));
  after.forEach((instruction, k) => {
    const copy = readCopyInstruction(moved, instruction, () => 'unknown')!;
    const fresh = readCopyInstruction(parseDocument(moved.text), parseDocument(moved.text).instructions.filter((i) => keywordOf(i) === 'COPY')[k], () => 'unknown')!;
    assert.deepStrictEqual(copy.sources.map((w) => w.range), fresh.sources.map((w) => w.range));
    assert.deepStrictEqual(copy.flags.map((f) => f.range), fresh.flags.map((f) => f.range));
    assert.equal(copy.sources[0].range.start.line, wordsBefore[k]!.sources[0].range.start.line + 2);
  });
});
