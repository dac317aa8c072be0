// The hover layout over the real protocol (issue 17): keyword hovers within budget in both languages, the
// user's notes right after the facts, no sentence of a diagnostic on the hovered range said again, FROM with
// its ARG defaults filled in, ENV through a FROM <stage> chain, and links that open files in the package.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { REPO_ROOT, TestClient } from '../helpers/lspClient';
import { repeats, sentencesOf } from '../helpers/hoverRepeats';

/** One line per instruction, so every keyword hover is measured. */
const EVERY_KEYWORD = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG PYTHON_VERSION=3.12', // 1
  'FROM python:${PYTHON_VERSION}-slim AS base', // 2
  'LABEL org.opencontainers.image.title=app', // 3
  'MAINTAINER someone', // 4
  'ENV PORT=8080', // 5
  'WORKDIR /srv/app', // 6
  'COPY --chown=10001:10001 requirements.txt ./', // 7
  'ADD https://example.com/tool.tar.gz /opt/', // 8
  'RUN pip install -r requirements.txt', // 9
  'EXPOSE 8080', // 10
  'VOLUME /data', // 11
  'USER 10001', // 12
  'ONBUILD COPY . /srv/app', // 13
  'STOPSIGNAL SIGTERM', // 14
  'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1', // 15
  'SHELL ["/bin/bash", "-c"]', // 16
  'FROM base AS edge', // 17
  'ENTRYPOINT ["tini", "--"]', // 18
  'CMD python app.py', // 19
  'FROM base', // 20
  'CMD echo $PORT', // 21
].join('\n');

/** Lines whose instructions carry diagnostics; the hover on their ranges must not repeat them. */
const WITH_FINDINGS = [
  'FROM node:20', // 0
  'WORKDIR /app', // 1
  'COPY ../secrets.env /app/', // 2
  'COPY missing.txt /app/', // 3
  'ADD https://example.com/tool.tar.gz /opt/', // 4
  'ADD local.txt /app/', // 5
  'COPY /etc/hosts /app/', // 6
  'CMD ["node", "$APP"]', // 7
  "CMD ['node', 'a.js']", // 8
  'CMD service nginx start', // 9
  'ENTRYPOINT node server.js', // 10
  'CMD node server.js', // 11
].join('\n');

const BUDGET = 1000;
const VSCODE = { openPageCommand: 'dockerfileNotes.openPage' };

let workspace: string;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-hover-layout-'));
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), EVERY_KEYWORD);
  fs.writeFileSync(path.join(workspace, 'findings.Dockerfile'), WITH_FINDINGS);
  fs.writeFileSync(path.join(workspace, 'requirements.txt'), 'flask\n');
  fs.writeFileSync(path.join(workspace, 'local.txt'), 'x\n');
  fs.writeFileSync(path.join(workspace, 'team-notes.md'), '# COPY\nour-copy-rule: copy the lock file first\n\n# CMD\nour-cmd-rule: always exec form\n');
});

