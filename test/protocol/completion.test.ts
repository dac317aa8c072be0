// Completion over the real protocol: instructions with snippet bodies and the note's gist (English and
// Chinese, by locale and by setting, the user's notes too), directives, flags per instruction as BuildKit
// has them, flag values (stages before the current one, mount keys, platforms, network modes), signals,
// variables in scope, and paths from the build context without what .dockerignore leaves out.
// Every document is tried with LF and CRLF line ends.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { EOLS, after as afterText, textOf } from '../helpers/positions';

const LINES = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG BASE=node:20', // 1
  'ARG GLOBAL_ONLY=1', // 2
  'FROM $BASE AS Build', // 3
  'ARG BASE', // 4
  'ENV APP_HOME=/srv/app', // 5
  'WORKDIR $APP_HOME', // 6
  'COPY ', // 7
  'RUN echo $', // 8
  '', // 9
  'FROM build AS test', // 10
  'COPY --from=', // 11
  'RUN --mount=type=cache,', // 12
  'FROM alpine', // 13
  'COPY --from= /x /y', // 14
  'STOPSIGNAL ', // 15
  'RUN --network=', // 16
  'FROM --platform= busybox', // 17
  'COPY src/', // 18
  'COPY sec', // 19
  'RUN --mount=type=', // 20
  'ADD --', // 21
  'HEALTHCHECK --', // 22
  'RUN --', // 23
  'FROM ${', // 24
  '', // 25
];

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
/** Labels in the order the editor shows them (by sortText, then label). */
const sorted = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

let workspace: string;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-completion-'));
  fs.mkdirSync(path.join(workspace, 'src'));
  fs.writeFileSync(path.join(workspace, 'src', 'index.js'), '');
  fs.writeFileSync(path.join(workspace, 'src', 'notes.md'), '');
  fs.writeFileSync(path.join(workspace, 'package.json'), '{}');
  fs.writeFileSync(path.join(workspace, 'secret.env'), 'x');
  fs.writeFileSync(path.join(workspace, '.dockerignore'), '# keep secrets out\nsecret.env\nsrc/*.md\n');
  fs.writeFileSync(path.join(workspace, 'team-notes.md'), '# COPY\n\nOur rule: copy the lock file first, then the sources.\n');
});

after(() => fs.rmSync(workspace, { recursive: true, force: true }));

