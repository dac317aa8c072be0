// A thin driver for the VS Code workbench served by code-server, on top of playwright-core.
// Everything waits on DOM conditions (with generous timeouts), never on fixed sleeps alone:
// hovers fade in, the language server needs a moment to start, lists render lazily.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loads playwright-core from the e2e stack (test/e2e/.cache/stack), not from the project's node_modules. */
export function loadPlaywright() {
  const where = process.env.PW_CORE;
  if (!where) throw new Error('PW_CORE is not set: run the suite through test/e2e/run.sh');
  return require(where);
}

export async function launchBrowser() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** Non-breaking spaces are how the editor renders spaces; compare text with plain ones. */
export const plain = (s) => String(s ?? '').replace(/\u00a0/g, ' ');

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    /** the last texts seen, printed when a scenario fails */
    this.seen = {};
  }

  /** Opens `folder` as the workspace and waits until the explorer lists its files. */
  async openFolder(folder) {
    const { page } = this;
    await page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /** Opens a file of the workspace through Quick Open and waits for its editor to show text. */
  async openFile(name) {
    const { page } = this;
    await page.locator('.part.sidebar .composite.title').click();
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(name);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name.split('/').pop() }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab.active[aria-label*="${name.split('/').pop()}"]`, { timeout: 15_000 });
    await page.waitForSelector('.editor-instance .view-lines .view-line', { timeout: 15_000 });
  }

  /** The text of the visible lines of the active editor, top to bottom. */
  async editorText() {
    const text = await this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => l.textContent).join('\n');
    });
    return (this.seen.editor = plain(text));
  }

  /**
   * Screen coordinates of the middle of the first character of `needle` on the first visible editor
   * line containing `line` (or `needle` when `line` is omitted). Measured with a DOM Range over the
   * rendered text nodes, so it works however the grammar splits the line into tokens.
   */
  async pointAt(needle, line = needle) {
    const pt = await this.page.evaluate(({ needle, line }) => {
      const nb = (s) => s.replace(/\u00a0/g, ' ');
      for (const el of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
        const text = nb(el.textContent);
        if (!text.includes(line)) continue;
        const at = text.indexOf(needle, text.indexOf(line));
        if (at < 0) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent.length;
          if (at < offset + len) {
            const range = document.createRange();
            range.setStart(node, at - offset);
            range.setEnd(node, at - offset + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          offset += len;
        }
      }
      return null;
    }, { needle, line });
    if (!pt) throw new Error(`text ${JSON.stringify(needle)} not found in the editor; it shows:\n${await this.editorText()}`);
    return pt;
  }

  /** Places the cursor on the first character of `needle` (on the line containing `line`). */
  async clickText(needle, line) {
    const { x, y } = await this.pointAt(needle, line);
    await this.page.mouse.click(x + 1, y);
  }

  async hoverText() {
    return plain(await this.page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
      .filter((e) => e.offsetParent !== null).map((e) => e.innerText).join('\n')));
  }

  /**
   * Hovers `needle` and returns the hover text once `expect(text)` holds (or the last text seen when it
   * never does). Moves away and back between tries: the server may still be starting.
   */
  async hover(needle, expect, { line, timeout = 45_000 } = {}) {
    const { page } = this;
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      const { x, y } = await this.pointAt(needle, line);
      await page.mouse.move(2, 2);
      await page.waitForTimeout(150);
      await page.mouse.move(x, y, { steps: 4 });
      const until = Math.min(deadline, Date.now() + 4_000);
      do {
        await page.waitForTimeout(200);
        text = await this.hoverText();
      } while (!expect(text) && Date.now() < until);
      text = await this.hoverText();
      if (expect(text)) break;
    }
    this.seen.hover = text;
    return text;
  }

  /** Opens the Problems panel and returns its text once `expect(text)` holds (or the last text seen). */
  async problems(expect, { timeout = 45_000 } = {}) {
    const { page } = this;
    await page.mouse.move(2, 2);
    await page.keyboard.press('Escape');
    if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
      await page.keyboard.press('Control+Shift+M');
    }
    await page.waitForSelector('.markers-panel', { timeout: 15_000 });
    return this.waitForProblems(expect, { timeout });
  }

  /** Re-reads the (open) Problems panel until `expect(text)` holds or the time is up. */
  async waitForProblems(expect, { timeout = 45_000 } = {}) {
    const read = async () => plain(await this.page.evaluate(
      () => document.querySelector('.markers-panel')?.innerText ?? '<no Problems panel>'));
    const deadline = Date.now() + timeout;
    let text = await read();
    while (!expect(text) && Date.now() < deadline) {
      await this.page.waitForTimeout(250);
      text = await read();
    }
    this.seen.problems = text;
    return text;
  }

  /**
   * Runs a command by its label from the Command Palette. A command whose precondition is a context key
   * (Fix All needs the editor's fix-all provider) can be missing from a palette opened a moment too early:
   * close it and open it again, three times at most.
   */
  async runCommand(label) {
    const { page } = this;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(`>${label}`);
      try {
        await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first()
          .waitFor({ state: 'visible', timeout: attempt < 3 ? 5_000 : 15_000 });
      } catch (e) {
        if (attempt >= 3) throw e;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1_000);
        continue;
      }
      await page.keyboard.press('Enter');
      return;
    }
  }

  async screenshot(path) {
    await this.page.screenshot({ path });
    return path;
  }
}
