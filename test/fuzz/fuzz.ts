// `npm run fuzz [-- --seconds N | --runs N] [--seed S] [--no-server]`: the robustness invariants of
// test/property over far more input than `npm test` runs. Phases: every corpus file as is, the extreme
// inputs, then generated and mutated texts (from the seeds, the examples and the whole corpus) until the
// time or the run count is used up, then a share of the time through the protocol against dist/server.js.
// Prints the figures docs/reliability.md quotes; exits 1 on the first broken invariant, with its seed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusNames, exampleTexts, extremeInputs, hostileText, mutated, fragment, stageChain, SEED, CORPUS_DIR } from '../property/generators';
import { checkEngine, RecordingFs, assertUntrustedMarkdown } from '../property/invariants';
import type { CheckStats } from '../property/invariants';
import { TestClient, SERVER_JS } from '../helpers/lspClient';
import { parseDocument } from '../../server/src/engine/parse/document';
import { rangeInside } from '../../server/src/engine/rules/limits';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { compileElementPattern } from '../../server/src/engine/context/glob';
import { URI } from 'vscode-uri';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(opt('seconds') ?? (opt('runs') ? 3600 : 60));
const runs = opt('runs') ? Number(opt('runs')) : undefined;
const seed = Number(opt('seed') ?? SEED);
const withServer = !args.includes('--no-server');

// Issue 18's shapes: repetition (many ARG/ENV/COPY/CMD lines in one stage), nesting (FROM <stage> chains),
// expansion (ARGs that repeat the previous one). Each must stay bounded: the engine builds no value longer
// than MAX_VALUE_LENGTH and folds every stage chain once.

/** Repetition, nesting and expansion, once each at the sizes that froze or crashed the engine before. */
function heavyShapes(): Record<string, string> {
  return {
    '500 ENV + 500 COPY $V1 in one stage': repeatedVariables(500),
    '20,000 shell-form CMDs in one stage': 'FROM a\n' + 'CMD run x\n'.repeat(20_000),
    '10,000 single-string exec-form CMDs': 'FROM a\n' + 'CMD ["run x"]\n'.repeat(10_000),
    '10,000 chained stages with WORKDIR, ENV and CMD': chainedStages(10_000),
    'ARG expansion bomb (8 × 12 levels) used by COPY': expansionBomb(8, 12, 'COPY $V11 ../secrets /x/\n'),
    'ENV expansion bomb through ${X:-…} defaults': expansionBomb(6, 14, 'WORKDIR /${V13:-x}\nCOPY a ${V13}\n', 'ENV', true),
  };
}

/** `FROM a`, then n ENV lines, then n COPY lines that read the first one. */
function repeatedVariables(n: number): string {
  let text = 'FROM a\n';
  for (let i = 0; i < n; i++) text += `ENV V${i}=v${i}\n`;
  for (let i = 0; i < n; i++) text += `COPY $V1 /d${i}/\n`;
  return text;
}

/** n stages, each `FROM` the previous one, with a relative WORKDIR, an ENV that reads the parent's, and a CMD. */
function chainedStages(n: number): string {
  let text = 'FROM alpine AS s0\nENV P=/p\n';
  for (let i = 1; i < n; i++) text += `FROM s${i - 1} AS s${i}\nWORKDIR w\nENV P=$P/x\nCMD run $P\n`;
  return text;
}

/** `levels` ARG (or ENV) lines, each repeating the previous value `fanOut` times, then `tail`. */
function expansionBomb(fanOut: number, levels: number, tail: string, keyword = 'ARG', braced = false): string {
  let text = `FROM a\n${keyword} V0=xxxxxxxx\n`;
  const ref = (i: number) => (braced ? `\${V${i}:-y}` : `$V${i}`);
  for (let i = 1; i < levels; i++) text += `${keyword} V${i}=${ref(i - 1).repeat(fanOut)}\n`;
  return text + tail;
}

