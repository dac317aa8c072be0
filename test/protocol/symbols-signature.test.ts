// Document symbols (the Outline view) and signature help over the real protocol, LF and CRLF.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from '../helpers/lspClient';
import { EOLS, after as afterText, at, textOf } from '../helpers/positions';

const LINES = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG NODE=20', // 1
  'FROM node:${NODE} AS build', // 2
  'WORKDIR /src', // 3
  'COPY --chown=node:node package.json ./', // 4
  'RUN npm ci && \\', // 5
  '    npm run build', // 6
  '', // 7
  'FROM nginx:1.27', // 8
  'COPY --from=build /src/dist /usr/share/nginx/html', // 9
  'HEALTHCHECK --interval=5s CMD wget -qO- http://localhost/', // 10
  'CMD ["nginx", "-g", "daemon off;"]', // 11
];

for (const [eolName, eol] of EOLS) {
  describe(`symbols and signature help (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    before(async () => {
      client = await TestClient.start({ workspaceFolder: os.tmpdir() });
      uri = client.uriFor(path.join(os.tmpdir(), 'symbols-test', 'Dockerfile'));
      await client.open(uri, textOf(LINES, eol));
    });
    after(() => client.stop());

    test('outline: directives and global ARGs at the top, one symbol per stage with its instructions', async () => {
      const symbols = await client.documentSymbols(uri);
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail ?? '']),
        [
          ['syntax=docker/dockerfile:1', 'parser directive'],
          ['ARG NODE=20', ''],
          ['build', 'FROM node:${NODE}'],
          ['stage 1', 'FROM nginx:1.27'],
        ],
      );
      const build = symbols[2];
      assert.deepEqual(build.children?.map((c) => c.name), ['WORKDIR /src', 'COPY --chown=node:node package.json ./', 'RUN npm ci && …']);
      assert.deepEqual(build.range, { start: { line: 2, character: 0 }, end: { line: 6, character: 17 } });
      assert.deepEqual(build.selectionRange, { start: at(LINES, 2, 'build'), end: at(LINES, 2, 'build', 5) });
      assert.deepEqual(symbols[3].children?.map((c) => c.kind), [1 /* File */, 12 /* Function */, 12]);
    });

    test('signature help: the flag under the cursor, then <src> or <dest>', async () => {
      const onFlag = await client.signatureHelp(uri, 4, at(LINES, 4, '--chown').character + 4);
      const sig = onFlag!.signatures[0];
      assert.match(sig.label, /^COPY \[--from=<stage\|image\|context>\] \[--chown=<user>:<group>\].* <src>\.\.\. <dest>$/);
      const [s, e] = sig.parameters![onFlag!.activeParameter!].label as [number, number];
      assert.equal(sig.label.slice(s, e), '[--chown=<user>:<group>]');
      assert.match((sig.parameters![onFlag!.activeParameter!].documentation as { value: string }).value, /owner/i);
      const onSource = await client.signatureHelp(uri, 4, at(LINES, 4, 'package.json').character + 2);
      const src = onSource!.signatures[0].parameters![onSource!.activeParameter!].label as [number, number];
      assert.equal(onSource!.signatures[0].label.slice(src[0], src[1]), '<src>...');
      const onDest = await client.signatureHelp(uri, 4, afterText(LINES, 4, './').character);
      const dest = onDest!.signatures[0].parameters![onDest!.activeParameter!].label as [number, number];
      assert.equal(onDest!.signatures[0].label.slice(dest[0], dest[1]), '<dest>');
    });

    test('signature help: the JSON form of CMD, HEALTHCHECK flags, none inside a running command', async () => {
      const cmd = await client.signatureHelp(uri, 11, 5);
      assert.match(cmd!.signatures[cmd!.activeSignature!].label, /^CMD \["<executable>"/);
      const health = await client.signatureHelp(uri, 10, at(LINES, 10, '--interval').character + 3);
      const sig = health!.signatures[health!.activeSignature!];
      const [s, e] = sig.parameters![health!.activeParameter!].label as [number, number];
      assert.equal(sig.label.slice(s, e), '[--interval=<duration>]');
      assert.equal(await client.signatureHelp(uri, 6, 10), null, 'not in the middle of a RUN command');
    });
  });
}

test('signature help in Chinese', async () => {
  const client = await TestClient.start({ locale: 'zh-cn', workspaceFolder: os.tmpdir() });
  try {
    const uri = client.uriFor(path.join(os.tmpdir(), 'symbols-test', 'Dockerfile'));
    await client.open(uri, 'FROM alpine\nCOPY a.txt /a.txt\n');
    const help = await client.signatureHelp(uri, 1, 15);
    const sig = help!.signatures[0];
    assert.match((sig.documentation as { value: string }).value, /[\u4e00-\u9fff]/);
    assert.match((sig.parameters![help!.activeParameter!].documentation as { value: string }).value, /镜像/);
  } finally {
    await client.stop();
  }
});
