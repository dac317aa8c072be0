// Docker Bake: the HCL subset parser, bake's evaluation (variables, inherits, matrix, contexts, defaults)
// and where bake runs from (its own folder, a workflow's -f from the root, the scan root otherwise).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { HclError, parseHcl, UNKNOWN } from '../../server/src/engine/context/declarations/hcl';
import { evaluate } from '../../server/src/engine/context/declarations/hclEval';
import type { Value } from '../../server/src/engine/context/declarations/hcl';
import { addBakeFile, emptyBake, evaluateBake } from '../../server/src/engine/context/declarations/bake';
import { declsOf, linesOf, scanFresh, tree } from './declarations-helpers';

test('hcl: blocks, attributes, comments, heredocs, templates, collections, functions, conditionals, for', () => {
  const text = [
    '# hash comment',
    '// slash comment',
    '/* block',
    '   comment */',
    'variable "TAG" { default = "1.0" }',
    'variable "LIST" {',
    '  default = ["a", "b",',
    '    "c"]',
    '}',
    'target "x" {',
    '  context = "./${TAG}/dir" // trailing',
    '  args = {',
    '    A = "1"',
    '    "B" = 2',
    '    C: true',
    '  }',
    '  note = <<-EOT',
    '    hello ${TAG}',
    '      indented',
    '    EOT',
    '  tags = [for t in LIST : "img:${t}"]',
    '  cond = TAG == "1.0" ? "yes" : "no"',
    '  fn = lower("ABC")',
    '  esc = "a\\"b $${NOT} %%{x} \\u00e9"',
    '  math = (1 + 2) * 3 > 8 && !false',
    '  attr = { k = { n = "v" } }.k.n',
    '}',
  ].join('\n');
  const body = parseHcl(text);
  const [v1, v2, t] = body.blocks;
  assert.deepEqual([v1.type, v1.labels, v2.labels, t.type, t.labels, t.line], ['variable', ['TAG'], ['LIST'], 'target', ['x'], 10]);
  const env = (n: string): Value | undefined => ({ TAG: '1.0', LIST: ['a', 'b'] } as Record<string, Value>)[n];
  const at = (k: string) => evaluate(t.attrs.get(k)!.expr, env);
  assert.equal(at('context'), './1.0/dir');
  assert.equal(t.attrs.get('context')!.line, 11);
  assert.deepEqual(at('args'), { A: '1', B: 2, C: true });
  assert.equal(at('note'), 'hello 1.0\n  indented\n');
  assert.equal(at('tags'), UNKNOWN);
  assert.equal(at('cond'), 'yes');
  assert.equal(at('fn'), 'abc');
  assert.equal(at('esc'), 'a"b ${NOT} %{x} é');
  assert.equal(at('math'), true);
  assert.equal(at('attr'), 'v');
  assert.deepEqual(evaluate(v2.attrs.get('default')!.expr, () => undefined), ['a', 'b', 'c']);
});

test('hcl: broken input is an HclError that names the line, never a hang', () => {
  const cases: Array<[string, string]> = [
    ['target "x" {\n  a = \n}', 'unexpected end of line (line 2)'],
    ['target "x" {\n  a = "unterminated\n}', 'unterminated string (line 2)'],
    ['target "x" {', 'missing } (line 1)'],
    ['a = [1, 2', 'expected , or ] (line 1)'],
    ['/* open', 'unterminated comment (line 1)'],
    ['x = <<EOT\nno end', 'unterminated heredoc (line 1)'],
    ['target "x" { a = 1 b = 2 }', 'unexpected "b" (line 1)'],
  ];
  for (const [bad, message] of cases) assert.throws(() => parseHcl(bad), (e: unknown) => e instanceof HclError && e.message === message, bad);
});

function bake(files: Record<string, string>, opts: Partial<Parameters<typeof evaluateBake>[1]> = {}) {
  const model = emptyBake();
  for (const [f, text] of Object.entries(files)) addBakeFile(model, `/r/${f}`, text);
  return evaluateBake(model, { cwd: '/r', ...opts }).map((b) => `${b.target}: ${b.dockerfile} | ${b.context} @${b.evidence.file.slice(3)}:${b.evidence.line}${b.assumptions.length ? ' [' + b.assumptions.join('; ') + ']' : ''}`);
}

