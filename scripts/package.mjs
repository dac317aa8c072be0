// Packages the .vsix with vsce (dependencies are bundled by esbuild, so --no-dependencies) and prints its size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KB`);
