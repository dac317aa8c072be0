// The compose reader on real files: build string and map, dockerfile relative to the context, extends,
// include, anchors and merge keys, override files, interpolation from .env, remote contexts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { composeBuilds } from '../../server/src/engine/context/declarations/compose';
import { interpolate, parseDotEnv } from '../../server/src/engine/context/declarations/interpolate';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { declsOf, linesOf, scanFresh, tree } from './declarations-helpers';
import * as path from 'node:path';

test('compose: build string, build map, dockerfile relative to the context, absolute dockerfile, file names', () => {
  const root = tree({
    'compose.yaml': ['services:', '  web:', '    build: ./web', '  api:', '    build:', '      context: ..', '      dockerfile: app/api/Dockerfile', '  db:', '    image: postgres', ''].join('\n'),
    'web/Dockerfile': '',
    'deploy/docker-compose.prod.yml': ['services:', '  worker:', '    build:', '      context: ../worker', '      dockerfile: /abs/Dockerfile.worker', ''].join('\n'),
    'deploy/compose.ci.yaml': 'services:\n  ci:\n    build:\n      dockerfile: ci.Dockerfile\n',
    'deploy/not-compose.yaml': 'services:\n  x:\n    build: .\n',
  });
  const { lines } = scanFresh(root);
  const outside = path.relative(root, path.resolve(root, '..'));
  assert.deepEqual(lines, [
    `${outside}/app/api/Dockerfile | ${outside} | compose.yaml:6 compose`,
    '../../abs/Dockerfile.worker | worker | deploy/docker-compose.prod.yml:4 compose'.replace('../../abs', path.relative(root, '/abs')),
    'deploy/ci.Dockerfile | deploy | deploy/compose.ci.yaml:3 compose',
    'web/Dockerfile | web | compose.yaml:3 compose',
  ].sort());
});

test('compose: interpolation with .env of the project folder, defaults, $$, unset variables, required ones', () => {
  const root = tree({
    'svc/.env': 'APP_DIR=backend\nexport DF="docker/${APP_DIR}.Dockerfile"\n# comment\nEMPTY=\n',
    'svc/compose.yaml': [
      'services:',
      '  a:',
      '    build:',
      '      context: ./${APP_DIR}',
      '      dockerfile: ${DF}',
      '  b:',
      '    build:',
      '      context: ${MISSING:-fallback}',
      '      dockerfile: ${EMPTY:-Dockerfile.b}',
      '  c:',
      '    build: ./c$${HOME}',
      '  d:',
      '    build: ./d${NOT_SET}',
      '  e:',
      '    build: ${NEEDED:?set NEEDED first}',
      '',
    ].join('\n'),
  });
  const { index, logs } = scanFresh(root);
  const lines = linesOf(root, index);
  assert.deepEqual(lines, [
    'svc/backend/docker/backend.Dockerfile | svc/backend | svc/compose.yaml:4 compose',
    'svc/c${HOME}/Dockerfile | svc/c${HOME} | svc/compose.yaml:11 compose',
    'svc/d/Dockerfile | svc/d | svc/compose.yaml:13 compose',
    'svc/fallback/Dockerfile.b | svc/fallback | svc/compose.yaml:8 compose',
  ]);
  const d = declsOf(root, index, 'svc/d/Dockerfile')[0];
  assert.match(d.assumption ?? '', /\$\{NOT_SET\} not set: taken as empty, as compose does/);
  assert.ok(logs.some((l) => /service e: required variable NEEDED is not set: set NEEDED first; build skipped/.test(l)), logs.join('\n'));
});

test('interpolate: every form compose knows', () => {
  const env = (n: string): string | undefined => ({ A: 'a', E: '' } as Record<string, string>)[n];
  const v = (s: string): string => interpolate(s, env).value;
  assert.equal(v('$A/${A}/${A:-x}/${A-x}/${E:-x}/${E-x}/${U:-x}/${U-x}'), 'a/a/a/a/x//x/x');
  assert.equal(v('${A:+alt}/${E:+alt}/${E+alt}/${U+alt}'), 'alt//alt/');
  assert.equal(v('${U:-${A}-nested}'), 'a-nested');
  assert.equal(v('$$A and $$'), '$A and $');
  assert.deepEqual(interpolate('${U}', env).missing, ['U']);
  assert.match(interpolate('${E:?needed}', env).error ?? '', /E is not set: needed/);
  assert.equal(interpolate('${E?needed}', env).error, undefined);
  assert.deepEqual([...parseDotEnv("X=1 # c\nY='lit $X'\nZ=\"q $X\\n\"\nexport W=$X$X\n")], [['X', '1'], ['Y', 'lit $X'], ['Z', 'q 1\n'], ['W', '11']]);
});

