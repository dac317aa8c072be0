// What `check` prints: compact (grep-friendly), github annotations, SARIF with the tool's version and the
// rules' metadata, terminal-safe text, and messages that name CLI flags rather than editor settings.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine/catalog';
import { terminalSafe } from '../../server/src/cli/format';
import { cli, spawnCli, tree } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const project = () =>
  tree({
    'app/Dockerfile': 'FROM alpine:3.20\nCOPY ../package.json /app/\nADD readme.txt /r\nCMD python app.py\n',
    'app/readme.txt': 'x',
    'package.json': '{}',
  });

test('--format compact: one "file:line:col: severity message [code]" line per finding and nothing else', () => {
  const r = cli(['check', '--format', 'compact'], project());
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^app\/Dockerfile:\d+:\d+: (error|warning|info|hint) [^\n]+ \[[a-z-]+\]$/);
  assert.match(lines[0], /^app\/Dockerfile:2:6: error "\.\.\/package\.json" climbs out of the build context .* \[copy-outside-context\]$/);
});

test('--format text groups by file; the README describes that and compact truthfully', () => {
  const r = cli(['check'], project());
  assert.match(r.out, /^app\/Dockerfile\n {2}2:6 {5}error {4}/m);
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
  assert.match(readme, /file:line:col: severity message \[code\]/);
  assert.doesNotMatch(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), /prints `file:line:col severity message code` like eslint/);
});

test('--format github: a workflow annotation per finding, escaped as the runner expects', () => {
  // app.txt exists beside the Dockerfile, so its folder is the inferred context and 100%.txt is missing there.
  const root = tree({ 'a,b/Dockerfile': 'FROM alpine\nCOPY 100%.txt /x\nCOPY app.txt /y\n', 'a,b/app.txt': '' });
  const r = cli(['check', '--format', 'github'], root);
  const lines = r.out.trimEnd().split('\n');
  assert.match(lines[0], /^::warning file=a%2Cb\/Dockerfile,line=2,endLine=2,col=6,endColumn=14,title=copy-source-missing::"100%25\.txt" matches nothing/);
  assert.equal(lines.at(-1), '1 Dockerfile checked: 0 errors, 1 warning, 0 info');
});

test('--format sarif: driver.version from package.json, every rule with its metadata and help, notifications for input problems', () => {
  const root = project();
  const r = cli(['check', '--format', 'sarif', 'app', 'nope'], root);
  assert.equal(r.code, 2);
  const sarif = JSON.parse(r.out);
  const run = sarif.runs[0];
  assert.equal(sarif.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'dockerfile-notes');
  assert.equal(run.tool.driver.version, VERSION);
  assert.equal(run.tool.driver.rules.length, RULES.length);
  const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'copy-outside-context');
  assert.equal(rule.defaultConfiguration.level, 'error');
  assert.match(rule.help.markdown, /^# copy-outside-context/);
  assert.doesNotMatch(rule.help.markdown, /中文/, 'the English part of the page');
  assert.ok(!JSON.stringify(run.tool).includes('github.com/dockerfile-notes'), 'no link to an address that does not exist');
  const first = run.results[0];
  assert.equal(first.ruleId, 'copy-outside-context');
  assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'copy-outside-context');
  assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'app/Dockerfile' });
  assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 2, startColumn: 6, endLine: 2, endColumn: 21 });
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /no such file or folder/);
  const spawned = spawnCli(['check', '--format', 'sarif', 'app'], root);
  assert.equal(JSON.parse(spawned.stdout).runs[0].tool.driver.version, VERSION, 'the bundle carries the version too');
});

test('escape sequences from the file never reach the terminal raw (a line cannot be redrawn as "OK")', () => {
  // ESC M (cursor up), ESC 8 (restore cursor), CSI 2K as one C1 byte (erase line), a right-to-left override.
  // (Brackets would make the source a wildcard pattern; these are plain characters of a file name.)
  const hostile = 'COPY evil\x1bM\x1b8\x9b2KOK\u202e.txt /x\n';
  const root = tree({ 'svc\x1b[31m/Dockerfile': `FROM alpine\n${hostile}COPY app.txt /y\n`, 'svc\x1b[31m/app.txt': '' });
  for (const format of ['text', 'compact', 'github', 'json', 'sarif']) {
    const r = cli(['check', '--format', format, '.'], root);
    const all = r.out + r.err;
    assert.match(all, /copy-source-missing/, format);
    assert.doesNotMatch(all, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/, `${format}: no raw control character`);
  }
  const text = cli(['check', '.'], root).out;
  assert.match(text, /evil\\x1bM\\x1b8\\x9b2KOK\\u202e\.txt" matches nothing/);
  assert.match(text, /^svc\\x1b\[31m\/Dockerfile$/m);
  // The sequence from the issue: erase the line, return to its start, print " OK".
  assert.equal(terminalSafe('missing \x1b[2K\r OK'), 'missing \\x1b[2K OK');
  const json = JSON.parse(cli(['check', '--format', 'json', '.'], root).out);
  assert.match(json[0].findings[0].message, /^"evil\x1bM\x1b8\x9b2KOK\u202e\.txt"/, 'JSON keeps the value, only escaped');
});

test('CLI messages name --context, never the editor setting dockerfileNotes.buildContexts', () => {
  // x exists only in docker/, scripts/run.sh only at the root: inference keeps the nearer docker/, and the
  // missing script is a hint that names the root, with --context.
  const root = tree({ 'docker/Dockerfile': 'FROM node:20\nCOPY ../secrets.env /s\nCOPY x /x\nCOPY scripts/run.sh /r\n', 'docker/x': '', 'scripts/run.sh': '' });
  for (const lang of ['en', 'zh-cn']) {
    const r = cli(['check', '--format', 'json', '--lang', lang, 'docker'], root);
    const messages = (JSON.parse(r.out)[0].findings as Array<{ code: string; message: string }>).filter((f) => f.code.startsWith('copy-'));
    assert.deepEqual(messages.map((m) => m.code).sort(), ['copy-outside-context', 'copy-source-missing']);
    for (const m of messages) {
      assert.doesNotMatch(m.message, /dockerfileNotes|buildContexts/, `${lang}: ${m.message}`);
      assert.match(m.message, /--context/, `${lang}: ${m.message}`);
    }
  }
});
