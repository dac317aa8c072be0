// Differential test: the chunked / incremental parse must give the same dockerfile-ast model as a full
// `DockerfileParser.parse` — same instructions (class, keyword, ranges, arguments, flags, heredocs,
// variables), comments (and the stage each belongs to), directives, escape character and stages —
// on the corpus and after random edits (fast-check, fixed seeds). Lines over MAX_PARSED_LINE_LENGTH reach
// neither parser: the reference is the library's parse of `blankOverlongLines(text)`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser, Dockerfile, Instruction, From, ModifiableInstruction, JSONInstruction } from 'dockerfile-ast';
import { parseDockerfile, chunking, blankOverlongLines, MAX_PARSED_LINE_LENGTH } from '../../server/src/engine/parse/incremental';
import { computeLineStarts } from '../../server/src/engine/parse/lineDocument';
import { buildDocument, parseDocument, reparseDocument, ParsedDocument } from '../../server/src/engine/parse/document';
import { CORPUS_DOCKERFILES, absent, corpusNames } from '../helpers/shared';

const CORPUS = CORPUS_DOCKERFILES;

function tryOr<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

function instructionSnapshot(i: Instruction): unknown {
  const out: Record<string, unknown> = {
    cls: i.constructor.name,
    raw: i.getInstruction(),
    range: i.getRange(),
    keywordRange: i.getInstructionRange(),
    text: i.getTextContent(),
    args: tryOr(() => i.getArguments().map((a) => [a.getValue(), a.getRange()])),
    argsRanges: tryOr(() => i.getArgumentsRanges()),
    expanded: tryOr(() => i.getExpandedArguments().map((a) => [a.getValue(), a.getRange()])),
    variables: tryOr(() => i.getVariables().map((v) => [v.getName(), v.getRange(), v.isDefined()])),
  };
  if (i instanceof ModifiableInstruction) out.flags = tryOr(() => i.getFlags().map((f) => [f.getName(), f.getValue(), f.getRange()]));
  if (i instanceof JSONInstruction) out.json = tryOr(() => i.getJSONStrings().map((s) => [s.getValue(), s.getRange()]));
  if (i instanceof From) out.from = tryOr(() => [i.getImage(), i.getBuildStage(), i.getImageNameRange(), i.getImageTag()]);
  const heredocs = (i as unknown as { getHeredocs?: () => Array<{ getName(): string; getContentRange(): unknown }> }).getHeredocs;
  if (heredocs) out.heredocs = tryOr(() => heredocs.call(i).map((h) => [h.getName(), h.getContentRange()]));
  return out;
}

function astSnapshot(df: Dockerfile): unknown {
  const internal = df as unknown as { initialInstructions: Dockerfile; buildStages: Dockerfile[] };
  const commentRanges = (t: Dockerfile) => t.getComments().map((c) => c.getRange());
  return {
    escape: df.getEscapeCharacter(),
    directives: df.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange(), d.getNameRange(), d.getValueRange()]),
    instructions: df.getInstructions().map(instructionSnapshot),
    comments: df.getComments().map((c) => [c.getRange(), c.getContent()]),
    initialComments: commentRanges(internal.initialInstructions),
    stageComments: internal.buildStages.map(commentRanges),
    stageCount: internal.buildStages.length,
    froms: df.getFROMs().length,
    range: df.getRange(),
  };
}

function docSnapshot(doc: ParsedDocument): unknown {
  return {
    escape: doc.escapeChar,
    preamble: doc.preamble.map((i) => i.getRange()),
    stages: doc.stages.map((s) => [s.index, s.name, s.base, s.parent?.index ?? null, s.startLine, s.endLine, s.instructions.map((i) => i.getRange())]),
    lines: doc.lineCount(),
  };
}

function assertSame(text: string, got: Dockerfile, label: string): void {
  const expected = DockerfileParser.parse(blankOverlongLines(text));
  assert.deepStrictEqual(astSnapshot(got), astSnapshot(expected), label);
}

function withChunkLines<T>(lines: number, fn: () => T): T {
  const saved = chunking.targetLines;
  chunking.targetLines = lines;
  try {
    return fn();
  } finally {
    chunking.targetLines = saved;
  }
}

