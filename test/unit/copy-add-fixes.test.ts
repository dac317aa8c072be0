// Every COPY/ADD quick fix, applied and re-analysed: its diagnostic is gone and the file still parses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeIn, applyAndReanalyse, dockerfile, fixesFor, makeTree } from './copy-add-helpers';
import type { Run } from './copy-add-helpers';
import { parseDocument } from '../../server/src/engine/parse/document';
import { classifyJsonForm } from '../../server/src/engine/parse/instruction';
import type { Fix } from '../../server/src/engine/types';

function setup(lines: string[], files: Record<string, string | null> = {}): Run {
  const root = makeTree({ 'app/Dockerfile': '', 'app/a.txt': '', 'app/b.txt': '', 'app/opt/xxxx': '', ...files });
  return analyzeIn(root, 'app/Dockerfile', { text: dockerfile(...lines) });
}

/** The keywords the parser sees, and no bracketed form left that is not JSON. */
function assertParses(text: string): string[] {
  const doc = parseDocument(text);
  const keywords = doc.instructions.map((i) => i.getKeyword());
  for (const i of doc.instructions) {
    const range = i.getArgumentsRange();
    if (!range) continue;
    const args = doc.textIn(range).trim();
    if (args.startsWith('[') && !/^(RUN|CMD|ENTRYPOINT)$/.test(i.getKeyword())) assert.notEqual(classifyJsonForm(args).kind, 'invalid', args);
  }
  return keywords;
}

function applyOnly(run: Run, code: string, pick: (fixes: Fix[]) => Fix | undefined = (f) => f[0]) {
  const finding = run.of(code)[0];
  assert.ok(finding, `no ${code} in ${JSON.stringify(run.codes)}`);
  const fix = pick(fixesFor(run, finding));
  assert.ok(fix, `no fix for ${code}`);
  const after = applyAndReanalyse(run, fix);
  assert.equal(after.findings.filter((f) => f.code === code).length, 0, `${code} is gone after "${fix.title}":\n${after.text}`);
  return { fix, ...after, keywords: assertParses(after.text) };
}

test('add-prefer-copy → COPY (safe), keeping the case of the keyword', () => {
  const r = applyOnly(setup(['FROM alpine', 'ADD --chown=1:1 a.txt /a']), 'add-prefer-copy');
  assert.equal(r.text, dockerfile('FROM alpine', 'COPY --chown=1:1 a.txt /a'));
  assert.equal(r.fix.safe, true);
  const lower = applyOnly(setup(['from alpine', 'add a.txt /a']), 'add-prefer-copy');
  assert.equal(lower.text, dockerfile('from alpine', 'copy a.txt /a'));
});

test('copy-multi-source-dest → trailing / (safe), in shell and JSON form', () => {
  const shell = applyOnly(setup(['FROM alpine', 'COPY a.txt b.txt /app']), 'copy-multi-source-dest');
  assert.equal(shell.text, dockerfile('FROM alpine', 'COPY a.txt b.txt /app/'));
  assert.equal(shell.fix.safe, true);
  const json = applyOnly(setup(['FROM alpine', 'COPY ["a.txt", "b.txt", "dir"]']), 'copy-multi-source-dest');
  assert.equal(json.text, dockerfile('FROM alpine', 'COPY ["a.txt", "b.txt", "dir/"]'));
  const wildcard = applyOnly(setup(['FROM alpine', 'COPY *.txt /texts']), 'copy-multi-source-dest');
  assert.equal(wildcard.text, dockerfile('FROM alpine', 'COPY *.txt /texts/'));
});

test('copy-absolute-source → relative path (offered, not applied unattended)', () => {
  const r = applyOnly(setup(['FROM alpine', 'COPY /opt/xxxx /app']), 'copy-absolute-source');
  assert.equal(r.text, dockerfile('FROM alpine', 'COPY opt/xxxx /app'));
  assert.notEqual(r.fix.safe, true);
  assert.match(r.fix.title, /opt\/xxxx/);
  assert.deepEqual(r.findings.filter((f) => f.code === 'copy-source-missing'), [], 'opt/xxxx exists in this context');
  const json = applyOnly(setup(['FROM alpine', 'COPY ["/a.txt", "/x"]']), 'copy-absolute-source');
  assert.equal(json.text, dockerfile('FROM alpine', 'COPY ["a.txt", "/x"]'));
  const root = applyOnly(setup(['FROM alpine', 'COPY / /ctx/']), 'copy-absolute-source');
  assert.equal(root.text, dockerfile('FROM alpine', 'COPY . /ctx/'));
});

