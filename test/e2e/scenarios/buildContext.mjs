// The build context (issue 13): a monorepo Dockerfile built from the monorepo's root, declared in a bake
// file of the workspace, gets no false "missing" warning; the status bar shows its context; clicking it
// and picking another folder writes dockerfileNotes.buildContexts and the diagnostics follow.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../lib/harness.mjs';
import { plain } from '../lib/workbench.mjs';

const DOCKERFILE = 'monorepo/services/api/Dockerfile';

/** The text of our status bar item once `expect(text)` holds (or the last text seen). */
async function statusItem(wb, expect, timeout = 45_000) {
  const item = wb.page.locator('.statusbar-item', { hasText: /Build context:/ }).first();
  const deadline = Date.now() + timeout;
  let text = '';
  do {
    text = plain(await item.innerText({ timeout: 1_000 }).catch(() => ''));
    if (expect(text)) break;
    await wb.page.waitForTimeout(250);
  } while (Date.now() < deadline);
  wb.seen.statusBar = text;
  return { item, text };
}

export const buildContext = {
  id: 'build-context',
  title: 'a monorepo Dockerfile built from its root: no false warning, the status bar shows the context, picking a folder sets it',
  async run({ wb, page, folder, log }) {
    await wb.openFile(DOCKERFILE);
    // cmd-shell-form proves the server has answered for this file; no source of it may be "missing".
    let problems = await wb.problems((t) => t.includes('cmd-shell-form'));
    check(problems.includes('cmd-shell-form'), 'no diagnostics arrived for the monorepo Dockerfile');
    check(!problems.includes('copy-source-missing'), 'a source of the monorepo Dockerfile is reported missing although the bake file builds it from monorepo/');
    let { item, text } = await statusItem(wb, (t) => /Build context: monorepo\b/.test(t));
    log(`status bar: ${JSON.stringify(text)}`);
    check(/Build context: monorepo\s*$/.test(text), `the status bar does not show the declared build context monorepo: ${JSON.stringify(text)}`);

    const hover = await wb.hover('package.json', (t) => /Build context: monorepo/.test(t), { line: 'COPY package.json' });
    check(/It exists \(a file\)/.test(hover), 'the hover on package.json does not say it exists in the context');
    check(/Build context: monorepo — declared for bake target api in docker-bake\.hcl:\d+/.test(hover),
      'the hover on package.json does not name the build context and the bake file that declares it');

    // Click it: the picker lists the candidate folders; choose the Dockerfile's own folder.
    await page.keyboard.press('Escape');
    await item.click();
    const input = page.locator('.quick-input-widget');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const row = input.locator('.monaco-list-row', { hasText: 'monorepo/services/api' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    wb.seen.picker = plain(await input.innerText().catch(() => ''));
    log(`picker: ${JSON.stringify(wb.seen.picker)}`);
    check(/Choose another folder/.test(wb.seen.picker), 'the picker does not offer another folder');
    await row.click();

    const settingsFile = join(folder, '.vscode', 'settings.json');
    const read = () => {
      try {
        return JSON.parse(readFileSync(settingsFile, 'utf8'));
      } catch {
        return null; // not written yet, or half-written
      }
    };
    const deadline = Date.now() + 20_000;
    let written = read();
    while (!written?.['dockerfileNotes.buildContexts'] && Date.now() < deadline) {
      await page.waitForTimeout(200);
      written = read();
    }
    check(existsSync(settingsFile), 'no .vscode/settings.json was written');
    log(`settings: ${JSON.stringify(written)}`);
    check(written['dockerfileNotes.buildContexts']?.[DOCKERFILE] === 'monorepo/services/api',
      `dockerfileNotes.buildContexts does not map ${DOCKERFILE} to monorepo/services/api: ${JSON.stringify(written)}`);
    // In that folder the root files are really missing: the diagnostics and the status bar follow.
    problems = await wb.waitForProblems((t) => t.includes('copy-source-missing'));
    check(problems.includes('copy-source-missing'), 'the diagnostics did not follow the new build context');
    ({ text } = await statusItem(wb, (t) => t.includes('monorepo/services/api')));
    check(text.includes('Build context: monorepo/services/api'), `the status bar did not follow the setting: ${JSON.stringify(text)}`);
  },
};
