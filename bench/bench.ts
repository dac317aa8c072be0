// `npm run bench [-- --quick]`: our server against dockerfile-language-server-nodejs, same inputs, same run,
// alternating which server goes first. Writes bench/results.md (quick: bench/results-quick.md) and .json.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, release } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { BenchServer, ServerSpec, readMemoryKiB } from './lsp';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { corpusFiles, generateDockerfile, Input, lineCount, REPO_ROOT, rng, stressInput, CORPUS_ROOT } from './inputs';
import { fmtMs, fmtRatio, summarize, Summary } from './stats';

const quick = process.argv.includes('--quick');
const skipBuild = process.argv.includes('--no-build');
// `--only=corpus,10k` runs just those parts (cold, corpus, 1k, 10k, 100k; heavy-edits: only the 10k file's
// inserted-instruction and burst rows): for work on one number; the results files are written only by full runs.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
const runs = (part: string) => only === null || only.includes(part);
// Unmeasured requests each server answers on a file before its hover and code-action samples: the
// numbers describe a server that has answered requests before (the first ones compile the request path).
const WARMUP_REQUESTS = quick ? 20 : 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DIST_SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
// The bench runs a private copy of the bundle: others may rebuild dist/ (unminified) while it runs. The
// copy sits inside the repository so the server still finds the shipped notes/ by walking up.
const SERVER_JS = path.join(REPO_ROOT, 'out', 'bench', 'server.js');
const PEER_BIN = path.join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');

// The workspace folder both servers are given: the corpus (its files are opened as they would be in an
// editor), else the repository.
const WORKSPACE = existsSync(CORPUS_ROOT) ? CORPUS_ROOT : REPO_ROOT;

// Started with the Node options the VS Code client passes (SERVER_EXEC_ARGV), over stdio instead of IPC.
const OURS: ServerSpec = { name: 'dockerfile-notes', command: process.execPath, args: [...SERVER_EXEC_ARGV, SERVER_JS, '--stdio'] };
const PEER: ServerSpec = { name: 'dockerfile-language-server-nodejs', command: process.execPath, args: [PEER_BIN, '--stdio'] };

interface Row {
  section: string;
  label: string;
  unit: 'ms' | 'MB' | 'KB';
  ours: Summary;
  theirs: Summary | null;
  target?: string;
  pass?: boolean;
}

const rows: Row[] = [];
const LOAD_AT_START = loadavg()[0].toFixed(1);
const notes: string[] = [];

function uriOf(p: string): string {
  return pathToFileURL(p).toString();
}

/**
 * All samples of one server, then all of the other's, in the order `first` picks: for requests, which
 * take well under a millisecond on our side and up to seconds on the peer's. Interleaved one by one, each
 * of our samples would follow a peer request by microseconds, while the peer's garbage collector threads
 * still hold the machine's two CPUs, and measure that.
 */
async function blocks(samples: number, fn: (server: BenchServer, which: 0 | 1, i: number) => Promise<number>, servers: [BenchServer, BenchServer], first: 0 | 1): Promise<[number[], number[]]> {
  const out: [number[], number[]] = [[], []];
  for (const which of first === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
    for (let i = 0; i < samples; i++) out[which].push(await fn(servers[which], which, i));
    await sleep(200);
  }
  return out;
}

/** Runs `fn` for both servers, alternating which goes first, and collects each one's samples. */
async function alternate(samples: number, fn: (server: BenchServer, which: 0 | 1, i: number) => Promise<number>, servers: [BenchServer, BenchServer]): Promise<[number[], number[]]> {
  const out: [number[], number[]] = [[], []];
  for (let i = 0; i < samples; i++) {
    const order: Array<0 | 1> = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) out[which].push(await fn(servers[which], which, i));
  }
  return out;
}

function log(message: string): void {
  process.stderr.write(message + '\n');
}

async function coldStart(n: number): Promise<void> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < n; i++) {
    const order: Array<0 | 1> = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const { server, coldStartMs } = await BenchServer.start(which === 0 ? OURS : PEER, WORKSPACE);
      times[which].push(coldStartMs);
      await server.stop();
    }
  }
  rows.push({ section: 'Cold start', label: 'spawn → initialize result', unit: 'ms', ours: summarize(times[0]), theirs: summarize(times[1]) });
}

