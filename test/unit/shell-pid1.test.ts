// The messages say which shell stays PID 1: checked here against the real shells. For each script shape,
// the program at the end prints its parent's pid; when the shell replaced itself with the program (as
// `exec` does), that parent is this test process. The model (scriptShape + shellStays) must never claim
// "replaced" when the shell stayed, and dash must stay for every shape but `exec`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { scriptShape, shellStays, withExec } from '../../server/src/engine/model/shell/script';
import { findShells, missingShells, type ShellName } from '../helpers/shells';

let dir = '';
let shells: Partial<Record<ShellName, string>> = {};
let env: NodeJS.ProcessEnv = {};

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-pid1-'));
  shells = findShells(dir);
  const printer = path.join(dir, 'prog');
  fs.writeFileSync(printer, '#!/bin/sh\nprintf "ppid=%s args=%s\\n" "$PPID" "$*" >&2\n');
  fs.chmodSync(printer, 0o755);
  env = { PATH: `${dir}:/usr/bin:/bin`, X: 'x y', LANG: 'C.UTF-8' };
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** True when the shell replaced itself with `prog` (its parent is this process); null when prog did not run (`true || prog`). */
function replaced(shell: string, script: string): boolean | null {
  const r = spawnSync(shell, ['-c', script], { env, cwd: dir, encoding: 'utf8' });
  const m = /ppid=(\d+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) === process.pid : null;
}

const SCRIPTS = [
  'prog a b', 'prog "$X" *', 'X=1 prog', 'cd / && prog', 'true; prog', 'false || prog', 'exec prog', 'cd / && exec prog',
  'prog >/dev/null', 'true | prog', '(prog)', '{ prog; }', 'trap "" TERM; prog', 'export A=1 && prog', 'prog "$@"',
  'set -e; prog', 'true && prog a', 'prog $(echo sub)', 'echo x >/dev/null; prog', 'prog; true',
];

const piece = fc.constantFrom('true', 'cd /', 'A=1', 'export B=2', 'echo hi >/dev/null', 'set -e', ': x', 'false');
const sep = fc.constantFrom(' && ', '; ', ' || ');
const last = fc.constantFrom('prog', 'prog a "b c"', 'prog $X', "prog 'q'", 'exec prog', 'prog >/dev/null', 'prog | cat');
const generated = fc.tuple(fc.array(fc.tuple(piece, sep), { maxLength: 3 }), last).map(([ps, l]) => ps.map(([p, s]) => p + s).join('') + l);

for (const name of ['dash', 'bash', 'ash'] as const) {
  test(`${name}: the model never says "replaced" when the shell stays, and dash stays unless exec`, (t) => {
    const shell = shells[name];
    if (!shell) {
      t.skip(missingShells(shells));
      return;
    }
    const check = (script: string) => {
      const shape = scriptShape(script);
      const predictedStays = shellStays(name, shape);
      // `prog; true` and friends: prog is not the last command, it never replaces the shell.
      const real = script.endsWith('; true') ? false : replaced(shell, script);
      if (real === null) return;
      if (!predictedStays) assert.equal(real, true, `${name} -c ${JSON.stringify(script)}: predicted replaced (${shape.kind}) but the shell stayed`);
      if (name === 'dash' && shape.kind !== 'exec') assert.equal(real, false, `dash -c ${JSON.stringify(script)} replaced itself`);
      // The same-behaviour fix (exec before the last command) always makes prog replace the shell.
      const fixed = withExec(script, shape);
      if (fixed) assert.notEqual(replaced(shell, fixed), false, `${name} -c ${JSON.stringify(fixed)}`);
    };
    for (const script of SCRIPTS) check(script);
    assert.equal(replaced(shell, 'prog'), name !== 'dash', 'a single command');
    fc.assert(fc.property(generated, check), { seed: 14, numRuns: 60 });
  });
}