test('compose: x- anchors merged with <<: cite the line inside the anchor; extends in the same file and another file', () => {
  const root = tree({
    'docker-compose.yml': [
      'x-defaults: &defaults',
      '  restart: always',
      '  build:',
      '    context: ./app',
      'services:',
      '  one:',
      '    <<: *defaults',
      '  two:',
      '    <<: [*defaults]',
      '    build:',
      '      dockerfile: Dockerfile.two',
      '  three:',
      '    extends: one',
      '  four:',
      '    extends:',
      '      file: common/base.yml',
      '      service: base',
      '',
    ].join('\n'),
    'common/base.yml': 'services:\n  base:\n    build:\n      context: ../shared\n      dockerfile: base.Dockerfile\n',
  });
  const { lines } = scanFresh(root);
  // A merge key is shallow: `two` has its own `build`, without a context (so `.`), cited at its `build:` line.
  assert.deepEqual(lines, [
    'Dockerfile.two | . | docker-compose.yml:10 compose',
    'app/Dockerfile | app | docker-compose.yml:4 compose',
    'shared/base.Dockerfile | shared | common/base.yml:4 compose',
  ]);
});

test('compose: include (string, list, path: entries) relative to the including file, with the included project .env', () => {
  const root = tree({
    'compose.yaml': 'include:\n  - infra/db.yaml\n  - path: tools/tools.yml\n    env_file: tools/custom.env\nservices:\n  app:\n    build: .\n',
    'infra/db.yaml': 'services:\n  db:\n    build: ./${DB_DIR}\n',
    'infra/.env': 'DB_DIR=postgres\n',
    'tools/tools.yml': 'services:\n  t:\n    build:\n      context: ${TOOLS}\n',
    'tools/custom.env': 'TOOLS=./lint\n',
    'Dockerfile': '',
  });
  const { lines } = scanFresh(root);
  assert.deepEqual(lines, [
    'Dockerfile | . | compose.yaml:7 compose',
    'infra/postgres/Dockerfile | infra/postgres | infra/db.yaml:3 compose',
    'tools/lint/Dockerfile | tools/lint | tools/tools.yml:4 compose',
  ]);
});

test('compose: an override file merges over its base; remote and inline builds are not folders', () => {
  const root = tree({
    'docker-compose.yml': 'services:\n  api:\n    build:\n      context: ./api\n  remote:\n    build: https://github.com/x/y.git#main\n  git:\n    build:\n      context: git@github.com:x/y.git\n  inline:\n    build:\n      dockerfile_inline: "FROM alpine"\n',
    'docker-compose.override.yml': 'services:\n  api:\n    build:\n      dockerfile: Dockerfile.dev\n',
  });
  const { lines } = scanFresh(root);
  assert.deepEqual(lines, ['api/Dockerfile | api | docker-compose.yml:4 compose', 'api/Dockerfile.dev | api | docker-compose.yml:4 compose']);
});

test('compose: include and extends loops end; a missing included file is logged, not fatal', () => {
  const root = tree({
    'compose.yaml': 'include:\n  - compose.yaml\n  - missing.yaml\nservices:\n  a:\n    extends: b\n    build: ./a\n  b:\n    extends: a\n',
  });
  const { lines, logs } = scanFresh(root);
  assert.deepEqual(lines, ['a/Dockerfile | a | compose.yaml:7 compose']);
  assert.ok(logs.some((l) => /missing\.yaml: cannot be read/.test(l)), logs.join('\n'));
});

test('composeBuilds (used by the build-context resolver) reads the same and follows .env changes', () => {
  const root = tree({ 'compose.yaml': 'services:\n  s:\n    build: ./${D}\n', '.env': 'D=one\n' });
  const fs = new CachedNodeFileSystem();
  assert.deepEqual(composeBuilds(fs, path.join(root, 'compose.yaml')), [{ service: 's', context: path.join(root, 'one'), dockerfile: path.join(root, 'one', 'Dockerfile') }]);
});

test('compose: COMPOSE_FILE in the project .env names more compose files', () => {
  const root = tree({
    'compose.yaml': 'services:\n  a:\n    build: ./a\n',
    '.env': 'COMPOSE_FILE=compose.yaml:deploy/stack.yml\n',
    'deploy/stack.yml': 'services:\n  b:\n    build: ../b\n',
  });
  assert.deepEqual(scanFresh(root).lines, ['a/Dockerfile | a | compose.yaml:3 compose', 'b/Dockerfile | b | deploy/stack.yml:3 compose']);
});