/** What Node itself holds: a process that loads nothing, started with our Node options, after 1.5 s. */
async function nodeBaseline(): Promise<Row> {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, '-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await sleep(1500);
  const m = readMemoryKiB(child.pid ?? -1);
  child.kill();
  const v = (m?.rss ?? NaN) / 1024;
  return { section: 'Memory', label: `an idle \`node ${SERVER_EXEC_ARGV.join(' ')}\` that loads nothing (the floor)`, unit: 'MB', ours: { n: 1, median: v, p99: v }, theirs: null };
}

async function corpus(servers: [BenchServer, BenchServer], every: number): Promise<void> {
  const files = corpusFiles(every);
  if (files.length === 0) {
    notes.push(`The corpus (${path.relative(REPO_ROOT, CORPUS_ROOT).split(path.sep).join('/')}) is absent: the corpus rows and the RSS row are skipped.`);
    return;
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const order: Array<0 | 1> = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) times[which].push((await servers[which].open(uriOf(f.path), f.text)).ms);
  }
  const o = summarize(times[0]);
  const t = summarize(times[1]);
  const label = `didOpen → diagnostics, ${files.length} corpus files${every > 1 ? ` (every ${every}th)` : ''}`;
  rows.push({ section: 'Corpus', label, unit: 'ms', ours: o, theirs: t, target: 'median ≤ ½ peer', pass: o.median <= t.median / 2 });
  // The resident set 1.5 s after the last open, and the lowest each server reaches within a minute of
  // idling: V8's memory reducer gives back what the opens left behind some seconds after a process goes
  // idle, at a moment of its own in each process.
  const mb = (kib: number | null | undefined) => (kib ?? NaN) / 1024;
  const one = (v: number) => ({ n: 1, median: v, p99: v });
  await sleep(1500);
  const early = servers.map((s) => s.memoryKiB());
  rows.push({
    section: 'Memory',
    label: `RSS with ${files.length} corpus files open, 1.5 s after the last open`,
    unit: 'MB',
    ours: one(mb(early[0]?.rss)),
    theirs: one(mb(early[1]?.rss)),
    target: '≤ ½ peer',
    pass: mb(early[0]?.rss) <= mb(early[1]?.rss) / 2,
  });
  rows.push({ section: 'Memory', label: 'of which private (RssAnon), 1.5 s after the last open', unit: 'MB', ours: one(mb(early[0]?.anon)), theirs: one(mb(early[1]?.anon)) });
  if (!quick) {
    const lowest = early.map((m) => ({ rss: m?.rss ?? NaN, anon: m?.anon ?? NaN }));
    for (let t = 0; t < 60; t++) {
      await sleep(1000);
      servers.forEach((s, k) => {
        const m = s.memoryKiB();
        if (m && m.rss < lowest[k].rss) lowest[k] = { rss: m.rss, anon: m.anon ?? NaN };
      });
    }
    rows.push({ section: 'Memory', label: `RSS with ${files.length} corpus files open, lowest within 60 s of idling`, unit: 'MB', ours: one(mb(lowest[0].rss)), theirs: one(mb(lowest[1].rss)) });
    rows.push({ section: 'Memory', label: 'of which private (RssAnon), at that lowest point', unit: 'MB', ours: one(mb(lowest[0].anon)), theirs: one(mb(lowest[1].anon)) });
  }
  for (const f of files) for (const s of servers) await s.close(uriOf(f.path));
}

interface SizePlan {
  input: Input;
  opens: number;
  edits: number;
  requests: number;
}

