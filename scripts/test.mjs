// `npm test`: every test file under test/ (unit, protocol, property, the in-editor suite's runner) in one
// run of node's test runner, so there is one summary at the end. `npm run pretest` has type-checked and built.
// The run gets a temporary folder of its own (TMPDIR): anything a test leaves in it fails the run, by name.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const groups = ['test/unit', 'test/protocol', 'test/property'];
const files = groups.flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f)) : [],
);
files.push('test/electron.test.ts');
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;

const scratch = mkdtempSync(join(tmpdir(), 'dfn-test-run-'));
chmodSync(scratch, 0o1777); // like /tmp: tests that run a child as an unprivileged user need to reach it
const env = { ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch };
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { stdio: 'inherit', env });

// tsx keeps its compile cache in the temporary folder; that one is not a test's.
const left = readdirSync(scratch).filter((name) => !/^tsx-\d+$/.test(name));
rmSync(scratch, { recursive: true, force: true });
if (left.length) {
  console.error(`\nnpm test: tests left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} behind: ${left.join(', ')}`);
  process.exit(result.status || 1);
}
process.exit(result.status ?? 1);
