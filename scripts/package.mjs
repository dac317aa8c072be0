// `npm run package` (after the production build): the two artefacts people install.
// - dockerfile-notes-<version>.vsix: the VS Code extension (vsce), with README.extension.md as its page.
// - dockerfile-notes-<version>.tgz: the npm package of the CLI (`npm i -g dockerfile-notes`, `npx dockerfile-notes`).
//   The repository's package.json is the VS Code manifest and stays "private" so that it can never be
//   published to npm by mistake; the npm package gets a package.json of its own, generated here into a
//   staging folder (out/npm-package/) with only the bundled CLI, its notes, rule pages and licences.
// Options: --only vsix|npm, --out <folder> (default: the repository root).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only');
const outDir = resolve(option('--out') ?? REPO);
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const { name, version } = manifest;

for (const file of ['dist/cli.js', 'dist/server.js', 'dist/extension.js', 'dist/ThirdPartyNotices.txt']) {
  if (!existsSync(join(REPO, file))) {
    console.error(`package: ${file} is missing; run node esbuild.mjs --production first (npm run package does)`);
    process.exit(1);
  }
}
mkdirSync(outDir, { recursive: true });
const size = (file) => `${(statSync(file).size / 1024).toFixed(1)} KB`;

if (only !== 'npm') {
  const vsix = join(outDir, `${name}-${version}.vsix`);
  // Without a public repository vsce cannot turn the page's relative links into absolute ones: they stay
  // relative, which the extension's page inside VS Code resolves against the installed files. When the
  // project has a public home, add "repository" to package.json and vsce rewrites them for the Marketplace.
  const linkOptions = manifest.repository ? [] : ['--allow-missing-repository', '--no-rewrite-relative-links'];
  execFileSync(process.execPath, [join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--readme-path', 'README.extension.md', ...linkOptions, '--out', vsix], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(`${vsix}: ${size(vsix)}`);
}

if (only !== 'vsix') {
  const stage = join(REPO, 'out', 'npm-package');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'dist'), { recursive: true });
  cpSync(join(REPO, 'dist', 'cli.js'), join(stage, 'dist', 'cli.js'));
  cpSync(join(REPO, 'dist', 'ThirdPartyNotices.txt'), join(stage, 'dist', 'ThirdPartyNotices.txt'));
  cpSync(join(REPO, 'notes'), join(stage, 'notes'), { recursive: true });
  cpSync(join(REPO, 'docs', 'rules'), join(stage, 'docs', 'rules'), { recursive: true });
  cpSync(join(REPO, 'docs', 'cli.md'), join(stage, 'README.md'));
  cpSync(join(REPO, 'LICENSE'), join(stage, 'LICENSE'));
  const npmManifest = {
    name,
    version,
    description: 'Checks and safe fixes for Dockerfiles from the command line: COPY/ADD against the build context, CMD/ENTRYPOINT forms, with text, JSON, SARIF and GitHub output. English and Chinese.',
    license: manifest.license,
    keywords: ['dockerfile', 'docker', 'containerfile', 'lint', 'linter', 'sarif', 'cli'],
    bin: { 'dockerfile-notes': 'dist/cli.js' },
    files: ['dist/cli.js', 'dist/ThirdPartyNotices.txt', 'notes', 'docs/rules'],
    engines: { node: manifest.engines.node },
    ...(manifest.repository ? { repository: manifest.repository } : {}),
    ...(manifest.bugs ? { bugs: manifest.bugs } : {}),
    ...(manifest.homepage ? { homepage: manifest.homepage } : {}),
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(npmManifest, null, 2) + '\n');
  const packed = execFileSync('npm', ['pack', '--pack-destination', outDir, '--json', '--ignore-scripts'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = join(outDir, JSON.parse(packed)[0].filename);
  console.log(`${tgz}: ${size(tgz)}`);
}
