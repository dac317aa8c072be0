// COPY/ADD rules on real temporary build contexts: positive and negative cases of every rule.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeIn, dockerfile, makeTree } from './copy-add-helpers';
import { analyzeText } from '../../server/src/engine/analysis/analyze';

const context = () =>
  makeTree({
    'app/Dockerfile': '',
    'app/package.json': '{}',
    'app/src/a.ts': '',
    'app/src/b.ts': '',
    'app/src/deep/c.ts': '',
    'app/data.tar.gz': 'x',
    'app/bundle.zip': 'x',
    'app/dump.sql.gz': 'x',
    'app/readme.txt': 'x',
    'package.json': '{}',
  });

function run(lines: string[], files?: Record<string, string | null>) {
  const root = files ? makeTree({ 'app/Dockerfile': '', ...files }) : context();
  return analyzeIn(root, 'app/Dockerfile', { text: dockerfile(...lines) });
}

test("the notes' examples: ../package.json climbs out, /opt/xxxx is read from the context root", () => {
  const r = run(['FROM node:20', 'COPY ../package.json /app/', 'COPY /opt/xxxx /app']);
  const outside = r.of('copy-outside-context');
  assert.equal(outside.length, 1);
  assert.equal(outside[0].severity, 'error');
  assert.equal(r.at(outside[0]), '../package.json', 'range on the source, not the line');
  // What BuildKit reads instead: the name without the climbing ../, at the context root.
  assert.match(outside[0].message, /"\.\.\/package\.json" climbs out of the build context "app"/);
  assert.match(outside[0].message, /looks for "package\.json" at its root/);
  const absolute = r.of('copy-absolute-source');
  assert.equal(absolute.length, 1);
  assert.equal(absolute[0].severity, 'warning');
  assert.equal(r.at(absolute[0]), '/opt/xxxx');
  assert.match(absolute[0].message, /reads "opt\/xxxx" from the root of the build context/);
  // One finding per source: no "missing" on top of these.
  assert.deepEqual(r.of('copy-source-missing'), []);
});

test('copy-outside-context: a path that climbs back out through a folder, and one that stays inside', () => {
  const r = run(['FROM alpine', 'COPY src/../../x /x', 'COPY src/../package.json /p']);
  assert.deepEqual(r.of('copy-outside-context').map(r.at), ['src/../../x']);
  assert.deepEqual(r.of('copy-source-missing'), []);
});

test('copy-outside-context also works in an unsaved document (no folder known)', () => {
  const findings = analyzeText(dockerfile('FROM alpine', 'COPY ../a /a'));
  const f = findings.find((x) => x.code === 'copy-outside-context');
  assert.ok(f);
  assert.ok(!/\{context\}/.test(f.message));
  assert.equal(findings.filter((x) => x.code === 'copy-source-missing').length, 0, 'no context, no existence checks');
});

test('copy-source-missing: a missing file, a pattern matching nothing; existing files and patterns are fine', () => {
  const r = run(['FROM alpine', 'COPY missing.txt /m', 'COPY src/*.js /js/', 'COPY src/*.ts package.json /app/', 'COPY src/[ab].ts src/?.ts /x/', 'COPY src/deep /deep']);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['missing.txt', 'src/*.js']);
  const [missing, pattern] = r.of('copy-source-missing');
  // Nothing declares the build: the context is inferred (the most sources exist in app/), and missing.txt
  // exists in no folder from app/ up to the workspace folder.
  assert.match(missing.message, /"missing\.txt" matches nothing in the build context "app" \(inferred\) nor in any folder above it up to "\."/);
  assert.equal(missing.severity, 'warning');
  assert.match(pattern.message, /"src\/\*\.js" matches no file/);
});

test('a source that exists only relative to the workspace folder makes that folder the inferred context', () => {
  // Before issue 13 this was a warning ("… but shared/lib.txt exists"): the build from the root works.
  const root = makeTree({ 'app/Dockerfile': '', 'shared/lib.txt': 'x' });
  const r = analyzeIn(root, 'app/Dockerfile', { text: dockerfile('FROM alpine', 'COPY shared/lib.txt /lib/') });
  assert.deepEqual(r.of('copy-source-missing'), []);
});

