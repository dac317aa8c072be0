// One test per fact corrected in issue 17, in both languages of the notes: the corrected statement is
// there and the old one is gone. Sources checked for each fact are named in the test titles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNote } from '../../server/src/engine/notes/builtin';

const notesRoot = path.resolve(__dirname, '..', '..', 'notes');
const rulesRoot = path.resolve(__dirname, '..', '..', 'docs', 'rules');

function note(lang: 'en' | 'zh-cn', rel: string): string {
  return fs.readFileSync(path.join(notesRoot, lang, `${rel}.md`), 'utf8');
}

function bothLanguages(rel: string, en: RegExp[], zh: RegExp[], gone: RegExp[] = []): void {
  const texts = { en: note('en', rel), 'zh-cn': note('zh-cn', rel) };
  for (const re of en) assert.match(texts.en, re, `notes/en/${rel}.md`);
  for (const re of zh) assert.match(texts['zh-cn'], re, `notes/zh-cn/${rel}.md`);
  for (const re of gone) {
    assert.doesNotMatch(texts.en, re, `notes/en/${rel}.md still says it`);
    assert.doesNotMatch(texts['zh-cn'], re, `notes/zh-cn/${rel}.md still says it`);
  }
}

test('--parents: a source without a wildcard that matches nothing fails since Dockerfile 1.20 (convert_copy.go RequiredPaths)', () => {
  bothLanguages('flags/parents', [/without a wildcard must exist: since Dockerfile 1\.20/], [/不带通配符的源路径必须存在：从 Dockerfile 1\.20 起/], [
    /a path that matches nothing is skipped without an error/,
    /什么也匹配不到的路径会被直接跳过/,
  ]);
});

test('non-root users may bind ports below 1024 in a container since Docker 20.10, except with host networking (moby#41030)', () => {
  bothLanguages('instructions/user', [/Docker 20\.10/, /ip_unprivileged_port_start=0/, /--network host/], [/Docker 20\.10/, /ip_unprivileged_port_start=0/, /--network host/], [
    /cannot bind ports below 1024 by default/,
    /默认不能监听 1024 以下的端口/,
  ]);
});

test('ADD can authenticate downloads with the HTTP_AUTH_TOKEN_/HTTP_AUTH_HEADER_<host> secrets since BuildKit 0.23 (source/http)', () => {
  bothLanguages('instructions/add', [/HTTP_AUTH_TOKEN_<host>/, /HTTP_AUTH_HEADER_<host>/, /BuildKit 0\.23/], [/HTTP_AUTH_TOKEN_<主机名>/, /HTTP_AUTH_HEADER_<主机名>/, /BuildKit 0\.23/], [
    /ADD has no authentication/,
    /ADD 不支持身份认证/,
  ]);
});

test('--chown with a name: the group comes from /etc/passwd, unknown names give 0:0, with --link a name gives root (ops/user_linux.go)', () => {
  bothLanguages(
    'flags/chown',
    [/primary group/, /does not fail on a name it cannot find/, /any name resolves to root \(`0:0`\)/],
    [/主组/, /找不到名字时不会报错/, /任何名字都会变成 root（`0:0`）/],
    [/the build fails if they are missing/, /查不到构建就失败/, /With only a user, the group gets the same numeric value as the UID/],
  );
  bothLanguages('flags/link', [/resolves to root \(`0:0`\)/], [/会变成 root（`0:0`）/]);
});

test('--link is ignored when --chmod is given (convert_copy.go: link && chmod == "")', () => {
  bothLanguages('flags/link', [/`--link` is ignored when `--chmod` is given/], [/同时给了 `--chmod` 时 `--link` 不起作用/]);
});

