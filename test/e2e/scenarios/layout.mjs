// The hover layout of issue 17 in the real editor: the user's notes first, the gist, a line of links that
// open the bundled pages inside VS Code (a Markdown preview, no "open external website?" prompt), in
// English and in Chinese; the rule code in the Problems panel opens the bundled rule page the same way.
import { check } from '../lib/harness.mjs';

const COPY_LINE = 'COPY package.json ./';
const USER_NOTE = 'Copy the lock file'; // from the COPY section of workspace/team-notes.md

/** Tabs of the editor area, by their label. */
const tabLabels = (page) => page.evaluate(() => [...document.querySelectorAll('.tabs-container .tab')]
  .map((t) => t.getAttribute('aria-label') ?? t.textContent ?? ''));

/** True when a modal dialog (such as "Do you want Code to open the external website?") is on screen. */
const dialogShown = (page) => page.evaluate(() => [...document.querySelectorAll('.monaco-dialog-box')]
  .some((e) => e.offsetParent !== null));

/** Waits until a tab whose label contains `label` exists; returns the labels seen last. */
async function waitForTab(page, label, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let labels = [];
  while (Date.now() < deadline) {
    labels = await tabLabels(page);
    if (labels.some((l) => l.includes(label))) return labels;
    await page.waitForTimeout(250);
  }
  return labels;
}

/** Clicks the link `text` inside the visible hover. */
async function clickHoverLink(page, text) {
  const link = page.locator('.monaco-hover a', { hasText: text }).first();
  await link.waitFor({ state: 'visible', timeout: 10_000 });
  await link.click();
}

async function checkCopyHover({ wb, page, shot, log }, { gist, fullNote, picture, note, notePicture }) {
  await wb.openFile('Dockerfile');
  const text = await wb.hover('COPY', (t) => t.includes(USER_NOTE) && gist.test(t) && t.includes(fullNote), { line: COPY_LINE });
  log(`COPY hover: ${text.length} characters of text`);
  check(text.includes(USER_NOTE), 'the COPY hover does not show the COPY section of team-notes.md');
  check(gist.test(text), `the COPY hover does not show the gist (${gist})`);
  check(text.indexOf(USER_NOTE) < text.search(gist), 'the user note does not come before the built-in gist');
  check(text.includes(fullNote) && text.includes('Dockerfile'), 'the line of links is missing');
  check(!/dockerfile-notes explain/.test(text), 'the hover still ends with a CLI command');
  await shot(picture);

  await clickHoverLink(page, fullNote);
  const labels = await waitForTab(page, note);
  wb.seen.tabs = labels.join(' | ');
  check(!(await dialogShown(page)), '"Full note" asked to open an external website');
  check(labels.some((l) => l.includes(note)), `"Full note" did not open the bundled ${note} in a preview`);
  if (notePicture) {
    // Let the hover close and the preview's webview render before the picture.
    await page.mouse.move(700, 850);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2500);
    await shot(notePicture);
  }
}

/** English: user note first, gist, links; "Full note" opens notes/en/instructions/copy.md in a preview. */
export const hoverLayout = {
  id: 'hover-layout',
  title: 'the COPY hover: user note first, gist, and "Full note" opens the bundled note in a preview',
  settings: { 'dockerfileNotes.notes.paths': ['team-notes.md'] },
  async run(ctx) {
    await checkCopyHover(ctx, { gist: /Missing destination folders are created/, fullNote: 'Full note', picture: 'hover', note: 'copy.md', notePicture: 'full-note' });
  },
};

/** Chinese: the same layout; the gist says COPY creates missing folders; the link opens the zh-cn note. */
export const hoverLayoutChinese = {
  id: 'hover-layout-zh-cn',
  title: 'the Chinese COPY hover: user note first, a gist that says missing folders are created, 完整笔记 opens the note',
  settings: { 'dockerfileNotes.notes.language': 'zh-cn', 'dockerfileNotes.notes.paths': ['team-notes.md'] },
  async run(ctx) {
    await checkCopyHover(ctx, { gist: /缺失的目录会自动创建/, fullNote: '完整笔记', picture: 'hover-zh-cn', note: 'copy.md' });
  },
};

/** The rule code of a diagnostic opens docs/rules/<code>.md from the package, in the Problems panel. */
export const offlineLinks = {
  id: 'offline-links',
  title: 'a rule code in the Problems panel opens the bundled rule page in a preview, without a prompt',
  async run({ wb, page, log }) {
    await wb.openFile('Dockerfile');
    await wb.problems((t) => t.includes('copy-outside-context'));
    const link = page.locator('.markers-panel a.monaco-link', { hasText: 'copy-outside-context' }).first();
    await link.waitFor({ state: 'visible', timeout: 15_000 });
    const href = await link.getAttribute('href');
    log(`rule code link: ${href}`);
    check(/^command:dockerfileNotes\.openPage/.test(href ?? ''), `the rule code links to ${href}, not to the bundled page`);
    await link.click();
    const labels = await waitForTab(page, 'copy-outside-context.md');
    wb.seen.tabs = labels.join(' | ');
    check(!(await dialogShown(page)), 'the rule code asked to open an external website');
    check(labels.some((l) => l.includes('copy-outside-context.md')), 'the rule page did not open in the editor');
  },
};
