// Document links and inlay hints over the real protocol, LF and CRLF: COPY sources to files of the build
// context, images to their registry pages, `# syntax=` to the frontend, rule names in suppression
// comments to the bundled rule pages (or Docker's and hadolint's); the effective argv after the last
// CMD/ENTRYPOINT, and, when turned on, absolute destinations and resolved FROM images.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { REPO_ROOT, TestClient } from '../helpers/lspClient';
import { EOLS, at, textOf } from '../helpers/positions';

const LINES = [
  '# syntax=docker/dockerfile:1.9', // 0
  '# check=skip=JSONArgsRecommended,StageNameCasing;error=true', // 1
  'ARG REGISTRY=ghcr.io/acme', // 2
  'FROM node:20-alpine AS build', // 3
  'WORKDIR /app', // 4
  '# hadolint ignore=DL3020,DL3008', // 5
  'COPY package.json missing.txt ./', // 6
  'ENTRYPOINT ["tini", "--"]', // 7
  'CMD npm start', // 8
  'FROM ${REGISTRY}/tool:1 AS tool', // 9
  'FROM bitnami/redis:7', // 10
  'FROM quay.io/prometheus/node-exporter:v1.8.0', // 11
  'FROM mcr.microsoft.com/dotnet/sdk:8.0@sha256:0000000000000000000000000000000000000000000000000000000000000000', // 12
  'FROM build', // 13
  'COPY --from=build /app/package.json ./', // 14
];

let workspace: string;
before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-links-'));
  fs.writeFileSync(path.join(workspace, 'package.json'), '{}');
});
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

for (const [eolName, eol] of EOLS) {
  describe(`links and inlay hints (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    before(async () => {
      client = await TestClient.start({ workspaceFolder: workspace });
      uri = client.uriFor(path.join(workspace, 'Dockerfile'));
      await client.open(uri, textOf(LINES, eol));
    });
    after(() => client.stop());

    test('links: sources, images, the syntax frontend, rule names', async () => {
      const links = await client.documentLinks(uri);
      const byText = new Map(links.map((l) => [LINES[l.range.start.line].slice(l.range.start.character, l.range.end.character), l.target]));
      assert.equal(byText.get('package.json'), client.uriFor(path.join(workspace, 'package.json')));
      assert.ok(!byText.has('missing.txt'), 'no link to a file that does not exist');
      assert.equal(byText.get('docker/dockerfile:1.9'), 'https://hub.docker.com/r/docker/dockerfile');
      assert.equal(byText.get('node:20-alpine'), 'https://hub.docker.com/_/node');
      assert.equal(byText.get('bitnami/redis:7'), 'https://hub.docker.com/r/bitnami/redis');
      assert.equal(byText.get('quay.io/prometheus/node-exporter:v1.8.0'), 'https://quay.io/repository/prometheus/node-exporter');
      assert.equal(byText.get(LINES[12].slice(5)), 'https://mcr.microsoft.com/en-us/artifact/mar/dotnet/sdk');
      assert.equal(byText.get('${REGISTRY}/tool:1'), 'https://ghcr.io/acme/tool');
      assert.ok(!byText.has('build'), 'a stage is not an image');
      assert.equal(byText.get('StageNameCasing'), 'https://docs.docker.com/reference/build-checks/stage-name-casing/');
      assert.equal(byText.get('DL3008'), 'https://github.com/hadolint/hadolint/wiki/DL3008');
      // Rules of ours: the page shipped with the extension, a file under its docs/rules/.
      for (const [name, code] of [['JSONArgsRecommended', 'cmd-shell-form'], ['DL3020', 'add-prefer-copy']]) {
        const target = byText.get(name)!;
        assert.equal(URI.parse(target).fsPath, path.join(REPO_ROOT, 'docs', 'rules', `${code}.md`));
        assert.ok(fs.existsSync(URI.parse(target).fsPath));
      }
      const copyLinks = links.filter((l) => l.range.start.line === 6);
      assert.deepEqual(copyLinks.map((l) => l.range), [{ start: at(LINES, 6, 'package.json'), end: at(LINES, 6, 'package.json', 12) }]);
    });

    test('inlay hints: the argv at the end of the last CMD/ENTRYPOINT of a stage, by default only that', async () => {
      const hints = await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } });
      assert.equal(hints.length, 1);
      assert.deepEqual(hints[0].position, { line: 8, character: LINES[8].length });
      assert.equal(hints[0].label, '→ ["tini", "--", "/bin/sh", "-c", "npm start"]');
      const outside = await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
      assert.deepEqual(outside, []);
    });
  });
}

test('inlay hints: absolute destinations and resolved FROM images when turned on', async () => {
  const client = await TestClient.start({ workspaceFolder: workspace, settings: { inlayHints: { effectiveCommand: false, copyDestination: true, fromVariables: true } } });
  try {
    const uri = client.uriFor(path.join(workspace, 'Dockerfile'));
    await client.open(uri, textOf(LINES, '\n'));
    const hints = await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [6, '→ /app/'],
        [9, '= ghcr.io/acme/tool:1'],
        [14, '→ /app/'],
      ],
    );
  } finally {
    await client.stop();
  }
});
