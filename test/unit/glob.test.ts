// Glob semantics: COPY/ADD sources as Go's filepath.Match reads one path element, .dockerignore lines as
// moby/patternmatcher reads them. The matcher is our own (linear time); these cases pin Docker's behaviour.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileElementPattern } from '../../server/src/engine/context/glob';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadIgnore, parseIgnore } from '../../server/src/engine/context/dockerignore';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';

test('Go filepath.Match: wildcards, classes, escapes, runes, bad patterns', () => {
  const yes: Array<[string, string]> = [
    ['abc', 'abc'], ['*', 'abc'], ['*c', 'abc'], ['a*', 'a'], ['a*b*c*d*e*', 'axbxcxdxexxx'],
    ['a*b?c*x', 'abxbbxdbxebxczzx'], ['ab[c]', 'abc'], ['ab[b-d]', 'abc'], ['ab[^e-g]', 'abc'],
    ['a\\*b', 'a*b'], ['a?b', 'a☺b'], ['a[^a]b', 'a☺b'], ['[a-ζ]*', 'α'], ['[\\]a]', ']'], ['[\\-]', '-'],
    ['[x\\-]', '-'], ['[\\-x]', 'x'], ['*x', 'xxx'], ['*.ts', '.hidden.ts'], ['x😀?', 'x😀y'],
  ];
  const no: Array<[string, string]> = [
    ['a*b?c*x', 'abxbbxdbxebxczzy'], ['ab[e-g]', 'abc'], ['ab[^c]', 'abc'], ['ab[^b-d]', 'abc'],
    ['a\\*b', 'ab'], ['a???b', 'a☺b'], ['a[^a][^a][^a]b', 'a☺b'], ['*[a-ζ]', 'A'], ['[x\\-]', 'z'],
    ['[\\-x]', 'a'], ['abc', 'ABC'], ['?', ''], ['a*', 'b'],
  ];
  for (const [p, s] of yes) assert.equal(compileElementPattern(p)?.test(s), true, `${p} matches ${s}`);
  for (const [p, s] of no) assert.equal(compileElementPattern(p)?.test(s), false, `${p} does not match ${s}`);
  for (const bad of ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', '[a\\']) {
    assert.equal(compileElementPattern(bad), null, `${bad} is a bad pattern`);
  }
});

/** Whether a .dockerignore made of these lines leaves the path out. */
function ignored(lines: string[], relative: string): boolean {
  const m = parseIgnore(`/glob-test/${lines.join('|')}/.dockerignore`, lines.join('\n'));
  assert.equal(m.problem, undefined, `${lines.join(' | ')} is readable`);
  return m.ignores(relative);
}

test('.dockerignore: ** forms, exact, prefix and suffix patterns, parents, as moby/patternmatcher', () => {
  const yes: Array<[string, string]> = [
    ['**', 'file'], ['**', 'dir/file'], ['**/', 'file'], ['**/**', 'dir/file'], ['dir/**', 'dir/file'],
    ['dir/**', 'dir/dir2/file'], ['**/dir', 'dir'], ['**/dir', 'dir/file'], ['**/dir2/*', 'dir/dir2/file'],
    ['**/dir2/**', 'dir/dir2/dir3/file'], ['**file', 'file'], ['**file', 'dir/dir/file'], ['**/file*', 'dir/dir/file.txt'],
    ['**/file*txt', 'dir/dir/file.txt'], ['**/**/*.txt', 'file.txt'], ['a**/*.txt', 'a/file.txt'],
    ['a**/*.txt', 'a/dir/dir/file.txt'], ['a/*.txt', 'a/file.txt'], ['a/*.txt**', 'a/file.txt'], ['a[b-d]e', 'ace'],
    ['a[^b-d]e', 'aze'], ['.*', '.foo'], ['abc.def', 'abc.def'], ['abc?def', 'abcZdef'], ['**/foo/bar', 'foo/bar'],
    ['**/foo/bar', 'dir/dir2/foo/bar'], ['abc/**', 'abc/def/ghi'], ['**/.foo', '.foo'], ['a(b)c/def', 'a(b)c/def'],
    ['a.|)$(}+{bc', 'a.|)$(}+{bc'], ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'],
    ['a\\\\', 'a\\'], ['a\\*b', 'a*b'], ['a*', 'ab/c'], ['a*/b', 'abc/b'], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f'],
    // `**` first and no other wildcard: any path that ends like the rest, even inside a name.
    ['**foo', 'xfoo'], ['**.env', 'config/prod.env'],
    // Plain text then `**` at the end: any path that starts with that text.
    ['abc**', 'abcdef/x'],
    ['/secret', 'secret'], ['./build/', 'build/x'], ['a/../b', 'b'], ['logs', 'logs/x/y.txt'],
  ];
  const no: Array<[string, string]> = [
    ['**/**/*.txt2', 'dir/dir/file.txt'], ['a/*.txt', 'a/dir/file.txt'], ['a[b-d]e', 'ae'], ['a[b-d]e', 'aae'],
    ['.*', 'foo'], ['abc.def', 'abcdef'], ['abc.def', 'abcZdef'], ['abc?def', 'abcdef'], ['abc/**', 'abc'],
    ['**/.foo', 'bar.foo'], ['a(b)c/def', 'a(b)c/xyz'], ['a*/b', 'a/c/b'], ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f'],
    ['a?b', 'a/b'], ['a*b', 'a/b'], ['/secret', 'src/secret'], ['*.LOG', 'x.log'], ['a**b', 'axb'],
    ['..', 'x'], ['a/..', 'a'],
  ];
  for (const [p, s] of yes) assert.equal(ignored([p], s), true, `${p} ignores ${s}`);
  for (const [p, s] of no) assert.equal(ignored([p], s), false, `${p} keeps ${s}`);
});

test('.dockerignore: the last matching line decides, exceptions, comments, CRLF, BOM, spaces', () => {
  assert.equal(ignored(['**', '!util/docker/web'], 'util/docker/web/foo'), false);
  assert.equal(ignored(['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo'), true);
  assert.equal(ignored(['**', '!dist/*.whl'], 'dist/a.whl'), false);
  assert.equal(ignored(['!fileutils.go', '*.go'], 'fileutils.go'), true);
  assert.equal(ignored(['*.go', '!fileutils.go'], 'fileutils.go'), false);
  assert.equal(ignored(['docs/', '!docs/README.md'], 'docs/README.md'), false);
  assert.equal(ignored(['docs/*', '!docs/README.md'], 'docs/README.md'), false);
  // An exception for a folder above the path also matches (MatchesOrParentMatches), after the folder's own line.
  assert.equal(ignored(['a/b', '!a'], 'a/b/c'), false);
  assert.equal(ignored(['# x', '#comment'], '#comment'), false, 'a line starting with # is a comment');
  assert.equal(ignored([' #comment'], '#comment'), true, 'only a # in the first column starts a comment');
  assert.equal(ignored(['  !  keep  ', '*'], 'keep'), true);
  assert.equal(ignored(['*', '  !  keep  '], 'keep'), false);
  assert.equal(ignored(['*', '!/keep'], 'keep'), false);
  assert.equal(ignored(['!'], 'x'), false, 'a lone ! is skipped');
  const crlf = parseIgnore('/glob-test/crlf/.dockerignore', '\uFEFFsecret\r\n!secret/keep\r\n');
  assert.equal(crlf.ignores('secret/x'), true);
  assert.equal(crlf.ignores('secret/keep'), false);
  assert.deepEqual(crlf.decidingPattern('secret/x'), { pattern: 'secret', line: 1 });
  assert.equal(crlf.decidingPattern('secret/keep'), null);
  assert.equal(crlf.hasExceptions, true);
});

test('.dockerignore: a line Docker refuses, or one this matcher cannot read exactly, makes the file unused', () => {
  for (const line of ['[', 'a[', '[]a]', 'x\\', 'a\\d', '[[:alpha:]]', '[*]', 'a*^b']) {
    const m = parseIgnore(`/glob-test/bad/${line}/.dockerignore`, `ok\n${line}\n`);
    assert.match(m.problem ?? '', /line 2/, `${line} is reported`);
    assert.equal(m.ignores('ok'), false, `${line}: nothing is claimed ignored`);
  }
  // `^` is a character where Docker compares plain text, so these lines are read.
  assert.equal(ignored(['a^b'], 'a^b'), true);
  assert.equal(ignored(['a\\^b*'], 'a^bc'), true);
});

test('.dockerignore with a refused line: loadIgnore uses no matcher and logs the line once', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-glob-'));
  try {
    fs.writeFileSync(path.join(root, '.dockerignore'), 'secret\n[oops\n');
    const logs: string[] = [];
    const view = new CachedNodeFileSystem();
    assert.equal(loadIgnore(view, root, path.join(root, 'Dockerfile'), (m) => logs.push(m)), null);
    assert.equal(loadIgnore(view, root, path.join(root, 'Dockerfile'), (m) => logs.push(m)), null);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /\.dockerignore: line 2 \(\[oops\) is a pattern Docker refuses .*checks are skipped/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
