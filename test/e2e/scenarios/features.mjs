// Editor-feature scenarios: completion after `COPY --from=`, the Outline view, F12 on a stage name,
// F2 rename, Format Document, `dockerfileNotes.features` turning features off live, and `auto` beside a
// second Dockerfile language server (a stand-in for Microsoft's Docker extension).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../lib/harness.mjs';
import { languageServers } from '../lib/processes.mjs';
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

// The stand-in's server and ours, told apart: its keyword items carry their arguments in the label
// (`COPY source dest`), ours are the bare keyword; its outline is a flat list of keywords, ours groups
// the instructions (`WORKDIR /app`) under the stages (`build`, `stage 1`).
const PEER_COPY_ITEM = 'COPY source dest';
const OUR_COPY_ITEM = 'COPY';
const PEER_COPY_HOVER = /Copy files or folders from/; // dockerfile-language-service's COPY hover
const OUR_COPY_HOVER = /build context/i;

/** Labels offered after typing `COP` on a new line below `WORKDIR /srv`; the line is deleted again. */
async function copCompletion(wb, ready) {
  const { page } = wb;
  await typeOnNewLine(wb, 'WORKDIR /srv', 'COP');
  let labels = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await page.keyboard.press('Control+Space');
    labels = await until(page, () => suggestions(page), ready, 4_000);
    if (ready(labels)) break;
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+K'); // delete the typed line
  return labels;
}

/** The verbose trace of our client's `initialize` request in the peer code-server's logs (run.sh). */
function initializeTrace(runDir) {
  const logs = join(runDir, 'peer', 'udd', 'logs');
  if (!existsSync(logs)) return '';
  const texts = [];
  for (const session of readdirSync(logs)) {
    for (const exthost of readdirSync(join(logs, session)).filter((n) => n.startsWith('exthost'))) {
      const file = join(logs, session, exthost, 'dockerfile-notes.dockerfile-notes', 'Dockerfile Notes.log');
      if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
    }
  }
  const text = texts.find((t) => t.includes("Sending request 'initialize")) ?? '';
  return text.slice(text.indexOf("Sending request 'initialize"), text.indexOf("Received response 'initialize"));
}

/** Expands the Outline group of the extension named `name` (shown when several extensions give symbols). */
async function expandOutlineGroup(wb, name) {
  const pane = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /^\s*outline\s*$/i }) }).last();
  const row = pane.locator('.monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
}

/** Drags the side bar's right edge `by` pixels to the right. */
async function widenSideBar(page, by) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
}

/** Lists the installed extensions in the Extensions view; returns its text once `expect(text)` holds. */
async function installedExtensions(wb, expect) {
  const { page } = wb;
  await page.keyboard.press('Control+Shift+X');
  const box = page.locator('.extensions-viewlet .suggest-input-container .monaco-editor').first();
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@installed');
  const text = await until(page, () => page.evaluate(() => document.querySelector('.extensions-viewlet')?.innerText ?? '').then(plain), expect, 30_000);
  await page.keyboard.press('Escape'); // closes the search box's own suggestions, keeps the list
  return text;
}

/**
 * With a stand-in for Microsoft's Docker extension installed (test/e2e/peer/: its id, and
 * dockerfile-language-server-nodejs as its server), `dockerfileNotes.features` left at `auto` leaves
 * completion and the outline to the other server and keeps our hovers; `all` brings ours back beside it.
 */
