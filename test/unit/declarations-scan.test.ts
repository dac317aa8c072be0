// The scan as an adversary sees it, on real files: a FIFO, a 2 GB sparse file, a link to /dev/zero, an
// anchors bomb, invalid YAML, binary content — each skipped with its reason and a log line, never a hang
// or a throw. And its cost bounds (skipped folders, the entry budget), its cache and its invalidation.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { clearDeclarationCache, invalidateDeclarations, scanDeclarations } from '../../server/src/engine/context/declarations';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { linesOf, scanFresh, tree } from './declarations-helpers';

const bomb = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
bomb.push('services:', '  s:', '    build: .', '    labels: *l');

test('hostile files are skipped with a reason and one log line each; the good ones are still read', { timeout: 30_000 }, () => {
  const root = tree({
    'good/compose.yaml': 'services:\n  ok:\n    build: .\n',
    'bomb/compose.yaml': bomb.join('\n') + '\n',
    'invalid/docker-compose.yml': 'services:\n  a:\n    build: [unclosed\n',
    'binary/Makefile': 'all:\n\tdocker build .\u0000\n',
  });
  fs.mkdirSync(path.join(root, 'fifo'));
  const mkfifo = spawnSync('mkfifo', [path.join(root, 'fifo', 'compose.yaml')]);
  assert.equal(mkfifo.status, 0, 'mkfifo must exist to run this test');
  fs.mkdirSync(path.join(root, 'huge'));
  const truncate = spawnSync('truncate', ['-s', '2G', path.join(root, 'huge', 'docker-compose.yml')]);
  assert.equal(truncate.status, 0, 'truncate must exist to run this test');
  fs.mkdirSync(path.join(root, 'zero'));
  fs.symlinkSync('/dev/zero', path.join(root, 'zero', 'compose.yml'));
  fs.symlinkSync('/dev/zero', path.join(root, 'zero', 'run-script'));
  const { index, logs } = scanFresh(root);
  assert.deepEqual(linesOf(root, index), ['good/Dockerfile | good | good/compose.yaml:3 compose']);
  const skipped = Object.fromEntries(index.skipped.map((s) => [path.relative(root, s.file), s.why]));
  assert.deepEqual(Object.keys(skipped).sort(), ['binary/Makefile', 'bomb/compose.yaml', 'fifo/compose.yaml', 'huge/docker-compose.yml', 'invalid/docker-compose.yml', 'zero/compose.yml']);
  assert.equal(skipped['fifo/compose.yaml'], 'not a regular file (FIFO, socket or device)');
  assert.equal(skipped['huge/docker-compose.yml'], `too large (${2 * 1024 ** 3} bytes, limit ${2 * 1024 * 1024})`);
  assert.equal(skipped['zero/compose.yml'], 'a symbolic link (not followed)');
  assert.equal(skipped['bomb/compose.yaml'], 'YAML aliases expand beyond the node limit (an anchors bomb?)');
  assert.match(skipped['invalid/docker-compose.yml'], /^invalid YAML \(line \d+: /);
  assert.equal(skipped['binary/Makefile'], 'binary content');
  for (const file of Object.keys(skipped)) assert.equal(logs.filter((l) => l.includes(path.join(root, file))).length, 1, file);
});

test('heavy and ignored folders are not entered; the entry budget stops the walk and says so', () => {
  const files: Record<string, string> = {
    'node_modules/pkg/compose.yaml': 'services:\n  x:\n    build: .\n',
    'vendor/github.com/x/docker-compose.yml': 'services:\n  x:\n    build: .\n',
    '.git/hooks/compose.yaml': 'services:\n  x:\n    build: .\n',
    'target/compose.yaml': 'services:\n  x:\n    build: .\n',
    'generated/compose.yaml': 'services:\n  x:\n    build: .\n',
    'tmp/runs/compose.yaml': 'services:\n  x:\n    build: .\n',
    'other/tmp/runs/compose.yaml': 'services:\n  y:\n    build: .\n',
    '.gitignore': 'generated/\ntmp/runs/\n*.log\n',
    'app/compose.yaml': 'services:\n  x:\n    build: .\n',
  };
  const root = tree(files);
  assert.deepEqual(scanFresh(root).lines, ['app/Dockerfile | app | app/compose.yaml:3 compose', 'other/tmp/runs/Dockerfile | other/tmp/runs | other/tmp/runs/compose.yaml:3 compose']);
  const many: Record<string, string> = {};
  for (let i = 0; i < 50; i++) many[`d${String(i).padStart(2, '0')}/f.txt`] = '';
  many['zz/compose.yaml'] = 'services:\n  x:\n    build: .\n';
  const big = tree(many);
  const { index } = scanFresh(big, { maxEntries: 40 });
  assert.deepEqual(linesOf(big, index), []);
  assert.deepEqual(index.skipped.map((s) => s.why), ['file budget reached (40 entries): the rest of the tree was not scanned']);
  assert.equal(index.entriesVisited, 41);
});

test('one scan per root and file-system view; invalidation says which changes matter and rescans', () => {
  clearDeclarationCache();
  const root = tree({
    'compose.yaml': 'services:\n  a:\n    build: ./${DIR}\n',
    '.env': 'DIR=one\n',
    'README.md': 'docs',
    'scripts/release': '#!/bin/sh\necho no build\n',
    'bin/tool': 'binary-ish, no shebang',
  });
  const view = new CachedNodeFileSystem();
  const first = scanDeclarations(view, root);
  assert.equal(scanDeclarations(view, root), first, 'cached');
  assert.notEqual(scanDeclarations(new CachedNodeFileSystem(), root), first, 'another view scans again');
  const second = scanDeclarations(view, root);
  assert.equal(invalidateDeclarations(path.join(root, 'README.md')), false);
  assert.equal(invalidateDeclarations(path.join(root, 'bin', 'tool')), false, 'seen, not a script');
  assert.equal(invalidateDeclarations('/elsewhere/compose.yaml'), false);
  assert.equal(invalidateDeclarations(path.join(root, 'node_modules', 'pkg', 'compose.yaml')), false, 'never scanned there');
  assert.equal(scanDeclarations(view, root), second);
  fs.writeFileSync(path.join(root, '.env'), 'DIR=two\n');
  view.invalidate(path.join(root, '.env'));
  assert.equal(invalidateDeclarations(path.join(root, '.env')), true);
  assert.deepEqual(linesOf(root, scanDeclarations(view, root)), ['two/Dockerfile | two | compose.yaml:3 compose']);
  for (const p of ['deploy/docker-compose.prod.yml', '.github/workflows/new.yml', 'scripts/release', 'scripts/new-tool', 'x/docker-bake.hcl', 'Makefile', 'compose.yaml']) {
    scanDeclarations(view, root);
    assert.equal(invalidateDeclarations(path.join(root, p)), true, p);
  }
  scanDeclarations(view, root);
  assert.equal(invalidateDeclarations(root), true, 'the root folder itself');
});

test('pathological content ends with a clear reason (deep nesting) or a result, in bounded time', { timeout: 60_000 }, () => {
  const root = tree({
    'docker-bake.hcl': 'target "x" {\n  a = ' + '['.repeat(5000) + '\n}\n',
    'deep/docker-bake.hcl': 'target "y" {\n  a = ' + '!'.repeat(100_000) + 'true\n}\n',
    Makefile: 'all:\n\tdocker build \\\n' + '\t-t x \\\n'.repeat(50_000) + '\t.\n',
    'many.sh': 'build '.repeat(200_000) + '\n' + '$('.repeat(5000) + '\ndocker build -t z .\n',
    'compose.yaml': 'services:\n  a:\n    build: ' + '['.repeat(3000) + '\n',
  });
  const { index } = scanFresh(root);
  const skipped = Object.fromEntries(index.skipped.map((s) => [s.file.slice(root.length + 1), s.why]));
  assert.equal(skipped['docker-bake.hcl'], 'expressions nested too deeply (line 2)');
  assert.equal(skipped['deep/docker-bake.hcl'], 'nested too deeply');
  assert.match(skipped['compose.yaml'], /^invalid YAML/);
  // The Makefile's 50,000 continuation lines make one command, read once.
  assert.deepEqual(linesOf(root, index), ['Dockerfile | . | Makefile:2 script']);
});