async function sized(servers: [BenchServer, BenchServer], plan: SizePlan): Promise<void> {
  const { input } = plan;
  const uri = uriOf(input.path);
  const size = `${Math.round(input.lines / 1000)}k lines`;
  const label = `${input.label}, ${input.lines} lines`;
  log(`  ${label}: ${plan.opens} opens, ${plan.edits} edits, ${plan.requests} hovers and code actions`);

  // After each sample of a large file, a pause: the peer's garbage collector threads go on working for a
  // while after a multi-second validation, and the next sample (of either server) should not share the
  // machine's two CPUs with them.
  const settleMs = Number(process.env.BENCH_SETTLE_MS ?? (input.lines >= 50_000 ? 1000 : input.lines >= 5000 ? 100 : 0));
  const opens = await alternate(plan.opens, async (server) => {
    const { ms } = await server.open(uri, input.text);
    await closeAndSettle(server, uri);
    await sleep(settleMs);
    return ms;
  }, servers);
  const openOurs = summarize(opens[0]);
  const openPeer = summarize(opens[1]);
  const openTarget = input.lines >= 50_000 ? { target: 'p99 ≤ 1.5 s', pass: openOurs.p99 <= 1500 } : input.lines >= 5000 ? { target: 'median ≤ ½ peer', pass: openOurs.median <= openPeer.median / 2 } : {};
  rows.push({ section: 'didOpen → diagnostics', label: `${size} (${input.label})`, unit: 'ms', ours: openOurs, theirs: openPeer, ...openTarget });

  // Keep one copy open for edits and requests; remember each server's latest diagnostics.
  const diagnostics: [Diagnostic[], Diagnostic[]] = [[], []];
  for (const which of [0, 1] as const) diagnostics[which] = (await servers[which].open(uri, input.text)).diagnostics;
  const lines = input.text.split(/\r\n|\r|\n/);
  const random = rng(42 + input.lines);
  const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);

  // One-character edits: insert "x" somewhere in a line, then delete it again, so the text stays the input.
  const editPlan: Array<{ line: number; character: number; insert: boolean }> = [];
  for (let i = 0; i < plan.edits; i++) {
    if (i % 2 === 0) {
      const line = nonEmpty[Math.floor(random() * nonEmpty.length)];
      editPlan.push({ line, character: Math.floor(random() * (lines[line].length + 1)), insert: true });
    } else editPlan.push({ ...editPlan[i - 1], insert: false });
  }
  const edits: [number[], number[]] = [[], []];
  for (let i = 0; i < editPlan.length; i++) {
    const e = editPlan[i];
    const start = { line: e.line, character: e.character };
    const range = e.insert ? { start, end: start } : { start, end: { line: e.line, character: e.character + 1 } };
    // Alternate per pair so each server sees the same text at every step.
    const order: Array<0 | 1> = Math.floor(i / 2) % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const r = await servers[which].edit(uri, range, e.insert ? 'x' : '');
      edits[which].push(r.ms);
      diagnostics[which] = r.diagnostics;
      await sleep(settleMs);
    }
  }
  const editOurs = summarize(edits[0]);
  const editPeer = summarize(edits[1]);
  const editTarget = input.lines >= 50_000 ? { target: 'p99 ≤ 100 ms', pass: editOurs.p99 <= 100 } : input.lines >= 5000 ? { target: 'median ≤ ⅒ peer', pass: editOurs.median <= editPeer.median / 10 } : {};
  rows.push({ section: 'didChange (1 char) → diagnostics', label: `${size} (${input.label})`, unit: 'ms', ours: editOurs, theirs: editPeer, ...editTarget });

  if (input.lines >= 5000 && input.lines < 50_000) await heavyEdits(servers, input, plan.edits, settleMs);

  const positions = Array.from({ length: plan.requests }, () => {
    const line = Math.floor(random() * lines.length);
    return { line, character: Math.floor(random() * (lines[line].length + 1)) };
  });
  const warmup = rng(7 + input.lines);
  for (const server of servers) {
    for (let i = 0; i < Math.min(WARMUP_REQUESTS, plan.requests); i++) {
      const line = Math.floor(warmup() * lines.length);
      await server.hover(uri, { line, character: Math.floor(warmup() * (lines[line].length + 1)) });
      await server.codeAction(uri, { start: { line, character: 0 }, end: { line, character: lines[line].length } }, []);
    }
  }
  await sleep(200);
  const hovers = await blocks(plan.requests, (server, _w, i) => server.hover(uri, positions[i]), servers, 0);
  const hoverOurs = summarize(hovers[0]);
  const smallTarget = input.lines >= 5000 && input.lines < 50_000;
  rows.push({ section: 'Hover', label: `${size} (${input.label})`, unit: 'ms', ours: hoverOurs, theirs: summarize(hovers[1]), ...(smallTarget ? { target: 'p99 ≤ 2 ms', pass: hoverOurs.p99 <= 2 } : {}) });

  if (smallTarget) {
    // The same request for a document the server was never given: answered without any work, so its
    // latency is what the pipe, both event loops and the machine's scheduling cost on their own.
    const floor = await blocks(plan.requests, (server, _w, i) => server.hover(`${uri}.unopened`, positions[i]), servers, 1);
    rows.push({ section: 'Hover', label: `unopened document (no work: the transport floor), ${size}`, unit: 'ms', ours: summarize(floor[0]), theirs: summarize(floor[1]) });
  }

  const actions = await blocks(plan.requests, (server, which, i) => {
    const line = positions[i].line;
    const range = { start: { line, character: 0 }, end: { line, character: lines[line].length } };
    const overlapping = diagnostics[which].filter((d) => d.range.start.line <= line && d.range.end.line >= line);
    return server.codeAction(uri, range, overlapping);
  }, servers, 1);
  const actionOurs = summarize(actions[0]);
  rows.push({ section: 'Code actions', label: `${size} (${input.label})`, unit: 'ms', ours: actionOurs, theirs: summarize(actions[1]), ...(smallTarget ? { target: 'p99 ≤ 2 ms', pass: actionOurs.p99 <= 2 } : {}) });

  if (input.lines >= 5000) {
    // Completion at the same random positions (Ctrl+Space anywhere: keywords, flags, variables, paths).
    for (const server of servers) {
      for (let i = 0; i < Math.min(WARMUP_REQUESTS, plan.requests); i++) await server.completion(uri, positions[(i * 7) % positions.length]);
    }
    const completions = await blocks(plan.requests, (server, _w, i) => server.completion(uri, positions[i]), servers, 0);
    const completionOurs = summarize(completions[0]);
    const completionPeer = summarize(completions[1]);
    rows.push({ section: 'Completion', label: `${size} (${input.label})`, unit: 'ms', ours: completionOurs, theirs: completionPeer, ...requestTarget(input.lines, completionOurs, completionPeer) });

    // Document symbols of a new version: a one-character edit, its diagnostics, then the request (the
    // Outline and the breadcrumbs ask again once typing pauses, after the diagnostics have come).
    const symbolEdits = Math.min(plan.requests, 100);
    const symbols = await blocks(symbolEdits, async (server, _w, i) => {
      const e = editPlan[i % editPlan.length];
      const start = { line: e.line, character: e.character };
      const insert = i % 2 === 0;
      await server.edit(uri, insert ? { start, end: start } : { start, end: { line: e.line, character: e.character + 1 } }, insert ? 'x' : '');
      await sleep(settleMs);
      return server.documentSymbols(uri);
    }, servers, 1);
    const symbolsOurs = summarize(symbols[0]);
    const symbolsPeer = summarize(symbols[1]);
    rows.push({ section: 'Document symbols (new version after a 1-char edit)', label: `${size} (${input.label})`, unit: 'ms', ours: symbolsOurs, theirs: symbolsPeer, ...requestTarget(input.lines, symbolsOurs, symbolsPeer) });
    await symbolsFloor(servers[0], uri, size, symbolEdits);
  }

  for (const s of servers) await closeAndSettle(s, uri);
}

