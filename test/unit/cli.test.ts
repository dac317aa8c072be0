// `dockerfile-notes check` on real temporary folders: the COPY/ADD cases, --fix, --rule, --lang, compose
// detection; in-process through runCli, and once as a spawned `node dist/cli.js`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../server/src/cli';
import { makeTree } from './copy-add-helpers';

const REPO = path.resolve(__dirname, '..', '..');

function cli(argv: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (s) => (out += s), err: (s) => (err += s + '\n'), cwd, color: false });
  return { code, out, err };
}

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

/** The COPY/ADD family's findings (other families may report on the same file). */
const ours = (f: JsonFinding) => /^(copy|add)-/.test(f.code);

function findings(out: string): Record<string, JsonFinding[]> {
  const parsed = JSON.parse(out) as Array<{ file: string; findings: JsonFinding[] }>;
  return Object.fromEntries(parsed.map((r) => [r.file, r.findings]));
}

const project = () =>
  makeTree({
    'app/Dockerfile': [
      'FROM alpine:3.20',
      'COPY ../package.json /app/',
      'COPY /opt/xxxx /app',
      'COPY missing.txt /app/',
      'COPY secret.env /run/',
      'ADD readme.txt /r',
      'COPY a.txt b.txt /dir',
      'ADD https://example.com/tool /usr/local/bin/tool',
      '',
    ].join('\n'),
    'app/.dockerignore': '*.env\n',
    'app/secret.env': 'x',
    'app/readme.txt': 'x',
    'app/a.txt': '',
    'app/b.txt': '',
    'package.json': '{}',
  });

test('check reports every COPY/ADD case with its line, column and code, and exits 1 on errors', () => {
  const root = project();
  const r = cli(['check', 'app', '--format', 'json'], root);
  assert.equal(r.code, 1, r.err);
  const got = findings(r.out)['app/Dockerfile'].filter(ours).map((f) => `${f.line}:${f.column} ${f.code}`);
  assert.deepEqual(got, [
    '2:6 copy-outside-context',
    '3:6 copy-absolute-source',
    '4:6 copy-source-missing',
    '5:6 copy-source-ignored',
    '6:1 add-prefer-copy',
    '7:18 copy-multi-source-dest',
    '8:5 add-remote-url',
  ]);
});

test('text output names the file and the codes', () => {
  const root = project();
  const r = cli(['check'], root);
  assert.equal(r.code, 1);
  assert.match(r.out, /app\/Dockerfile/);
  assert.match(r.out, /2:6\s+error\s+"\.\.\/package\.json" climbs out of the build context/);
  assert.match(r.out, /copy-source-ignored/);
});

test('a build declaration skipped while scanning a folder is logged once, without the name of an unrelated Dockerfile', () => {
  const root = makeTree({
    '.github/workflows/images.yml': [
      'on: push',
      'jobs:',
      '  images:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ${{ matrix.folder }}',
      '',
    ].join('\n'),
    'api/Dockerfile': 'FROM alpine\n',
    'web/Dockerfile': 'FROM alpine\n',
  });
  const r = cli(['check'], root);
  assert.equal(r.code, 0, r.out + r.err);
  const skipped = r.err.split('\n').filter((l) => /skipped/.test(l));
  assert.deepEqual(skipped, ['dockerfile-notes: .github/workflows/images.yml:8: docker/build-push-action skipped: context cannot be evaluated here']);
});

test('--fix applies only the safe fixes (ADD → COPY, the trailing /) and reports what is left', () => {
  const root = project();
  const r = cli(['check', '--fix', '--format', 'json', 'app'], root);
  const text = fs.readFileSync(path.join(root, 'app', 'Dockerfile'), 'utf8');
  assert.match(text, /^COPY readme\.txt \/r$/m);
  assert.match(text, /^COPY a\.txt b\.txt \/dir\/$/m);
  assert.match(text, /^COPY \/opt\/xxxx \/app$/m, 'the absolute source is left for the author');
  assert.match(text, /^ADD https:\/\/example\.com\/tool/m, 'the remote ADD is left for the author');
  const left = findings(r.out)['app/Dockerfile'].map((f) => f.code);
  assert.ok(!left.includes('add-prefer-copy') && !left.includes('copy-multi-source-dest'), left.join(','));
  assert.ok(left.includes('copy-absolute-source') && left.includes('add-remote-url'));
});

