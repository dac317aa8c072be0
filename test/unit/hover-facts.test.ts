// Hover facts corrected or added in issue 17, through the engine: ADD sources the way BuildKit classifies
// them (with --chmod/--unpack), FROM with ARG defaults, ENV through FROM <stage> chains and `docker run -e`,
// and which other stage sets the ENTRYPOINT/CMD a stage lacks.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { remoteKind } from '../../server/src/engine/features/hover/remote';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import type { Lang } from '../../server/src/engine/types';

function at(text: string, line: number, needle: string, lang: Lang = 'en', offset = 1): string {
  const doc = parseDocument(text);
  const ctx: AnalysisContext = { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  const c = text.split('\n')[line].indexOf(needle);
  assert.ok(c >= 0, `${needle} not on line ${line}`);
  return hover(doc, ctx, { line, character: c + offset })?.markdown ?? '';
}

test('remote sources are classified as BuildKit does', () => {
  assert.equal(remoteKind('https://example.com/a.tar.gz'), 'url');
  assert.equal(remoteKind('http://example.com/x'), 'url');
  assert.equal(remoteKind('https://github.com/org/repo.git'), 'git');
  assert.equal(remoteKind('https://github.com/org/repo.git#v1:docs'), 'git');
  assert.equal(remoteKind('https://github.com/org/repo.git?ref=v1.2.0'), 'git');
  assert.equal(remoteKind('git@github.com:org/repo.git'), 'git');
  assert.equal(remoteKind('ssh://git@example.com/repo'), 'git');
  assert.equal(remoteKind('git://example.com/repo'), 'git');
  assert.equal(remoteKind('ftp://example.com/a.tar.gz'), 'other-scheme');
  assert.equal(remoteKind('HTTPS://example.com/a'), 'other-scheme', 'BuildKit matches the prefix as written');
  assert.equal(remoteKind('src/app.js'), null);
  assert.equal(remoteKind('./user@host:x'), null);
});

test('ADD of a URL: mode 600 and not unpacked, unless --chmod or --unpack=true says otherwise', () => {
  const text = [
    'FROM alpine',
    'ADD https://example.com/a.tar.gz /opt/',
    'ADD --chmod=0755 https://example.com/tool /usr/local/bin/tool',
    'ADD --unpack=true https://example.com/a.tar.gz /opt/',
    'ADD --unpack=false https://example.com/a.tar.gz /opt/',
  ].join('\n');
  const plain = at(text, 1, 'https');
  assert.match(plain, /mode 600/);
  assert.match(plain, /stays packed/);
  const chmod = at(text, 2, 'https');
  assert.match(chmod, /mode `0755` \(from `--chmod`\)/);
  assert.doesNotMatch(chmod, /600/);
  const unpack = at(text, 3, 'https');
  assert.match(unpack, /unpacks it when it is a tar archive/);
  assert.match(at(text, 4, 'https'), /stays packed/);
  assert.match(at(text, 1, 'https', 'zh-cn'), /权限为 600/);
  assert.match(at(text, 2, 'https', 'zh-cn'), /权限为 `0755`（来自 `--chmod`）/);
});

test('ADD of a Git address with ?ref=, and ftp:// read as a path in the build context', () => {
  const text = ['FROM alpine', 'ADD https://github.com/org/repo.git?ref=v1.2.0 /src', 'ADD ftp://example.com/a.tar.gz /opt/', 'ADD --keep-git-dir https://github.com/org/repo.git /src'].join('\n');
  assert.match(at(text, 1, 'https'), /A Git repository: ADD clones it/);
  assert.match(at(text, 1, 'https'), /without the `\.git` folder/);
  assert.match(at(text, 2, 'ftp'), /BuildKit downloads only `http:\/\/` and `https:\/\/` URLs/);
  assert.doesNotMatch(at(text, 2, 'ftp'), /mode 600/);
  assert.match(at(text, 3, 'https'), /`\.git` folder included/);
});

test('the ADD keyword hover states the URL facts of its first source and where it lands', () => {
  const text = ['FROM alpine', 'WORKDIR /srv', 'ADD --chmod=0644 https://example.com/a.txt data/'].join('\n');
  const md = at(text, 2, 'ADD');
  assert.match(md, /mode `0644`/);
  assert.match(md, /Destination: `\/srv\/data\/`/);
});

test('FROM resolves ARG defaults on the keyword, the image and the variable; unknown values stay as written', () => {
  const text = ['ARG PYTHON_VERSION=3.12', 'ARG DISTRO', 'FROM python:${PYTHON_VERSION}-slim', 'FROM debian:${DISTRO}'].join('\n');
  for (const needle of ['FROM', 'python', 'PYTHON_VERSION']) assert.match(at(text, 2, needle, 'en', 1), /Base image `python:3\.12-slim`/, needle);
  assert.match(at(text, 2, 'FROM', 'zh-cn'), /基础镜像 `python:3\.12-slim`/);
  assert.match(at(text, 3, 'debian'), /Base image `debian:\$\{DISTRO\}`; a build argument in the name has no value known here/);
});

test('$VAR: an ENV two stages up is named with the chain, and docker run -e is mentioned where it matters', () => {
  const text = [
    'FROM alpine AS a', // 0
    'ENV PORT=8080', // 1
    'FROM a AS b', // 2
    'FROM b', // 3
    'CMD echo $PORT', // 4
    'EXPOSE $PORT', // 5
    'CMD ["echo", "$PORT"]', // 6
    'ARG MODE=prod', // 7
    'CMD run --mode $MODE', // 8
  ].join('\n');
  const start = at(text, 4, 'PORT');
  assert.match(start, /Inherited from stage `a` \(line 1\) through `b`/);
  assert.match(start, /`docker run -e PORT=…` \(or `--env`\) changes what it sees here/);
  assert.match(at(text, 5, 'PORT'), /`docker run -e PORT=…` changes the environment of a container, not this line/);
  assert.match(at(text, 6, 'PORT'), /receives `\$PORT` as written/);
  assert.match(at(text, 8, 'MODE'), /A build argument is gone once the image is built/);
  assert.match(at(text, 1, 'PORT', 'en', 0), /`docker run -e PORT=…` \(or `--env`\) overrides it/);
  assert.match(at(text, 4, 'PORT', 'zh-cn'), /继承自阶段 `a`（第 1 行），途经 `b`/);
});

test('a stage without ENTRYPOINT/CMD names the stages that set one, instead of "this Dockerfile"', () => {
  const text = ['FROM node:20 AS base', 'FROM base AS edge', 'ENTRYPOINT ["node"]', 'FROM base', 'CMD npm start', 'FROM node:20 AS bare', 'RUN true'].join('\n');
  const cmd = at(text, 4, 'CMD');
  assert.match(cmd, /No ENTRYPOINT in this stage \(stage `edge` sets one\): the base image `node:20` may have one/);
  assert.doesNotMatch(cmd, /in this Dockerfile/);
  const bare = at(text, 4, 'CMD', 'zh-cn');
  assert.match(bare, /本阶段没有 ENTRYPOINT（阶段 `edge` 设置了）/);
});