/**
 * The floor under the symbols row: our server's answer for the open document, sent by a stand-in server
 * that does nothing else (bench/standInServer.ts). No server that sends that answer can be faster.
 */
async function symbolsFloor(ours: BenchServer, uri: string, size: string, samples: number): Promise<void> {
  const answer = JSON.stringify(await ours.symbolsAnswer(uri));
  const dir = path.join(REPO_ROOT, 'out', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'symbols-answer.json');
  writeFileSync(file, answer);
  const spec: ServerSpec = { name: 'stand-in', command: process.execPath, args: ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'standInServer.ts'), file] };
  const { server } = await BenchServer.start(spec, WORKSPACE);
  try {
    for (let i = 0; i < Math.min(WARMUP_REQUESTS, samples); i++) await server.documentSymbols(uri);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await server.documentSymbols(uri));
    const kb = Math.round(Buffer.byteLength(answer) / 1024);
    rows.push({ section: 'Document symbols', label: `the same answer (${kb} KB) from a stand-in server that only sends it (the transport floor), ${size}`, unit: 'ms', ours: summarize(times), theirs: null });
  } finally {
    await server.stop();
  }
}

const INSTRUCTION_START = /^(FROM|RUN|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\s/;
const BURST_EDITS = 100;

/**
 * Edits heavier than one character, on a document both servers have open at `input.text`: a whole
 * instruction inserted before an existing one (then deleted again), and a burst of one-character edits
 * sent back to back (the time until the diagnostics of the last version; ours only, as the peer publishes
 * no version). Each sample leaves the text as it was.
 */
async function heavyEdits(servers: [BenchServer, BenchServer], input: Input, samples: number, settleMs: number): Promise<void> {
  const uri = uriOf(input.path);
  const size = `${Math.round(input.lines / 1000)}k lines`;
  const lines = input.text.split(/\r\n|\r|\n/);
  const random = rng(99 + input.lines);
  const starts = lines.map((l, i) => (INSTRUCTION_START.test(l) && !(lines[i - 1] ?? '').trimEnd().endsWith('\\') ? i : -1)).filter((i) => i > 0);
  const inserts: [number[], number[]] = [[], []];
  for (let i = 0; i < samples; i++) {
    const line = starts[Math.floor(random() * starts.length)];
    const at = { line, character: 0 };
    // Alternate per pair (insert, delete) so each server sees the same text at every step.
    const order: Array<0 | 1> = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const inserted = await servers[which].edit(uri, { start: at, end: at }, 'RUN echo inserted && true\n');
      inserts[which].push(inserted.ms);
      await sleep(settleMs);
      await servers[which].edit(uri, { start: at, end: { line: line + 1, character: 0 } }, '');
      await sleep(settleMs);
    }
  }
  const insertOurs = summarize(inserts[0]);
  const insertPeer = summarize(inserts[1]);
  rows.push({ section: 'didChange (insert a whole instruction) → diagnostics', label: `${size} (${input.label})`, unit: 'ms', ours: insertOurs, theirs: insertPeer, target: 'median ≤ ⅒ peer', pass: insertOurs.median <= insertPeer.median / 10 });

  const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  const bursts: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(samples / 3)); i++) {
    const changes: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }> = [];
    for (let k = 0; k < BURST_EDITS / 2; k++) {
      const line = nonEmpty[Math.floor(random() * nonEmpty.length)];
      const start = { line, character: Math.floor(random() * (lines[line].length + 1)) };
      changes.push({ range: { start, end: start }, text: 'x' });
      changes.push({ range: { start, end: { line, character: start.character + 1 } }, text: '' });
    }
    bursts.push((await servers[0].burst(uri, changes)).ms);
    await sleep(settleMs);
  }
  rows.push({ section: `didChange burst (${BURST_EDITS} one-character edits sent back to back) → diagnostics of the last version`, label: `${size} (${input.label})`, unit: 'ms', ours: summarize(bursts), theirs: null });
}

