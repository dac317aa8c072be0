// Builds the e2e stand-in for Microsoft's Docker extension into <outDir>/ and packs it as
// <outDir>/vscode-docker-stand-in.vsix (path printed on stdout). Run by test/e2e/run.sh for the scenarios
// that need a second Dockerfile language server beside ours (`peer: true`).
//   node test/e2e/peer/build.mjs <outDir>
// The marketplace cannot be reached where the e2e tests run, so the real extension cannot be installed;
// the stand-in carries its id (our client detects the other extension by id) and its Dockerfile language
// server, dockerfile-language-server-nodejs from our devDependencies, bundled with esbuild.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node test/e2e/peer/build.mjs <outDir>');
  process.exit(2);
}
const ext = resolve(outDir, 'extension');
mkdirSync(join(ext, 'server'), { recursive: true });

const serverPackage = dirname(require.resolve('dockerfile-language-server-nodejs/package.json'));
const serverVersion = JSON.parse(readFileSync(join(serverPackage, 'package.json'), 'utf8')).version;
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: [join(here, 'extension.js')], outfile: join(ext, 'extension.js'), external: ['vscode'] });
// the package's own `docker-langserver` bin script is the entry point
await esbuild.build({ ...common, entryPoints: [join(serverPackage, 'bin', 'docker-langserver')], outfile: join(ext, 'server', 'docker-langserver.js'), loader: { '': 'js' } });
copyFileSync(join(serverPackage, 'License.txt'), join(ext, 'LICENSE.txt'));

const manifest = {
  name: 'vscode-docker',
  publisher: 'ms-azuretools',
  displayName: 'Docker (e2e stand-in: dockerfile-language-server-nodejs)',
  description: `Not Microsoft's Docker extension: a test stand-in with its id that runs docker-langserver ${serverVersion} for Dockerfiles, as that extension did.`,
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.82.0' },
  categories: ['Programming Languages'],
  activationEvents: ['onLanguage:dockerfile'],
  main: './extension.js',
  files: ['extension.js', 'server/docker-langserver.js', 'LICENSE.txt'],
};
writeFileSync(join(ext, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(ext, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);

const packagePath = resolve(outDir, 'vscode-docker-stand-in.vsix');
// vsce reports on stdout; keep that for the log (stderr) so stdout is the path alone
const log = console.log;
console.log = (...args) => console.error(...args);
try {
  await createVSIX({ cwd: ext, packagePath, dependencies: false, allowMissingRepository: true, skipLicense: true });
} finally {
  console.log = log;
}
console.log(packagePath);
