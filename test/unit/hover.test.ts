// Engine-level hovers for the targets the protocol tests do not reach: declarations, WORKDIR, FROM,
// ONBUILD triggers, --from sources, URLs, unsaved documents, positions with nothing to say.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import type { Lang } from '../../server/src/engine/types';

const TEXT = [
  'ARG V=1', // 0
  'FROM alpine:$V AS base', // 1
  'ARG V', // 2
  'WORKDIR /srv', // 3
  'WORKDIR app', // 4
  'ONBUILD COPY --chown=1:1 a.txt ./', // 5
  'FROM base AS web', // 6
  'COPY --from=base /srv/app/ ./', // 7
  'ADD https://example.com/x.tgz /opt/', // 8
  'COPY a.txt b.txt', // 9
  'RUN true', // 10
].join('\n');

function at(line: number, needle: string, lang: Lang = 'en', offset = 1, text = TEXT): string {
  const doc = parseDocument(text);
  const ctx: AnalysisContext = { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  const c = text.split('\n')[line].indexOf(needle);
  assert.ok(c >= 0, `${needle} not on line ${line}`);
  return hover(doc, ctx, { line, character: c + offset })?.markdown ?? '';
}

for (const crlf of [false, true]) {
  const text = crlf ? TEXT.replace(/\n/g, '\r\n') : TEXT;
  const suffix = crlf ? ' (CRLF)' : '';

  test(`the name in ARG/ENV shows the value it leaves${suffix}`, () => {
    const md = at(2, 'V', 'en', 0, text);
    assert.match(md, /Value: `1`/);
    assert.match(md, /global ARG on line 1/);
  });

  test(`a relative WORKDIR is joined to the previous one${suffix}`, () => {
    assert.match(at(4, 'app', 'en', 1, text), /`\/srv\/app`/);
    assert.match(at(4, 'app', 'zh-cn', 1, text), /工作目录是 `\/srv\/app`/);
  });

  test(`FROM <stage> names the stage it builds on; an image with a variable is expanded${suffix}`, () => {
    assert.match(at(6, 'base', 'en', 1, text), /stage `base` \(line 2\)/);
    assert.match(at(1, 'alpine', 'en', 1, text), /`alpine:1`/);
  });

  test(`inside ONBUILD, the trigger keyword and its flags have their notes${suffix}`, () => {
    assert.match(at(5, 'COPY', 'en', 1, text), /^\*\*COPY\*\* — /m);
    assert.match(at(5, '--chown', 'en', 3, text), /^\*\*--chown/m);
    assert.match(at(5, 'ONBUILD', 'en', 1, text), /^\*\*ONBUILD\*\* — /m);
  });

  test(`a --from source is read from the stage, not the context${suffix}`, () => {
    assert.match(at(7, '/srv/app/', 'en', 1, text), /read from stage `base` \(line 2\)/);
  });

  test(`a destination in a child stage uses the inherited WORKDIR${suffix}`, () => {
    assert.match(at(7, './', 'en', 0, text), /`\/srv\/app\/`/);
  });

  test(`ADD of a URL says it is downloaded${suffix}`, () => {
    assert.match(at(8, 'https', 'en', 1, text), /downloads it at build time/);
  });

  test(`an unsaved Dockerfile has no known build context${suffix}`, () => {
    assert.match(at(9, 'a.txt', 'en', 1, text), /not saved yet/);
  });

  test(`a destination without a trailing slash is a file path${suffix}`, () => {
    const md = at(9, 'b.txt', 'en', 1, text);
    assert.match(md, /`\/srv\/app\/b\.txt`/);
    assert.doesNotMatch(md, /Ends with `\/`/);
  });
}

test('nothing to say: RUN arguments without variables, blank lines, past the end', () => {
  assert.equal(at(10, 'true'), '');
  const doc = parseDocument(TEXT + '\n\n');
  const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  assert.equal(hover(doc, ctx, { line: 12, character: 0 }), null);
  assert.equal(hover(doc, ctx, { line: 500, character: 3 }), null);
});