/** The targets of the completion and symbol rows: p99 ≤ 5 ms on 10k lines; never worse than the peer. */
function requestTarget(lines: number, ours: Summary, peer: Summary): Pick<Row, 'target' | 'pass'> {
  if (lines < 50_000) return { target: 'p99 ≤ 5 ms, ≤ peer', pass: ours.p99 <= 5 && ours.median <= peer.median && ours.p99 <= peer.p99 };
  return { target: '≤ peer', pass: ours.median <= peer.median && ours.p99 <= peer.p99 };
}

async function closeAndSettle(server: BenchServer, uri: string): Promise<void> {
  await server.close(uri);
  // Both servers publish empty diagnostics on close; give that message time to arrive before the next open.
  await new Promise((r) => setTimeout(r, 20));
}

function sizes(): void {
  const kb = (p: string) => statSync(p).size / 1024;
  if (existsSync(SERVER_JS)) {
    const v = kb(SERVER_JS);
    rows.push({ section: 'Size', label: 'dist/server.js (minified bundle)', unit: 'KB', ours: { n: 1, median: v, p99: v }, theirs: null, target: '≤ 600 KB', pass: v <= 600 });
  }
  const vsix = readdirSync(REPO_ROOT)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(REPO_ROOT, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (vsix) {
    const v = kb(vsix);
    rows.push({ section: 'Size', label: `${path.basename(vsix)}`, unit: 'KB', ours: { n: 1, median: v, p99: v }, theirs: null });
  } else notes.push('No .vsix found (run `npm run package`): the .vsix row is n/a.');
}

function machine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown';
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.cpus() */
  }
  const date = new Date().toISOString().slice(0, 10);
  return `Machine: ${nproc} CPUs (\`nproc\`), ${cpu}, Linux ${release()}, Node ${process.version}; ${date}. Load average (1 min) at the start and the end of the run: ${LOAD_AT_START} and ${loadavg()[0].toFixed(1)} (other work on the machine inflates every absolute number; the transport-floor row shows by how much).`;
}

function fmt(v: number, unit: Row['unit']): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (unit === 'ms') return fmtMs(v);
  return `${v.toFixed(unit === 'MB' ? 0 : 1)} ${unit}`;
}

