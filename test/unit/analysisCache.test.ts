// Differential test: analysing the versions of a document with an AnalysisCache (rule results reused per
// stage across versions, engine/analysisCache.ts) must give exactly the findings of a fresh
// `analyze(parseDocument(text))` — after random edits (fast-check, fixed seeds) on corpus files and on
// generated multi-stage files, with a real build context on disk and with a file system so large that
// the document's file-system budget runs out part way.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { AnalysisCache, analysisCaching } from '../../server/src/engine/analysis/analysisCache';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { parseDocument, reparseDocument } from '../../server/src/engine/parse/document';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import type { Entry, FileSystemView } from '../../server/src/engine/context/fs';
import { RULE_FAMILIES } from '../../server/src/engine/rules';
import { CORPUS_DOCKERFILES, absent } from '../helpers/shared';

// The server analyses short documents without the cache; these tests exercise the cache on short inputs.
analysisCaching.minLines = 0;

const CORPUS = CORPUS_DOCKERFILES;

/** Pieces inserted by the random edits: stage boundaries, variables, COPY sources, commands, breakers. */
const PIECES = [
  'x',
  '\n',
  '\n\n\n',
  'FROM alpine AS base\n',
  'FROM base\n',
  'FROM base AS child\n',
  'FROM child AS grand\n',
  'FROM 0\n',
  'ARG SRC=app\n',
  'ARG SRC\n',
  'ENV SRC=src\n',
  'COPY $SRC/main.go /app/\n',
  'COPY *.txt /dest\n',
  'COPY a.txt b.txt /dest\n',
  'ADD files.tar.gz /opt/\n',
  'ADD https://example.com/x.tgz /\n',
  'COPY ../outside /x\n',
  'COPY secret.txt /s/\n',
  'CMD echo hi\n',
  'CMD ["run $X"]\n',
  'CMD ["a", "b"]\n',
  'ENTRYPOINT ["entry"]\n',
  'ENTRYPOINT start.sh\n',
  "CMD ['single', 'quotes']\n",
  'SHELL ["/bin/bash", "-c"]\n',
  'CMD service nginx start\n',
  '\\\n',
  'RUN <<EOF\n',
  'EOF\n',
  '# escape=`\n',
  '# check=error=true\n',
  '# dockerfile-notes-ignore cmd-shell-form\n',
  'FROM mcr.microsoft.com/windows/servercore\n',
];

function generated(seed: number): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = ['ARG BASE=alpine', 'ARG SRC=app'];
  for (let k = 0; k < 12; k++) {
    const parent = k > 0 && next() < 0.5 ? `s${Math.floor(next() * k)}` : '${BASE}';
    out.push(`FROM ${parent} AS s${k}`);
    const n = 2 + Math.floor(next() * 5);
    for (let i = 0; i < n; i++) out.push(PIECES[Math.floor(next() * PIECES.length)].replace(/\n$/, '').replace(/^(\\|RUN <<EOF|EOF|# escape=`)$/, 'RUN true'));
    out.push('COPY *.txt /dest/');
  }
  return out.join('\n') + '\n';
}

interface Edit {
  at: number;
  len: number;
  piece: string;
}

function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  // Half the time delete what follows (up to len characters) as well as inserting.
  const end = Math.min(text.length, at + (e.len % 2 === 0 ? 0 : e.len));
  return text.slice(0, at) + e.piece + text.slice(end);
}

function editsArb(bases: string[]) {
  const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 60 }), piece: fc.oneof(fc.constantFrom(...PIECES), fc.constant('')) });
  return fc.record({ base: fc.constantFrom(...bases), edits: fc.array(edit, { minLength: 1, maxLength: 10 }) });
}

/** Edits a document step by step; after each step the cached analysis must equal a fresh one. */
function checkEdits(ctx: AnalysisContext) {
  return ({ base, edits }: { base: string; edits: Edit[] }) => {
    const cache = new AnalysisCache();
    let text = base;
    let doc = parseDocument(text);
    assert.deepStrictEqual(analyze(doc, ctx, RULE_FAMILIES, cache), analyze(parseDocument(text), ctx));
    for (const e of edits) {
      text = applyEdit(text, e);
      doc = reparseDocument(doc, text);
      const cached = analyze(doc, ctx, RULE_FAMILIES, cache);
      const fresh = analyze(parseDocument(text), ctx);
      assert.deepStrictEqual(cached, fresh);
    }
  };
}

