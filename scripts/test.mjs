// `npm test`: every test file under test/ (unit, protocol, property, the in-editor suite's runner) in one
// run of node's test runner, so there is one summary at the end. `npm run pretest` has type-checked and built.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const groups = ['test/unit', 'test/protocol', 'test/property'];
const files = groups.flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f)) : [],
);
files.push('test/electron.test.ts');
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
