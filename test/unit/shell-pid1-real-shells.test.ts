// The fact the notes teach about shell form and PID 1, checked on the real shells of this machine: dash
// (Debian's and Ubuntu's /bin/sh) stays the process that runs `sh -c "<command>"` and starts the command as
// its child; bash and BusyBox ash replace themselves with the (last) command. A shell that is missing
// here is skipped, not assumed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** The name of the process that runs `<shell> -c "<script>"` once the script has started `sleep`. */
async function processName(shell: string[], script: string): Promise<string> {
  const child = spawn(shell[0], [...shell.slice(1), '-c', script], { stdio: 'ignore' });
  try {
    const deadline = Date.now() + 3000;
    for (;;) {
      const comm = fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim();
      // Until the script runs, the process is the shell; `sleep` appears either as it or as its child.
      const children = fs.existsSync(`/proc/${child.pid}/task/${child.pid}/children`)
        ? fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim()
        : '';
      if (comm === 'sleep' || children !== '' || Date.now() > deadline) return comm;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

function available(shell: string[]): boolean {
  return fs.existsSync('/proc/self/comm') && spawnSync(shell[0], [...shell.slice(1), '-c', 'true']).status === 0;
}

const SHELLS: Array<{ name: string; shell: string[]; stays: boolean }> = [
  { name: 'dash', shell: ['dash'], stays: true },
  { name: 'bash', shell: ['bash'], stays: false },
  { name: 'BusyBox ash', shell: ['busybox', 'sh'], stays: false },
];

for (const { name, shell, stays } of SHELLS) {
  test(`${name} -c "sleep 2" ${stays ? 'stays the process (the command is its child)' : 'becomes sleep (exec of the command)'}`, { skip: !available(shell) && `${name} is not installed` }, async () => {
    const comm = await processName(shell, 'sleep 2');
    if (stays) assert.notEqual(comm, 'sleep');
    else assert.equal(comm, 'sleep');
  });
}

test('with exec in front, dash is replaced by the command as well', { skip: !available(['dash']) && 'dash is not installed' }, async () => {
  assert.equal(await processName(['dash'], 'exec sleep 2'), 'sleep');
});
