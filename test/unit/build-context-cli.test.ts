// The build context in the CLI: the repository root as the project root, --explain-context, and the
// context carried by the JSON and SARIF outputs. Also: every string the client shows has a Chinese entry.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { makeTree } from './copy-add-helpers';

const REPO = path.resolve(__dirname, '..', '..');

function cli(argv: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (s) => (out += s), err: (s) => (err += s + '\n'), cwd, color: false });
  return { code, out, err };
}

const monorepo = () =>
  makeTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n',
    'services/api/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY services/api ./services/api\n',
    'services/web/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY services/web/src ./src\nCOPY nope.txt ./\n',
    'services/web/src/index.js': '',
    'package.json': '{}',
  });

test('--explain-context: per file the context, its evidence and the candidates with their counts', () => {
  const root = monorepo();
  const r = cli(['check', '--explain-context'], root);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      'services/api/Dockerfile',
      '  build context: . — the context of service api, declared in compose.yaml:4',
      '  candidates, nearest first (local sources that exist there, of 2):',
      '    services/api    0',
      '    services        0',
      '    .               2  ← chosen',
      '',
      'services/web/Dockerfile',
      '  build context: . — inferred: nothing declares how this Dockerfile is built, and 2 of its 3 local sources exist there, more than anywhere else',
      '  candidates, nearest first (local sources that exist there, of 3):',
      '    services/web    0',
      '    services        0',
      '    .               2  ← chosen',
      '',
    ].join('\n'),
  );
  const zh = cli(['check', '--explain-context', '--lang', 'zh-cn', 'services/web'], root);
  assert.match(zh.out, /构建上下文: \. — 推断所得/);
});

test('the CLI resolves under the repository root even when run from a subfolder', () => {
  const root = monorepo();
  const r = cli(['check', '--format', 'json', '.'], path.join(root, 'services', 'api'));
  const [file] = JSON.parse(r.out) as Array<{ file: string; contexts: Array<{ root: string; origin: string; evidence: string; name: string }>; findings: Array<{ code: string }> }>;
  assert.equal(file.file, 'Dockerfile');
  assert.deepEqual(file.findings.filter((f) => f.code === 'copy-source-missing'), []);
  assert.equal(file.contexts.length, 1);
  assert.deepEqual([file.contexts[0].root, file.contexts[0].origin, file.contexts[0].name], ['../..', 'declared', 'api']);
  assert.match(file.contexts[0].evidence, /^\.\.\/\.\.\/compose\.yaml:\d+$/);
});

test('JSON and SARIF carry the context each file was checked with', () => {
  const root = monorepo();
  const json = JSON.parse(cli(['check', '--format', 'json'], root).out) as Array<{ file: string; contexts: Array<Record<string, unknown>> }>;
  const web = json.find((f) => f.file === 'services/web/Dockerfile')!;
  assert.deepEqual(web.contexts, [
    {
      root: '.',
      origin: 'inferred',
      certain: false,
      description: 'inferred: nothing declares how this Dockerfile is built, and 2 of its 3 local sources exist there, more than anywhere else',
      found: 2,
      total: 3,
    },
  ]);
  const sarif = JSON.parse(cli(['check', '--format', 'sarif'], root).out) as {
    runs: Array<{ artifacts: Array<{ location: { uri: string }; roles: string[]; properties: { buildContexts: Array<Record<string, unknown>> } }> }>;
  };
  const artifacts = sarif.runs[0].artifacts;
  assert.deepEqual(artifacts.map((a) => a.location.uri), ['services/api/Dockerfile', 'services/web/Dockerfile']);
  assert.deepEqual(artifacts[0].roles, ['analysisTarget']);
  assert.equal(artifacts[0].properties.buildContexts[0].origin, 'declared');
  assert.deepEqual(artifacts[1].properties.buildContexts, web.contexts);
});

test('every string the client shows through vscode.l10n.t has a Chinese translation, and every manifest string has both', () => {
  const client = ['extension.ts', 'buildContext.ts'].map((f) => fs.readFileSync(path.join(REPO, 'client', 'src', f), 'utf8')).join('\n');
  const keys = [...client.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
  assert.ok(keys.length >= 10, `found only ${keys.length} strings`);
  const zh = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(keys.filter((k) => !(k in zh)), []);
  const manifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
  const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const table = JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8')) as Record<string, string>;
    assert.deepEqual(used.filter((k) => !(k in table)), [], file);
  }
});

test('a folder named on the command line is the project root: its declarations count when run from elsewhere', () => {
  // No .git: the project is the folder given to `check`, not the current folder and not each Dockerfile's own.
  const root = makeTree({
    'project/compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n',
    'project/services/api/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY services/api ./services/api\n',
    'project/package.json': '{}',
    'elsewhere/.keep': '',
  });
  const r = cli(['check', '--format', 'json', '../project'], path.join(root, 'elsewhere'));
  assert.equal(r.code, 0, r.err);
  const [file] = JSON.parse(r.out) as Array<{ findings: Array<{ code: string }>; contexts: Array<{ origin: string; evidence?: string }> }>;
  assert.deepEqual(file.findings.map((f) => f.code), []);
  assert.equal(file.contexts[0].origin, 'declared');
  assert.match(file.contexts[0].evidence ?? '', /compose\.yaml:4$/);
});