function contextIn(folder: string, fs: FileSystemView): AnalysisContext {
  return { lang: 'en', settings: DEFAULT_SETTINGS, fs, documentPath: path.join(folder, 'Dockerfile'), workspaceFolder: folder };
}

/** A build context folder with a few real files and a .dockerignore. */
function makeContext(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dn-analysis-cache-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'main.go'), 'package main\n');
  writeFileSync(path.join(dir, 'a.txt'), 'a');
  writeFileSync(path.join(dir, 'b.txt'), 'b');
  writeFileSync(path.join(dir, 'secret.txt'), 's');
  writeFileSync(path.join(dir, 'files.tar.gz'), '');
  writeFileSync(path.join(dir, '.dockerignore'), 'secret.txt\n');
  return dir;
}

/**
 * A folder of 3,000 entries (not on disk), two of them `.txt` files: each `COPY *.txt` costs 3,001 of
 * the document's file-system budget of 50,000, so the 17th such source is no longer looked at.
 */
class HugeFolder implements FileSystemView {
  private names = ['a.txt', 'b.txt', ...Array.from({ length: 2998 }, (_, i) => `g${i}.bin`)];
  constructor(private root: string) {}
  stat(p: string): Entry | null {
    if (path.resolve(p) === this.root) return { type: 'dir', size: 0 };
    return path.dirname(path.resolve(p)) === this.root && this.names.includes(path.basename(p)) ? { type: 'file', size: 1 } : null;
  }
  readDir(p: string): string[] | null {
    return path.resolve(p) === this.root ? this.names : null;
  }
  readText(): string | null {
    return null;
  }
}

function corpusSample(count: number): string[] {
  if (!existsSync(CORPUS)) return [];
  const names = readdirSync(CORPUS).sort();
  const texts = names.map((n) => readFileSync(path.join(CORPUS, n), 'utf8')).filter((t) => t.length < 20_000);
  // Prefer files with several stages (that is where reuse happens), plus a few single-stage ones.
  const multi = texts.filter((t) => (t.match(/^FROM\s/gim)?.length ?? 0) >= 3);
  const step = Math.max(1, Math.floor(multi.length / count));
  return [...multi.filter((_, i) => i % step === 0).slice(0, count), ...texts.slice(0, 3)];
}

