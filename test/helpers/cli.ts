// Running `dockerfile-notes` in tests: in-process through runCli, or the built dist/cli.js as a child
// (optionally as an unprivileged user, for permission cases that root would read through).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { runCli, type CliIo } from '../../server/src/cli';
import { REPO_ROOT } from './shared';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export function cli(argv: string[], cwd: string, extra: Partial<CliIo> = {}): CliRun {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (s) => (out += s), err: (s) => (err += s + '\n'), cwd, color: false, ...extra });
  return { code, out, err };
}

const made: string[] = [];
after(() => {
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // a mount that is still busy is reported by the test that made it
    }
  }
});

/** A temporary folder with the given files (string or Buffer content; null makes a folder), removed after the file's tests. */
export function tree(files: Record<string, string | Buffer | null>, prefix = 'dfn-cli-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) fs.mkdirSync(abs, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  return root;
}

export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

/** Builds dist/cli.js when it is missing or older than a source file (npm test has built it already). */
export function ensureBuilt(): void {
  const built = fs.existsSync(CLI_JS) ? fs.statSync(CLI_JS).mtimeMs : 0;
  const newest = newestMtime(path.join(REPO_ROOT, 'server', 'src'));
  if (built > newest && built > fs.statSync(path.join(REPO_ROOT, 'package.json')).mtimeMs) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs the built CLI as a child process. `asNobody` drops to uid/gid 65534 (only possible as root). */
export function spawnCli(args: string[], cwd: string, options: { asNobody?: boolean; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  ensureBuilt();
  return spawnSync(process.execPath, [CLI_JS, ...args], {
    cwd,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
    ...(options.asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
}

export const isRoot = process.getuid?.() === 0;

/**
 * Can an unprivileged child run the built CLI here? (It needs to reach node, dist/cli.js and the temp
 * folder.) Returns a skip reason, or false when it can.
 */
export function cannotRunAsNobody(cwd: string): string | false {
  if (process.platform === 'win32') return 'POSIX permissions only';
  if (!isRoot) return 'not root: the test runs in-process with chmod instead';
  const r = spawnCli(['--version'], cwd, { asNobody: true });
  return r.status === 0 ? false : `cannot run the CLI as nobody here: ${(r.stderr || String(r.error)).split('\n')[0]}`;
}
