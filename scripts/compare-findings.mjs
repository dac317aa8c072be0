// Compares two `dockerfile-notes check --format json` outputs by what was found, not how it is worded:
// the set of (file, line, code) in each, and what only one of them has. Used when messages are reworded,
// to show that no finding appeared or disappeared:
//   node dist/cli.js check --format json <files> > before.json   (on the old build)
//   node dist/cli.js check --format json <files> > after.json    (on the new build)
//   node scripts/compare-findings.mjs before.json after.json [--codes a,b,…]
import { readFileSync } from 'node:fs';

const [beforePath, afterPath, ...rest] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node scripts/compare-findings.mjs <before.json> <after.json> [--codes a,b,…]');
  process.exit(2);
}
const codesAt = rest.indexOf('--codes');
const only = codesAt >= 0 ? new Set(rest[codesAt + 1].split(',')) : null;

function keys(path) {
  const out = new Map();
  for (const file of JSON.parse(readFileSync(path, 'utf8'))) {
    for (const f of file.findings) {
      if (only && !only.has(f.code)) continue;
      const key = `${file.file}:${f.line}:${f.code}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

const before = keys(beforePath);
const after = keys(afterPath);
const changed = [...new Set([...before.keys(), ...after.keys()])]
  .filter((k) => (before.get(k) ?? 0) !== (after.get(k) ?? 0))
  .sort();
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(`before: ${total(before)} findings at ${before.size} (file, line, code); after: ${total(after)} at ${after.size}`);
for (const k of changed) console.log(`  ${k}: before ×${before.get(k) ?? 0}, after ×${after.get(k) ?? 0}`);
console.log(changed.length === 0 ? 'identical' : `DIFFERENT at ${changed.length}`);
process.exit(changed.length === 0 ? 0 : 1);