test('bake: defaults (context ., Dockerfile), dockerfile relative to the context, inherits on several levels, abstract bases left out', () => {
  const hcl = [
    'target "_common" {',
    '  context = "src"',
    '}',
    'target "mid" {',
    '  inherits = ["_common"]',
    '  dockerfile = "build/app.Dockerfile"',
    '}',
    'target "app" {',
    '  inherits = ["mid"]',
    '}',
    'target "plain" {}',
    'target "cwd" {',
    '  context = "sub"',
    '  dockerfile = "cwd://docker/Dockerfile"',
    '}',
    'target "inline" {',
    '  dockerfile-inline = "FROM alpine"',
    '}',
    'target "remote" {',
    '  context = "https://github.com/a/b.git"',
    '}',
  ].join('\n');
  assert.deepEqual(bake({ 'docker-bake.hcl': hcl }), [
    'app: /r/src/build/app.Dockerfile | /r/src @docker-bake.hcl:2',
    'plain: /r/Dockerfile | /r @docker-bake.hcl:11',
    'cwd: /r/docker/Dockerfile | /r/sub @docker-bake.hcl:13',
  ]);
  // Requested targets: a group, a target, the default group.
  const groups = hcl + '\ngroup "default" { targets = ["plain"] }\ngroup "all" { targets = ["default", "app"] }';
  assert.deepEqual(bake({ 'docker-bake.hcl': groups }, { targets: [] }).map((s) => s.split(':')[0]), ['plain']);
  assert.deepEqual(bake({ 'docker-bake.hcl': groups }, { targets: ['all'] }).map((s) => s.split(':')[0]), ['plain', 'app']);
  assert.deepEqual(bake({ 'docker-bake.hcl': groups }, { targets: ['_common'] }).map((s) => s.split(':')[0]), ['_common']);
});

test('bake: variables with defaults (chained), the environment of the run, unknown values skip the target', () => {
  const hcl = [
    'variable "BASE" { default = "services" }',
    'variable "DIR" { default = "${BASE}/api" }',
    'variable "NOPE" {}',
    'target "api" {',
    '  context = DIR',
    '}',
    'target "odd" {',
    '  context = notafunction(DIR)',
    '}',
    'target "empty" {',
    '  context = "${NOPE}x"',
    '}',
  ].join('\n');
  assert.deepEqual(bake({ 'docker-bake.hcl': hcl }).slice(0, 1), ['api: /r/services/api/Dockerfile | /r/services/api @docker-bake.hcl:5 [variable BASE at its default ("services"); variable DIR at its default ("services/api")]']);
  assert.deepEqual(bake({ 'docker-bake.hcl': hcl }, { env: { BASE: 'apps' }, targets: ['api'] }), ['api: /r/apps/api/Dockerfile | /r/apps/api @docker-bake.hcl:5 [variable DIR at its default ("apps/api")]']);
  assert.deepEqual(bake({ 'docker-bake.hcl': hcl }, { env: { BASE: null }, targets: ['api'] }), []);
  assert.ok(!bake({ 'docker-bake.hcl': hcl }).some((s) => s.startsWith('odd')));
  assert.ok(bake({ 'docker-bake.hcl': hcl }).includes('empty: /r/x/Dockerfile | /r/x @docker-bake.hcl:11 [variable NOPE at its default ("")]'));
});

