// Editor-feature scenarios: completion after `COPY --from=`, the Outline view, F12 on a stage name,
// F2 rename, Format Document, and `dockerfileNotes.features` turning features off live.
import { check } from '../lib/harness.mjs';
import { plain } from '../lib/workbench.mjs';

/** Rows of the visible suggest widget (their labels), or []. */
async function suggestions(page) {
  return page.evaluate(() => {
    const widget = [...document.querySelectorAll('.suggest-widget')].find((w) => w.classList.contains('visible') && w.getClientRects().length > 0);
    if (!widget) return [];
    return [...widget.querySelectorAll('.monaco-list-row .label-name')].map((e) => e.textContent.replace(/\u00a0/g, ' ').trim());
  });
}

/** Puts the cursor at the end of the line containing `line`, opens a new line below and types `text`. */
async function typeOnNewLine(wb, line, text) {
  const { page } = wb;
  await page.keyboard.press('Escape');
  await wb.clickText(line.slice(-1), line);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 20 });
}

/** Expands the Outline view in the Explorer (its pane header says OUTLINE). */
async function openOutline(wb) {
  // The last such header: the workspace folder's own pane is titled with the folder's name.
  const header = wb.page.locator('.pane-header', { hasText: /^\s*outline\s*$/i }).last();
  await header.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

/** Text of the Outline view's body. */
async function outlineText(wb) {
  return plain(await wb.page.evaluate(() => {
    const header = [...document.querySelectorAll('.pane-header')].filter((h) => /^\s*outline\s*$/i.test(h.innerText)).pop();
    const body = header?.closest('.pane')?.querySelector('.pane-body');
    return body ? body.innerText : '<no Outline view>';
  }));
}

/** Runs "Format Document" itself from the Command Palette (not "Format Document With…"). */
async function formatCommand(wb) {
  const { page } = wb;
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>Format Document');
  const exact = page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Format Document\s*(Ctrl|Shift|Alt|$)/ }).first();
  await exact.waitFor({ state: 'visible', timeout: 15_000 });
  await exact.click();
}

/** "Ln 2, Col 27" from the status bar. */
async function cursorLine(wb) {
  const text = plain(await wb.page.evaluate(() => document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''));
  const m = /Ln (\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

async function until(page, probe, ok, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    value = await probe();
  }
  return value;
}

/** Ctrl+Space after `COPY --from=` lists the stages before the current one. */
export const completeFrom = {
  id: 'complete-from',
  title: 'Ctrl+Space after COPY --from= offers the earlier stage',
  async run({ wb, page, shot, log }) {
    await wb.openFile('Dockerfile');
    await wb.problems((t) => t.includes('cmd-shell-form')); // the server has answered for this file
    await page.keyboard.press('Escape');
    await typeOnNewLine(wb, 'COPY --from=build /app /srv', 'COPY --from=');
    let labels = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await page.keyboard.press('Control+Space');
      labels = await until(page, () => suggestions(page), (l) => l.includes('build'), 4_000);
      if (labels.includes('build')) break;
      await page.keyboard.press('Escape');
    }
    wb.seen.suggestions = JSON.stringify(labels);
    log(`suggestions: ${JSON.stringify(labels)}`);
    check(labels.includes('build'), 'the suggestions after COPY --from= do not offer the stage build');
    check(!labels.some((l) => /^[A-Z]+$/.test(l) && l !== 'build'), 'instruction keywords are offered inside --from=');
    await shot('completion');
  },
};

/** The Outline view shows the stages with their instructions. */
export const outline = {
  id: 'outline-view',
  title: 'the Outline view lists the stages and their instructions',
  async run({ wb, page, shot }) {
    await wb.openFile('Dockerfile');
    // Room for the whole outline: fold the workspace folder's pane (the first pane of the Explorer).
    const folders = page.locator('.pane-header').first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await openOutline(wb);
    const text = await until(page, () => outlineText(wb), (t) => t.includes('build') && t.includes('stage 1'));
    wb.seen.outline = text;
    check(text.includes('build'), 'the Outline view does not list the stage build');
    check(text.includes('stage 1'), 'the Outline view does not list the unnamed second stage');
    check(text.includes('WORKDIR /app'), 'the Outline view does not list the instructions of a stage');
    await shot('outline');
  },
};

