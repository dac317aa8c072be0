// Folding by stage, by multi-line instruction and by comment block.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { foldingRanges } from '../../server/src/engine/features/folding';

test('each stage folds from its FROM to its last non-blank line; continuations and heredocs fold too', () => {
  const text = [
    'FROM alpine AS a', //   0
    'RUN apk add \\', //     1
    '    curl', //           2
    '', //                   3
    '# one', //              4
    '# two', //              5
    '# three', //            6
    'FROM a', //             7
    'COPY <<EOF /x', //      8
    'hello', //              9
    'EOF', //                10
    '', //                   11
  ].join('\n');
  const ranges = foldingRanges(parseDocument(text));
  assert.deepEqual(
    ranges.map((r) => [r.startLine, r.endLine, r.kind ?? '']),
    [
      [0, 6, 'region'],
      [1, 2, ''],
      [4, 6, 'comment'],
      [7, 10, 'region'],
      [8, 10, ''],
    ],
  );
});

test('a one-line stage and an empty file give no folds', () => {
  assert.deepEqual(foldingRanges(parseDocument('FROM a\n')), []);
  assert.deepEqual(foldingRanges(parseDocument('')), []);
});
