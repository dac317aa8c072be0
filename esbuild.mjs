// Bundles the client, the server and the CLI into dist/. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build (its `main`) loads its parts with a require() esbuild cannot follow, so the
  // bundle failed at run time with "Cannot find module './impl/format'": use its ES module build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // Chinese text as UTF-8 rather than \uXXXX escapes: half the bytes for every Chinese string.
  charset: 'utf8',
};

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  {
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { __DFN_VERSION__: JSON.stringify(version) },
  },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b });
    await ctx.watch();
  }
  console.log('esbuild: watching client, server and CLI');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, metafile: true })));
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(20)} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
  writeNotices(results.flatMap((r) => Object.keys(r.metafile.inputs)));
}

/**
 * The bundles carry code of npm packages without their license comments (legalComments: 'none'), so their
 * licence texts ship beside them in dist/ThirdPartyNotices.txt (in the .vsix and the npm package).
 */
function writeNotices(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m || packages.has(m[1])) continue;
    const pkg = JSON.parse(readFileSync(join(m[1], 'package.json'), 'utf8'));
    const licenseFile = readdirSync(m[1]).find((f) => /^(licen[cs]e|copying)([-.][\w.-]+)?$/i.test(f));
    packages.set(m[1], { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see below', text: licenseFile ? readFileSync(join(m[1], licenseFile), 'utf8').trim() : '(no licence file in the package)' });
  }
  const list = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const seen = new Set();
  const unique = list.filter((p) => !seen.has(`${p.name}@${p.version}`) && seen.add(`${p.name}@${p.version}`));
  const text = [
    'Dockerfile Notes bundles the following npm packages into dist/*.js. Their licences follow.',
    '',
    ...unique.map((p) => `${'='.repeat(78)}\n${p.name} ${p.version} (${p.license})\n${'='.repeat(78)}\n${p.text}\n`),
  ].join('\n');
  if (!existsSync('dist')) mkdirSync('dist');
  writeFileSync(join('dist', 'ThirdPartyNotices.txt'), text);
  console.log(`dist/ThirdPartyNotices.txt: ${unique.length} packages`);
}
