// The in-editor suite (test/suite) through @vscode/test-electron, reported as skipped — with the reason —
// where no VS Code can be found or downloaded.
import { test } from 'node:test';
import { locateVSCode, runElectronSuite } from './runElectronTests';

test('extension-host suite in desktop VS Code (@vscode/test-electron)', async (t) => {
  const found = await locateVSCode(Number(process.env.VSCODE_DOWNLOAD_TIMEOUT_MS ?? 30000));
  if ('reason' in found) {
    t.skip(found.reason);
    return;
  }
  await runElectronSuite(found.executable);
});