function table(): string {
  const head = '| Measure | n | ours median | ours p99 | peer median | peer p99 | ours/peer (median) | ours/peer (p99) | target |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---|';
  const body = rows.map((r) => {
    const single = r.ours.n === 1 && r.unit !== 'ms';
    const t = r.theirs;
    const cells = [
      `${r.section}: ${r.label}`,
      single ? '' : String(r.ours.n),
      fmt(r.ours.median, r.unit),
      single ? '' : fmt(r.ours.p99, r.unit),
      t ? fmt(t.median, r.unit) : 'n/a',
      t && !single ? fmt(t.p99, r.unit) : '',
      t ? fmtRatio(r.ours.median, t.median) : '',
      t && !single ? fmtRatio(r.ours.p99, t.p99) : '',
      r.target ? `${r.target} ${r.pass ? '✅' : '❌'}` : '',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [head, sep, ...body].join('\n');
}

async function main(): Promise<void> {
  if (!skipBuild) {
    log('building dist/ (node esbuild.mjs --production)…');
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  mkdirSync(path.dirname(SERVER_JS), { recursive: true });
  copyFileSync(DIST_SERVER_JS, SERVER_JS);
  if (!existsSync(PEER_BIN)) throw new Error(`the peer is not installed: ${PEER_BIN}`);
  const started = Date.now();

  if (runs('cold')) {
    log('cold start…');
    await coldStart(quick ? 4 : 15);
    rows.push(await nodeBaseline());
  }

  const s10 = stressInput('stress_10k', 10_000);
  const s100 = stressInput('stress_100k', 100_000);
  const gen1kText = generateDockerfile(1000, 3);
  const gen1k: Input = { label: 'generated', path: path.join(REPO_ROOT, 'bench', 'generated_1k.Dockerfile'), text: gen1kText, lines: lineCount(gen1kText) };
  if (s10.generated || s100.generated) notes.push('Stress files absent: generated stand-ins of the same size were used.');

  const a = await BenchServer.start(OURS, WORKSPACE);
  const b = await BenchServer.start(PEER, WORKSPACE);
  const servers: [BenchServer, BenchServer] = [a.server, b.server];
  try {
    if (runs('corpus')) {
      log('corpus…');
      await corpus(servers, quick ? 5 : 1);
    }
    log('stress files…');
    if (runs('1k')) await sized(servers, { input: gen1k, opens: quick ? 6 : 20, edits: quick ? 10 : 40, requests: quick ? 60 : 300 });
    if (runs('10k')) await sized(servers, { input: s10, opens: quick ? 3 : 10, edits: quick ? 10 : 30, requests: quick ? 60 : 500 });
    else if (runs('heavy-edits')) {
      // Only the rows of heavyEdits (part of the 10k run), for work on those numbers.
      for (const server of servers) await server.open(uriOf(s10.path), s10.text);
      await heavyEdits(servers, s10, quick ? 10 : 30, Number(process.env.BENCH_SETTLE_MS ?? 100));
      for (const server of servers) await closeAndSettle(server, uriOf(s10.path));
    }
    if (runs('100k')) await sized(servers, { input: s100, opens: quick ? 1 : 3, edits: quick ? 2 : 4, requests: quick ? 4 : 12 });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  sizes();

  const md = [
    `<!-- generated by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/bench.ts); do not edit by hand -->`,
    `Dockerfile Notes (\`node ${SERVER_EXEC_ARGV.join(' ')} dist/server.js --stdio\`, the Node options the VS Code client uses, run from a copy in out/bench/) against dockerfile-language-server-nodejs ${peerVersion()} (\`docker-langserver --stdio\`), both driven over stdio by the same client in one run, alternating which goes first. Times are client-observed (request sent → answer or diagnostics received). ${quick ? 'Quick run: few samples, p99 is close to the maximum.' : ''}`,
    '',
    machine(),
    '',
    table(),
    '',
    ...notes.map((n) => `- ${n}`),
    `- Run time ${((Date.now() - started) / 1000).toFixed(0)} s. Corpus: ${existsSync(CORPUS_ROOT) ? path.relative(REPO_ROOT, CORPUS_ROOT).split(path.sep).join('/') : 'absent'}.`,
    '',
  ].join('\n');
  process.stdout.write(md);
  if (only) return;
  const base = path.join(REPO_ROOT, 'bench', quick ? 'results-quick' : 'results');
  writeFileSync(`${base}.md`, md);
  writeFileSync(`${base}.json`, JSON.stringify({ quick, date: new Date().toISOString(), rows, notes }, null, 2) + '\n');
  log(`wrote ${path.relative(REPO_ROOT, base)}.md`);
}

function peerVersion(): string {
  try {
    return require(path.join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'package.json')).version as string;
  } catch {
    return '';
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