test('bake: matrix targets, named contexts, an override file and a JSON file', () => {
  const hcl = [
    'target "svc" {',
    '  name = "svc-${item.name}"',
    '  matrix = {',
    '    item = [{ name = "a", df = "a.Dockerfile" }, { name = "b", df = "b.Dockerfile" }]',
    '  }',
    '  dockerfile = "docker/${item.df}"',
    '  contexts = { shared = "./libs", img = "docker-image://alpine", tgt = "target:svc-a" }',
    '}',
  ].join('\n');
  const model = emptyBake();
  addBakeFile(model, '/r/docker-bake.hcl', hcl);
  const builds = evaluateBake(model, { cwd: '/r' });
  assert.deepEqual(builds.map((b) => [b.target, b.dockerfile, b.namedContexts]), [
    ['svc-a', '/r/docker/a.Dockerfile', { shared: '/r/libs' }],
    ['svc-b', '/r/docker/b.Dockerfile', { shared: '/r/libs' }],
  ]);
  const json = JSON.stringify({ variable: { D: { default: 'web' } }, target: { web: { context: '${D}', dockerfile: 'Containerfile' } } }, null, 2);
  assert.deepEqual(bake({ 'docker-bake.json': json, 'docker-bake.override.hcl': 'target "web" {\n  dockerfile = "Dockerfile.override"\n}' }), ['web: /r/web/Dockerfile.override | /r/web @docker-bake.json:9 [variable D at its default ("web")]']);
});

test('scan: a bake file in a subfolder runs there; a workflow running -f from the root decides the folder (temporal)', () => {
  const root = tree({
    'examples/certs/docker-bake.hcl': 'target "certs" {}\n',
    'examples/certs/Dockerfile': '',
    'docker/docker-bake.hcl': 'target "server" {\n  context = "docker"\n  dockerfile = "targets/server.Dockerfile"\n}\n',
    'docker/targets/server.Dockerfile': '',
    '.github/workflows/images.yml': [
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: |',
      '          echo building',
      '          docker buildx bake \\',
      '            -f docker/docker-bake.hcl \\',
      '            server',
      '',
    ].join('\n'),
    'ci/targets.hcl': 'target "tool" {\n  dockerfile = "tools/tool.Dockerfile"\n}\n',
    'demo/config.hcl': 'target "db" {\n  context = "./"\n}\n',
    'demo/Dockerfile': '',
  });
  const { index } = scanFresh(root);
  assert.deepEqual(linesOf(root, index), [
    'demo/Dockerfile | demo | demo/config.hcl:2 bake',
    'docker/targets/server.Dockerfile | docker | .github/workflows/images.yml:8 workflow',
    'docker/targets/server.Dockerfile | docker | docker/docker-bake.hcl:2 bake',
    'examples/certs/Dockerfile | examples/certs | examples/certs/docker-bake.hcl:1 bake',
    'tools/tool.Dockerfile | . | ci/targets.hcl:2 bake',
  ]);
  assert.match(declsOf(root, index, 'examples/certs/Dockerfile')[0].assumption ?? '', /bake run in examples\/certs, where it finds docker-bake\.hcl by default/);
  assert.match(declsOf(root, index, 'tools/tool.Dockerfile')[0].assumption ?? '', /bake run from the repository root with -f ci\/targets\.hcl/);
  assert.match(declsOf(root, index, 'demo/Dockerfile')[0].assumption ?? '', /bake run in demo with -f config\.hcl \(its Dockerfiles are found from there\)/);
  assert.equal(declsOf(root, index, 'docker/targets/server.Dockerfile')[0].assumption, undefined);
});

test('scan: docker/bake-action with files, workdir, targets and set; an invalid bake file is skipped with its reason', () => {
  const root = tree({
    'build/bake.hcl': 'target "a" {\n  context = "app"\n}\ntarget "b" {\n  context = "other"\n}\n',
    'broken/docker-bake.hcl': 'target "x" {\n  context = \n',
    '.github/workflows/bake.yml': [
      'jobs:',
      '  b:',
      '    steps:',
      '      - uses: docker/bake-action@v6',
      '        with:',
      '          workdir: build',
      '          files: |',
      '            ./bake.hcl',
      '          targets: a',
      '          set: a.dockerfile=Dockerfile.ci',
      '',
    ].join('\n'),
  });
  const { index } = scanFresh(root);
  assert.deepEqual(linesOf(root, index), ['build/app/Dockerfile.ci | build/app | .github/workflows/bake.yml:7 workflow', 'build/app/Dockerfile.ci | build/app | build/bake.hcl:2 bake']);
  assert.deepEqual(index.skipped.map((s) => [s.file.slice(root.length + 1), s.why]), [['broken/docker-bake.hcl', 'unexpected end of line (line 2)']]);
});
