// Formatting over the real protocol, LF and CRLF: keywords upper-case, one space after them, continuation
// lines indented (the setting, else the editor's options), trailing blanks gone; heredoc bodies, exec-form
// JSON and whitespace that is part of a value untouched; the escape directive respected; range and
// on-type formatting; idempotence and unchanged meaning on the whole shared corpus.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, applyTextEdits } from '../helpers/lspClient';
import { EOLS, textOf } from '../helpers/positions';
import { CORPUS_DIR } from '../property/generators';
import { meaningOf } from '../property/support/meaning';

const INPUT = [
  'from alpine:3.20 as base', // 0
  '  run   apk add --no-cache \\', // 1
  '\tcurl \\', // 2
  '      # a comment inside   ', // 3
  '  git   ', // 4
  'ENV A="x \\', // 5
  '     y"', // 6
  'COPY <<EOF /etc/motd   ', // 7
  '   keep   these   ', // 8
  'EOF', // 9
  'CMD ["sh", \\', // 10
  '      "-c", "echo hi"]', // 11
  'RUN echo a\\', // 12
  'b', // 13
  'healthcheck --interval=5s cmd true', // 14
  'onbuild   run make', // 15
  'WORKDIR /a \\', // 16
  '    b', // 17
];

const EXPECTED = [
  'FROM alpine:3.20 AS base',
  'RUN apk add --no-cache \\',
  '    curl \\',
  '    # a comment inside',
  '    git',
  'ENV A="x \\',
  '     y"',
  'COPY <<EOF /etc/motd   ',
  '   keep   these   ',
  'EOF',
  'CMD ["sh", \\',
  '      "-c", "echo hi"]',
  'RUN echo a\\',
  'b',
  'HEALTHCHECK --interval=5s CMD true',
  'ONBUILD RUN make',
  'WORKDIR /a \\',
  '    b',
];

for (const [eolName, eol] of EOLS) {
  describe(`formatting (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    const text = textOf(INPUT, eol);
    before(async () => {
      client = await TestClient.start({ workspaceFolder: os.tmpdir() });
      uri = client.uriFor(path.join(os.tmpdir(), 'format-test', 'Dockerfile'));
      await client.open(uri, text);
    });
    after(() => client.stop());

    test('document: keywords, spacing, indentation and trailing blanks, nothing that changes a value', async () => {
      const formatted = applyTextEdits(text, await client.format(uri));
      assert.equal(formatted, textOf(EXPECTED, eol));
      assert.deepEqual(meaningOf(formatted), meaningOf(text));
      // Line breaks are never touched.
      assert.equal(formatted.split(eol).length, text.split(eol).length);
      if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(formatted), 'every line break stays CRLF');
    });

    test('idempotent', async () => {
      const once = applyTextEdits(text, await client.format(uri));
      const uri2 = uri.replace(/Dockerfile$/, 'twice.Dockerfile');
      await client.open(uri2, once);
      assert.deepEqual(await client.format(uri2), []);
    });

    test('range: only the lines asked for', async () => {
      const edits = await client.formatRange(uri, { start: { line: 14, character: 0 }, end: { line: 15, character: 5 } });
      assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [
        [14, 'HEALTHCHECK --interval=5s CMD true'],
        [15, 'ONBUILD RUN make'],
      ]);
    });

    test('on type: after a line break inside a continued instruction, the new line is indented', async () => {
      const lines = ['FROM alpine', 'run apk add \\', ''];
      const typed = uri.replace(/Dockerfile$/, 'typed.Dockerfile');
      await client.open(typed, lines.join(eol));
      const edits = await client.formatOnType(typed, 2, 0);
      assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [
        [1, 'RUN apk add \\'],
        [2, '    '],
      ]);
    });
  });
}

test('the escape directive: a backquote continues the line; a backslash is a character', async () => {
  const client = await TestClient.start({ workspaceFolder: os.tmpdir() });
  try {
    const uri = client.uriFor(path.join(os.tmpdir(), 'format-test', 'win.Dockerfile'));
    const lines = ['# escape=`', 'from mcr.microsoft.com/windows/servercore:ltsc2022', 'run dir `', '  c:\\ `', '      /s', 'run echo c:\\'];
    const text = textOf(lines, '\r\n');
    await client.open(uri, text);
    const formatted = applyTextEdits(text, await client.format(uri));
    assert.equal(formatted, textOf(['# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN dir `', '    c:\\ `', '    /s', 'RUN echo c:\\'], '\r\n'));
  } finally {
    await client.stop();
  }
});

test('dockerfileNotes.format.indent: a tab, two spaces, or the editor\'s options', async () => {
  const lines = ['FROM alpine', 'RUN a \\', '  b'];
  for (const [indent, expected] of [['tab', '\tb'], [2, '  b'], [6, '      b']] as const) {
    const client = await TestClient.start({ workspaceFolder: os.tmpdir(), settings: { format: { indent } } });
    try {
      const uri = client.uriFor(path.join(os.tmpdir(), 'format-test', 'indent.Dockerfile'));
      await client.open(uri, textOf(lines, '\n'));
      const formatted = applyTextEdits(textOf(lines, '\n'), await client.format(uri));
      assert.equal(formatted.split('\n')[2], expected, String(indent));
    } finally {
      await client.stop();
    }
  }
});

test('the whole shared corpus: formatting keeps every instruction and argument, and a second pass changes nothing', async (t) => {
  const dir = path.join(CORPUS_DIR, 'dockerfiles');
  if (!fs.existsSync(dir)) {
    t.skip(`the shared corpus is absent (${dir})`);
    return;
  }
  const client = await TestClient.start({ workspaceFolder: os.tmpdir() });
  try {
    let checked = 0;
    for (const name of fs.readdirSync(dir).sort()) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const uri = client.uriFor(path.join(os.tmpdir(), 'format-corpus', name));
      await client.open(uri, text);
      const once = applyTextEdits(text, await client.format(uri));
      await client.close(uri);
      assert.deepEqual(meaningOf(once), meaningOf(text), name);
      await client.open(uri, once);
      assert.deepEqual(await client.format(uri), [], `not idempotent: ${name}`);
      await client.close(uri);
      checked++;
    }
    assert.ok(checked > 1000, `${checked} files`);
  } finally {
    await client.stop();
  }
});