test('add-remote-url on Alpine → RUN with wget, to the same destination, mode 644', () => {
  const run = setup(['FROM alpine:3.20', 'ADD https://example.com/dl/tool.tar.gz?x=1 /opt/tools/']);
  const fixes = fixesFor(run, run.of('add-remote-url')[0]);
  assert.deepEqual(fixes.map((f) => f.title), ['Download with wget in a RUN (busybox wget)', 'Keep ADD and add --chmod=644']);
  const r = applyOnly(run, 'add-remote-url');
  assert.equal(r.text, dockerfile('FROM alpine:3.20', "RUN mkdir -p /opt/tools && wget -q -O /opt/tools/tool.tar.gz 'https://example.com/dl/tool.tar.gz?x=1' && chmod 644 /opt/tools/tool.tar.gz"));
  assert.deepEqual(r.keywords, ['FROM', 'RUN']);
});

test('add-remote-url on Debian/Ubuntu (and a stage built on one) → curl; --chown is kept; a script in a bin folder gets 755', () => {
  const r = applyOnly(setup(['FROM debian:bookworm AS base', 'FROM base', 'ADD --chown=app:app https://example.com/f.sh /usr/local/bin/f']), 'add-remote-url');
  assert.equal(
    r.text,
    dockerfile('FROM debian:bookworm AS base', 'FROM base', 'RUN mkdir -p /usr/local/bin && curl -fsSL -o /usr/local/bin/f https://example.com/f.sh && chmod 755 /usr/local/bin/f && chown app:app /usr/local/bin/f'),
  );
  const node = applyOnly(setup(['FROM node:20-alpine', 'ADD https://example.com/x /x']), 'add-remote-url');
  assert.match(node.text, /RUN wget -q -O \/x https:\/\/example\.com\/x && chmod 644 \/x/);
});

test('add-remote-url → ADD --chmod=644 alternative', () => {
  const r = applyOnly(setup(['FROM ubuntu:24.04', 'ADD https://example.com/f /f']), 'add-remote-url', (f) => f.find((x) => /chmod/.test(x.title)));
  assert.equal(r.text, dockerfile('FROM ubuntu:24.04', 'ADD --chmod=644 https://example.com/f /f'));
  assert.deepEqual(r.keywords, ['FROM', 'ADD']);
});

test('add-remote-url with --checksum: only the --chmod fix (a RUN would drop the verification)', () => {
  const run = setup(['FROM alpine', 'ADD --checksum=sha256:abc https://example.com/f /f']);
  const fixes = fixesFor(run, run.of('add-remote-url')[0]);
  assert.deepEqual(fixes.map((f) => f.title), ['Keep ADD and add --chmod=644']);
});

test('exec-form-invalid-json in COPY, ADD, VOLUME, HEALTHCHECK CMD and with non-string elements', () => {
  const cases: Array<[string, string]> = [
    ["COPY ['a.txt', '/x/']", 'COPY ["a.txt", "/x/"]'],
    ['ADD ["a.txt", "/y/",]', 'ADD ["a.txt", "/y/"]'],
    ["VOLUME ['/data']", 'VOLUME ["/data"]'],
    ["HEALTHCHECK --interval=5s CMD ['curl', '-f', 'http://localhost/']", 'HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]'],
    ['CMD ["sleep", 5]', 'CMD ["sleep", "5"]'],
  ];
  for (const [line, expected] of cases) {
    const r = applyOnly(setup(['FROM alpine', line]), 'exec-form-invalid-json');
    assert.equal(r.text, dockerfile('FROM alpine', expected));
    assert.equal(r.fix.safe, true);
  }
});

test('COPY in invalid JSON form is not also judged file by file', () => {
  const run = setup(['FROM alpine', "COPY ['nope', '/x']"]);
  assert.deepEqual(run.codes, ['exec-form-invalid-json']);
});

test('exec-form-invalid-json: a bad escape keeps its backslash (Windows paths), escaped quotes stay quotes', () => {
  const r = applyOnly(setup(['FROM alpine', 'ENTRYPOINT ["C:\\app\\run.exe", "--dir=C:\\data"]']), 'exec-form-invalid-json');
  assert.equal(r.text, dockerfile('FROM alpine', 'ENTRYPOINT ["C:\\\\app\\\\run.exe", "--dir=C:\\\\data"]'));
  assert.deepEqual(JSON.parse(r.text.split('\n')[1].slice('ENTRYPOINT '.length)), ['C:\\app\\run.exe', '--dir=C:\\data']);
  const quoted = applyOnly(setup(['FROM alpine', "CMD ['echo', 'it\\'s', 'a\\\\b']"]), 'exec-form-invalid-json');
  assert.equal(quoted.text, dockerfile('FROM alpine', 'CMD ["echo", "it\'s", "a\\\\b"]'));
});
