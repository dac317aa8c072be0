// Workspace trust (issue 9): workspace settings that point at files are ignored in Restricted Mode.
// Runs against the code-server that keeps workspace trust on (run.sh starts it; `trust: true`).
import { join } from 'node:path';
import { check } from '../lib/harness.mjs';
import { languageServers, poll } from '../lib/processes.mjs';

const MARKER = 'teal-otter'; // only in the ## CMD section of test/e2e/workspace/team-notes.md
const BUILT_IN = /The default command \(or the default arguments of ENTRYPOINT\)/; // the first sentence of the built-in CMD note
const CMD_LINE = 'CMD node';

/** The modal trust dialog shown when the folder opens; answers it with the button labelled `label`. */
async function answerTrustDialog(page, label) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await dialog.innerText();
  check(/trust the authors/i.test(text), `the dialog shown on opening is not the trust dialog: ${JSON.stringify(text)}`);
  await dialog.locator('.monaco-button', { hasText: label }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** The CMD hover once it shows the built-in note and, when `withUserNote`, the user's section as well. */
function cmdHover(wb, withUserNote) {
  return wb.hover('CMD', (t) => BUILT_IN.test(t) && (!withUserNote || t.includes(MARKER)), { line: CMD_LINE });
}

export const trust = {
  id: 'trust',
  title: 'in Restricted Mode notes.paths from the workspace is ignored; granting trust applies it',
  trust: true,
  openFolder: false, // the trust dialog comes first
  settings: {
    'dockerfileNotes.notes.paths': ['team-notes.md'],
    // not restricted, so it applies in Restricted Mode too: the configuration the server receives
    // is written to the run's exthost log (read it when this scenario fails)
    'dockerfileNotes.trace.server': 'verbose',
  },
  async run({ wb, page, folder, runDir, log }) {
    const extensionsDir = join(runDir, 'trust', 'exts'); // the trust code-server's (run.sh)
    const before = new Set(languageServers(extensionsDir).map((s) => s.pid));
    await page.goto(`${wb.baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await answerTrustDialog(page, "No, I don't trust the authors");
    log('answered the trust dialog: no (Restricted Mode)');
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    const banner = await page.locator('.statusbar').innerText().catch(() => '');
    check(/restricted mode/i.test(banner), `the status bar does not say Restricted Mode: ${JSON.stringify(banner)}`);

    await wb.openFile('Dockerfile');
    const started = await poll(page, () => {
      const found = languageServers(extensionsDir).filter((s) => !before.has(s.pid));
      return found.length ? found : undefined;
    });
    check(started?.length === 1, `expected one language server process for this window, found ${JSON.stringify(started)}`);
    const [{ pid: untrustedPid, host }] = started;
    // The server answers a hover only after it has read the settings for the file, so a hover that shows
    // the built-in note was computed with the settings the restricted workspace gives it.
    let text = await cmdHover(wb, false);
    check(BUILT_IN.test(text), 'in Restricted Mode the CMD hover does not show the built-in CMD note');
    check(!text.includes(MARKER) && !text.includes('team-notes'),
      'in Restricted Mode the CMD hover shows the section of team-notes.md, which only a workspace setting names');

    await page.mouse.move(2, 2);
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    const editor = page.locator('.workspace-trust-editor');
    const trustButton = editor.locator('.monaco-button', { hasText: /^Trust$/ });
    await trustButton.waitFor({ state: 'visible', timeout: 15_000 });
    wb.seen.trustEditor = await editor.innerText();
    await trustButton.click();
    await page.waitForFunction(() => !/restricted mode/i.test(document.querySelector('.statusbar')?.innerText ?? ''),
      null, { timeout: 15_000 });
    log('granted trust (Manage Workspace Trust → Trust)');
    // the client restarts the server when trust is granted (workspace.onDidGrantWorkspaceTrust)
    const restarted = await poll(page, () => languageServers(extensionsDir)
      .find((s) => s.host === host && s.pid !== untrustedPid));
    check(restarted, `granting trust did not restart the language server (pid ${untrustedPid})`);
    log(`the server was restarted: pid ${untrustedPid} → ${restarted.pid}`);

    // back to the Dockerfile's tab (the trust editor is in front of it)
    await page.locator('.tabs-container .tab', { hasText: 'Dockerfile' }).first().click();
    await page.waitForSelector('.tab.active[aria-label*="Dockerfile"]', { timeout: 15_000 });
    text = await cmdHover(wb, true);
    check(text.includes(MARKER), 'after trust was granted the CMD hover does not show the section from team-notes.md');
    check(text.includes('team-notes'), 'the user note is not labelled with its file name');
  },
};