test('wildcards follow Go filepath.Match: * stops at /, ** is no recursion, classes and ? work', () => {
  const r = run(['FROM alpine', 'COPY src/*/c.ts /c/', 'COPY *.ts /t/', 'COPY src/**.ts /s/', 'COPY src/[!a].ts /n/', 'COPY src/[^a].ts /n2/']);
  // `*.ts` at the root matches nothing (files are in src/); `src/**.ts` is `src/*.ts` for Go.
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['*.ts']);
});

test('ARG and ENV defaults are substituted; unknown values are not judged', () => {
  const r = run([
    'ARG SRC=src',
    'FROM alpine AS base',
    'ARG SRC',
    'ENV CONF=package.json MISSING=nope.txt',
    'COPY $SRC/a.ts ${CONF} /app/',
    'COPY ${MISSING} /m',
    'ARG LATER',
    'COPY $LATER/x ${UNDECLARED}/y $HOME/z /u/',
    'COPY ${LATER:-src}/a.ts /v',
    'FROM base',
    'COPY $CONF /inherited',
  ]);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['${MISSING}']);
});

test('a global ARG default is only visible in a stage that redeclares it', () => {
  const r = run(['ARG SRC=nope', 'FROM alpine', 'COPY $SRC /a', 'ARG SRC', 'COPY $SRC /b']);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['$SRC']);
  assert.equal(r.of('copy-source-missing')[0].range.start.line, 4);
});

test('--from sources, heredocs, COPY . . and JSON form', () => {
  const r = run([
    'FROM alpine AS build',
    'COPY --from=build /opt/xxxx ../y /x/',
    'COPY --from=nginx:alpine /etc/nginx/nginx.conf /etc/nginx/',
    'COPY <<EOF /app/script.sh',
    'echo hi',
    'EOF',
    'COPY . .',
    'COPY ["src/a.ts", "nope.ts", "/app/"]',
  ]);
  assert.deepEqual(r.of('copy-outside-context'), []);
  assert.deepEqual(r.of('copy-absolute-source'), []);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['"nope.ts"']);
});

test('copy-source-ignored: .dockerignore with negation and **, exact about exceptions', () => {
  const r = run(
    [
      'FROM alpine',
      'COPY node_modules /nm',
      'COPY notes.log /l/',
      'COPY keep.log /k/',
      'COPY docs/a/b/secret.md /s/',
      'COPY docs/README.md /r/',
      'COPY build /b',
      'COPY *.log /logs/',
      'COPY vendor /v',
    ],
    {
      'app/.dockerignore': '# comment\nnode_modules\n*.log\n!keep.log\ndocs/**/*.md\n!docs/README.md\nbuild\nvendor\n!vendor/keep/**\n',
      'app/node_modules/x/i.js': '',
      'app/notes.log': '',
      'app/keep.log': '',
      'app/docs/a/b/secret.md': '',
      'app/docs/README.md': '',
      'app/build/out.js': '',
      'app/vendor/drop.js': '',
      'app/vendor/keep/lib.js': '',
    },
  );
  const ignored = r.of('copy-source-ignored');
  assert.deepEqual(ignored.map(r.at), ['node_modules', 'notes.log', 'docs/a/b/secret.md', 'build']);
  assert.match(ignored[0].message, /app\/\.dockerignore/);
  assert.match(ignored[0].message, /"node_modules" is excluded by .*line 2: "node_modules".*"!node_modules"/);
  // `*.log` still matches keep.log, and `vendor/keep/**` comes back: neither is reported.
  assert.deepEqual(r.of('copy-source-missing'), []);
});