const TRICKY = [
  '# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows AS base\nRUN echo a `\n  && echo b\n# check=skip=all\nCOPY a b\n',
  'FROM alpine\nRUN <<EOF\nFROM inside heredoc\nEOF\nRUN <<-A cat <<B\n\tone\n\tA\ntwo\nB\nCMD ["x"]\n',
  '\uFEFF# directive=value\n\n# comment=looks like one\nFROM a\nRUN a \\\n\n  # comment in continuation\n  b\nENV A=1 \\\n',
  'FROM a\r\nRUN b \\\r\n  c\r\n# c\r\nFROM b AS x\rRUN y\rCOPY --from=x / /\n',
  'ARG X=1\n# global comment\nFROM $X\nONBUILD RUN <<EOF\nEOF\nHEALTHCHECK CMD [\'a\']\nRUN \\ \n  trailing-space\nRUN a \\',
  '',
  '\n\n\n',
  'FROM a\nRUN echo `\n',
];

const EDIT_PIECES = ['\n', '\\\n', '\\', ' ', '#', '# escape=`\n', 'FROM x AS s\n', 'RUN <<EOF\n', 'EOF\n', '\r\n', '\r', 'COPY <<EOT /x\n', 'RUN a && b\n', '`', 'x', '"', '[', '<<', '\t'];

test('chunked parse equals the full parse on tricky inputs at every chunk size', () => {
  for (const text of TRICKY) {
    for (const lines of [1, 2, 3, 48]) {
      withChunkLines(lines, () => assertSame(text, parseDockerfile(text).ast, `chunk ${lines}: ${JSON.stringify(text)}`));
    }
  }
});

const corpusFiles = corpusNames();
const noCorpus = absent(CORPUS);

test('chunked parse equals the full parse on every corpus file', { skip: noCorpus }, () => {
  for (const [k, name] of corpusFiles.entries()) {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    // Small chunks so that even short files are cut at many places.
    withChunkLines(1 + (k % 5), () => assertSame(text, parseDockerfile(text).ast, name));
  }
});

test('ParsedDocument from the chunked parse has the same stages as one built from the full parse', { skip: noCorpus }, () => {
  for (const name of corpusFiles.filter((_, k) => k % 7 === 0)) {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    const expected = buildDocument(text, DockerfileParser.parse(blankOverlongLines(text)));
    withChunkLines(2, () => assert.deepStrictEqual(docSnapshot(parseDocument(text)), docSnapshot(expected), name));
  }
});

function editArb(seedTexts: string[]) {
  const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), piece: fc.constantFrom(...EDIT_PIECES), times: fc.integer({ min: 0, max: 2 }) });
  return fc.record({ base: fc.constantFrom(...seedTexts), chunk: fc.integer({ min: 1, max: 6 }), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) });
}

function applyEdit(text: string, e: { at: number; len: number; piece: string; times: number }): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  const end = Math.min(text.length, at + (e.times === 0 ? e.len : 0));
  return text.slice(0, at) + e.piece.repeat(e.times) + text.slice(end);
}

function checkEdits(run: { base: string; chunk: number; edits: Array<{ at: number; len: number; piece: string; times: number }> }): void {
  withChunkLines(run.chunk, () => {
    let text = run.base;
    let doc = parseDocument(text);
    for (const e of run.edits) {
      text = applyEdit(text, e);
      doc = reparseDocument(doc, text);
      assertSame(text, doc.ast, `after edits: ${JSON.stringify(text.slice(0, 2000))}`);
      const full = buildDocument(text, DockerfileParser.parse(blankOverlongLines(text)));
      assert.deepStrictEqual(docSnapshot(doc), docSnapshot(full));
    }
  });
}

test('incremental reparse after random edits equals a full parse (tricky inputs)', () => {
  fc.assert(fc.property(editArb(TRICKY.filter((t) => t.length > 0)), checkEdits), { seed: 7, numRuns: 300 });
});

test('incremental reparse after random edits equals a full parse (corpus files)', { skip: noCorpus }, () => {
  const picked = corpusFiles.filter((_, k) => k % 23 === 0).map((n) => readFileSync(path.join(CORPUS, n), 'utf8')).filter((t) => t.length < 60_000);
  fc.assert(fc.property(editArb(picked), checkEdits), { seed: 11, numRuns: 150 });
});