test('cached analysis equals a fresh one after random edits (generated multi-stage files, real context)', () => {
  const dir = makeContext();
  try {
    const ctx = contextIn(dir, new CachedNodeFileSystem());
    const bases = [1, 2, 3, 4, 5].map(generated);
    fc.assert(fc.property(editsArb(bases), checkEdits(ctx)), { seed: 31, numRuns: 120 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cached analysis equals a fresh one when edits move a document across the caching threshold', () => {
  const dir = makeContext();
  const saved = analysisCaching.minLines;
  try {
    const ctx = contextIn(dir, new CachedNodeFileSystem());
    const bases = [3, 4].map(generated);
    // Edits that add lines switch the cache on, edits that remove lines switch it off again.
    analysisCaching.minLines = Math.min(...bases.map((b) => b.split('\n').length));
    fc.assert(fc.property(editsArb(bases), checkEdits(ctx)), { seed: 37, numRuns: 80 });
  } finally {
    analysisCaching.minLines = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a short document is analysed whole: the cache is left untouched', () => {
  const saved = analysisCaching.minLines;
  try {
    analysisCaching.minLines = 150;
    const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
    const short = generated(3);
    assert.ok(short.split('\n').length < 150);
    const cache = new AnalysisCache();
    assert.deepStrictEqual(analyze(parseDocument(short), ctx, RULE_FAMILIES, cache), analyze(parseDocument(short), ctx));
    assert.deepStrictEqual(cache.stats, { reused: 0, computed: 0 });
    let long = short;
    while (long.split('\n').length < 150) long += short;
    analyze(parseDocument(long), ctx, RULE_FAMILIES, cache);
    assert.ok(cache.stats.computed > 0);
  } finally {
    analysisCaching.minLines = saved;
  }
});

test('cached analysis equals a fresh one after random edits (corpus files)', (t) => {
  const bases = corpusSample(30);
  if (bases.length === 0) return t.skip(absent(CORPUS) || 'corpus absent');
  const dir = makeContext();
  try {
    const ctx = contextIn(dir, new CachedNodeFileSystem());
    fc.assert(fc.property(editsArb(bases), checkEdits(ctx)), { seed: 47, numRuns: 80 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cached analysis equals a fresh one when the file-system budget runs out part way', () => {
  const root = path.resolve(os.tmpdir(), 'dn-huge-folder-not-on-disk');
  const ctx = contextIn(root, new HugeFolder(root));
  const stages = Array.from({ length: 25 }, (_, k) => `FROM alpine AS s${k}\nCOPY *.txt /d\nCMD x`).join('\n') + '\n';
  const wildcard = (text: string) => analyze(parseDocument(text), ctx).filter((f) => f.code === 'copy-multi-source-dest').length;
  assert.equal(wildcard(stages), 16, 'the budget ends after 16 wildcard sources');
  const chain = Array.from({ length: 25 }, (_, k) => `FROM ${k ? `s${k - 1}` : 'alpine'} AS s${k}\nCOPY *.txt /d\nCMD x`).join('\n') + '\n';
  const bases = [stages, chain];
  const heavy = editsArb(bases).map(({ base, edits }) => ({ base, edits: edits.map((e) => (e.piece === 'x' ? { ...e, piece: 'COPY *.txt /e\n' } : e)) }));
  fc.assert(fc.property(heavy, checkEdits(ctx)), { seed: 53, numRuns: 60 });
});

test('reports are reused for unchanged stages, also when lines are added above them', () => {
  const root = path.resolve(os.tmpdir(), 'dn-no-such-folder');
  const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  void root;
  const text = generated(9);
  const cache = new AnalysisCache();
  let doc = parseDocument(text);
  analyze(doc, ctx, RULE_FAMILIES, cache);
  const stages = doc.stages.length;
  // Three new lines in the first stage: every later stage moved but kept its text.
  const firstStageLine = doc.stages[0].startLine;
  const offset = doc.lineStarts[firstStageLine + 1];
  const edited = text.slice(0, offset) + 'RUN one\nRUN two\nRUN three\n' + text.slice(offset);
  doc = reparseDocument(doc, edited);
  const findings = analyze(doc, ctx, RULE_FAMILIES, cache);
  assert.deepStrictEqual(findings, analyze(parseDocument(edited), ctx));
  const scoped = RULE_FAMILIES.filter((f) => f.scoped).length;
  // Stages whose ancestry includes the first stage are computed again; the others are reused.
  assert.ok(cache.stats.reused > 0, 'some stages are reused');
  assert.ok(cache.stats.computed < scoped * (stages + 1), 'not every stage is computed again');
});

/** An analysis in slices as the server runs it: each slice stops after one new stage, the next goes on. */
function slicedAnalysis(doc: ReturnType<typeof parseDocument>, ctx: AnalysisContext, cache: AnalysisCache): { findings: ReturnType<typeof analyze>; slices: number } {
  for (let slices = 1; ; slices++) {
    const slice = cache.startSlice(() => true);
    let findings;
    try {
      findings = analyze(doc, ctx, RULE_FAMILIES, cache);
    } finally {
      cache.endSlice();
    }
    if (!slice.paused) return { findings, slices };
    assert.ok(slice.computed > 0, 'every slice computes at least one stage');
  }
}

test('an analysis in slices (stopped after every stage, then resumed) equals one whole analysis', () => {
  const dir = makeContext();
  try {
    const ctx = contextIn(dir, new CachedNodeFileSystem());
    fc.assert(
      fc.property(editsArb([generated(3), generated(11)]), ({ base, edits }) => {
        const cache = new AnalysisCache();
        let text = base;
        let doc = parseDocument(text);
        const first = slicedAnalysis(doc, ctx, cache);
        assert.deepStrictEqual(first.findings, analyze(parseDocument(text), ctx));
        assert.ok(first.slices > doc.stages.length, 'the analysis really was cut into slices');
        for (const e of edits) {
          text = applyEdit(text, e);
          doc = reparseDocument(doc, text);
          assert.deepStrictEqual(slicedAnalysis(doc, ctx, cache).findings, analyze(parseDocument(text), ctx));
        }
      }),
      { seed: 61, numRuns: 30 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
