// Review of the COPY/ADD rules (issue 4): Windows stages, the download fix's user and mode, optional
// wildcards, `.` as a destination, the --context origin, the deciding .dockerignore pattern, and global
// ARGs a stage does not see. Real temporary folders as build contexts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeIn, applyAndReanalyse, dockerfile, fixesFor, makeTree } from './copy-add-helpers';
import type { Run } from './copy-add-helpers';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { runCli } from '../../server/src/cli';

function setup(lines: string[], files: Record<string, string | null> = {}, lang: 'en' | 'zh-cn' = 'en'): Run {
  const root = makeTree({ 'app/Dockerfile': '', 'app/a.txt': '', 'app/b.txt': '', ...files });
  return analyzeIn(root, 'app/Dockerfile', { text: dockerfile(...lines), lang });
}

function titles(run: Run, code: string): string[] {
  const finding = run.of(code)[0];
  assert.ok(finding, `no ${code} in ${JSON.stringify(run.codes)}`);
  return fixesFor(run, finding).map((f) => f.title);
}

test('Windows stage: ADD of a URL gets no mode-600 warning and no curl/chmod fixes', () => {
  for (const lines of [
    ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'ADD https://example.com/x.exe C:/x.exe'],
    ['FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base', 'FROM base', 'ADD https://example.com/x.exe C:/x.exe'],
    ['ARG BASE=mcr.microsoft.com/dotnet/framework/sdk:4.8', 'FROM ${BASE}', 'ADD https://example.com/x.exe C:/x.exe'],
    ['# escape=`', 'FROM registry.example/base', 'WORKDIR C:\\app', 'ADD https://example.com/x.exe x.exe'],
  ]) {
    const run = setup(lines);
    assert.deepEqual(run.of('add-remote-url'), [], lines.join(' | '));
  }
  // An archive is still not unpacked: a Windows-specific message, and no fix that cannot work there.
  const zip = setup(['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'ADD https://example.com/tools.zip C:/tools/']);
  const [finding] = zip.of('add-remote-url');
  assert.ok(finding);
  assert.match(finding.message, /Windows/);
  assert.doesNotMatch(finding.message, /600|--chmod=644/);
  assert.deepEqual(fixesFor(zip, finding), []);
  // A Linux stage in the same file is unchanged.
  const linux = setup(['FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win', 'FROM alpine', 'ADD https://example.com/x /x']);
  assert.match(linux.of('add-remote-url')[0].message, /600/);
});

test('add-remote-url RUN fix is not offered under a non-root USER (ADD --chmod still is)', () => {
  const user = setup(['FROM debian:12', 'USER app', 'ADD https://example.com/f /home/app/f']);
  assert.deepEqual(titles(user, 'add-remote-url'), ['Keep ADD and add --chmod=644']);
  const inherited = setup(['FROM debian:12 AS base', 'USER 1000', 'FROM base', 'ADD https://example.com/f /f']);
  assert.deepEqual(titles(inherited, 'add-remote-url'), ['Keep ADD and add --chmod=644']);
  const variable = setup(['FROM debian:12', 'ARG U=app', 'USER $U', 'ADD https://example.com/f /f']);
  assert.deepEqual(titles(variable, 'add-remote-url'), ['Keep ADD and add --chmod=644']);
  for (const root of ['root', '0', '0:0', 'root:root']) {
    const back = setup(['FROM debian:12', 'USER app', `USER ${root}`, 'ADD https://example.com/f /f']);
    assert.equal(titles(back, 'add-remote-url').length, 2, root);
  }
  // A USER after the ADD does not matter.
  const after = setup(['FROM debian:12', 'ADD https://example.com/f /f', 'USER app']);
  assert.equal(titles(after, 'add-remote-url').length, 2);
});

test('add-remote-url RUN fix: FROM ${BASE} is resolved from the global ARG default before picking curl or wget', () => {
  const alpine = setup(['ARG BASE=alpine:3.20', 'FROM ${BASE}', 'ADD https://example.com/f /f']);
  assert.equal(titles(alpine, 'add-remote-url')[0], 'Download with wget in a RUN (busybox wget)');
  const debian = setup(['ARG BASE=debian:12-slim', 'FROM $BASE AS b', 'FROM b', 'ADD https://example.com/f /f']);
  assert.equal(titles(debian, 'add-remote-url')[0], 'Download with curl in a RUN (the image must have curl)');
});

test('add-remote-url: a bin folder destination or a .sh URL gets mode 755, in the RUN and in ADD --chmod', () => {
  const cases: Array<[string[], string]> = [
    [['FROM debian:12', 'ADD https://example.com/tool /usr/local/bin/tool'], '755'],
    [['FROM debian:12', 'ADD https://example.com/tool /usr/bin/'], '755'],
    [['FROM debian:12', 'WORKDIR /sbin', 'ADD https://example.com/tool .'], '755'],
    [['FROM debian:12', 'ADD https://example.com/install.sh /tmp/install.sh'], '755'],
    [['FROM debian:12', 'ADD https://example.com/data.json /srv/data.json'], '644'],
    [['FROM debian:12', 'ADD https://example.com/tool /usr/local/bin-old/tool'], '644'],
  ];
  for (const [lines, mode] of cases) {
    const run = setup(lines);
    const finding = run.of('add-remote-url')[0];
    const fixes = fixesFor(run, finding);
    assert.equal(fixes.length, 2, lines.join(' | '));
    assert.match(fixes[0].edits[0].newText, new RegExp(`chmod ${mode} `), lines.join(' | '));
    assert.equal(fixes[1].title, `Keep ADD and add --chmod=${mode}`);
    const applied = applyAndReanalyse(run, fixes[1]);
    assert.match(applied.text, new RegExp(`ADD --chmod=${mode} https`));
    assert.deepEqual(applied.findings.filter((f) => f.code === 'add-remote-url'), []);
  }
});

test('hover on a URL source in a Windows stage does not claim mode 600', () => {
  const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD https://example.com/x.exe C:/x.exe\nFROM alpine\nADD https://example.com/y /y\n';
  const doc = parseDocument(text);
  const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  const win = hover(doc, ctx, { line: 1, character: 8 })?.markdown ?? '';
  assert.match(win, /Windows/);
  assert.doesNotMatch(win, /600/);
  assert.match(hover(doc, ctx, { line: 3, character: 8 })?.markdown ?? '', /600/);
});

test('optional files: an empty root-level wildcard is fine when another source of the instruction copies something', () => {
  const files = { 'app/package.json': '{}' };
  const r = setup(['FROM node:20', 'COPY package.json yarn.lock* package-lock.json* ./'], files);
  assert.deepEqual(r.of('copy-source-missing'), []);
  // A first-element wildcard (`fixture[s]/…`) is the same: BuildKit may find nothing there.
  const folder = setup(['FROM node:20', 'COPY package.json fixture[s]/x.sh ./'], files);
  assert.deepEqual(folder.of('copy-source-missing'), []);
  // A heredoc or a URL also copies something.
  const heredoc = setup(['FROM node:20', 'COPY yarn.lock* <<EOF ./', 'x', 'EOF'], files);
  assert.deepEqual(heredoc.of('copy-source-missing'), []);
  // A source whose value is unknown may copy something: nothing is said.
  const unknown = setup(['FROM node:20', 'ARG F', 'COPY yarn.lock* $F ./'], files);
  assert.deepEqual(unknown.of('copy-source-missing'), []);
});

test('optional files: when every source matches nothing, the warning says what BuildKit and the classic builder do', () => {
  const r = setup(['FROM node:20', 'COPY yarn.lock* package-lock.json* ./'], { 'app/package.json': '{}' });
  const found = r.of('copy-source-missing');
  assert.deepEqual(found.map(r.at), ['yarn.lock*', 'package-lock.json*']);
  for (const f of found) {
    assert.match(f.message, /BuildKit copies nothing here \(the classic builder stops\)/);
    assert.doesNotMatch(f.message, /the build will stop/);
  }
  const zh = setup(['FROM node:20', 'COPY yarn.lock* ./'], { 'app/package.json': '{}' }, 'zh-cn');
  assert.match(zh.of('copy-source-missing')[0].message, /BuildKit 在这一步什么也不复制（经典构建器会失败）/);
  // A literal that is missing still fails the build; an empty wildcard beside it is not worth a second word.
  const literal = setup(['FROM node:20', 'COPY yarn.lock* missing.json ./'], { 'app/package.json': '{}' });
  assert.deepEqual(literal.of('copy-source-missing').map(literal.at), ['missing.json']);
});

test('a wildcard inside a named folder that matches nothing is reported whatever the other sources do', () => {
  const r = setup(['FROM eclipse-temurin:21', 'COPY pom.xml target/*.jar /app/'], { 'app/pom.xml': '' });
  const [f] = r.of('copy-source-missing');
  assert.ok(f);
  assert.equal(r.at(f), 'target/*.jar');
  assert.match(f.message, /the build stops if the folder "target" is missing/);
  assert.match(f.message, /"targe\[t\]\/\*\.jar"/);
});

test('copy-source-ignored: a wildcard whose matches are all ignored does not claim the build fails', () => {
  const r = setup(['FROM alpine', 'COPY *.log /l2/', 'COPY debug.log /l1/'], { 'app/.dockerignore': '*.log\n', 'app/debug.log': '', 'app/trace.log': '' });
  const [wild, literal] = r.of('copy-source-ignored');
  assert.equal(r.at(wild), '*.log');
  assert.doesNotMatch(wild.message, /will stop/);
  assert.match(wild.message, /copies nothing/);
  assert.equal(r.at(literal), 'debug.log');
  assert.match(literal.message, /will stop with "not found"/);
});

test('copy-multi-source-dest: `.` and `..` are folders for BuildKit (no finding); other names still are not', () => {
  const r = setup(['FROM alpine', 'WORKDIR /srv/app', 'COPY a.txt b.txt .', 'COPY ["a.txt", "b.txt", "."]', 'COPY a.txt b.txt ..', 'COPY *.txt .', 'COPY a.txt b.txt ./.x']);
  assert.deepEqual(r.of('copy-multi-source-dest').map(r.at), ['./.x']);
});

test('copy-source-ignored names the .dockerignore pattern and its line; with ! exceptions the last matching line decides', () => {
  const r = setup(['FROM alpine', 'COPY a.txt /a', 'COPY logs/x.log /x', 'COPY logs/keep.log /k'], {
    'app/.dockerignore': '*\n!logs\n# comment\nlogs/*.log\n!logs/keep.log\n',
    'app/logs/x.log': '',
    'app/logs/keep.log': '',
  });
  const [a, x, ...rest] = r.of('copy-source-ignored');
  assert.deepEqual(rest, [], 'keep.log is brought back by line 5');
  assert.equal(r.at(a), 'a.txt');
  assert.match(a.message, /\(line 1: "\*"\)/);
  assert.equal(r.at(x), 'logs/x.log');
  assert.match(x.message, /\(line 4: "logs\/\*\.log"\)/);
  assert.match(x.message, /"!logs\/x\.log"/);
  const zh = setup(['FROM alpine', 'COPY a.txt /a'], { 'app/.dockerignore': '\n*.txt\n' }, 'zh-cn');
  assert.match(zh.of('copy-source-ignored')[0].message, /第 2 行：“\*\.txt”/);
  // The hover on the source says the same.
  const doc = parseDocument(r.text);
  const md = hover(doc, r.ctx, { line: 1, character: 6 })?.markdown ?? '';
  assert.match(md, /pattern `\*`, line 1/);
});

test('CLI --context: messages and hovers say the context comes from --context, not from a settings entry', () => {
  const root = makeTree({ 'docker/Dockerfile': 'FROM node:20\nCOPY nope.json ./\n', 'package.json': '{}' });
  let out = '';
  runCli(['check', '--format', 'json', '--context', '.', 'docker'], { out: (s) => (out += s), err: () => {}, cwd: root, color: false });
  const [result] = JSON.parse(out) as Array<{ findings: Array<{ code: string; message: string }> }>;
  const missing = result.findings.find((f) => f.code === 'copy-source-missing');
  assert.ok(missing, out);
  assert.match(missing.message, /\(from --context\)/);
  assert.doesNotMatch(missing.message, /buildContexts/);
  let zh = '';
  runCli(['check', '--format', 'json', '--lang', 'zh-cn', '--context', '.', 'docker'], { out: (s) => (zh += s), err: () => {}, cwd: root, color: false });
  assert.match(zh, /来自 --context/);
  let md = '';
  const code = runCli(['hover', 'docker/Dockerfile', '2:7', '--context', '.'], { out: (s) => (md += s), err: () => {}, cwd: root, color: false });
  assert.equal(code, 0);
  assert.match(md, /Build context: `\.` — from `--context`/);
  // The editor setting keeps its own wording.
  const setting = analyzeIn(root, 'docker/Dockerfile', { settings: { buildContexts: { '**': root } } });
  assert.match(setting.of('copy-source-missing')[0].message, /dockerfileNotes\.buildContexts entry "\*\*"/);
});

test('a global ARG the stage does not redeclare is empty there: reported, with a fix that redeclares it', () => {
  const files = { 'app/conf/x': '', 'app/app/conf/y': '' };
  const r = setup(['ARG DIR=app', 'FROM alpine', 'COPY ${DIR}/conf /etc/'], files);
  const [f] = r.of('copy-absolute-source');
  assert.ok(f, JSON.stringify(r.codes));
  assert.equal(r.at(f), '${DIR}/conf');
  assert.match(f.message, /global ARG DIR, which this stage does not redeclare/);
  assert.match(f.message, /the source is "\/conf", read as "conf" from the context root/);
  assert.match(f.message, /unless the base image sets DIR/);
  assert.match(f.message, /add ARG DIR to this stage/);
  const fixes = fixesFor(r, f);
  assert.deepEqual(fixes.map((x) => x.title), ['Redeclare the global ARG in this stage: ARG DIR']);
  const after = applyAndReanalyse(r, fixes[0]);
  assert.equal(after.text, dockerfile('ARG DIR=app', 'FROM alpine', 'ARG DIR', 'COPY ${DIR}/conf /etc/'));
  assert.deepEqual(after.findings.filter((x) => /^copy-/.test(x.code)), []);

  // Not at the start of the path: the source changes and matches nothing.
  const missing = setup(['ARG VERSION=1.2', 'FROM alpine', 'COPY app-${VERSION}.jar /app.jar'], { 'app/app-1.2.jar': '' });
  const [m] = missing.of('copy-source-missing');
  assert.ok(m, JSON.stringify(missing.codes));
  assert.match(m.message, /global ARG VERSION/);
  assert.match(m.message, /the source is "app-\.jar", which matches nothing/);
  const fixed = applyAndReanalyse(missing, fixesFor(missing, m)[0]);
  assert.deepEqual(fixed.findings.filter((x) => /^copy-/.test(x.code)), []);
  const zh = setup(['ARG DIR=app', 'FROM alpine', 'COPY ${DIR}/conf /etc/'], files, 'zh-cn');
  assert.match(zh.of('copy-absolute-source')[0].message, /没有重新声明的全局 ARG DIR.*源路径就是“\/conf”/);
});

test('known-empty only for global ARGs: redeclared, inherited, defaulted, stage ARGs and base-image ENV stay quiet or unknown', () => {
  const files = { 'app/app/conf/y': '', 'app/conf/x': '' };
  const quiet = [
    ['ARG DIR=app', 'FROM alpine', 'ARG DIR', 'COPY ${DIR}/conf /etc/'],
    ['ARG DIR=app', 'FROM alpine AS base', 'ARG DIR', 'FROM base', 'COPY ${DIR}/conf /etc/'],
    // Same value with or without the ARG: the default covers it.
    ['ARG DIR=app', 'FROM alpine', 'COPY ${DIR:-app}/conf /etc/'],
    // Not a global ARG: may come from the base image's environment.
    ['FROM alpine', 'COPY ${DIR}/conf /etc/'],
    ['FROM alpine', 'ARG DIR', 'COPY ${DIR}/conf /etc/'],
  ];
  for (const lines of quiet) {
    const r = setup(lines, files);
    assert.deepEqual(r.findings.filter((f) => /^copy-/.test(f.code)).map((f) => f.code), [], lines.join(' | '));
  }
  // A global ARG without a default is still out of reach of the stage (a --build-arg never gets there).
  const noDefault = setup(['ARG DIR', 'FROM alpine', 'COPY ${DIR}/conf /etc/'], files);
  assert.equal(noDefault.of('copy-absolute-source').length, 1);
  // An empty source is the whole context.
  const whole = setup(['ARG SRC=dist', 'FROM alpine', 'COPY $SRC /srv/'], files);
  const [w] = whole.of('copy-absolute-source');
  assert.ok(w);
  assert.match(w.message, /the source is "", read as "\." from the context root/);
});

test('hover on a source using a global ARG the stage cannot see says it is empty there', () => {
  const text = 'ARG DIR=app\nFROM alpine\nCOPY ${DIR}/conf /etc/\n';
  const doc = parseDocument(text);
  const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  const md = hover(doc, ctx, { line: 2, character: 12 })?.markdown ?? '';
  assert.match(md, /global ARG `DIR` \(line 1\)/);
});

test('hover on an empty root-level pattern does not claim the build fails', () => {
  const r = setup(['FROM node:20', 'COPY package.json yarn.lock* ./'], { 'app/package.json': '{}' });
  const md = hover(parseDocument(r.text), r.ctx, { line: 1, character: 20 })?.markdown ?? '';
  assert.match(md, /BuildKit copies nothing for it/);
  assert.doesNotMatch(md, /will fail here/);
});