test('an edit re-parses only the chunks around it', () => {
  const text = Array.from({ length: 400 }, (_, k) => (k % 40 === 0 ? `FROM base${k} AS s${k}` : `RUN echo ${k}`)).join('\n') + '\n';
  const first = parseDockerfile(text);
  assert.ok(first.totalChunks > 4, `expected several chunks, got ${first.totalChunks}`);
  const edited = text.replace('RUN echo 201', 'RUN echo 2010');
  const second = parseDockerfile(edited, first.ast);
  assert.ok(second.parsedChunks <= 2, `re-parsed ${second.parsedChunks} of ${second.totalChunks} chunks`);
  assertSame(edited, second.ast, 'one-line edit');
  // A continuation added at a chunk end forces the next chunk to be parsed with it.
  const joined = edited.replace('RUN echo 47\n', 'RUN echo 47 \\\n');
  const third = parseDockerfile(joined, second.ast);
  assertSame(joined, third.ast, 'continuation across a chunk boundary');
});

test('an edit that joins a lone \\r with a new \\n at a chunk boundary moves the boundary', () => {
  withChunkLines(1, () => {
    const text = 'FROM a\rRUN b\rRUN c\rCOPY d e\r';
    for (let at = 0; at <= text.length; at++) {
      for (const piece of ['\n', '\r', 'x', '\\']) {
        const first = parseDocument(text);
        const edited = text.slice(0, at) + piece + text.slice(at);
        assertSame(edited, reparseDocument(first, edited).ast, `insert ${JSON.stringify(piece)} at ${at}`);
        const removed = text.slice(0, at) + text.slice(at + 1);
        assertSame(removed, reparseDocument(first, removed).ast, `delete at ${at}`);
      }
    }
  });
});

test('the line index after an edit equals one computed from scratch', () => {
  const texts = ['a\nb\r\nc\rd\n', '\r\n\r\n', 'x', '', '\n', 'FROM a\r\rRUN b\n\nCMD c'];
  const pieces = ['', '\n', '\r', '\r\n', 'q', 'q\rq', '\n\n'];
  for (const base of texts) {
    const first = parseDockerfile(base);
    for (let at = 0; at <= base.length; at++) {
      for (let len = 0; len <= Math.min(2, base.length - at); len++) {
        for (const piece of pieces) {
          const next = base.slice(0, at) + piece + base.slice(at + len);
          assert.deepStrictEqual(parseDockerfile(next, first.ast).lineStarts, computeLineStarts(next), `${JSON.stringify(base)} → ${JSON.stringify(next)}`);
        }
      }
    }
  }
});

test('a line over the parse limit reaches the parser as spaces: same offsets and line numbers, its continuation mark kept', () => {
  const long = '"a", '.repeat(MAX_PARSED_LINE_LENGTH / 5 + 1);
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = ['FROM alpine', `CMD [${long}"b"]`, `RUN echo ${long} \\`, '  done', 'USER app', ''].join(eol);
    const blanked = blankOverlongLines(text);
    assert.equal(blanked.length, text.length);
    const doc = parseDocument(text);
    const starts = doc.ast.getInstructions().map((i) => [i.getKeyword(), i.getRange().start.line]);
    assert.deepEqual(starts[0], ['FROM', 0]);
    assert.deepEqual(starts[starts.length - 1], ['USER', 4], 'the lines after it keep their numbers');
    assert.ok(!starts.some(([, line]) => line === 1), 'nothing of the long CMD line is parsed');
    assert.equal(blanked.split(/\r\n|\r|\n/)[2].trim(), '\\', 'the continuation mark stays');
    assert.equal(doc.lineCount(), 6);
    assert.equal(doc.lineText(1), `CMD [${long}"b"]`, 'the document keeps its real text');
  }
});

test('edits that make a line too long, split it or join it again reparse like a full parse', () => {
  const half = 'y'.repeat(MAX_PARSED_LINE_LENGTH / 2 + 10);
  const steps = [
    `FROM a\nRUN ${half}\nCMD ['x']\nRUN ${half}\n`,
    `FROM a\nRUN ${half}${half}\nCMD ['x']\nRUN ${half}\n`, // two halves joined: over the limit
    `FROM a\nRUN ${half}${half}\nCMD ['x']\nRUN ${half}!\n`, // an edit after the long line
    `FROM a\nRUN ${half}\\\n${half}\nCMD ['x']\nRUN ${half}!\n`, // split again, as a continuation
    `FROM a\nRUN ${half}${half}${half}\nCMD ['x']\n`,
  ];
  for (const chunk of [1, 3]) {
    withChunkLines(chunk, () => {
      let doc = parseDocument(steps[0]);
      for (const text of steps.slice(1)) {
        doc = reparseDocument(doc, text);
        assertSame(text, doc.ast, `chunk ${chunk}: ${text.length} characters`);
        assert.equal(doc.text, text);
      }
    });
  }
});