test('CopyIgnoredFile was experimental (check=experimental=) until Dockerfile 1.21 (linter ruleset, commit 4187c344)', () => {
  bothLanguages('directives/check', [/check=experimental=CopyIgnoredFile/, /until Dockerfile 1\.21/], [/check=experimental=CopyIgnoredFile/, /Dockerfile 1\.21 之前/]);
  bothLanguages('topics/dockerignore', [/since Dockerfile 1\.21/, /experimental=CopyIgnoredFile/], [/Dockerfile 1\.21 起/, /experimental=CopyIgnoredFile/]);
  assert.match(fs.readFileSync(path.join(rulesRoot, 'copy-source-ignored.md'), 'utf8'), /experimental until Dockerfile 1\.21/);
});

test('dockerfile-upstream:master is not labs; labs features need :1-labs or :master-labs', () => {
  bothLanguages('directives/syntax', [/docker\/dockerfile:1-labs/, /master-labs/, /\*without\* labs features/], [/docker\/dockerfile:1-labs/, /master-labs/, /\*\*不含\*\* labs 功能/], [
    /`docker\/dockerfile-upstream:master` enable/,
    /`docker\/dockerfile-upstream:master` 可启用实验特性/,
  ]);
});

test('a non-JSON bracket form loses its quotes in the shell lexer: only brackets and commas stay in COPY/ADD names', () => {
  bothLanguages('topics/shell-vs-exec', [/brackets and commas stay in the file names \(`\[a\.txt,`\)/], [/方括号和逗号留在了文件名里（`\[a\.txt,`）/]);
  const page = fs.readFileSync(path.join(rulesRoot, 'exec-form-invalid-json.md'), 'utf8');
  assert.match(page, /quotes\s+are removed from them, so the brackets and commas end up in the file names/);
  assert.doesNotMatch(page, /brackets and quotes included, become file names/);
});

test('ADD URL: mode 600 and not unpacked unless --chmod / --unpack; only http(s); Git addresses with ?ref= (convert_copy.go, dfgitutil)', () => {
  bothLanguages('instructions/add', [/mode 600/, /unless `--unpack` or `--chmod`/, /Only `http:\/\/` and `https:\/\/` URLs are downloaded/, /\.git\?ref=v1\.2\.0/], [
    /权限为 600/,
    /除非用 `--unpack` 或 `--chmod` 另行指定/,
    /只有 `http:\/\/` 和 `https:\/\/` 的 URL 会被下载/,
    /\.git\?ref=v1\.2\.0/,
  ]);
});

test('Git --checksum needs Dockerfile 1.17 (commit 8ee2cf5c, first in dockerfile/1.17.0)', () => {
  bothLanguages('flags/checksum', [/Git sources \(since Dockerfile 1\.17\)/], [/Git 来源（Dockerfile 1\.17 起）/]);
  bothLanguages('instructions/add', [/for Git sources since Dockerfile 1\.17/], [/Git 源从 Dockerfile 1\.17 起支持/]);
});

test('the shell is not always PID 1: dash keeps it, BusyBox ash and bash exec the last command', () => {
  for (const rel of ['instructions/cmd', 'instructions/entrypoint', 'topics/shell-vs-exec', 'instructions/stopsignal']) {
    bothLanguages(rel, [/dash/, /BusyBox ash/, /bash/], [/dash/, /BusyBox ash/, /bash/], [/\bsh is PID 1\b/, /The shell is PID 1 and/, /1 号进程变成了 sh/, /1 号进程是 sh，通常/]);
  }
  for (const page of ['cmd-shell-form.md', 'entrypoint-shell-form.md']) {
    assert.match(fs.readFileSync(path.join(rulesRoot, page), 'utf8'), /dash/, page);
  }
});

test('the Chinese COPY note (and its gist) says COPY creates missing destination folders and keeps metadata', () => {
  const { gist } = parseNote('instructions', 'copy', 'zh-cn', note('zh-cn', 'instructions/copy'));
  assert.match(gist, /缺失的目录会自动创建/);
  assert.match(gist, /权限位和修改时间会保留/);
  const en = parseNote('instructions', 'copy', 'en', note('en', 'instructions/copy')).gist;
  assert.match(en, /Missing destination folders are created/);
  assert.match(en, /Permission bits and modification times are kept/);
});
