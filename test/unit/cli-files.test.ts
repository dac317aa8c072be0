// Which files `check` reads: Dockerfile names (not their ignore files, backups or editor leftovers),
// explicitly named files that read like a Dockerfile, .gitignore, node_modules, --ignore-pattern, globs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDockerfileName, looksLikeDockerfile } from '../../server/src/cli/files';
import { cli, tree } from '../helpers/cli';

const DOCKERFILE = 'FROM alpine:3.20\nCMD ["true"]\n';

/** The files `check` read, by their displayed names. */
function checked(args: string[], cwd: string): string[] {
  const r = cli(['check', '--format', 'json', ...args], cwd);
  assert.notEqual(r.out, '', r.err);
  return (JSON.parse(r.out) as Array<{ file: string }>).map((f) => f.file);
}

test('Dockerfile names: the ignore files, backups and editor leftovers beside them are not Dockerfiles', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'dockerfile', 'Dockerfile.prod', 'Dockerfile.alpine-3.20', 'Containerfile.dev', 'app.dockerfile', 'base.Dockerfile', 'x.containerfile']) {
    assert.ok(isDockerfileName(name), name);
  }
  for (const name of ['Dockerfile.dockerignore', 'Containerfile.containerignore', 'Dockerfile.md.bak', 'Dockerfile.bak', 'Dockerfile.orig', 'Dockerfile.rej', 'Dockerfile.swp', 'Dockerfile~', 'Dockerfile.prod~', 'Dockerfile.md', 'app.dockerfile.orig', 'Dockerfiles', '.dockerfile', 'README', 'Dockerfile.']) {
    assert.ok(!isDockerfileName(name), name);
  }
});

test('a folder search skips Dockerfile.dockerignore and Dockerfile.md.bak, node_modules and .git', () => {
  const root = tree({
    Dockerfile: DOCKERFILE,
    'Dockerfile.dockerignore': 'node_modules\n*.log\n',
    'Dockerfile.md.bak': '# How to build\nRun docker build.\n',
    'Dockerfile~': DOCKERFILE,
    'api/Dockerfile.prod': DOCKERFILE,
    'api/.Dockerfile.prod.swp': 'binary',
    'web/web.dockerfile': DOCKERFILE,
    'node_modules/pkg/Dockerfile': DOCKERFILE,
    '.git/Dockerfile': DOCKERFILE,
  });
  assert.deepEqual(checked(['.'], root), ['Dockerfile', 'api/Dockerfile.prod', 'web/web.dockerfile']);
});

test('.gitignore is respected when walking a repository (nested files, negations, .git/info/exclude)', () => {
  const root = tree({
    '.git/info/exclude': 'scratch/\n',
    '.gitignore': 'build/\n*.generated.dockerfile\n',
    Dockerfile: DOCKERFILE,
    'build/Dockerfile': DOCKERFILE,
    'scratch/Dockerfile': DOCKERFILE,
    'svc/x.generated.dockerfile': DOCKERFILE,
    'svc/.gitignore': 'Dockerfile.local\n!keep.generated.dockerfile\n',
    'svc/Dockerfile.local': DOCKERFILE,
    'svc/keep.generated.dockerfile': DOCKERFILE,
    'svc/Dockerfile': DOCKERFILE,
  });
  assert.deepEqual(checked(['.'], root), ['Dockerfile', 'svc/Dockerfile', 'svc/keep.generated.dockerfile']);
  // Walking a subfolder still applies the repository root's .gitignore.
  assert.deepEqual(checked(['svc'], root), ['svc/Dockerfile', 'svc/keep.generated.dockerfile']);
  // A file named explicitly is checked even when git ignores it.
  assert.deepEqual(checked(['build/Dockerfile'], root), ['build/Dockerfile']);
  // Outside a git repository a .gitignore means nothing (as for git).
  const plain = tree({ '.gitignore': 'Dockerfile\n', Dockerfile: DOCKERFILE });
  assert.deepEqual(checked(['.'], plain), ['Dockerfile']);
});

test('--ignore-pattern (gitignore syntax, relative to the current folder) skips walked and named files', () => {
  const root = tree({ Dockerfile: DOCKERFILE, 'vendor/lib/Dockerfile': DOCKERFILE, 'test/fixtures/Dockerfile.bad': 'FROM\n', 'app/Dockerfile': DOCKERFILE });
  assert.deepEqual(checked(['--ignore-pattern', 'vendor/', '--ignore-pattern', 'test/fixtures/**', '.'], root), ['Dockerfile', 'app/Dockerfile']);
  // pre-commit passes every changed file by name: an ignored one is skipped without an error.
  const r = cli(['check', '--ignore-pattern', 'vendor/', 'vendor/lib/Dockerfile', 'app/Dockerfile'], root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1 Dockerfile checked: no problems$/m);
});

test('an explicitly named file is checked when it reads like a Dockerfile (FROM, ARG or a parser directive first)', () => {
  const root = tree({
    'build.txt': '# Build recipe\n\nFROM alpine:3.20\nCMD ["true"]\n',
    'args.in': 'ARG BASE=alpine\nFROM $BASE\n',
    'directive.conf': '# syntax=docker/dockerfile:1\nFROM alpine\n',
    'README.md': '# Readme\nSome text\n',
    'Dockerfile.dockerignore': '*.log\n',
  });
  assert.deepEqual(checked(['build.txt', 'args.in', 'directive.conf'], root), ['build.txt', 'args.in', 'directive.conf']);
  for (const name of ['README.md', 'Dockerfile.dockerignore']) {
    const r = cli(['check', name], root);
    assert.equal(r.code, 2, name);
    assert.match(r.err, new RegExp(`^dockerfile-notes: ${name.replace('.', '\\.')}: does not look like a Dockerfile`));
  }
  assert.ok(looksLikeDockerfile('\ufeff\n\n  from alpine\n'));
  assert.ok(!looksLikeDockerfile('RUN echo\n'));
});

test('a quoted glob is expanded by the CLI; a file reached through two paths is checked once', () => {
  const root = tree({ 'services/a/Dockerfile': DOCKERFILE, 'services/b/Dockerfile.prod': DOCKERFILE, 'services/b/notes.txt': 'x', 'other/Dockerfile': DOCKERFILE });
  assert.deepEqual(checked(['services/**/Dockerfile*'], root), ['services/a/Dockerfile', 'services/b/Dockerfile.prod']);
  assert.deepEqual(checked(['services/a', 'services/a/Dockerfile', path.join(root, 'services/a/Dockerfile')], root), ['services/a/Dockerfile']);
  fs.symlinkSync('services', path.join(root, 'linked'));
  assert.deepEqual(checked(['services/a/Dockerfile', 'linked/a/Dockerfile'], root), ['services/a/Dockerfile']);
});
