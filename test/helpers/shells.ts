// The real shells the differential tests run: dash (Debian's /bin/sh), bash, and BusyBox ash (Alpine's
// /bin/sh, reached through a link named `ash`, which BusyBox dispatches on). CI installs them with apt
// (.ci/run); a machine without one skips the tests that need it, saying which.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export type ShellName = 'dash' | 'bash' | 'ash';

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':').concat(['/usr/bin', '/bin'])) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** Paths of the shells found, in `dir` (an `ash` link to busybox is made there). */
export function findShells(dir: string): Partial<Record<ShellName, string>> {
  const out: Partial<Record<ShellName, string>> = {};
  const dash = which('dash');
  const bash = which('bash');
  const busybox = which('busybox');
  if (dash) out.dash = dash;
  if (bash) out.bash = bash;
  if (busybox) {
    const link = path.join(dir, 'ash');
    if (!fs.existsSync(link)) fs.symlinkSync(busybox, link);
    if (spawnSync(link, ['-c', 'true']).status === 0) out.ash = link;
  }
  return out;
}

export function missingShells(found: Partial<Record<ShellName, string>>): string {
  const missing = (['dash', 'bash', 'ash'] as const).filter((s) => !found[s]).map((s) => (s === 'ash' ? 'busybox' : s));
  return missing.length ? `not installed: ${missing.join(', ')} (apt-get install -y ${missing.join(' ')})` : '';
}