after(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** Hover text without fenced code: the prose the reader sees. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

function within(d: Diagnostic, line: number, character: number): boolean {
  const { start, end } = d.range;
  if (line < start.line || line > end.line) return false;
  if (line === start.line && character < start.character) return false;
  if (line === end.line && character > end.character) return false;
  return true;
}

for (const lang of ['en', 'zh-cn'] as const) {
  describe(`hover layout — ${lang}`, () => {
    let client: TestClient;
    let uri: string;
    let findingsUri: string;
    before(async () => {
      client = await TestClient.start({ locale: lang, workspaceFolder: workspace, initializationOptions: VSCODE });
      uri = client.uriFor(path.join(workspace, 'Dockerfile'));
      findingsUri = client.uriFor(path.join(workspace, 'findings.Dockerfile'));
      await client.open(uri, EVERY_KEYWORD);
      await client.open(findingsUri, WITH_FINDINGS);
      await client.waitForDiagnostics(findingsUri, (d) => d.length > 0);
    });
    after(() => client.stop());

    test(`every keyword hover stays within ${BUDGET} characters of markdown`, async () => {
      const lines = EVERY_KEYWORD.split('\n');
      const measured: string[] = [];
      for (let line = 0; line < lines.length; line++) {
        const keyword = /^[A-Z]+/.exec(lines[line])?.[0];
        if (!keyword) continue;
        const text = await client.hoverText(uri, line, 1);
        assert.ok(text.length > 0, `no hover on ${keyword}`);
        assert.match(text, new RegExp(`\\*\\*${keyword}\\*\\* — `), `${keyword}: no gist`);
        measured.push(`${keyword} ${text.length}`);
        assert.ok(text.length <= BUDGET, `${keyword} (line ${line + 1}): ${text.length} characters\n${text}`);
      }
      assert.ok(measured.length >= 18, measured.join(', '));
    });

    test('the gist keeps the key facts of the notes', async () => {
      const zh = lang === 'zh-cn';
      const add = prose(await client.hoverText(uri, 8, 1));
      assert.match(add, /600/);
      assert.match(add, /gzip/);
      assert.match(add, /bzip2/);
      assert.match(add, /xz/);
      const copy = prose(await client.hoverText(uri, 7, 1));
      assert.match(copy, zh ? /缺失的目录会自动创建/ : /Missing destination folders are created/);
      assert.match(copy, zh ? /权限位和修改时间会保留/ : /Permission bits and modification times are kept/);
      assert.match(copy, zh ? /构建上下文/ : /build context/);
      const cmd = prose(await client.hoverText(uri, 19, 1));
      assert.match(cmd, zh ? /只能用双引号/ : /double quotes only/);
      assert.match(cmd, /\/bin\/sh -c/);
      assert.match(cmd, zh ? /前台/ : /foreground/);
    });

    test('the user notes come right after the facts, before the gist', async () => {
      await client.setSettings({ notes: { paths: ['team-notes.md'] } });
      try {
        for (const [line, keyword, marker] of [[7, 'COPY', 'our-copy-rule'], [19, 'CMD', 'our-cmd-rule']] as const) {
          const text = await client.hoverText(uri, line, 1);
          const user = text.indexOf(marker);
          const gist = text.indexOf(`**${keyword}** — `);
          assert.ok(user > 0 && gist > user, `${keyword}: user note at ${user}, gist at ${gist}`);
          const facts = text.slice(0, text.indexOf('team-notes.md'));
          assert.ok(!facts.includes(`**${keyword}** — `), 'nothing of the note comes before the user note');
        }
      } finally {
        await client.setSettings({});
      }
    });

    test('no sentence of a diagnostic on the hovered range is said again', async () => {
      const diagnostics = client.diagnostics.get(findingsUri)!.diagnostics;
      const codes = new Set(diagnostics.map((d) => String(d.code)));
      for (const code of ['copy-outside-context', 'copy-source-missing', 'add-remote-url', 'cmd-multiple', 'exec-form-invalid-json', 'cmd-shell-form', 'entrypoint-shell-form']) {
        assert.ok(codes.has(code), `the fixture lacks ${code}: ${[...codes].join(', ')}`);
      }
      const lines = WITH_FINDINGS.split('\n');
      let compared = 0;
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character < lines[line].length; character += 3) {
          const here = diagnostics.filter((d) => within(d, line, character));
          if (here.length === 0) continue;
          const text = await client.hoverText(findingsUri, line, character);
          const said = here.flatMap((d) => sentencesOf(d.message));
          for (const sentence of sentencesOf(prose(text))) {
            const repeated = said.find((d) => repeats(sentence, d));
            assert.equal(repeated, undefined, `line ${line + 1}:${character}: "${sentence}" repeats "${repeated}"`);
            compared++;
          }
          for (const d of here) assert.ok(text.includes(`rules/${d.code}`), `line ${line + 1}: no link to the page of ${d.code}`);
        }
      }
      assert.ok(compared > 20, `only ${compared} sentences compared`);
    });

    test('FROM shows the image with the ARG default filled in: keyword, image and variable', async () => {
      for (const character of [1, 7, 17]) {
        assert.match(await client.hoverText(uri, 2, character), /`python:3\.12-slim`/, `character ${character}`);
      }
    });

    test('$VAR in a stage built FROM another names where the ENV comes from and that docker run -e overrides it', async () => {
      const text = await client.hoverText(uri, 21, 'CMD echo $P'.length);
      assert.match(text, /`8080`/);
      assert.match(text, /`base`/);
      assert.match(text, /docker run -e PORT=/);
      assert.match(text, /--env/);
    });

    test('a stage without ENTRYPOINT names the stage that sets one', async () => {
      const text = await client.hoverText(uri, 21, 1);
      assert.match(text, lang === 'zh-cn' ? /本阶段没有 ENTRYPOINT（阶段 `edge` 设置了）/ : /No ENTRYPOINT in this stage \(stage `edge` sets one\)/);
    });

    test('links in hovers and rule codes open files bundled in the package', async () => {
      const links = new Set<string>();
      for (let line = 0; line < EVERY_KEYWORD.split('\n').length; line++) {
        for (const m of (await client.hoverText(uri, line, 1)).matchAll(/\]\((command:[^)]+)\)/g)) links.add(m[1]);
      }
      for (const d of client.diagnostics.get(findingsUri)!.diagnostics) {
        assert.ok(d.codeDescription, `${d.code} has no link`);
        links.add(d.codeDescription.href);
      }
      assert.ok(links.size > 20, `only ${links.size} links`);
      for (const link of links) {
        const m = /^command:dockerfileNotes\.openPage\?%22([^%]+)%22$/.exec(link);
        assert.ok(m, `not an open-page link: ${link}`);
        const file = /^rules\//.test(m[1]) ? `docs/rules/${m[1].slice(6)}.md` : `notes/${m[1]}.md`;
        assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), `${link}: ${file} does not exist`);
      }
    });

    test('the first log line names the version, Node, the settings and the builds found', () => {
      const start = client.logs.find((l) => /Dockerfile Notes \S+ started on Node v\d+/.test(l));
      assert.ok(start, client.logs.join('\n'));
      assert.match(start, /language (en|zh-cn)/);
      assert.match(start, /notes paths 0/);
      assert.match(start, /declared builds: \d+ Dockerfiles? with a context/);
    });
  });
}

describe('links for a client without the open-page command', () => {
  test('rule codes and hovers link to the bundled files as file: URLs', async () => {
    const client = await TestClient.start({ locale: 'en', workspaceFolder: workspace });
    try {
      const uri = client.uriFor(path.join(workspace, 'findings.Dockerfile'));
      await client.open(uri, WITH_FINDINGS);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      for (const d of diagnostics) {
        const href = d.codeDescription?.href ?? '';
        assert.match(href, /^file:/);
        assert.ok(fs.existsSync(fileURLToPath(href)), href);
        assert.equal(path.basename(fileURLToPath(href)), `${d.code}.md`);
      }
      const text = await client.hoverText(uri, 1, 1);
      const full = /\[Full note\]\((file:[^)]+)\)/.exec(text)?.[1];
      assert.ok(full && fs.existsSync(fileURLToPath(full)), text);
      assert.doesNotMatch(text, /command:/);
    } finally {
      await client.stop();
    }
  });
});
