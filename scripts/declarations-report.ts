// What the build-declaration scan finds in folders: per root, the time, entries visited, files read and
// skipped, and every declaration (Dockerfile | context | evidence, with what was assumed).
//   node --import tsx scripts/declarations-report.ts [folder…]   (default: every repository in ../shared/repos)
//   --quiet: only the summary line per folder;  --log: also the reader's log lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearDeclarationCache, scanDeclarations } from '../server/src/engine/context/declarations';
import { CachedNodeFileSystem } from '../server/src/engine/context/fs';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const withLog = args.includes('--log');
let roots = args.filter((a) => !a.startsWith('--'));
if (roots.length === 0) {
  const shared = path.resolve(__dirname, '../../shared/repos');
  if (!fs.existsSync(shared)) {
    console.error(`no folder given and ${shared} is absent`);
    process.exit(2);
  }
  roots = fs.readdirSync(shared).filter((n) => fs.statSync(path.join(shared, n)).isDirectory()).map((n) => path.join(shared, n));
}

const rel = (root: string, p: string): string => path.relative(root, p).split(path.sep).join('/') || '.';

for (const root of roots.map((r) => path.resolve(r))) {
  clearDeclarationCache();
  const logs: string[] = [];
  const start = process.hrtime.bigint();
  const index = scanDeclarations(new CachedNodeFileSystem(), root, { log: (m) => logs.push(m) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const all = [...index.byDockerfile.values()].flat();
  const pairs = new Set(all.map((d) => `${d.dockerfile}\0${d.context}`));
  console.log(`${path.basename(root)}: ${ms.toFixed(0)} ms, ${index.entriesVisited} entries, ${index.files.length} files read, ${index.skipped.length} skipped, ${index.byDockerfile.size} Dockerfiles, ${pairs.size} pairs, ${all.length} declarations`);
  if (quiet) continue;
  for (const d of all.sort((a, b) => a.dockerfile.localeCompare(b.dockerfile) || a.evidence.file.localeCompare(b.evidence.file) || a.evidence.line - b.evidence.line)) {
    console.log(`  ${rel(root, d.dockerfile)} | ${rel(root, d.context)} | ${rel(root, d.evidence.file)}:${d.evidence.line} ${d.evidence.kind}${d.name ? ` (${d.name})` : ''}${d.assumption ? ` [${d.assumption}]` : ''}`);
  }
  for (const s of index.skipped) console.log(`  skipped ${rel(root, s.file)}: ${s.why}`);
  if (withLog) for (const l of logs) console.log(`  log ${l}`);
}