export const bothInstalled = {
  id: 'both-installed',
  title: 'beside another Dockerfile language server, auto leaves completion and the outline to it and keeps our hovers',
  peer: true,
  // the parameters of `initialize` (which other extensions the client reported) go to the output channel
  settings: { 'dockerfileNotes.trace.server': 'verbose' },
  async run({ wb, page, runDir, settings, shot, log }) {
    await wb.openFile('Dockerfile');
    const hover = await wb.hover('COPY', (t) => OUR_COPY_HOVER.test(t) && PEER_COPY_HOVER.test(t), { line: 'COPY package.json' });
    check(OUR_COPY_HOVER.test(hover), 'our COPY note is missing from the hover beside the other Dockerfile extension');
    check(PEER_COPY_HOVER.test(hover), 'the stand-in\'s language server gives no COPY hover: is it running?');
    const peers = languageServers(join(runDir, 'peer', 'exts'), '/server/docker-langserver.js');
    check(peers.length > 0, 'no docker-langserver process of the stand-in extension is running');
    const init = initializeTrace(runDir);
    log(`initialize: ${JSON.stringify(/"otherDockerfileExtensions": \[[^\]]*\]/.exec(init)?.[0] ?? init.slice(0, 200))}`);
    check(/"otherDockerfileExtensions": \[\s*"ms-azuretools\.vscode-docker"\s*\]/.test(init),
      'our client did not report ms-azuretools.vscode-docker to the server in initialize');

    const auto = await copCompletion(wb, (l) => l.includes(PEER_COPY_ITEM));
    wb.seen.suggestions = JSON.stringify(auto);
    log(`suggestions (auto): ${JSON.stringify(auto)}`);
    check(auto.includes(PEER_COPY_ITEM), `the stand-in's completion item ${PEER_COPY_ITEM} is not offered`);
    check(!auto.includes(OUR_COPY_ITEM), 'our completion item COPY is offered too, although auto should leave completion to the other server');

    // Room for every row of the Outline: fold the workspace folder's pane (the first pane of the Explorer).
    const folders = page.locator('.pane-header').first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await openOutline(wb);
    const outlineAuto = await until(page, () => outlineText(wb), (t) => /^WORKDIR$/m.test(t));
    wb.seen.outline = outlineAuto;
    check(/^WORKDIR$/m.test(outlineAuto), 'the Outline view does not list the stand-in\'s symbols');
    // With a second symbol provider the Outline shows one group per extension, headed by its name.
    check(!outlineAuto.includes('stage 1') && !outlineAuto.includes('WORKDIR /app')
      && !outlineAuto.includes('Dockerfile Notes') && !outlineAuto.includes('e2e stand-in'),
      'the Outline view lists our symbols too, although auto should leave the outline to the other server');

    const extensions = await installedExtensions(wb, (t) => t.includes('Dockerfile Notes') && t.includes('e2e stand-in'));
    wb.seen.extensions = extensions;
    check(extensions.includes('Dockerfile Notes') && extensions.includes('e2e stand-in'),
      'the Extensions view does not list both extensions');
    await widenSideBar(page, 280); // room for the stand-in's whole name in the screenshot
    const shown = await wb.hover('COPY', (t) => OUR_COPY_HOVER.test(t) && PEER_COPY_HOVER.test(t), { line: 'COPY package.json' });
    check(OUR_COPY_HOVER.test(shown), 'the COPY hover lost our note');
    await shot('both-installed');
    await page.mouse.move(2, 2);

    // The same probes see our features once `all` brings them back: they can tell the two servers apart.
    settings({ 'dockerfileNotes.trace.server': 'verbose', 'dockerfileNotes.features': 'all' });
    log('wrote .vscode/settings.json with dockerfileNotes.features: "all"');
    await page.keyboard.press('Control+Shift+E');
    await openOutline(wb);
    const groups = await until(page, () => outlineText(wb), (t) => t.includes('Dockerfile Notes') && t.includes('e2e stand-in'));
    wb.seen.outline = groups;
    check(groups.includes('Dockerfile Notes') && groups.includes('e2e stand-in'),
      'with features: "all" the Outline view does not show a group for each server');
    await expandOutlineGroup(wb, 'Dockerfile Notes');
    const outlineAll = await until(page, () => outlineText(wb), (t) => t.includes('stage 1'));
    wb.seen.outline = outlineAll;
    check(outlineAll.includes('stage 1'), 'with features: "all" the Outline view does not list our stages');
    const all = await copCompletion(wb, (l) => l.includes(PEER_COPY_ITEM) && l.includes(OUR_COPY_ITEM));
    wb.seen.suggestions = JSON.stringify(all);
    log(`suggestions (all): ${JSON.stringify(all)}`);
    check(all.includes(OUR_COPY_ITEM) && all.includes(PEER_COPY_ITEM), 'with features: "all" the suggestions do not hold both servers\' COPY items');
  },
};