for (const [eolName, eol] of EOLS) {
  describe(`completion (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    before(async () => {
      client = await TestClient.start({
        workspaceFolder: workspace,
        capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, tagSupport: { valueSet: [1] } } } } },
      });
      uri = client.uriFor(path.join(workspace, 'Dockerfile'));
      await client.open(uri, textOf(LINES, eol));
    });
    after(() => client.stop());

    test('instructions at the start of a line: snippet bodies, MAINTAINER marked deprecated, nothing but FROM/ARG before the first FROM', async () => {
      const list = await client.completion(uri, 9, 0);
      const copy = list.items.find((i) => i.label === 'COPY')!;
      assert.equal((copy.textEdit as { newText: string }).newText, 'COPY ${1:src} ${2:dest}');
      assert.equal(copy.insertTextFormat, 2);
      assert.deepEqual(list.items.find((i) => i.label === 'MAINTAINER')?.tags, [1]);
      assert.ok(labels(list.items).includes('HEALTHCHECK'));
      const top = await client.completion(uri, 1, 0);
      assert.deepEqual(labels(top.items).sort(), ['ARG', 'FROM']);
    });

    test('resolve adds the note gist in English', async () => {
      const list = await client.completion(uri, 9, 0);
      const resolved = await client.resolveCompletion(list.items.find((i) => i.label === 'COPY')!);
      const doc = (resolved.documentation as { value: string }).value;
      assert.match(doc, /build context/);
      assert.ok(doc.split('\n').length <= 6, doc);
    });

    test('directives at the top: the ones not yet written, then rule names after check=skip=', async () => {
      const top = ['# syntax=docker/dockerfile:1', '# ', 'FROM alpine'];
      const topUri = uri.replace(/Dockerfile$/, 'top.Dockerfile');
      await client.open(topUri, textOf(top, eol));
      const list = await client.completion(topUri, 1, 2);
      assert.deepEqual(labels(list.items).sort(), ['check=', 'escape=']);
      const check = ['# check=skip=', 'FROM alpine'];
      const checkUri = uri.replace(/Dockerfile$/, 'check.Dockerfile');
      await client.open(checkUri, textOf(check, eol));
      const names = labels((await client.completion(checkUri, 0, check[0].length)).items);
      for (const n of ['JSONArgsRecommended', 'StageNameCasing', 'copy-source-ignored']) assert.ok(names.includes(n), n);
    });

    test('flags per instruction, as BuildKit has them', async () => {
      const flags = async (line: number) => labels((await client.completion(uri, line, LINES[line].length)).items).sort();
      assert.deepEqual(await flags(21), ['--checksum', '--chmod', '--chown', '--exclude', '--keep-git-dir', '--link', '--unpack']);
      assert.deepEqual(await flags(22), ['--interval', '--retries', '--start-interval', '--start-period', '--timeout']);
      assert.deepEqual(await flags(23), ['--mount', '--network', '--security']);
      const copy = await client.completion(uri, 7, 5);
      for (const f of ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']) assert.ok(labels(copy.items).includes(f), f);
      const from = await client.completion(uri, 17, 7);
      assert.deepEqual(labels(from.items), ['--platform']);
    });

    test('--from=: stages before the current one, by name and index, never a later one or the stage itself', async () => {
      const inTest = await client.completion(uri, 11, LINES[11].length);
      assert.deepEqual(sorted(inTest.items), ['build', '0']);
      const inThird = await client.completion(uri, 14, afterText(LINES, 14, '--from=').character);
      assert.deepEqual(sorted(inThird.items), ['build', 'test', '0', '1']);
    });

    test('--mount= keys for the mount type, types, --network= and --platform= values, signals', async () => {
      const cacheKeys = labels((await client.completion(uri, 12, LINES[12].length)).items);
      for (const k of ['target=', 'id=', 'sharing=', 'from=', 'mode=']) assert.ok(cacheKeys.includes(k), k);
      assert.ok(!cacheKeys.includes('type=') && !cacheKeys.includes('size='), JSON.stringify(cacheKeys));
      assert.deepEqual(labels((await client.completion(uri, 20, LINES[20].length)).items), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
      assert.deepEqual(labels((await client.completion(uri, 16, LINES[16].length)).items), ['default', 'none', 'host']);
      const platforms = labels((await client.completion(uri, 17, afterText(LINES, 17, '--platform=').character)).items);
      assert.deepEqual(platforms.slice(0, 3), ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64']);
      const signals = labels((await client.completion(uri, 15, LINES[15].length)).items);
      assert.ok(signals.includes('SIGTERM') && signals.includes('SIGQUIT'));
    });

    test('variables: the stage sees its ARG and ENV, FROM sees the global ARGs and platform arguments', async () => {
      const run = (await client.completion(uri, 8, LINES[8].length)).items;
      const names = labels(run);
      assert.ok(names.includes('APP_HOME') && names.includes('BASE'), JSON.stringify(names));
      assert.ok(!names.includes('GLOBAL_ONLY'), 'a global ARG the stage did not redeclare is not in scope');
      assert.equal(run.find((i) => i.label === 'APP_HOME')?.detail, '= /srv/app');
      assert.equal(run.find((i) => i.label === 'BASE')?.detail, '= node:20');
      const from = (await client.completion(uri, 24, LINES[24].length)).items;
      const fromNames = labels(from);
      assert.ok(fromNames.includes('GLOBAL_ONLY') && fromNames.includes('TARGETPLATFORM'));
      assert.ok(!fromNames.includes('APP_HOME'));
      assert.equal((from.find((i) => i.label === 'GLOBAL_ONLY')?.textEdit as { newText: string }).newText, 'GLOBAL_ONLY}');
    });

    test('paths from the build context, folder by folder, without what .dockerignore leaves out', async () => {
      const top = await client.completion(uri, 7, 5);
      const names = labels(top.items);
      assert.ok(names.includes('package.json') && names.includes('src/'), JSON.stringify(names));
      assert.ok(!names.includes('secret.env'), 'an ignored file is not offered');
      assert.equal(top.isIncomplete, true, 'asked again as the user types, so an ignored name can come back marked');
      const inSrc = await client.completion(uri, 18, LINES[18].length);
      assert.deepEqual(labels(inSrc.items.filter((i) => !i.label.startsWith('-') && !i.label.startsWith('/'))), ['index.js']);
      const typed = (await client.completion(uri, 19, LINES[19].length)).items.find((i) => i.label === 'secret.env');
      assert.ok(typed, 'typed anyway, the ignored file is shown');
      assert.deepEqual(typed.tags, [1]);
      assert.match(typed.detail ?? '', /\.dockerignore \(line 2\)/);
    });
  });
}

describe('completion documentation follows the language', () => {
  const cases = [
    ['Chinese UI', { locale: 'zh-cn' }, /上下文/],
    ['notes.language zh-cn under an English UI', { locale: 'en', settings: { notes: { language: 'zh-cn' } } }, /上下文/],
    ['notes.language en under a Chinese UI', { locale: 'zh-cn', settings: { notes: { language: 'en' } } }, /build context/],
  ] as const;
  for (const [label, options, expected] of cases) {
    test(label, async () => {
      const client = await TestClient.start({ ...options, workspaceFolder: workspace });
      try {
        const uri = client.uriFor(path.join(workspace, 'Dockerfile'));
        await client.open(uri, 'FROM alpine\n\n');
        const item = (await client.completion(uri, 1, 0)).items.find((i) => i.label === 'COPY')!;
        const doc = ((await client.resolveCompletion(item)).documentation as { value: string }).value;
        assert.match(doc, expected);
        const flag = (await client.completion(uri, 1, 0)).items.find((i) => i.label === 'RUN')!;
        assert.ok(((await client.resolveCompletion(flag)).documentation as { value: string }).value.length > 10);
      } finally {
        await client.stop();
      }
    });
  }

  test("the user's own notes follow the built-in gist, labelled with the file", async () => {
    const client = await TestClient.start({ workspaceFolder: workspace, settings: { notes: { paths: ['team-notes.md'] } } });
    try {
      const uri = client.uriFor(path.join(workspace, 'Dockerfile'));
      await client.open(uri, 'FROM alpine\n\n');
      const item = (await client.completion(uri, 1, 0)).items.find((i) => i.label === 'COPY')!;
      const doc = ((await client.resolveCompletion(item)).documentation as { value: string }).value;
      assert.match(doc, /build context/);
      assert.match(doc, /team-notes/);
      assert.match(doc, /copy the lock file first/);
    } finally {
      await client.stop();
    }
  });
});

describe('completion budget', () => {
  test('a folder with thousands of entries is listed by prefix, never in full, and marked incomplete', async () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-completion-big-'));
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(big, `file-${String(i).padStart(4, '0')}.txt`), '');
    const client = await TestClient.start({ workspaceFolder: big });
    try {
      const uri = client.uriFor(path.join(big, 'Dockerfile'));
      await client.open(uri, 'FROM alpine\nCOPY \nCOPY file-29\n');
      const all = await client.completion(uri, 1, 5);
      assert.equal(all.isIncomplete, true);
      assert.ok(all.items.length <= 520, String(all.items.length));
      const narrowed = await client.completion(uri, 2, 12);
      const files = labels(narrowed.items).filter((l) => l.startsWith('file-'));
      assert.equal(files.length, 100);
      assert.ok(files.every((l) => l.startsWith('file-29')));
    } finally {
      await client.stop();
      fs.rmSync(big, { recursive: true, force: true });
    }
  });
});
