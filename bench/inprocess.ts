// In-process timings of the engine (no LSP): parse, analyse, one-character edits, hovers and code actions
// on the stress files. For profiling (`node --import tsx --cpu-prof bench/inprocess.ts 100k`), not a
// replacement for `npm run bench`, whose numbers are client-observed.
import * as path from 'node:path';
import { parseDocument, reparseDocument } from '../server/src/engine/parse/document';
import { analyze, codeActions } from '../server/src/engine/analysis/analyze';
import { hover } from '../server/src/engine/features/hover';
import { AnalysisCache } from '../server/src/engine/analysis/analysisCache';
import { RULE_FAMILIES } from '../server/src/engine/rules';
import { DEFAULT_SETTINGS } from '../server/src/engine/context';
import type { AnalysisContext } from '../server/src/engine/context';
import { CachedNodeFileSystem } from '../server/src/engine/context/fs';
import { rng, stressInput, CORPUS_ROOT } from './inputs';
import { fmtMs, summarize } from './stats';

const which = process.argv[2] === '100k' ? 'stress_100k' : 'stress_10k';
const input = stressInput(which, which === 'stress_100k' ? 100_000 : 10_000);
const ctx: AnalysisContext = {
  lang: 'en',
  settings: DEFAULT_SETTINGS,
  fs: new CachedNodeFileSystem(),
  documentPath: input.path,
  workspaceFolder: CORPUS_ROOT,
};

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const useCache = !process.argv.includes('--no-cache');
const verify = process.argv.includes('--verify');
const cache = useCache ? new AnalysisCache() : undefined;
const [doc0, tParse] = time(() => parseDocument(input.text));
const [findings0, tAnalyze] = time(() => analyze(doc0, ctx, RULE_FAMILIES, cache));
console.log(`${which}: ${input.lines} lines; parse ${fmtMs(tParse)}, analyze ${fmtMs(tAnalyze)} (${findings0.length} findings)`);
const [, tAnalyze2] = time(() => analyze(doc0, ctx, RULE_FAMILIES, cache));
console.log(`analyze again (same version) ${fmtMs(tAnalyze2)}`);

const lines = input.text.split('\n');
const random = rng(7);
const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
let doc = doc0;
let text = input.text;
const reparse: number[] = [];
const analysis: number[] = [];
const firstHover: number[] = [];
const hovers: number[] = [];
const actions: number[] = [];
const edits = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20);
for (let i = 0; i < edits; i++) {
  const line = nonEmpty[Math.floor(random() * nonEmpty.length)];
  const offset = text.split('\n', line).join('\n').length + (line > 0 ? 1 : 0) + Math.floor(random() * (lines[line].length + 1));
  text = text.slice(0, offset) + 'x' + text.slice(offset);
  const [next, tr] = time(() => reparseDocument(doc, text));
  const [findings, ta] = time(() => analyze(next, ctx, RULE_FAMILIES, cache));
  if (verify && JSON.stringify(findings) !== JSON.stringify(analyze(parseDocument(text), ctx))) throw new Error(`edit ${i}: cached analysis differs`);
  reparse.push(tr);
  analysis.push(ta);
  doc = next;
  for (let h = 0; h < 10; h++) {
    const l = Math.floor(random() * lines.length);
    const pos = { line: l, character: Math.floor(random() * (lines[l]?.length ?? 0 + 1)) };
    const [, th] = time(() => hover(doc, ctx, pos));
    (h === 0 ? firstHover : hovers).push(th);
    const range = { start: { line: l, character: 0 }, end: { line: l, character: lines[l]?.length ?? 0 } };
    const on = findings.filter((f) => f.range.start.line <= l && f.range.end.line >= l);
    const [, tc] = time(() => codeActions(doc, ctx, range, on));
    actions.push(tc);
  }
  // Delete it again (also an edit), so the next edit starts from the original text.
  text = text.slice(0, offset) + text.slice(offset + 1);
  const [back, tr2] = time(() => reparseDocument(doc, text));
  const [, ta2] = time(() => analyze(back, ctx, RULE_FAMILIES, cache));
  reparse.push(tr2);
  analysis.push(ta2);
  doc = back;
}
const show = (label: string, xs: number[]) => {
  const s = summarize(xs);
  console.log(`${label.padEnd(28)} median ${fmtMs(s.median).padStart(9)}  p99 ${fmtMs(s.p99).padStart(9)}  (n=${s.n})`);
};
show('reparse after 1-char edit', reparse);
show('analyze after 1-char edit', analysis);
show('first hover after edit', firstHover);
show('other hovers', hovers);
show('code actions', actions);
void path;