test('--rule by code or alias, and --lang zh-cn', () => {
  const root = project();
  const r = cli(['check', 'app', '--format', 'json', '--rule', 'CopyIgnoredFile=off', '--rule', 'DL3020=off', '--rule', 'copy-outside-context=warning', '--lang', 'zh-cn'], root);
  const list = findings(r.out)['app/Dockerfile'];
  const codes = list.map((f) => f.code);
  assert.ok(!codes.includes('copy-source-ignored') && !codes.includes('add-prefer-copy'));
  assert.equal(list.find((f) => f.code === 'copy-outside-context')?.severity, 'warning');
  for (const f of list) assert.match(f.message, /[\u4e00-\u9fff]/);
});

test('a compose file in the folder sets the context of a Dockerfile in a subfolder', () => {
  const root = makeTree({
    'docker-compose.yml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
    'docker/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY src/ ./src/\n',
    'package.json': '{}',
    'src/index.js': '',
  });
  const r = cli(['check', '--format', 'json'], root);
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(findings(r.out)['docker/Dockerfile'].filter((f) => f.code.startsWith('copy-')), []);
  // The compose file says the context is `docker/`: both sources are missing there.
  fs.writeFileSync(path.join(root, 'docker-compose.yml'), 'services:\n  web:\n    build: docker\n');
  const declared = cli(['check', '--format', 'json'], root);
  assert.deepEqual(findings(declared.out)['docker/Dockerfile'].filter((f) => f.code === 'copy-source-missing').map((f) => f.line), [2, 3]);
  // Without it, nothing declares the build: the context is inferred as the root, where both exist. (Before
  // issue 13 these two were reported missing from docker/, the false warning of a repository built from its root.)
  fs.rmSync(path.join(root, 'docker-compose.yml'));
  const again = cli(['check', '--format', 'json'], root);
  assert.deepEqual(findings(again.out)['docker/Dockerfile'].filter((f) => f.code === 'copy-source-missing'), []);
});

test('--context sets the build context of every Dockerfile checked; a missing folder is one clear line', () => {
  const root = makeTree({
    'docker/Dockerfile': 'FROM node:20\nCOPY package.json ./\n',
    'package.json': '{}',
  });
  const missing = (r: { out: string }) => findings(r.out)['docker/Dockerfile'].filter((f) => f.code === 'copy-source-missing').length;
  // Without --context the root is inferred (package.json is there); --context docker says otherwise.
  assert.equal(missing(cli(['check', '--format', 'json', 'docker'], root)), 0);
  const withContext = cli(['check', '--format', 'json', '--context', 'docker', 'docker'], root);
  assert.equal(missing(withContext), 1, withContext.out);
  assert.equal(missing(cli(['check', '--format', 'json', '--context', '.', 'docker'], root)), 0);
  const bad = cli(['check', '--context', 'no-such-folder', 'docker'], root);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^dockerfile-notes: --context no-such-folder: no such folder\n$/);
});

test('node dist/cli.js check, spawned, gives the same findings', (t) => {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) {
    assert.fail(`build failed: ${build.stderr}`);
  }
  const root = project();
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', 'app', '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 1, r.stderr);
  const spawned = findings(r.stdout)['app/Dockerfile'].map((f) => `${f.line}:${f.column} ${f.code}`);
  const inProcess = findings(cli(['check', 'app', '--format', 'json'], root).out)['app/Dockerfile'].map((f) => `${f.line}:${f.column} ${f.code}`);
  assert.deepEqual(spawned, inProcess);
  t.diagnostic(`${spawned.length} findings from the built CLI`);
});
