// Small hostile inputs that once froze the CLI, exhausted its memory or lost findings (issue 18), run through
// the built CLI in a child process so that the test's `timeout` really stops a run that hangs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI_JS, ensureBuilt, tree } from '../helpers/cli';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `dockerfile-notes` asynchronously; the child is killed when the test is aborted (its timeout). */
function runCli(args: string[], cwd: string, signal: AbortSignal): Promise<Run> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd, signal, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** ARG A=xxxxxxxx, then each ARG repeats the previous one eight times: 8^9 characters at the last one. */
function expansionBomb(levels: number): string {
  let text = 'FROM alpine\nARG V0=xxxxxxxx\n';
  for (let i = 1; i < levels; i++) text += `ARG V${i}=${`$V${i - 1}`.repeat(8)}\n`;
  return text;
}

test('an ARG expansion bomb is stopped at the value limit and COPY ../secrets still gets its error', { timeout: 20_000 }, async (t) => {
  // 9 levels (134 million characters) took 38 s and 900 MB; 12 levels threw inside the COPY/ADD checks,
  // which lost the copy-outside-context error and exited 0.
  for (const levels of [9, 12]) {
    const text = `${expansionBomb(levels)}COPY $V${levels - 1} ../secrets /x/\n`;
    assert.ok(text.length < 504);
    const root = tree({ Dockerfile: text });
    const r = await runCli(['check', '--format', 'compact', 'Dockerfile'], root, t.signal);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.some((l) => /^Dockerfile:\d+:\d+: error .*\[copy-outside-context\]$/.test(l)), r.out + r.err);
    const incomplete = lines.filter((l) => /\[analysis-incomplete\]$/.test(l));
    assert.equal(incomplete.length, 1, r.out);
    assert.match(incomplete[0], new RegExp(`^Dockerfile:${levels + 2}:6: error This value is too large to resolve \\(over 100,000 characters\\), so the COPY/ADD checks skipped it\\.`));
    assert.equal(r.code, 2, 'a skipped check is not "no problems"');
    assert.doesNotMatch(r.err, /failed/);
    const allowed = await runCli(['check', '--allow-incomplete', '--format', 'compact', 'Dockerfile'], root, t.signal);
    assert.equal(allowed.code, 1, 'only the real error is left');
  }
});
