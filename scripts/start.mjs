// `npm start`: build, package the .vsix, then show the engine at work on examples/: the findings, one
// hover note, and the exec-form quick fix as a diff.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const node = process.execPath;
const step = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);
const run = (args, opts = {}) => spawnSync(node, args, { encoding: 'utf8', ...opts });

step('Build and package');
execFileSync(node, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
execFileSync(node, ['scripts/package.mjs'], { stdio: 'inherit' });

step('dockerfile-notes check examples/');
const check = run(['dist/cli.js', 'check', 'examples'], { env: { ...process.env, NO_COLOR: '1' } });
process.stdout.write(check.stdout + check.stderr);

step('Hover on CMD in examples/cmd-entrypoint/Dockerfile (what the container will run)');
const dockerfile = 'examples/cmd-entrypoint/Dockerfile';
const lines = readFileSync(dockerfile, 'utf8').split('\n');
const cmdLine = lines.findIndex((l) => l.startsWith('CMD python'));
const hover = run(['dist/cli.js', 'hover', dockerfile, `${cmdLine + 1}:1`]);
process.stdout.write(hover.stdout || hover.stderr);

step('The exec-form quick fix, applied by `check --fix` to a copy');
const tmp = mkdtempSync(join(tmpdir(), 'dockerfile-notes-start-'));
try {
  cpSync('examples/cmd-entrypoint', tmp, { recursive: true });
  run(['dist/cli.js', 'check', '--fix', tmp]);
  const diff = spawnSync('diff', ['-u', '--label', 'before/Dockerfile', '--label', 'after/Dockerfile', dockerfile, join(tmp, 'Dockerfile')], { encoding: 'utf8' });
  process.stdout.write(diff.stdout || '(no change)\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
