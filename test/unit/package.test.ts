// The artefacts people install: the npm package (installed into a temporary prefix and run outside the
// repository), the .vsix (icon, product page, manifest), the GitHub Action and the pre-commit hook.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { isDockerfileName } from '../../server/src/cli/files';
import { ensureBuilt, CLI_JS, tree } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const VERSION: string = manifest.version;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 180_000 });
  return { ...r, all: `${r.stdout}${r.stderr}${r.error ?? ''}` };
}

function packageInto(out: string, only: 'npm' | 'vsix'): void {
  ensureBuilt();
  const r = run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--only', only, '--out', out], REPO_ROOT);
  assert.equal(r.status, 0, r.all);
}

test('the npm package installs offline into a temporary prefix and runs outside the repository', () => {
  const work = tree({ 'project/Dockerfile': 'FROM debian:12\nCOPY ../secret.txt /s\nCMD python app.py\n' }, 'dfn-npm-');
  packageInto(work, 'npm');
  const tgz = path.join(work, `dockerfile-notes-${VERSION}.tgz`);
  assert.ok(fs.existsSync(tgz), `${tgz} written`);

  const listing = run('tar', ['tzf', tgz], work).stdout.trim().split('\n').sort();
  assert.ok(listing.includes('package/dist/cli.js') && listing.includes('package/dist/ThirdPartyNotices.txt'), listing.join('\n'));
  assert.ok(listing.includes('package/notes/en/instructions/copy.md') && listing.includes('package/docs/rules/cmd-shell-form.md'));
  assert.ok(listing.includes('package/README.md') && listing.includes('package/LICENSE'));
  assert.deepEqual(listing.filter((f) => /\.map$|node_modules|\/test\/|\.ts$|server\.js|extension\.js/.test(f)), []);
  const staged = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'out', 'npm-package', 'package.json'), 'utf8'));
  assert.equal(staged.private, undefined, 'publishable');
  assert.equal(staged.dependencies, undefined, 'no runtime dependencies');
  assert.equal(staged.scripts, undefined);
  assert.deepEqual(staged.bin, { 'dockerfile-notes': 'dist/cli.js' });

  const prefix = path.join(work, 'prefix');
  const install = run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'npm-cache'), tgz], work);
  assert.equal(install.status, 0, install.all);
  const bin = path.join(prefix, 'bin', 'dockerfile-notes');
  const project = path.join(work, 'project');
  const cli = (...args: string[]) => run(bin, args, project, { NO_COLOR: '1' });

  const version = cli('--version');
  assert.equal(version.stdout, `${VERSION}\n`, version.all);
  const check = cli('check', '--format', 'compact');
  assert.equal(check.status, 1, check.all);
  assert.match(check.stdout, /^Dockerfile:2:6: error .*\[copy-outside-context\]$/m);
  assert.match(check.stdout, /^Dockerfile:3:5: warning .*\[cmd-shell-form\]$/m);
  const note = cli('explain', 'COPY');
  assert.equal(note.status, 0, note.all);
  assert.match(note.stdout, /COPY/);
  const page = cli('explain', 'cmd-shell-form');
  assert.match(page.stdout, /^# cmd-shell-form/m, 'the rule page ships with the package');
  const sarif = JSON.parse(cli('check', '--format', 'sarif').stdout);
  assert.equal(sarif.runs[0].tool.driver.version, VERSION);
  assert.ok(sarif.runs[0].tool.driver.rules.every((r: { help?: unknown }) => r.help), 'every rule has its help');
});

test('the .vsix: icon, gallery banner, the product page (not the contributor README), no repository address that does not exist', (t) => {
  const work = tree({}, 'dfn-vsix-');
  packageInto(work, 'vsix');
  const vsix = path.join(work, `dockerfile-notes-${VERSION}.vsix`);
  const list = run('unzip', ['-Z1', vsix], work);
  if (list.error) return t.skip(`unzip is not installed here (${list.error.message}); the .vsix was built but not inspected`);
  const entries = list.stdout.trim().split('\n');
  assert.ok(entries.includes('extension/docs/images/icon.png'));
  for (const shot of ['hover', 'quickfix', 'problems']) assert.ok(entries.includes(`extension/docs/images/${shot}.png`), shot);
  assert.ok(entries.includes('extension/dist/ThirdPartyNotices.txt'));
  assert.deepEqual(entries.filter((e) => /^extension\/(README\.md|CONTRIBUTING|test\/|server\/|client\/|bench\/|docs\/[a-z-]+\.md$)|\.map$|\.ts$/.test(e)), []);
  const readme = run('unzip', ['-p', vsix, 'extension/readme.md'], work).stdout;
  assert.match(readme, /^# Dockerfile Notes/);
  for (const heading of ['## Features', '## Settings', '## Commands', '## Rules']) assert.ok(readme.includes(heading), heading);
  assert.match(readme, /!\[Hover on COPY\]\(docs\/images\/hover\.png\)/);
  assert.doesNotMatch(readme, /npm ci|npm test|bench|CONTRIBUTING/, 'no contributor material on the product page');
  const packed = JSON.parse(run('unzip', ['-p', vsix, 'extension/package.json'], work).stdout);
  assert.equal(packed.icon, 'docs/images/icon.png');
  assert.deepEqual(packed.galleryBanner, { color: '#1d3550', theme: 'dark' });
  assert.equal(packed.repository, undefined, 'no invented address');
  const png = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'images', 'icon.png'));
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'the icon is at least 128×128');
});

