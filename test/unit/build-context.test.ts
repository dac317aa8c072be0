// Which build context a Dockerfile gets: the setting, a compose file, or its own folder; and how file
// changes on disk reach the cached facts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { forgetDeclarations, resolveBuildContext, parseIgnore } from '../../server/src/engine/context/buildContext';
import { classifySource, compileElementPattern, lookupSource } from '../../server/src/engine/context/contextFiles';
import type { AnalysisContext } from '../../server/src/engine/context';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { analyzeIn, dockerfile, makeTree } from './copy-add-helpers';

function ctxFor(root: string, rel: string, settings: Record<string, unknown> = {}, fsView = new CachedNodeFileSystem()): AnalysisContext {
  return {
    lang: 'en',
    settings: parseSettings({ ...DEFAULT_SETTINGS, ...settings }),
    fs: fsView,
    documentPath: path.join(root, rel),
    workspaceFolder: root,
  };
}

test('default: the folder of the Dockerfile; none for an unsaved document', () => {
  const root = makeTree({ 'svc/Dockerfile': '' });
  const c = resolveBuildContext(ctxFor(root, 'svc/Dockerfile'))!;
  assert.equal(c.root, path.join(root, 'svc'));
  assert.equal(c.origin, 'default');
  assert.equal(c.exists, true);
  assert.equal(resolveBuildContext({ ...ctxFor(root, 'x'), documentPath: null }), null);
});

for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']) {
  test(`compose: ${name} with build.context + dockerfile`, () => {
    const root = makeTree({
      [name]: 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/web.Dockerfile\n  db:\n    image: postgres\n',
      'docker/web.Dockerfile': '',
      'package.json': '{}',
    });
    const c = resolveBuildContext(ctxFor(root, 'docker/web.Dockerfile'))!;
    assert.equal(c.root, root);
    assert.equal(c.origin, 'declared');
    assert.equal(c.declarations?.[0].evidence.file, path.join(root, name));
    assert.equal(c.declarations?.[0].name, 'web');
    // The source exists at the context root, not beside the Dockerfile: no false alarm.
    const r = analyzeIn(root, 'docker/web.Dockerfile', { text: dockerfile('FROM node', 'COPY package.json ./') });
    assert.deepEqual(r.of('copy-source-missing'), []);
  });
}

test('compose: build as a string, a compose file in a sibling folder, a context that is a URL', () => {
  const root = makeTree({
    'deploy/compose.yaml': 'services:\n  api:\n    build: ../api\n  remote:\n    build:\n      context: https://github.com/x/y.git\n',
    'api/Dockerfile': '',
  });
  const c = resolveBuildContext(ctxFor(root, 'api/Dockerfile'))!;
  assert.equal(c.origin, 'declared');
  assert.equal(c.root, path.join(root, 'api'));
});

test('compose: a parent folder context, reported in the message of a missing file', () => {
  const root = makeTree({ 'compose.yml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n', 'app/Dockerfile': '' });
  const r = analyzeIn(root, 'app/Dockerfile', { text: dockerfile('FROM alpine', 'COPY nope.txt /n') });
  const [f] = r.of('copy-source-missing');
  assert.match(f.message, /the context of service app, declared in compose\.yml:\d+/);
});

test('setting dockerfileNotes.buildContexts: glob → folder, relative to the workspace; it beats compose', () => {
  const root = makeTree({
    'compose.yaml': 'services:\n  a:\n    build:\n      context: other\n      dockerfile: ../docker/Dockerfile\n',
    'docker/Dockerfile': '',
    'other/': null,
  });
  const c1 = resolveBuildContext(ctxFor(root, 'docker/Dockerfile'))!;
  assert.equal(c1.origin, 'declared');
  assert.equal(c1.root, path.join(root, 'other'));
  const c2 = resolveBuildContext(ctxFor(root, 'docker/Dockerfile', { buildContexts: { 'docker/**': '.' } }))!;
  assert.equal(c2.origin, 'setting');
  assert.equal(c2.root, root);
  const c3 = resolveBuildContext(ctxFor(root, 'docker/Dockerfile', { buildContexts: { '**/Dockerfile': '${workspaceFolder}/other' } }))!;
  assert.equal(c3.root, path.join(root, 'other'));
  const none = resolveBuildContext(ctxFor(root, 'docker/Dockerfile', { buildContexts: { 'web/*': '.' } }))!;
  assert.equal(none.origin, 'declared');
});

test('a context folder that does not exist: no existence checks, no crash', () => {
  const root = makeTree({ 'Dockerfile': '' });
  const r = analyzeIn(root, 'Dockerfile', { text: dockerfile('FROM alpine', 'COPY a /a'), settings: { buildContexts: { Dockerfile: 'gone' } } });
  assert.deepEqual(r.of('copy-source-missing'), []);
  assert.deepEqual(r.logs, []);
});