/** F12 on `--from=build` moves to the line that declares the stage. */
export const gotoStage = {
  id: 'goto-stage',
  title: 'F12 on a stage name in --from jumps to its FROM … AS line',
  async run({ wb, page }) {
    await wb.openFile('Dockerfile');
    await wb.problems((t) => t.includes('cmd-shell-form'));
    await page.keyboard.press('Escape');
    let line = null;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await wb.clickText('build', 'COPY --from=build');
      await page.keyboard.press('F12');
      line = await until(page, () => cursorLine(wb), (l) => l === 2, 3_000);
      if (line === 2) break;
    }
    wb.seen.cursorLine = String(line);
    check(line === 2, `F12 on --from=build left the cursor on line ${line}, not on line 2 (FROM … AS build)`);
  },
};

/** F2 on the stage name renames it in `AS` and in `--from`. */
export const renameStage = {
  id: 'rename-stage',
  title: 'F2 renames a stage in its FROM line and in --from',
  async run({ wb, page, shot }) {
    await wb.openFile('Dockerfile');
    await wb.problems((t) => t.includes('cmd-shell-form'));
    await page.keyboard.press('Escape');
    const box = page.locator('.rename-box input, .rename-box .rename-input').first();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await wb.clickText('build', 'COPY --from=build');
      await page.keyboard.press('F2');
      if (await box.waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
    }
    check(await box.isVisible(), 'F2 opened no rename box on the stage name');
    check((await box.inputValue()) === 'build', `the rename box holds ${JSON.stringify(await box.inputValue())}, not the stage name build`);
    // Typed into the box itself, so a box that closes meanwhile cannot send the keys to the editor.
    await box.fill('compile');
    await shot('rename');
    await box.press('Enter');
    const text = await until(page, () => wb.editorText(), (t) => t.includes('AS compile') && t.includes('--from=compile'));
    check(text.includes('AS compile'), 'the FROM line still names the stage build');
    check(text.includes('--from=compile'), 'COPY --from still names build');
  },
};

const FORMATTED = [
  'FROM node:20-bookworm-slim AS build',
  'WORKDIR /app',
  'COPY package.json ./',
  'RUN npm install \\',
  '    --omit=dev \\',
  '    && npm cache clean --force',
  'CMD ["node", "src/server.js"]',
];

/** Format Document upper-cases keywords and indents continuation lines. */
export const formatDocument = {
  id: 'format',
  title: 'Format Document upper-cases keywords, indents continuations, trims trailing blanks',
  settings: { 'dockerfileNotes.format.indent': 4, 'dockerfileNotes.inlayHints.effectiveCommand': false },
  async run({ wb, page, shot }) {
    await wb.openFile('Dockerfile.format');
    let text = '';
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await page.keyboard.press('Escape');
      await wb.clickText('node', 'from node');
      await formatCommand(wb);
      text = await until(page, () => wb.editorText(), (t) => t.startsWith('FROM'), 4_000);
      if (text.startsWith('FROM')) break;
    }
    const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
    for (const expected of FORMATTED) check(lines.includes(expected), `after Format Document the editor has no line ${JSON.stringify(expected)}`);
    await shot('format');
  },
};

/** With `dockerfileNotes.features: []`, completion and the outline go away; hovers stay. */
export const featuresOff = {
  id: 'features-off',
  title: 'dockerfileNotes.features turns completion and the outline off live, hovers stay',
  async run({ wb, page, settings, shot, log }) {
    await wb.openFile('Dockerfile');
    await openOutline(wb);
    const before = await until(page, () => outlineText(wb), (t) => t.includes('build') && t.includes('WORKDIR /app'));
    check(before.includes('build'), 'the Outline view lists no stage before the setting changes');
    settings({ 'dockerfileNotes.features': [] });
    log('wrote .vscode/settings.json with dockerfileNotes.features: []');
    const after = await until(page, () => outlineText(wb), (t) => !t.includes('WORKDIR /app'));
    wb.seen.outline = after;
    check(!after.includes('WORKDIR /app'), 'the Outline view still lists our symbols after turning the feature off');
    const hover = await wb.hover('COPY', (t) => /build context/i.test(t), { line: 'COPY package.json' });
    check(/build context/i.test(hover), 'the COPY hover is gone too');
    await shot('features-off');
  },
};
