// Patterns built to make a backtracking matcher take exponential time, and one too large for a RegExp, run
// through the built CLI on real files. The CLI runs as a child so the test's timeout (the only time budget
// here) can end a run that hangs; before the linear matcher these took minutes or lost the COPY/ADD checks.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_JS, ensureBuilt, tree } from '../helpers/cli';

const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

interface Finding {
  code: string;
  line: number;
}

/** `check --format json` in `cwd`, asynchronously (so a hang is ended by the test's timeout). */
function check(cwd: string): Promise<{ code: number | null; findings: Finding[]; stderr: string }> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, 'check', '--format', 'json', '--allow-incomplete', '.'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      try {
        const files = JSON.parse(out) as Array<{ findings: Finding[] }>;
        resolve({ code, findings: files.flatMap((f) => f.findings), stderr: err });
      } catch {
        reject(new Error(`no JSON from the CLI (exit ${code}): ${err || out}`));
      }
    });
  });
}

const codesAt = (findings: Finding[]) => findings.map((f) => `${f.code}:${f.line}`).sort();

test('a COPY glob *a*a…*ab against a 60-character name: answered, and the other checks still run', { timeout: 30_000 }, async () => {
  const root = tree({
    [`${'a'.repeat(60)}`]: '',
    Dockerfile: `FROM alpine\nCOPY ${'*a'.repeat(30)}b /x/\nCOPY ../secret /y\n`,
  });
  const r = await check(root);
  assert.deepEqual(codesAt(r.findings), ['copy-outside-context:3', 'copy-source-missing:2']);
});

test('a .dockerignore line *a*a…*ab against a 40-character name: answered, and the line is applied', { timeout: 30_000 }, async () => {
  const name = 'a'.repeat(40);
  const root = tree({
    [name]: '',
    [`${name}b`]: '',
    '.dockerignore': `${'*a'.repeat(20)}b\n`,
    Dockerfile: `FROM alpine\nCOPY ${name} /x/\nCOPY ${name}b /y/\nCOPY ../secret /z\n`,
  });
  const r = await check(root);
  assert.deepEqual(codesAt(r.findings), ['copy-outside-context:4', 'copy-source-ignored:3']);
});

test('COPY with 50,000 ? (too large for a RegExp): the COPY/ADD checks of the file are kept', { timeout: 30_000 }, async () => {
  const root = tree({
    x: '',
    Dockerfile: `FROM alpine\nCOPY ${'?'.repeat(50_000)} /x/\nCOPY ../secret /y\n`,
  });
  const r = await check(root);
  assert.ok(codesAt(r.findings).includes('copy-outside-context:3'), JSON.stringify(r.findings));
  assert.ok(!codesAt(r.findings).some((c) => c.startsWith('analysis-incomplete')), JSON.stringify(r.findings));
});
