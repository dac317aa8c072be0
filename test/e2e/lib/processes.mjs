// Finds our language server processes (for the scenarios that kill or watch them). Linux /proc only.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Node processes running dist/server.js (or the file `entry` names) from `extensionsDir` (one
 * code-server's extensions dir), each with the pid of the extension host that forked it
 * (vscode-languageclient passes --clientProcessId=<pid> to the servers it starts). Zombies count as gone.
 * @returns {{ pid: number, host: string | undefined }[]}
 */
export function languageServers(extensionsDir, entry = '/dist/server.js') {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args;
    let state;
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      state = readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    } catch {
      continue; // ended meanwhile
    }
    if (state === 'Z') continue;
    if (!args.some((a) => a.startsWith(`${extensionsDir}/`) && a.endsWith(entry))) continue;
    const host = args.find((a) => a.startsWith('--clientProcessId='))?.split('=')[1];
    found.push({ pid: Number(name), host });
  }
  return found;
}

/** Polls `fn` every 100 ms until it returns something truthy (returned) or `timeout` ms pass (undefined). */
export async function poll(page, fn, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await page.waitForTimeout(100);
  }
}
