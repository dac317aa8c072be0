// Runs test/suite in a real VS Code (desktop) through @vscode/test-electron. Needs VS Code: either
// VSCODE_EXECUTABLE, or a download of VS Code, which machines without general internet cannot do; then it
// reports the suite as skipped with the reason (see test/electron.test.ts) instead of failing silently.
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const REPO = path.resolve(__dirname, '..');
export const VSCODE_VERSION = '1.100.0';

export async function bundleSuite(): Promise<string> {
  const outfile = path.join(REPO, 'out', 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(REPO, 'test', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.dirname(outfile);
}

/** Finds VS Code: VSCODE_EXECUTABLE, or a download (with a deadline). Returns the executable or a reason. */
export async function locateVSCode(timeoutMs = 45000): Promise<{ executable: string } | { reason: string }> {
  if (process.env.VSCODE_EXECUTABLE) return { executable: process.env.VSCODE_EXECUTABLE };
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  let timer: NodeJS.Timeout | undefined;
  try {
    const executable = await Promise.race([
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: timeoutMs }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return { executable };
  } catch (e) {
    return { reason: `VS Code ${VSCODE_VERSION} could not be downloaded (${String((e as Error)?.message ?? e).split('\n')[0]}); set VSCODE_EXECUTABLE to run this suite` };
  } finally {
    clearTimeout(timer);
  }
}

export async function runElectronSuite(executable: string): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  const extensionTestsPath = await bundleSuite();
  const workspace = path.join(REPO, 'test', 'fixtures', 'workspace');
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { DOCKERFILE_NOTES_TEST_WORKSPACE: workspace },
  });
}

if (require.main === module) {
  void (async () => {
    const found = await locateVSCode();
    if ('reason' in found) {
      console.log(`SKIPPED: ${found.reason}`);
      return;
    }
    await runElectronSuite(found.executable);
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