/** Generated shapes of the same three kinds, smaller, mixed with the usual instructions. */
const heavyText: fc.Arbitrary<string> = fc.oneof(
  fc.record({ n: fc.integer({ min: 1, max: 400 }), line: fc.constantFrom('ENV A=$A$A', 'ARG B=${B:-$B}', 'COPY $A$B /x/', 'CMD run', 'CMD ["a b"]', 'SHELL ["/bin/bash", "-c"]', 'ONBUILD CMD x', 'WORKDIR $A') })
    .map(({ n, line }) => 'FROM a\nARG A=aa\nARG B=bb\n' + `${line}\n`.repeat(n)),
  fc.record({ n: fc.integer({ min: 1, max: 600 }), body: fc.constantFrom('', 'CMD x\n', 'WORKDIR w\n', 'ENV E=$E.e\n', 'ENTRYPOINT ["sh", "-c", "x"]\n', 'SHELL ["cmd"]\n', 'COPY --from=s0 a b\n') })
    .map(({ n, body }) => 'FROM alpine AS s0\n' + Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\n${body}`).join('')),
  fc.record({ fanOut: fc.integer({ min: 2, max: 10 }), levels: fc.integer({ min: 2, max: 16 }), keyword: fc.constantFrom('ARG', 'ENV'), braced: fc.boolean(), tail: fc.constantFrom('COPY $V{last} ../x /y/\n', 'WORKDIR /$V{last}\n', 'FROM $V{last}\n', 'CMD echo $V{last}\n', 'ADD ${V{last}:+a} b\n') })
    .map(({ fanOut, levels, keyword, braced, tail }) => expansionBomb(fanOut, levels, tail.replace(/\{last\}/g, String(levels - 1)), keyword, braced)),
);

const totals: CheckStats & { cases: number } = { cases: 0, findings: 0, hovers: 0, fixes: 0, safeFixesApplied: 0 };
const slowest: Array<{ ms: number; what: string }> = [];
let maxBytes = 0;

function note(stats: CheckStats, ms: number, what: string, size: number): void {
  totals.cases++;
  totals.findings += stats.findings;
  totals.hovers += stats.hovers;
  totals.fixes += stats.fixes;
  totals.safeFixesApplied += stats.safeFixesApplied;
  maxBytes = Math.max(maxBytes, size);
  slowest.push({ ms, what });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 6);
}

function timed(text: string, what: string, root: string | null): void {
  const start = performance.now();
  const stats = checkEngine(text, root ? { root, fs: new RecordingFs() } : {});
  note(stats, performance.now() - start, what, text.length);
}

function readIfPresent(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

function describe(text: string): string {
  return `${text.length} chars, ${text.split(/\r\n|\r|\n/).length} lines: ${JSON.stringify(text.slice(0, 60))}`;
}

/** A glob element as a backtracking RegExp would read it: the reference on inputs too short to blow up. */
function referenceElementRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      re += pattern.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.+()|{}$^\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * COPY/ADD globs and .dockerignore lines built to make a backtracking matcher take exponential time (`*a`
 * repeated, `?` runs, `**` chains) against names that almost match, through the whole analysis in a real
 * folder: every case must be answered (its time joins the slowest list). On short random globs the linear
 * matcher must agree with a RegExp.
 */
function backtrackingPatterns(seed: number, numRuns: number | undefined, until: number): { cases: number; failure?: string } {
  let cases = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-fuzz-globs-'));
  try {
    const short = fc.tuple(
      fc.array(fc.constantFrom('a', 'b', '*', '?', '[ab]', '[^a]', '.'), { maxLength: 8 }).map((t) => t.join('')),
      fc.array(fc.constantFrom('a', 'b', '.'), { maxLength: 10 }).map((t) => t.join('')),
    );
    const agree = fc.check(
      fc.property(short, ([pattern, name]) => {
        cases++;
        const ours = compileElementPattern(pattern)?.test(name);
        const reference = referenceElementRegExp(pattern).test(name);
        if (ours !== reference) throw new Error(`glob ${JSON.stringify(pattern)} on ${JSON.stringify(name)}: ${ours}, a RegExp says ${reference}`);
      }),
      { seed, numRuns: numRuns ?? 20_000 },
    );
    if (agree.failed) return { cases, failure: fc.defaultReportMessage(agree) };
    const hostile = fc.record({
      letter: fc.constantFrom('a', 'x'),
      repeat: fc.integer({ min: 1, max: 40 }),
      wildcard: fc.constantFrom('*', '**', '?', '*?', '**/'),
      nameLength: fc.integer({ min: 1, max: 80 }),
      where: fc.constantFrom('copy', 'dockerignore'),
    });
    const shapes = fc.check(
      fc.property(hostile, ({ letter, repeat, wildcard, nameLength, where }) => {
        cases++;
        const name = letter.repeat(nameLength);
        const pattern = `${(wildcard + letter).repeat(repeat)}b`;
        for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
        fs.writeFileSync(path.join(dir, name), '');
        fs.writeFileSync(path.join(dir, '.dockerignore'), where === 'dockerignore' ? `${pattern}\n` : '');
        const text = `FROM alpine\nCOPY ${where === 'copy' ? pattern : name} /x/\nCOPY ../outside /y\n`;
        const start = performance.now();
        const findings = analyze(parseDocument(text), { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: path.join(dir, 'Dockerfile'), workspaceFolder: dir });
        note({ findings: findings.length, hovers: 0, fixes: 0, safeFixesApplied: 0 }, performance.now() - start, `${where} pattern ${pattern.slice(0, 40)}… on a ${nameLength}-character name`, text.length);
        if (!findings.some((f) => f.code === 'copy-outside-context')) throw new Error(`the COPY/ADD checks were lost with ${where} pattern ${pattern}`);
      }),
      { seed: seed + 2, numRuns: numRuns ?? 10_000_000, interruptAfterTimeLimit: numRuns ? undefined : Math.max(1000, until - Date.now()), markInterruptAsFailure: false },
    );
    if (shapes.failed) return { cases, failure: fc.defaultReportMessage(shapes) };
    return { cases };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const deadline = began + seconds * 1000;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-fuzz-'));
  for (const f of ['a.txt', 'package.json', 'src/index.js', 'dist/app.js']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), 'x');
  }
  fs.writeFileSync(path.join(root, '.dockerignore'), 'dist\n');
  console.log(`fuzz: seed ${seed}, ${runs ? `${runs} generated runs` : `${seconds} s`}, corpus ${fs.existsSync(CORPUS_DIR) ? CORPUS_DIR : 'absent'}`);

  // 1. Every corpus file as it is.
  const names = corpusNames();
  const corpusStart = Date.now();
  for (const file of names) timed(fs.readFileSync(file, 'utf8'), `corpus ${path.basename(file)}`, root);
  console.log(`  corpus: ${names.length} files in ${((Date.now() - corpusStart) / 1000).toFixed(1)} s`);

  // 2. The extreme inputs.
  // Beyond the npm test set: shapes that were slow once (kept here to watch their cost).
  const extremes: Record<string, string> = {
    ...extremeInputs(),
    '5,000 stages, each FROM the previous': stageChain(5000),
    '5,000 CMD lines in one stage': 'FROM a\n' + 'CMD echo hi\n'.repeat(5000),
    '2,000 SHELL + CMD pairs': 'FROM a\n' + 'SHELL ["/bin/sh", "-c"]\nCMD x\n'.repeat(2000),
    'stress_10k.Dockerfile': readIfPresent(path.join(CORPUS_DIR, 'stress', 'stress_10k.Dockerfile')),
    ...heavyShapes(),
  };
  for (const [name, text] of Object.entries(extremes)) timed(text, `extreme: ${name}`, root);
  console.log(`  extreme inputs: ${Object.keys(extremes).length}`);

  // 3. Generated and mutated texts until the time or the runs are used up.
  const bases = [...exampleTexts(), ...names.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => t.length < 100_000)];
  const source = fc.oneof(
    { weight: 2, arbitrary: hostileText },
    ...(bases.length ? [{ weight: 2, arbitrary: mutated(fc.constantFrom(...bases), 10) }] : []),
    { weight: 1, arbitrary: heavyText },
  );
  const engineShare = withServer ? 0.8 : 1;
  const engineDeadline = began + (deadline - began) * engineShare;
  const before = totals.cases;
  const result = fc.check(
    fc.property(source, (text) => {
      const start = performance.now();
      const stats = checkEngine(text, { root, fs: new RecordingFs() });
      note(stats, performance.now() - start, `generated ${describe(text)}`, text.length);
    }),
    { seed, numRuns: runs ?? 10_000_000, interruptAfterTimeLimit: runs ? undefined : Math.max(1000, engineDeadline - Date.now()), markInterruptAsFailure: false },
  );
  console.log(`  generated: ${totals.cases - before} cases`);
  if (result.failed) {
    console.error(fc.defaultReportMessage(result));
    console.error(`broken invariant: ${String((result.errorInstance as Error)?.message ?? result.errorInstance).slice(0, 2000)}`);
    process.exitCode = 1;
  }

  const patterns = backtrackingPatterns(seed, runs ? Math.max(1, Math.floor(runs / 10)) : undefined, Math.min(deadline, began + (deadline - began) * (engineShare + 0.05)));
  console.log(`  backtracking patterns: ${patterns.cases} cases`);
  if (patterns.failure) {
    console.error(`broken invariant: ${patterns.failure}`);
    process.exitCode = 1;
  }

  // 4. Through the protocol.
  let protocolCases = 0;
  if (withServer && !result.failed && fs.existsSync(SERVER_JS)) {
    const client = await TestClient.start({ workspaceFolder: root });
    const edit = fc.record({ line: fc.nat({ max: 60 }), character: fc.nat({ max: 100 }), length: fc.nat({ max: 40 }), text: fragment });
    const protocolDeadline = runs ? Infinity : deadline;
    const pr = await fc.check(
      fc.asyncProperty(hostileText, fc.array(edit, { maxLength: 4 }), async (initial, edits) => {
        const uri = client.uriFor(path.join(root, `p${++protocolCases}.Dockerfile`));
        let doc = TextDocument.create(uri, 'dockerfile', 1, initial);
        await client.open(uri, initial);
        let diags = await client.waitForDiagnostics(uri);
        for (const e of edits) {
          const start = { line: e.line, character: e.character };
          const range = { start, end: doc.positionAt(doc.offsetAt(start) + e.length) };
          const version = await client.edit(uri, range, e.text);
          doc = TextDocument.update(doc, [{ range, text: e.text }], version);
          diags = await client.waitForDiagnostics(uri);
        }
        const parsed = parseDocument(doc.getText());
        for (const d of diags) if (!rangeInside(parsed, d.range)) throw new Error(`diagnostic outside the text: ${JSON.stringify(d)}`);
        // Incremental re-parsing in the server must agree with a fresh analysis of the same text.
        const fresh = analyze(parsed, { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: URI.parse(uri).fsPath, workspaceFolder: root });
        const key = (code: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }, m: string) =>
          `${String(code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${m}`;
        const got = diags.map((d) => key(d.code, d.range, d.message)).sort().join('\n');
        const want = fresh.map((f) => key(f.code, f.range, f.message)).sort().join('\n');
        if (got !== want) throw new Error(`the server's diagnostics differ from a fresh analysis:\n${got}\n---\n${want}`);
        for (let line = 0; line < Math.min(parsed.lineCount(), 8); line++) {
          const h = await client.hover(uri, line, 1);
          const c = h?.contents as { value?: string } | undefined;
          if (c?.value) assertUntrustedMarkdown(c.value);
          if (h?.range && !rangeInside(parsed, h.range)) throw new Error(`hover outside the text: ${JSON.stringify(h.range)}`);
        }
        for (const d of diags.slice(0, 5)) {
          for (const a of await client.codeActions(uri, d.range, [d])) {
            for (const te of a.edit?.changes?.[uri] ?? []) if (!rangeInside(parsed, te.range)) throw new Error(`edit outside the text: ${JSON.stringify(te)}`);
          }
        }
        await client.close(uri);
      }),
      { seed: seed + 1, numRuns: runs ? Math.max(1, Math.floor(runs / 10)) : 10_000_000, interruptAfterTimeLimit: runs ? undefined : Math.max(1000, protocolDeadline - Date.now()), markInterruptAsFailure: false },
    );
    await client.stop();
    console.log(`  protocol: ${protocolCases} documents with edits, hovers and code actions`);
    if (pr.failed) {
      console.error(fc.defaultReportMessage(pr));
      console.error(`broken invariant: ${String((pr.errorInstance as Error)?.message ?? pr.errorInstance).slice(0, 2000)}`);
      process.exitCode = 1;
    }
  }
  fs.rmSync(root, { recursive: true, force: true });

  const elapsed = (Date.now() - began) / 1000;
  console.log('');
  console.log(`| figure | value |`);
  console.log(`|---|---|`);
  console.log(`| engine cases | ${totals.cases} |`);
  console.log(`| protocol cases | ${protocolCases} |`);
  console.log(`| findings checked | ${totals.findings} |`);
  console.log(`| hovers checked | ${totals.hovers} |`);
  console.log(`| fixes checked | ${totals.fixes} |`);
  console.log(`| safe fixes applied and re-analysed | ${totals.safeFixesApplied} |`);
  console.log(`| largest input | ${maxBytes} chars |`);
  console.log(`| wall time | ${elapsed.toFixed(1)} s |`);
  console.log(`| broken invariants | ${process.exitCode ? 'YES (see above)' : 0} |`);
  console.log('');
  console.log('slowest cases (all checks: analysis, hovers, code actions, fixes re-analysed):');
  for (const s of slowest) console.log(`  ${s.ms.toFixed(0).padStart(6)} ms  ${s.what.slice(0, 110)}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
