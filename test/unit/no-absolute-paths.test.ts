// No tracked file names a folder of a developer's machine: docs, tests and bench results find shared data
// relative to the repository (../shared) and temporary folders through os.tmpdir().
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/shared';

/** Tracked files (git ls-files), or every file outside build output when this is not a git checkout. */
function trackedFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (git.status === 0 && git.stdout) return git.stdout.split('\0').filter(Boolean);
  const skip = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.cache', '.runs']);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(child);
      } else if (e.isFile()) out.push(child);
    }
  };
  walk('');
  return out;
}

// Built from pieces so that this file does not match itself.
const slash = '/';
const backslash = '\\';
/** Home-folder names that are container users in Dockerfile examples, not people's machines. */
const CONTAINER_USERS = new Set(['app', 'node', 'user', 'nonroot', 'appuser', 'runner', 'jenkins', 'vscode', 'coder', 'gradle', 'circleci']);

/**
 * The folder this checkout sits in (e.g. the workplace folder of the machine that runs the tests), or null
 * when it is a folder every machine has — the file-system root or the temporary folder (a clone in /tmp):
 * Dockerfile examples name /tmp/ for what it is inside an image.
 */
function checkoutParent(): string | null {
  const parent = path.dirname(REPO_ROOT);
  const shared = [path.parse(parent).root, os.tmpdir(), '/tmp', '/var/tmp'].map((p) => path.resolve(p));
  return shared.includes(path.resolve(parent)) ? null : parent;
}

function machinePaths(line: string): string[] {
  const found: string[] = [];
  const parent = checkoutParent();
  if (parent && line.includes(parent + path.sep)) found.push(parent + path.sep);
  for (const m of line.matchAll(new RegExp(`${slash}home${slash}([A-Za-z0-9._-]+)${slash}`, 'g'))) {
    if (!CONTAINER_USERS.has(m[1])) found.push(m[0]);
  }
  for (const m of line.matchAll(new RegExp(`${slash}Users${slash}[A-Za-z][^/\\s]*${slash}`, 'g'))) found.push(m[0]);
  for (const m of line.matchAll(new RegExp(`[A-Za-z]:(${backslash}${backslash}){1,2}Users(${backslash}${backslash}){1,2}`, 'gi'))) found.push(m[0]);
  for (const m of line.matchAll(new RegExp(`(^|[\\s'"\`(=])${slash}work${slash}[A-Za-z]`, 'g'))) found.push(m[0].trim());
  return found;
}

test('no tracked file contains an absolute path of a developer machine', () => {
  const files = trackedFiles();
  assert.ok(files.length > 50, `found ${files.length} files`);
  const hits: string[] = [];
  for (const rel of files) {
    if (/\.(png|jpg|gif|ico|vsix|tgz|woff2?)$/i.test(rel)) continue;
    let text: string;
    try {
      text = fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    text.split('\n').forEach((line, k) => {
      for (const p of machinePaths(line)) hits.push(`${rel}:${k + 1}: ${p}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the check catches the paths it is meant to catch', () => {
  const home = [slash + 'home', 'alice', 'src', 'x'].join(slash);
  const mac = [slash + 'Users', 'Bob', 'x'].join(slash);
  const win = ['C:', 'Users', 'carol', 'x'].join(backslash);
  const work = `Corpus: ${slash}work${slash}shared${slash}corpus.`;
  const parent = checkoutParent();
  for (const line of [home, mac, win, work, ...(parent ? [`see ${parent}${path.sep}shared`] : [])]) {
    assert.notDeepEqual(machinePaths(line), [], line);
  }
  // A clone in the temporary folder: examples that name /tmp/ inside an image are not its parent folder.
  assert.deepEqual(machinePaths('RUN cd /tmp/ && make'), []);
  for (const line of ['WORKDIR /home/app', 'target=/root/.cache/pip', 'COPY --from=build /workspace/out /app', '../shared/corpus']) {
    assert.deepEqual(machinePaths(line), [], line);
  }
});
