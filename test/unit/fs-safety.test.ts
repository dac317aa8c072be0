// The file system as an adversary, in real temporary folders: symlink loops, dangling links, links out
// of the context, unreadable files and folders (checked as an unprivileged user when we run as root,
// since root ignores permission bits), 100,000 files behind a wildcard, a 10 MB .dockerignore, binary
// and huge notes. Every case must finish, not throw, read nothing outside the context and write nothing.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext, EngineSettings } from '../../server/src/engine/context';
import type { Finding } from '../../server/src/engine/types';
import { RecordingFs, isInside, assertUntrustedMarkdown } from '../property/invariants';

const CHILD = process.env.DFN_FS_SAFETY_CHILD;

let base = '';
let ctxRoot = '';
let outside = '';

function setup(): void {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-fs-'));
  fs.chmodSync(base, 0o755);
  ctxRoot = path.join(base, 'ctx');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(ctxRoot, 'app'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'do not read');
  fs.mkdirSync(path.join(outside, 'dir'));
  fs.writeFileSync(path.join(outside, 'dir', 'inner.txt'), 'do not read');
  fs.writeFileSync(path.join(ctxRoot, 'app', 'main.py'), 'print(1)');
  fs.symlinkSync('loop-b', path.join(ctxRoot, 'loop-a'));
  fs.symlinkSync('loop-a', path.join(ctxRoot, 'loop-b'));
  fs.symlinkSync('loop-self', path.join(ctxRoot, 'loop-self'));
  fs.symlinkSync('does-not-exist', path.join(ctxRoot, 'dangling'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ctxRoot, 'escape.txt'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(ctxRoot, 'escape-dir'));
  fs.symlinkSync('..', path.join(ctxRoot, 'parent'));
  fs.mkdirSync(path.join(ctxRoot, 'locked-dir'));
  fs.writeFileSync(path.join(ctxRoot, 'locked-dir', 'x.txt'), 'x');
  fs.writeFileSync(path.join(ctxRoot, 'locked.txt'), 'x');
  fs.chmodSync(path.join(ctxRoot, 'locked-dir'), 0o000);
  fs.chmodSync(path.join(ctxRoot, 'locked.txt'), 0o000);
  fs.chmodSync(ctxRoot, 0o755);
}

const DOCKERFILE = [
  'FROM alpine',
  'COPY loop-a loop-b loop-self /x/',
  'COPY loop-a/x /x/',
  'COPY dangling /d',
  'COPY escape.txt /e',
  'COPY escape-dir/inner.txt /e2',
  'COPY escape-dir/*.txt /e3/',
  'COPY parent/outside/secret.txt /e4',
  'COPY ../outside/secret.txt /e5',
  'COPY locked.txt /l',
  'COPY locked-dir/x.txt /l2',
  'COPY locked-dir/* /l3/',
  'COPY */*/*.txt /deep/',
  'COPY app/main.py /app/',
  'COPY missing.txt /m',
  '',
].join('\n');

function context(root: string, fsView = new RecordingFs(new CachedNodeFileSystem()), settings: EngineSettings = DEFAULT_SETTINGS): AnalysisContext & { logs: string[]; rec: RecordingFs } {
  const logs: string[] = [];
  return { lang: 'en', settings, fs: fsView, documentPath: path.join(root, 'Dockerfile'), workspaceFolder: root, log: (m) => logs.push(m), logs, rec: fsView };
}

/** Names, sizes, modes and mtimes of everything under a folder (links not followed). */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[] = [];
    try {
      names = fs.readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(d, n);
      const st = fs.lstatSync(p);
      out.push(`${path.relative(dir, p)} ${st.mode} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory() && (st.mode & 0o500) === 0o500) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** The checks of the hostile folder, returned as plain data so the unprivileged child can report them. */
function runHostileContext(root: string): { codes: Array<[string, number]>; outsideReads: string[]; logs: string[] } {
  const ctx = context(root);
  const doc = parseDocument(DOCKERFILE);
  const findings: Finding[] = analyze(doc, ctx);
  for (let line = 0; line < doc.lineCount(); line++) {
    for (const character of [0, 6, 12, 20]) hover(doc, ctx, { line, character });
  }
  return {
    codes: findings.map((f) => [f.code, f.range.start.line] as [string, number]),
    outsideReads: ctx.rec.touched.filter((p) => !isInside(root, p)),
    logs: ctx.logs,
  };
}

if (CHILD) {
  // Child mode: run as an unprivileged user by the test below, print the result and exit.
  process.stdout.write(JSON.stringify(runHostileContext(CHILD)));
} else {
  before(setup);
  after(() => {
    for (const p of ['locked-dir', 'locked.txt']) fs.chmodSync(path.join(ctxRoot, p), 0o755);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('links, loops and locked entries: no throw, nothing outside the context read, nothing written', () => {
    const beforeSnap = snapshot(base);
    const result = runHostileContext(ctxRoot);
    assert.deepEqual(result.outsideReads, []);
    assert.deepEqual(result.logs.filter((l) => /fail/i.test(l)), []);
    assert.deepEqual(snapshot(base), beforeSnap, 'nothing in the folders changed');
    const lines = (code: string) => result.codes.filter(([c]) => c === code).map(([, l]) => l + 1);
    assert.deepEqual(lines('copy-outside-context'), [9], 'the ../ source is reported as leaving the context');
    assert.ok(lines('copy-source-missing').includes(15), 'a plain missing file is reported');
    // Through a link, BuildKit may or may not find the file: the engine says nothing rather than guess.
    for (const line of [2, 3, 5, 6, 7, 8]) assert.ok(!lines('copy-source-missing').includes(line), `no "missing" claim through a link (line ${line})`);
    assert.ok(!lines('copy-source-missing').includes(14), 'an existing file is not missing');
  });

  test('unreadable file and folder as an unprivileged user: no throw, no false "missing", nothing outside read', (t) => {
    if (process.platform === 'win32') return t.skip('POSIX permissions only');
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) {
      const r = runHostileContext(ctxRoot);
      assert.deepEqual(r.outsideReads, []);
      assert.ok(!r.codes.some(([c, l]) => c === 'copy-source-missing' && [9, 10, 11].includes(l)));
      return;
    }
    // Root reads through chmod 000, so the same check runs in a child process as `nobody`.
    const child = spawnSync(process.execPath, ['--import', 'tsx', __filename], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, DFN_FS_SAFETY_CHILD: ctxRoot, TSX_TSCONFIG_PATH: path.resolve(__dirname, '..', '..', 'tsconfig.json') },
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (child.status !== 0 && /EACCES|EPERM/.test(child.stderr) && !child.stdout) {
      return t.skip(`cannot run node as nobody here: ${child.stderr.split('\n')[0]}`);
    }
    assert.equal(child.status, 0, child.stderr);
    const r = JSON.parse(child.stdout) as ReturnType<typeof runHostileContext>;
    assert.deepEqual(r.outsideReads, []);
    assert.deepEqual(r.logs.filter((l) => /fail/i.test(l)), []);
    const missing = r.codes.filter(([c]) => c === 'copy-source-missing').map(([, l]) => l + 1);
    for (const line of [10, 11, 12]) assert.ok(!missing.includes(line), `an unreadable source is not claimed missing (line ${line}): ${JSON.stringify(r.codes)}`);
    assert.ok(missing.includes(15), 'the plain missing file is still reported');
  });

  test('CachedNodeFileSystem: loops and dangling links are reported as links, never followed', () => {
    const view = new CachedNodeFileSystem();
    for (const name of ['loop-a', 'loop-self', 'dangling', 'escape.txt', 'escape-dir', 'parent']) {
      assert.equal(view.stat(path.join(ctxRoot, name))?.type, 'symlink', name);
      assert.equal(view.readText(path.join(ctxRoot, name)), null, `${name} is not read through`);
    }
    assert.equal(view.readDir(path.join(ctxRoot, 'loop-a')), null);
    assert.match(view.errorOf(path.join(ctxRoot, 'loop-a')) ?? '', /ELOOP|ENOTDIR|not a regular file/);
    assert.equal(view.readText(ctxRoot), null);
    assert.equal(view.errorOf(ctxRoot), 'EISDIR');
  });

  test('a context with 100,000 files behind wildcards finishes, with a bounded number of lookups', () => {
    const big = path.join(base, 'big');
    const many = path.join(big, 'many');
    fs.mkdirSync(many, { recursive: true });
    for (let i = 0; i < 100_000; i++) fs.closeSync(fs.openSync(path.join(many, `f${i}.txt`), 'w'));
    const ctx = context(big);
    const text = 'FROM a\nCOPY many/f1.txt many/nope.txt /x/\n' + Array.from({ length: 50 }, (_, i) => `COPY many/*${i}.txt many/f${i}?.txt */f${i}.* /dst${i}/\n`).join('');
    const findings = analyze(parseDocument(text), ctx);
    assert.deepEqual(ctx.rec.touched.filter((p) => !isInside(big, p)), []);
    // Each directory entry costs one stat at most once (the view caches), and the wildcard budget stops early.
    const stats = new Set(ctx.rec.touched);
    assert.ok(stats.size < 120_000, `distinct paths looked at: ${stats.size}`);
    assert.ok(findings.some((f) => f.code === 'copy-source-missing' && f.range.start.line === 1), 'a plain missing file next to the big folder is still found');
    // Over the budget the engine says nothing rather than guess: no wildcard is claimed to match nothing.
    assert.ok(!findings.some((f) => f.code === 'copy-source-missing' && f.range.start.line > 1), JSON.stringify(findings.map((f) => [f.code, f.range.start.line])));
    fs.rmSync(big, { recursive: true, force: true });
  });

  test('a 10 MB .dockerignore and a 30,000-pattern Dockerfile.dockerignore: no throw, no crash, nothing outside read', () => {
    const root = path.join(base, 'ignore10');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'a.txt'), 'a');
    const line = 'node_modules/**/*.map\n!keep/**\n**/[a-z]*?.tmp\n';
    fs.writeFileSync(path.join(root, '.dockerignore'), line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    const ctx = context(root);
    const findings = analyze(parseDocument('FROM a\nCOPY a.txt b.txt /x/\n'), ctx);
    assert.ok(findings.some((f) => f.code === 'copy-source-missing'));
    assert.deepEqual(ctx.rec.touched.filter((p) => !isInside(root, p)), []);
    assert.ok(
      ctx.logs.some((l) => /\.dockerignore: too large .*checks are skipped/.test(l)),
      `one clear message about the oversized .dockerignore: ${JSON.stringify(ctx.logs)}`,
    );
    // Just under the 1 MB read limit, 30,000 patterns: still bounded (every path is matched once).
    fs.writeFileSync(path.join(root, 'Dockerfile.dockerignore'), Array.from({ length: 30_000 }, (_, i) => `dir${i}/**/*.x${i}\n`).join(''));
    const ctx2 = context(root);
    analyze(parseDocument('FROM a\nCOPY a.txt /x/\nCOPY *.txt /y/\n'), ctx2);
    assert.deepEqual(ctx2.logs.filter((l) => /fail/i.test(l)), []);
  });

  test('binary, huge and hostile notes files: hovers still answer, sanitised, and nothing throws', () => {
    const root = path.join(base, 'notes');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)));
    fs.writeFileSync(path.join(root, 'huge.md'), '# COPY\n' + 'word '.repeat(1_000_000));
    fs.writeFileSync(
      path.join(root, 'hostile.md'),
      '# COPY\n<img src=x onerror="alert(1)">\n<script>alert(1)</script>\n[run me](command:workbench.action.terminal.new)\n[file](file:///etc/passwd)\n<!-- hidden -->\n[ref]: command:evil\n```\nopen fence never closed\n',
    );
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.md'));
    fs.symlinkSync('loop.md', path.join(root, 'loop.md'));
    fs.mkdirSync(path.join(root, 'locked'));
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    const settings: EngineSettings = { ...DEFAULT_SETTINGS, notes: { ...DEFAULT_SETTINGS.notes, paths: [root, path.join(root, 'binary.md'), path.join(root, 'nope.md'), '../../../etc', '\0bad'] } };
    const ctx = context(root, new RecordingFs(new CachedNodeFileSystem()), settings);
    const doc = parseDocument('FROM alpine\nCOPY . /app\nRUN x\n');
    const h = hover(doc, ctx, { line: 1, character: 1 });
    assert.ok(h, 'the COPY hover still answers');
    assertUntrustedMarkdown(h.markdown);
    assert.ok(!h.markdown.includes('do not read'), 'a linked file outside the notes folder is not shown');
    assert.ok(h.markdown.length < 200_000, `the hover stays small: ${h.markdown.length} chars`);
    fs.chmodSync(path.join(root, 'locked'), 0o755);
  });
}