test('<Dockerfile>.dockerignore beside the Dockerfile wins over the context root one', () => {
  const root = makeTree({
    'app/.dockerignore': 'a.txt\n',
    'app/web.Dockerfile.dockerignore': 'b.txt\n',
    'app/a.txt': '',
    'app/b.txt': '',
  });
  const text = dockerfile('FROM alpine', 'COPY a.txt b.txt /x/');
  const web = analyzeIn(root, 'app/web.Dockerfile', { text });
  assert.deepEqual(web.of('copy-source-ignored').map(web.at), ['b.txt']);
  assert.match(web.of('copy-source-ignored')[0].message, /web\.Dockerfile\.dockerignore/);
  const plain = analyzeIn(root, 'app/Dockerfile', { text });
  assert.deepEqual(plain.of('copy-source-ignored').map(plain.at), ['a.txt']);
});

test('copy-multi-source-dest: several sources, a wildcard matching several files, and the fine cases', () => {
  const r = run([
    'FROM alpine',
    'COPY package.json readme.txt /app',
    'COPY src/*.ts /ts',
    'COPY package.json readme.txt /app/',
    'COPY package.json /one',
    'COPY src/a.ts* /single',
    'COPY ["package.json", "readme.txt", "/json"]',
    'COPY <<A <<B /here',
    'a',
    'A',
    'b',
    'B',
  ]);
  const f = r.of('copy-multi-source-dest');
  assert.deepEqual(f.map(r.at), ['/app', '/ts', '"/json"', '/here']);
  assert.equal(f[0].severity, 'error');
  assert.match(f[1].message, /matches 2 files/);
});

test('add-prefer-copy: plain local files and folders (zip included); not archives, URLs, heredocs or ADD-only flags', () => {
  const r = run([
    'FROM alpine',
    'ADD readme.txt /r',
    'ADD src /src',
    'ADD bundle.zip /z/',
    'ADD data.tar.gz /d/',
    'ADD dump.sql.gz /s/',
    'ADD https://example.com/x.txt /x',
    'ADD --checksum=sha256:0000 readme.txt /c',
    'ADD $UNKNOWN /u',
    'ADD <<EOF /h',
    'hi',
    'EOF',
  ]);
  const f = r.of('add-prefer-copy');
  assert.deepEqual(f.map((x) => x.range.start.line), [1, 2, 3]);
  assert.equal(r.at(f[0]), 'ADD');
});

test('add-archive-extracts: local tar archives, by name or by what a pattern matches', () => {
  const r = run(['FROM alpine', 'ADD data.tar.gz /d/', 'ADD *.tar.gz /e/', 'ADD bundle.zip /z/', 'ADD --unpack=false data.tar.gz /f/', 'ADD data.tar.gz x.tgz y.tar.xz /g/'], {
    'app/data.tar.gz': '',
    'app/bundle.zip': '',
    'app/x.tgz': '',
    'app/y.tar.xz': '',
  });
  const f = r.of('add-archive-extracts');
  assert.deepEqual(f.map(r.at), ['data.tar.gz', '*.tar.gz', 'data.tar.gz', 'x.tgz', 'y.tar.xz']);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /unpacks/);
});

test('add-remote-url: http(s) URLs, not git sources, not with --chmod', () => {
  const r = run([
    'FROM alpine',
    'ADD https://example.com/tool.tgz /opt/',
    'ADD http://example.com/file /file',
    'ADD https://github.com/moby/buildkit.git#v0.10.1 /src',
    'ADD git@github.com:moby/buildkit.git /src2',
    'ADD https://example.com/x.git?ref=v1&keep-git-dir=1 /src3',
    'ADD --chmod=644 https://example.com/ok /ok',
    'COPY https://example.com/notadd /n',
  ]);
  const f = r.of('add-remote-url');
  assert.deepEqual(f.map(r.at), ['https://example.com/tool.tgz', 'http://example.com/file']);
  assert.match(f[0].message, /600/);
  assert.match(f[0].message, /--chmod/);
  assert.match(f[0].message, /--unpack=true/);
  assert.deepEqual(r.of('add-prefer-copy'), [], 'a URL is not a local file');
});

