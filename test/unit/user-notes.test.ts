// The user's notes: which headings start sections, where sections end, and the store's cache and warnings.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseUserNotes, UserNotesStore, resolveNotesPath } from '../../server/src/engine/notes/userNotes';
import { SHARED_NOTES, absent } from '../helpers/shared';


function targets(md: string): string[] {
  return parseUserNotes(md, '/x/notes.md').map((s) => `${s.target.kind}/${s.target.name}`);
}

test('heading styles: any level, any case, trailing words, numbering, code marks, closing hashes', () => {
  const md = [
    '# copy',
    '## ENTRYPOINT 入口点',
    '### 3. `RUN` tips ###',
    '#### **Workdir**',
    '# build context',
    '# docker run 背后的操作',
    '## docker load vs docker import',
    '# build',
    '# --from',
    '# HEALTHCHECK --interval',
    '# syntax',
    'Cmd notes\n=========',
    '# nothing to see',
    '# copying is not copy',
  ].join('\n\n');
  assert.deepEqual(targets(md), [
    'instructions/copy',
    'instructions/entrypoint',
    'instructions/run',
    'instructions/workdir',
    'topics/build-context',
    'topics/docker-run',
    'topics/load-vs-import',
    'topics/build-context',
    'flags/from',
    'flags/healthcheck-interval',
    'directives/syntax',
    'instructions/cmd',
  ]);
});

test('bare words under a Flags heading name flags; elsewhere `from` is the instruction', () => {
  const md = '# Flags\n\n## from\nstage copy\n\n## chown\nowner\n\n# from\nbase image\n';
  const sections = parseUserNotes(md, '/x/n.md');
  assert.deepEqual(
    sections.map((s) => [`${s.target.kind}/${s.target.name}`, s.body]),
    [
      ['flags/from', 'stage copy'],
      ['flags/chown', 'owner'],
      ['instructions/from', 'base image'],
    ],
  );
});

test('a section runs to the next heading of the same or higher level, or to a nested section', () => {
  const md = '# copy\nA\n## Example\nB\n## ENTRYPOINT\nC\n### more\nD\n# other\nE\n';
  const sections = parseUserNotes(md, '/x/n.md');
  assert.equal(sections.length, 2);
  assert.equal(sections[0].body, 'A\n## Example\nB');
  assert.equal(sections[1].target.name, 'entrypoint');
  assert.equal(sections[1].body, 'C\n### more\nD');
});

test('# lines inside fenced code are not headings, and front matter is skipped', () => {
  const md = '---\ntitle: x\n# copy: not a heading\n---\n# run\n```sh\n# cmd inside code\n```\n';
  const sections = parseUserNotes(md, '/x/n.md');
  assert.deepEqual(sections.map((s) => s.target.name), ['run']);
  assert.match(sections[0].body, /# cmd inside code/);
});

test('the shared notes file: copy, cmd and ENTRYPOINT sections, front matter skipped', { skip: absent(SHARED_NOTES) }, () => {
  const sections = parseUserNotes(fs.readFileSync(SHARED_NOTES, 'utf8'), SHARED_NOTES);
  const by = (name: string) => sections.find((s) => s.target.name === name);
  const copy = by('copy');
  assert.ok(copy, 'no copy section');
  assert.match(copy.body, /COPY <源路径>/);
  assert.equal(copy.label, 'docker-deep-dive.zh.md');
  const cmd = by('cmd');
  assert.ok(cmd);
  assert.match(cmd.body, /service nginx start/);
  assert.doesNotMatch(cmd.body, /--entrypoint/, 'the nested ENTRYPOINT section must not leak into cmd');
  const entrypoint = by('entrypoint');
  assert.ok(entrypoint);
  assert.equal(entrypoint.heading, 'ENTRYPOINT 入口点');
  assert.match(entrypoint.body, /--entrypoint/);
  assert.ok(by('build-context'), '`# build` maps to the build-context topic');
  assert.ok(by('docker-run'));
  assert.ok(by('load-vs-import'));
  assert.ok(sections.every((s) => !/title: docker/.test(s.body)), 'front matter leaked');
});

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-user-notes-'));
  made.push(dir);
  return dir;
}

test('the store sees a rewritten file without being told, and a new file in a folder', () => {
  const dir = tempDir();
  const file = path.join(dir, 'team.md');
  fs.writeFileSync(file, '# copy\nfirst version\n');
  const store = new UserNotesStore();
  const copy = { kind: 'instructions' as const, name: 'copy' };
  assert.equal(store.sectionsFor(copy, [dir], null)[0].body, 'first version');
  fs.writeFileSync(file, '# copy\nsecond, longer version\n');
  assert.equal(store.sectionsFor(copy, [dir], null)[0].body, 'second, longer version');
  fs.writeFileSync(path.join(dir, 'more.md'), '## COPY\nfrom another file\n');
  const bodies = store.sectionsFor(copy, [dir], null).map((s) => s.body);
  assert.ok(bodies.includes('from another file'), JSON.stringify(bodies));
});

test('missing, binary and oversized files give one warning each and no sections', () => {
  const dir = tempDir();
  const binary = path.join(dir, 'bin.md');
  fs.writeFileSync(binary, Buffer.from([35, 32, 99, 111, 112, 121, 10, 0, 1, 2]));
  const big = path.join(dir, 'big.md');
  fs.writeFileSync(big, '# copy\n' + 'x'.repeat(2 * 1024 * 1024 + 10));
  const missing = path.join(dir, 'missing.md');
  const logs: string[] = [];
  const store = new UserNotesStore();
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(store.sections([missing, binary, big], null, (m) => logs.push(m)), []);
  }
  assert.equal(logs.length, 3, logs.join('\n'));
  assert.ok(logs.some((l) => l.includes(missing) && /ENOENT/.test(l)));
  assert.ok(logs.some((l) => l.includes(binary) && /binary/.test(l)));
  assert.ok(logs.some((l) => l.includes(big) && /2 MB/.test(l)));
});

test('paths: absolute, ~ and workspace-relative', () => {
  assert.equal(resolveNotesPath('/a/b.md', '/ws'), '/a/b.md');
  assert.equal(resolveNotesPath('~/n.md', '/ws'), path.join(os.homedir(), 'n.md'));
  assert.equal(resolveNotesPath('docs/n.md', '/ws'), '/ws/docs/n.md');
  assert.equal(resolveNotesPath('docs/n.md', null), null);
});

test('CRLF notes parse the same', () => {
  const md = '# copy\r\nA\r\n## ENTRYPOINT 入口点\r\nB\r\n';
  assert.deepEqual(parseUserNotes(md, '/x/n.md').map((s) => [s.target.name, s.body]), [['copy', 'A'], ['entrypoint', 'B']]);
});