test('action.yml: a composite action that runs the CLI, turns findings into annotations and can upload SARIF', () => {
  const action = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  assert.equal(action.inputs.version.default, VERSION, 'the action runs the npm package of its own version');
  const upload = action.runs.steps.find((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'uploads with github/codeql-action/upload-sarif');
  // Run the check step's script for real, with `npx dockerfile-notes@<version>` answered by the built CLI.
  ensureBuilt();
  const step = action.runs.steps.find((s: { id?: string }) => s.id === 'check');
  const root = tree({ 'svc/Dockerfile': "FROM alpine\nCMD ['a']\n", 'bin/npx': `#!/bin/sh\n[ "$1" = --yes ] && [ "$2" = "dockerfile-notes@${VERSION}" ] || exit 99\nshift 2\nexec "${process.execPath}" "${CLI_JS}" "$@"\n` }, 'dfn-action-');
  fs.chmodSync(path.join(root, 'bin', 'npx'), 0o755);
  const output = path.join(root, 'github-output');
  fs.writeFileSync(output, '');
  const r = run('bash', ['-e', '-c', step.run], root, {
    PATH: `${path.join(root, 'bin')}:${process.env.PATH}`,
    GITHUB_OUTPUT: output,
    DFN_PATHS: 'svc',
    DFN_ARGS: '--max-warnings 0',
    DFN_VERSION: VERSION,
    DFN_SARIF: 'true',
    DFN_SARIF_FILE: 'out.sarif',
  });
  assert.equal(r.status, 0, r.all);
  assert.match(r.stdout, /^::error file=svc\/Dockerfile,line=2,.*title=exec-form-invalid-json::/m);
  assert.equal(fs.readFileSync(output, 'utf8'), 'exit-code=1\n');
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'out.sarif'), 'utf8')).runs[0].results[0].ruleId, 'exec-form-invalid-json');
});

test('.pre-commit-hooks.yaml: a node hook whose file patterns agree with the CLI, installable from the repository', () => {
  const [hook] = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(hook.id, 'dockerfile-notes');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'dockerfile-notes check');
  // pre-commit installs the repository with `npm pack`: the bin must exist there, built by the prepare script.
  assert.deepEqual(manifest.bin, { 'dockerfile-notes': './dist/cli.js' });
  assert.equal(manifest.scripts.prepare, 'node scripts/prepare.mjs');
  assert.match(fs.readFileSync(path.join(REPO_ROOT, '.npmrc'), 'utf8'), /^foreground-scripts=false$/m, 'no script banner on npm pack\'s stdout');
  assert.equal(manifest.private, true, 'the VS Code manifest itself can never be published to npm');
  const files = new RegExp(hook.files);
  const exclude = new RegExp(hook.exclude);
  const names = ['Dockerfile', 'Containerfile', 'dockerfile', 'Dockerfile.prod', 'app.dockerfile', 'base.Dockerfile', 'x.containerfile', 'Dockerfile.dockerignore', 'Dockerfile.md.bak', 'Dockerfile~', 'Dockerfile.orig', 'Dockerfile.md', 'README.md', 'Dockerfiles', 'my-Dockerfile'];
  for (const name of names) {
    for (const p of [name, `svc/${name}`]) {
      const hooked = files.test(p) && !exclude.test(p);
      assert.equal(hooked, isDockerfileName(name), `${p}: hook ${hooked}, CLI ${isDockerfileName(name)}`);
    }
  }
});

test('docs/cli.md: the GitLab recipe turns the JSON output into a Code Climate report', () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
  const recipe = /<!-- gitlab-recipe:start -->([\s\S]*?)<!-- gitlab-recipe:end -->/.exec(doc)![1];
  const script = /node -e '([\s\S]*?)'\n/.exec(recipe)![1];
  const root = tree({ 'app/Dockerfile': "FROM alpine\nCMD ['a']\nCMD run\n" }, 'dfn-gitlab-');
  const json = spawnSync(process.execPath, [CLI_JS, 'check', '--format', 'json', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(json.status, 1, json.stderr);
  fs.writeFileSync(path.join(root, 'dockerfile-notes.json'), json.stdout);
  const r = run(process.execPath, ['-e', script], root);
  assert.equal(r.status, 0, r.all);
  const report = JSON.parse(fs.readFileSync(path.join(root, 'gl-code-quality-report.json'), 'utf8'));
  assert.ok(report.length >= 2);
  for (const issue of report) {
    assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(issue.location.path, 'app/Dockerfile');
  }
  assert.equal(new Set(report.map((i: { fingerprint: string }) => i.fingerprint)).size, report.length, 'fingerprints are unique');
  assert.equal(report.find((i: { check_name: string }) => i.check_name === 'exec-form-invalid-json').severity, 'major');
});
