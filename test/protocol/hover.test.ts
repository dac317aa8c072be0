// Hovers over the real protocol: every hover target in English and Chinese (by locale and by setting), the
// user's notes (the shared notes file too), reload on change, safety of the markdown, and a 10,000-line file.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../helpers/lspClient';
import { parseUserNotes } from '../../server/src/engine/notes/userNotes';
import { SHARED_NOTES, STRESS_10K, absent } from '../helpers/shared';

const STRESS = STRESS_10K;

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG VERSION=1.2', // 1
  'FROM node:20 AS build', // 2
  'ARG VERSION', // 3
  'WORKDIR /srv/app', // 4
  'COPY --chown=node:node package.json ./', // 5
  'COPY ../secrets.env secret.txt /app/', // 6
  'RUN echo ${VERSION}', // 7
  'HEALTHCHECK --interval=5s CMD wget -qO- http://localhost/ || exit 1', // 8
  'ENTRYPOINT ["tini", "--"]', // 9
  'CMD npm start', // 10
].join('\n');

let workspace: string;
let dockerfileUri: string;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-hover-'));
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);
  fs.writeFileSync(path.join(workspace, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(workspace, 'secret.txt'), 'x\n');
  fs.writeFileSync(path.join(workspace, '.dockerignore'), 'secret.txt\n');
});

after(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** Column of the first occurrence of `needle` on a line of DOCKERFILE (plus an offset into it). */
function col(line: number, needle: string, offset = 1): number {
  const c = DOCKERFILE.split('\n')[line].indexOf(needle);
  assert.ok(c >= 0, `${needle} not on line ${line}`);
  return c + offset;
}

interface Expectations {
  copyNote: RegExp;
  outside: RegExp;
  excluded: RegExp;
  runs: RegExp;
  more: RegExp;
}

const EN: Expectations = {
  copyNote: /build context/i,
  outside: /outside the build context/i,
  excluded: /excluded by `\.dockerignore`/,
  runs: /the command the container will actually run/i,
  more: /\[Full note\]\(file:\/\/[^)]*\/notes\/en\/instructions\/copy\.md\) · \[Dockerfile reference\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#copy\)/,
};
const ZH: Expectations = {
  copyNote: /上下文/,
  outside: /在构建上下文之外/,
  excluded: /被 `\.dockerignore` 排除/,
  runs: /容器实际运行的命令/,
  more: /\[完整笔记\]\(file:\/\/[^)]*\/notes\/zh-cn\/instructions\/copy\.md\) · \[Dockerfile 参考\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#copy\)/,
};

for (const [label, options, expect] of [
  ['en (locale)', { locale: 'en' }, EN],
  ['zh-cn (locale)', { locale: 'zh-cn' }, ZH],
  ['zh-cn (setting, English UI)', { locale: 'en', settings: { notes: { language: 'zh-cn' } } }, ZH],
  ['en (setting, Chinese UI)', { locale: 'zh-cn', settings: { notes: { language: 'en' } } }, EN],
] as const) {
  describe(`hover targets — ${label}`, () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ ...options, workspaceFolder: workspace });
      dockerfileUri = client.uriFor(path.join(workspace, 'Dockerfile'));
      await client.open(dockerfileUri, DOCKERFILE);
    });
    after(async () => {
      await client.stop();
    });

    test('instruction keyword → the gist of its note and a line of links to the bundled note and the reference', async () => {
      const h = await client.hover(dockerfileUri, 5, 1);
      const text = await client.hoverText(dockerfileUri, 5, 1);
      assert.match(text, /^\*\*COPY\*\* — /m);
      assert.match(text, expect.copyNote);
      assert.match(text, expect.more);
      assert.deepEqual(h?.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 4 } });
      assert.equal((h?.contents as { kind: string }).kind, 'markdown');
    });

    test('flag → the flag note; HEALTHCHECK options → healthcheck-<option>', async () => {
      const chown = await client.hoverText(dockerfileUri, 5, col(5, '--chown', 3));
      assert.match(chown, /^\*\*--chown/m);
      assert.match(chown, /\/flags\/chown\.md\)/);
      assert.match(chown, /reference\/dockerfile\/#copy---chown\)/);
      const interval = await client.hoverText(dockerfileUri, 8, col(8, '--interval', 3));
      assert.match(interval, /^\*\*HEALTHCHECK --interval/m);
      assert.match(interval, /\/flags\/healthcheck-interval\.md\)/);
    });

    test('parser directive → the directive note', async () => {
      const text = await client.hoverText(dockerfileUri, 0, 4);
      assert.match(text, /^\*\*syntax/m);
    });

    test('COPY source → where it resolves, existing / excluded / outside the context', async () => {
      const existing = await client.hoverText(dockerfileUri, 5, col(5, 'package.json'));
      assert.match(existing, /`package\.json`/);
      assert.match(existing, expect === EN ? /exists \(a file\)/ : /它存在（一个文件）/);
      // The copy-outside-context diagnostic on this range says it is outside, right above the hover: the hover
      // does not say it again, and links the rule page instead.
      const outside = await client.hoverText(dockerfileUri, 6, col(6, '../secrets.env', 2));
      assert.ok(client.diagnostics.get(dockerfileUri)?.diagnostics.some((d) => d.code === 'copy-outside-context'));
      assert.doesNotMatch(outside, expect.outside);
      assert.match(outside, /\[[^\]]*copy-outside-context\]\(file:\/\/[^)]*\/docs\/rules\/copy-outside-context\.md\)/);
      const excluded = await client.hoverText(dockerfileUri, 6, col(6, 'secret.txt'));
      assert.ok(client.diagnostics.get(dockerfileUri)?.diagnostics.some((d) => d.code === 'copy-source-ignored'));
      assert.doesNotMatch(excluded, expect.excluded);
      assert.match(excluded, /copy-source-ignored\]\(file:\/\/[^)]*\/docs\/rules\/copy-source-ignored\.md\)/);
    });

    test('COPY destination → the absolute path after WORKDIR', async () => {
      const dest = await client.hoverText(dockerfileUri, 5, col(5, './', 0));
      assert.match(dest, /`\/srv\/app\/`/);
      assert.match(dest, /`\/srv\/app\/package\.json`/);
      const absolute = await client.hoverText(dockerfileUri, 6, col(6, '/app/'));
      assert.match(absolute, /`\/app\/`/);
    });

    test('CMD and ENTRYPOINT → the note plus the composed argv', async () => {
      for (const line of [9, 10]) {
        const text = await client.hoverText(dockerfileUri, line, 1);
        assert.match(text, expect.runs);
        assert.ok(text.includes('["tini","--","/bin/sh","-c","npm start"]'), text);
        assert.match(text, line === 9 ? /^\*\*ENTRYPOINT\*\*/m : /^\*\*CMD\*\*/m);
      }
      const args = await client.hoverText(dockerfileUri, 10, col(10, 'npm'));
      assert.ok(args.includes('["tini","--","/bin/sh","-c","npm start"]'));
    });

    test('$VAR → the value in scope (a redeclared global ARG)', async () => {
      const text = await client.hoverText(dockerfileUri, 7, col(7, 'VERSION'));
      assert.match(text, /`1\.2`/);
      assert.match(text, expect === EN ? /global ARG on line 2/ : /第 2 行全局 ARG/);
    });
  });
}

