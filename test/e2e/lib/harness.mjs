// Scenario runner: one code-server, one browser; each scenario gets a fresh page and its own copy of
// test/e2e/workspace/ (with its own .vscode/settings.json), so settings never leak between scenarios.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from './workbench.mjs';

export class AssertionError extends Error {}

/** A scenario that is still busy after this long has failed (keeps a red run short). */
const SCENARIO_LIMIT_MS = 150_000;

/** Fails the scenario with `message` unless `ok`. */
export function check(ok, message) {
  if (!ok) throw new AssertionError(message);
}

/**
 * Context handed to each scenario.
 * @typedef {{ wb: Workbench, page: import('playwright-core').Page, folder: string, runDir: string,
 *   settings: (values: object) => void, shot: (name: string) => Promise<string|undefined>,
 *   log: (msg: string) => void }} ScenarioContext
 * A scenario marked `trust: true` runs against the code-server that keeps workspace trust on
 * (`opts.trustUrl`); one marked `peer: true` against the code-server that has a stand-in for Microsoft's
 * Docker extension installed beside ours (`opts.peerUrl`); `openFolder: false` leaves opening the folder
 * to the scenario.
 */

export async function runScenarios(scenarios, opts) {
  const { browser, baseUrl, trustUrl, peerUrl, template, runDir, screenshotsDir } = opts;
  let passed = 0;
  let failed = 0;
  for (const sc of scenarios) {
    const t0 = Date.now();
    const folder = join(runDir, 'ws', sc.id);
    cpSync(template, folder, { recursive: true });
    const settings = (values) => {
      mkdirSync(join(folder, '.vscode'), { recursive: true });
      writeFileSync(join(folder, '.vscode', 'settings.json'), `${JSON.stringify(values, null, 2)}\n`);
    };
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e).slice(0, 300)));
    const wb = new Workbench(page, sc.trust ? trustUrl : sc.peer ? peerUrl : baseUrl);
    const log = (msg) => console.log(`    [${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
    /** README screenshots (only with --screenshots): docs/images/<name>.png */
    const shot = async (name) => {
      if (!screenshotsDir) return undefined;
      await page.waitForTimeout(600); // let fade-in animations settle so the picture is not half-transparent
      const path = await wb.screenshot(join(screenshotsDir, `${name}.png`));
      log(`screenshot ${path}`);
      return path;
    };
    console.log(`• ${sc.id}: ${sc.title}`);
    try {
      if (sc.trust && !trustUrl) throw new AssertionError('no code-server with workspace trust on (--trust-url)');
      if (sc.peer && !peerUrl) throw new AssertionError('no code-server with the stand-in Docker extension (--peer-url)');
      if (sc.settings) settings(sc.settings);
      if (sc.openFolder !== false) await wb.openFolder(folder);
      let timer;
      const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new AssertionError(`scenario did not finish within ${SCENARIO_LIMIT_MS / 1000}s`)),
          SCENARIO_LIMIT_MS);
      });
      try {
        await Promise.race([sc.run({ wb, page, folder, runDir, settings, shot, log }), limit]);
      } finally {
        clearTimeout(timer);
      }
      passed++;
      console.log(`  ✓ ${sc.id} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${sc.id} (${((Date.now() - t0) / 1000).toFixed(1)}s): ${err instanceof AssertionError ? err.message : err?.stack ?? err}`);
      for (const [what, text] of Object.entries(wb.seen)) {
        console.log(`    ${what} text seen: ${JSON.stringify(String(text).trim().slice(0, 1500))}`);
      }
      if (pageErrors.length) console.log(`    page errors: ${JSON.stringify(pageErrors.slice(0, 3))}`);
      const path = join(runDir, `${sc.id}-failure.png`);
      try {
        await wb.screenshot(path);
        console.log(`    screenshot: ${path}`);
      } catch (e) {
        console.log(`    (no screenshot: ${e})`);
      }
    } finally {
      await context.close();
    }
  }
  return { passed, failed };
}
