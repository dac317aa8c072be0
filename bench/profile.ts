// `node --import tsx bench/profile.ts [10k|100k|corpus] [edits]`: runs an unminified build of the server
// under `--cpu-prof` (profile written to out/profile/) and drives it over stdio like the benchmark: open,
// one-character edits, hovers and code actions. Prints the client-observed times.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchServer } from './lsp';
import { corpusFiles, REPO_ROOT, stressInput, CORPUS_ROOT } from './inputs';
import { fmtMs, summarize } from './stats';

const which = process.argv[2] ?? '100k';
const edits = Number(process.argv[3] ?? 10);
const out = path.join(REPO_ROOT, 'out', 'profile');
mkdirSync(out, { recursive: true });
const serverJs = path.join(out, 'server.js');
execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'esbuild'), ['server/src/main.ts', '--bundle', '--platform=node', '--target=node20', '--format=cjs', `--outfile=${serverJs}`, '--log-level=warning'], { cwd: REPO_ROOT, stdio: 'inherit' });
const extra = (process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter(Boolean);

async function main(): Promise<void> {
  const { server } = await BenchServer.start({ name: 'ours', command: process.execPath, args: [...extra, ...(process.env.PROFILE_OFF ? [] : ['--cpu-prof', `--cpu-prof-dir=${out}`]), process.env.PROFILE_ENTRY ?? serverJs, '--stdio'] }, CORPUS_ROOT);
  const show = (label: string, xs: number[]) => {
    const s = summarize(xs);
    const slow = xs.filter((x) => x > 1.5).length;
    console.log(`${label.padEnd(20)} median ${fmtMs(s.median).padStart(9)}  p99 ${fmtMs(s.p99).padStart(9)}  (n=${s.n}, ${slow} over 1.5 ms)`);
  };
  if (which === 'corpus') {
    const files = corpusFiles(1);
    const times: number[] = [];
    for (const f of files) times.push((await server.open(pathToFileURL(f.path).toString(), f.text)).ms);
    show('corpus didOpen', times);
    await new Promise((r) => setTimeout(r, 1500));
    console.log(`RSS ${((server.memoryKiB()?.rss ?? 0) / 1024).toFixed(0)} MB`);
  } else {
    const input = stressInput(which === '10k' ? 'stress_10k' : 'stress_100k', which === '10k' ? 10_000 : 100_000);
    const uri = pathToFileURL(input.path).toString();
    const open = await server.open(uri, input.text);
    console.log(`didOpen ${fmtMs(open.ms)}`);
    const lines = input.text.split('\n');
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const line = 100 + Math.floor((i * 7919) % (lines.length - 200));
      const start = { line, character: 0 };
      times.push((await server.edit(uri, { start, end: start }, 'x')).ms);
      times.push((await server.edit(uri, { start, end: { line, character: 1 } }, '')).ms);
    }
    show('didChange', times);
    const hovers: number[] = [];
    const actions: number[] = [];
    for (let i = 0; i < Number(process.env.PROFILE_REQUESTS ?? 100); i++) {
      const line = Math.floor((i * 104729) % lines.length);
      hovers.push(await server.hover(uri, { line, character: Math.min(2, lines[line].length) }));
      actions.push(await server.codeAction(uri, { start: { line, character: 0 }, end: { line, character: lines[line].length } }, []));
    }
    show('hover', hovers);
    // The same request for a document the server does not have: answered at once (transport only).
    const trivial: number[] = [];
    for (let i = 0; i < hovers.length; i++) trivial.push(await server.hover(uri + '.unknown', { line: 0, character: 0 }));
    show('hover, no document', trivial);
    show('code action', actions);
  }
  await server.stop();
  console.log(`profile in ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