test('messages in Chinese, with the same facts', () => {
  const root = context();
  const r = analyzeIn(root, 'app/Dockerfile', { lang: 'zh-cn', text: dockerfile('FROM alpine', 'COPY ../a /a', 'COPY /opt/x /x', 'COPY nope /n', 'ADD https://e.com/f /f') });
  for (const f of r.findings) {
    assert.match(f.message, /[\u4e00-\u9fff]/, `${f.code} speaks Chinese`);
    assert.ok(!/\{\w+\}/.test(f.message), `${f.code}: no placeholder left: ${f.message}`);
  }
  assert.match(r.of('copy-outside-context')[0].message, /\.\.\//);
  assert.match(r.of('copy-outside-context')[0].message, /查找“a”/);
  assert.match(r.of('copy-source-missing')[0].message, /“nope”不在“app”（假定）中/);
});

test('a symbolic link in the context is never followed', (t) => {
  const root = makeTree({ 'app/real/file.txt': '', 'outside/secret.txt': '' });
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  try {
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'app', 'link'));
  } catch {
    t.skip('cannot create symbolic links here');
    return;
  }
  const r = analyzeIn(root, 'app/Dockerfile', { text: dockerfile('FROM alpine', 'COPY link/secret.txt link/nope.txt link /x/') });
  // Through the link nothing is judged (it would mean reading outside the context); the link itself exists.
  assert.deepEqual(r.of('copy-source-missing'), []);
});

test('the work a wildcard can cost is bounded: a huge folder is not judged', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6000; i++) files[`app/many/f${i}.txt`] = '';
  const r = run(['FROM alpine', 'COPY many/*.nomatch /x/', 'COPY many/f1.txt /y'], files);
  assert.deepEqual(r.of('copy-source-missing'), [], 'over budget: unknown, not missing');
  assert.deepEqual(r.logs, []);
});

test('every range lies on the instruction line it belongs to and inside the text', () => {
  const r = run(['FROM alpine', 'COPY \\', '  ../a \\', '  /b \\', '  nope /c', 'ADD \\', '  https://e.com/x /x']);
  assert.deepEqual(r.of('copy-outside-context').map(r.at), ['../a']);
  assert.deepEqual(r.of('copy-absolute-source').map(r.at), ['/b']);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['nope']);
  assert.deepEqual(r.of('copy-multi-source-dest').map(r.at), ['/c']);
  assert.deepEqual(r.of('add-remote-url').map(r.at), ['https://e.com/x']);
});

test('a flag written without = (a BuildKit parse error) leaves the instruction alone', () => {
  const r = run(['FROM alpine', 'COPY --chmod 777 readme.txt /tmp', 'ADD --chown 1:1 readme.txt /tmp', 'COPY --from builder /bin/bash /my/bin/bash']);
  assert.deepEqual(r.findings.filter((f) => f.range.start.line > 0).map((f) => f.code), []);
});

test('COPY --parents with ** is not judged by single-level matching', () => {
  const r = run(['FROM alpine', 'COPY --parents src/**/c.ts /out/', 'COPY --parents src/*/nope.ts /out/']);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['src/*/nope.ts']);
});

test('Windows-style sources (escape=`) are not judged', () => {
  const r = run(['# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'COPY .\\app\\bin C:\\app\\', 'COPY nope.txt C:\\x\\']);
  assert.deepEqual(r.of('copy-source-missing').map(r.at), ['nope.txt']);
});

test('ARG and ENV values carry into a stage built FROM another stage, as in BuildKit', () => {
  const r = run(['FROM alpine AS base', 'ARG SRC=missing.txt', 'ENV OTHER=src/a.ts', 'FROM base', 'COPY $SRC /x/', 'COPY ${OTHER} /y/']);
  const missing = r.of('copy-source-missing');
  assert.deepEqual(missing.map((f) => f.range.start.line), [4], 'the inherited ARG default is known and missing; the inherited ENV resolves');
  // In an unrelated stage the ARG is not in scope: unknown, so not judged.
  const unrelated = run(['FROM alpine AS base', 'ARG SRC=missing.txt', 'FROM alpine', 'COPY $SRC /x/']);
  assert.deepEqual(unrelated.of('copy-source-missing'), []);
});