test('files created, deleted and .dockerignore edited are seen after invalidation; parsed caches follow the text', () => {
  const root = makeTree({ 'Dockerfile': '', '.dockerignore': 'a.txt\n' });
  const view = new CachedNodeFileSystem();
  const text = dockerfile('FROM alpine', 'COPY a.txt /a', 'COPY b.txt /b');
  const codes = () => analyzeIn(root, 'Dockerfile', { text, fsView: view }).findings.map((f) => `${f.code}:${f.range.start.line}`);
  assert.deepEqual(codes(), ['copy-source-missing:1', 'copy-source-missing:2']);
  fs.writeFileSync(path.join(root, 'a.txt'), '');
  fs.writeFileSync(path.join(root, 'b.txt'), '');
  assert.deepEqual(codes(), ['copy-source-missing:1', 'copy-source-missing:2'], 'cached until told');
  view.invalidate(path.join(root, 'a.txt'));
  view.invalidate(path.join(root, 'b.txt'));
  assert.deepEqual(codes(), ['copy-source-ignored:1']);
  fs.writeFileSync(path.join(root, '.dockerignore'), 'b.txt\n');
  view.invalidate(path.join(root, '.dockerignore'));
  assert.deepEqual(codes(), ['copy-source-ignored:2']);
  fs.rmSync(path.join(root, 'b.txt'));
  view.invalidate(path.join(root, 'b.txt'));
  assert.deepEqual(codes(), ['copy-source-missing:2']);
});

test('a compose file edited on disk changes the context after invalidation', () => {
  const root = makeTree({ 'compose.yaml': 'services:\n  a:\n    build: one\n', 'one/Dockerfile': '', 'two/': null });
  const view = new CachedNodeFileSystem();
  const ctx = ctxFor(root, 'one/Dockerfile', {}, view);
  assert.equal(resolveBuildContext(ctx)!.origin, 'declared');
  fs.writeFileSync(path.join(root, 'compose.yaml'), 'services:\n  a:\n    build: two\n');
  view.invalidate(path.join(root, 'compose.yaml'));
  // The declarations of a project are read once, until a declaration file is announced as changed.
  assert.equal(resolveBuildContext(ctx)!.origin, 'declared');
  assert.equal(forgetDeclarations(path.join(root, 'compose.yaml')), true);
  assert.equal(resolveBuildContext(ctx)!.origin, 'default');
});

test('.dockerignore semantics: comments, !, **, leading /, folders', () => {
  const m = parseIgnore('/x/.dockerignore', '# c\n/secret\n**/*.tmp\nlogs\n!logs/keep.txt\n');
  assert.equal(m.hasExceptions, true);
  assert.equal(m.ignores('secret'), true);
  assert.equal(m.ignores('a/b/c.tmp'), true);
  assert.equal(m.ignores('c.tmp'), true);
  assert.equal(m.ignores('logs/x.txt'), true);
  assert.equal(m.ignores('logs/keep.txt'), false);
  assert.equal(m.ignores('src/secret'), false);
});

test('source paths: cleaned like BuildKit, .. above the root is outside, / is absolute', () => {
  assert.deepEqual(classifySource('a/./b/../c/'), { kind: 'relative', relative: 'a/c' });
  assert.deepEqual(classifySource('.'), { kind: 'relative', relative: '' });
  assert.deepEqual(classifySource('a/../../b'), { kind: 'outside' });
  assert.deepEqual(classifySource('../x'), { kind: 'outside' });
  assert.deepEqual(classifySource('/opt/xxxx'), { kind: 'absolute', relative: 'opt/xxxx' });
});

test('Go filepath.Match per element', () => {
  const m = (p: string, s: string) => compileElementPattern(p)!.test(s);
  assert.ok(m('*.ts', 'a.ts'));
  assert.ok(m('*.ts', '.hidden.ts'), 'Go does not treat dot files specially');
  assert.ok(!m('*.ts', 'a.tsx'));
  assert.ok(m('?.txt', 'a.txt') && !m('?.txt', 'ab.txt'));
  assert.ok(m('[a-c].txt', 'b.txt') && !m('[a-c].txt', 'd.txt'));
  assert.ok(m('[^a].txt', 'b.txt') && !m('[^a].txt', 'a.txt'));
  assert.ok(m('\\*.txt', '*.txt') && !m('\\*.txt', 'a.txt'));
  assert.equal(compileElementPattern('[abc'), null, 'a bad pattern');
});

test('lookupSource never reads above the root', () => {
  const root = makeTree({ 'ctx/a.txt': '', 'b.txt': '' });
  const view = new CachedNodeFileSystem();
  const reads: string[] = [];
  const spy = {
    stat: (p: string) => (reads.push(p), view.stat(p)),
    readDir: (p: string) => (reads.push(p), view.readDir(p)),
    readText: (p: string, n?: number) => (reads.push(p), view.readText(p, n)),
    errorOf: (p: string) => view.errorOf(p),
  };
  const ctxRoot = path.join(root, 'ctx');
  assert.equal(lookupSource(spy, ctxRoot, 'a.txt', { left: 100 }).kind, 'matches');
  assert.equal(lookupSource(spy, ctxRoot, '*.txt', { left: 100 }).kind, 'matches');
  assert.equal(lookupSource(spy, ctxRoot, 'b.txt', { left: 100 }).kind, 'missing');
  for (const p of reads) assert.ok(p === ctxRoot || p.startsWith(ctxRoot + path.sep), `read ${p}`);
});

test('a file written into new folders and announced alone is seen by the listings above it', () => {
  const root = makeTree({ 'a.txt': '' });
  const view = new CachedNodeFileSystem();
  assert.deepEqual(view.readDir(root), ['a.txt']);
  fs.mkdirSync(path.join(root, 'new/deeper'), { recursive: true });
  fs.writeFileSync(path.join(root, 'new/deeper/compose.yaml'), '');
  view.invalidate(path.join(root, 'new/deeper/compose.yaml'));
  assert.deepEqual(view.readDir(root), ['a.txt', 'new']);
  assert.deepEqual(view.readDir(path.join(root, 'new')), ['deeper']);
  assert.equal(view.stat(path.join(root, 'new'))?.type, 'dir');
});
