// npm's `prepare` script. It builds the bundles only for `npm pack`/`npm publish` of the repository itself,
// which is how pre-commit installs the hook of .pre-commit-hooks.yaml (see CONTRIBUTING.md); for `npm ci`
// and `npm install` in a checkout it does nothing. Its output goes to stderr: pre-commit reads the tarball's
// name from npm pack's stdout.
import { execFileSync } from 'node:child_process';

const command = process.env.npm_command;
if (command === 'pack' || command === 'publish') {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: ['ignore', process.stderr, 'inherit'] });
}