describe('user notes', () => {
  let client: TestClient;
  let notesDir: string;
  before(async () => {
    notesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-user-notes-'));
    client = await TestClient.start({ locale: 'en', workspaceFolder: workspace });
    dockerfileUri = client.uriFor(path.join(workspace, 'Dockerfile'));
    await client.open(dockerfileUri, DOCKERFILE);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(notesDir, { recursive: true, force: true });
  });

  test('the shared notes file: COPY, CMD and ENTRYPOINT show their sections, labelled', { skip: absent(SHARED_NOTES) }, async () => {
    await client.setSettings({ notes: { paths: [SHARED_NOTES] } });
    const sections = parseUserNotes(fs.readFileSync(SHARED_NOTES, 'utf8'), SHARED_NOTES);
    // A line of each section, read from the file itself, must appear in the matching hover only.
    const lineOf = (name: string) =>
      sections.find((s) => s.target.name === name)!.body.split('\n').find((l) => l.trim().length > 12 && !l.startsWith('```'))!;
    for (const [line, name, other] of [[5, 'copy', 'cmd'], [10, 'cmd', 'entrypoint'], [9, 'entrypoint', 'cmd']] as const) {
      const text = await client.hoverText(dockerfileUri, line, 1);
      assert.ok(text.includes('docker-deep-dive.zh.md'), `no label on the ${name} hover`);
      assert.ok(text.includes(lineOf(name).trim()), `the ${name} section is missing`);
      assert.ok(!text.includes(lineOf(other).trim()), `the ${other} section leaked into the ${name} hover`);
    }
    assert.ok((await client.hoverText(dockerfileUri, 9, 1)).includes('ENTRYPOINT 入口点'));
    assert.doesNotMatch(await client.hoverText(dockerfileUri, 5, 1), /tags: docker/, 'front matter leaked');
  });

  test('a rewritten notes file shows its new text on the next hover; the setting applies without restart', async () => {
    const file = path.join(notesDir, 'team.md');
    fs.writeFileSync(file, '# Flags\n\n## chown\nmarker-one for chown\n\n# cmd\nmarker-one for cmd\n');
    await client.setSettings({ notes: { paths: [notesDir] } });
    assert.match(await client.hoverText(dockerfileUri, 10, 1), /marker-one for cmd/);
    assert.match(await client.hoverText(dockerfileUri, 5, col(5, '--chown', 3)), /marker-one for chown/);

    fs.writeFileSync(file, '# CMD — house rules\nmarker-two, rewritten with more words\n');
    await client.filesChanged([{ uri: client.uriFor(file), type: 2 }]);
    const after = await client.hoverText(dockerfileUri, 10, 1);
    assert.match(after, /marker-two/);
    assert.doesNotMatch(after, /marker-one/);
    assert.match(after, /team\.md/);

    await client.setSettings({ notes: { paths: [] } });
    assert.doesNotMatch(await client.hoverText(dockerfileUri, 10, 1), /marker-two/);
  });

  test('builtin: false hides the built-in notes but keeps the user notes', async () => {
    const file = path.join(notesDir, 'copy.md');
    fs.writeFileSync(file, '## COPY\nonly-user-copy-text\n');
    await client.setSettings({ notes: { paths: [file], builtin: false } });
    const text = await client.hoverText(dockerfileUri, 5, 1);
    assert.match(text, /only-user-copy-text/);
    assert.doesNotMatch(text, /^\*\*COPY\*\* — /m);
    assert.doesNotMatch(text, /Full note/);
    await client.setSettings({ notes: { builtin: false } });
    const workdir = await client.hoverText(dockerfileUri, 4, 1);
    assert.match(workdir, /`\/srv\/app`/, 'the facts stay');
    assert.doesNotMatch(workdir, /\*\*WORKDIR\*\* — /, 'no built-in gist');
    await client.setSettings({});
  });

  test('a missing notes file gives one warning and hovers keep working', async () => {
    const missing = path.join(notesDir, 'nope.md');
    await client.setSettings({ notes: { paths: [missing] } });
    for (let i = 0; i < 3; i++) assert.match(await client.hoverText(dockerfileUri, 5, 1), /^\*\*COPY\*\* — /m);
    const warnings = client.logs.filter((l) => l.includes(missing));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /warning/);
    await client.setSettings({});
  });

  test('notes cannot inject command links, raw HTML or images into the hover', async () => {
    const file = path.join(notesDir, 'evil.md');
    fs.writeFileSync(
      file,
      '# copy\n[click](command:workbench.action.terminal.sendSequence?%7B%7D) <img src=x onerror=alert(1)> <script>x</script>\n' +
        '![t](https://tracker.example/p.png) [`a`](command:b) <!-- hidden -->\n```\nunclosed fence\n',
    );
    await client.setSettings({ notes: { paths: [file] } });
    const text = await client.hoverText(dockerfileUri, 5, 1);
    assert.match(text, /click/);
    assert.doesNotMatch(text, /\]\(command:/);
    assert.doesNotMatch(text, /<(img|script)/i);
    assert.doesNotMatch(text, /tracker\.example/);
    assert.doesNotMatch(text, /hidden/);
    // The unclosed fence was closed: the line of links after it is still outside code.
    const fences = text.split('\n').filter((l) => /^```/.test(l)).length;
    assert.equal(fences % 2, 0);
    await client.setSettings({});
  });
});

describe('a 10,000-line Dockerfile', () => {
  test('hovers at several positions answer from the cached parse', { skip: absent(STRESS) }, async () => {
    const text = fs.readFileSync(STRESS, 'utf8');
    const lines = text.split(/\r?\n/);
    const client = await TestClient.start({ locale: 'en' });
    try {
      const uri = 'untitled:stress_10k.Dockerfile';
      await client.open(uri, text);
      const wanted = [0.1, 0.3, 0.5, 0.7, 0.95].map((f) => {
        for (let i = Math.floor(lines.length * f); i < lines.length; i++) {
          if (/^(COPY|RUN|FROM|WORKDIR|ENV|CMD)\s/.test(lines[i])) return i;
        }
        return -1;
      });
      assert.ok(wanted.every((l) => l >= 0));
      for (const line of wanted) {
        const keyword = lines[line].split(/\s/)[0];
        const hover = await client.hoverText(uri, line, 1);
        assert.match(hover, new RegExp(`^\\*\\*${keyword}\\*\\* — `, 'm'), `line ${line + 1}: ${lines[line].slice(0, 60)}`);
      }
      const varLine = lines.findIndex((l, i) => i > lines.length / 2 && /^RUN .*\$\{?[A-Z_]+/.test(l));
      if (varLine >= 0) {
        const c = lines[varLine].search(/\$\{?[A-Z_]/) + 2;
        assert.match(await client.hoverText(uri, varLine, c), /at this line/);
      }
    } finally {
      await client.stop();
    }
  });
});
