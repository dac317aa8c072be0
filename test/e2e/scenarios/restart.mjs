// Fault recovery (issue 9): when the language server process dies, the client starts it again a bounded
// number of times, then stops and says so once. The server is killed for real (SIGKILL to the node
// process running our dist/server.js), as a crash or the OOM killer would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../lib/harness.mjs';
import { languageServers, poll } from '../lib/processes.mjs';
import { plain } from '../lib/workbench.mjs';

/** More kills than this without the client giving up is a failure: the restarts must be bounded. */
const MAX_KILLS = 10;
const CODES = ['copy-outside-context', 'add-prefer-copy', 'cmd-shell-form'];
const BUILT_IN = /The default command \(or the default arguments of ENTRYPOINT\)/; // the built-in CMD note
const SERVER_NAME = 'Dockerfile Notes';

/** Texts of the notification toasts on screen now ("Source: <extension>" is part of each). */
const toasts = (page) => page.evaluate(() => [...document.querySelectorAll('.notifications-toasts .notification-toast')]
  .filter((e) => e.offsetParent !== null).map((e) => e.innerText));

const count = (text, word) => text.split(word).length - 1;

export const restart = {
  id: 'restart',
  title: 'a killed language server is restarted a bounded number of times, then one notification says so',
  async run({ wb, page, runDir, log }) {
    const extensionsDir = join(runDir, 'exts');
    const ours = (host) => languageServers(extensionsDir).filter((s) => s.host === host);
    const before = new Set(languageServers(extensionsDir).map((s) => s.pid));

    await wb.openFile('Dockerfile'); // activates the extension in this window's extension host
    let problems = await wb.problems((t) => CODES.every((c) => t.includes(c)));
    check(CODES.every((c) => problems.includes(c)), 'the diagnostics did not show before any kill');
    const started = languageServers(extensionsDir).filter((s) => !before.has(s.pid));
    check(started.length === 1, `expected one new language server process for this window, found ${JSON.stringify(started)}`);
    const host = started[0].host;
    let server = started[0].pid;
    log(`language server pid ${server} (extension host ${host})`);

    let kills = 0;
    let gaveUp;
    let adds = count(problems, 'add-prefer-copy');
    while (kills < MAX_KILLS) {
      process.kill(server, 'SIGKILL');
      kills++;
      const killed = server;
      const outcome = await poll(page, async () => {
        const next = ours(host).find((s) => s.pid !== killed);
        if (next) return { restarted: next.pid };
        const shown = (await toasts(page)).find((t) => t.includes(SERVER_NAME));
        return shown ? { notification: plain(shown) } : undefined;
      });
      wb.seen.toasts = (await toasts(page)).join('\n---\n');
      check(outcome, `after kill ${kills} neither a new server process started nor a notification showed`);
      if (outcome.notification) {
        gaveUp = outcome.notification;
        log(`kill ${kills}: no restart; notification ${JSON.stringify(gaveUp)}`);
        break;
      }
      server = outcome.restarted;
      log(`kill ${kills}: restarted as pid ${server}`);
      // The restarted server answers requests: the CMD hover comes back...
      const hover = await wb.hover('CMD', (t) => BUILT_IN.test(t), { line: 'CMD node' });
      check(BUILT_IN.test(hover), `after kill ${kills} the CMD hover did not come back`);
      // ...and it publishes diagnostics for new text (the old ones stay listed across a restart, so an
      // edit that adds one more ADD line shows that these are fresh)
      await page.mouse.move(2, 2);
      await wb.clickText('CMD', 'CMD node');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(`ADD restart-${kills}.txt /tmp/`);
      await page.keyboard.press('Escape');
      adds++;
      problems = await wb.problems((t) => count(t, 'add-prefer-copy') === adds);
      check(count(problems, 'add-prefer-copy') === adds,
        `after kill ${kills} the restarted server did not report the ADD line typed since (expected ${adds} add-prefer-copy)`);
    }
    check(gaveUp, `the client still restarted the server after ${MAX_KILLS} kills: restarts are not bounded`);
    const message = gaveUp.split('\n').filter((l) => !l.startsWith('Source:')).join('\n');
    check(message.includes(SERVER_NAME), 'the notification message does not name the server');
    const shownNow = (await toasts(page)).filter((t) => t.includes(SERVER_NAME));
    check(shownNow.length === 1, `${shownNow.length} toasts about ${SERVER_NAME} are on screen, expected one`);
    check(kills >= 2, 'the client gave up after the first kill: it never restarted the server');
    check(/not be restarted/i.test(gaveUp), 'the notification does not say the server will not be restarted');
    check(gaveUp.includes(`${kills} times`), `the notification does not give the number of crashes (${kills})`);
    check(ours(host).length === 0, 'a language server process is running although the client gave up');
    // a stopped client removes its diagnostics
    problems = await wb.problems((t) => !CODES.some((c) => t.includes(c)));
    check(!CODES.some((c) => problems.includes(c)), 'the diagnostics are still listed after the client stopped');

    // Said once: the notification centre holds every notification of this window, toasts that faded
    // included. Exactly one of them comes from (or names) our server.
    await page.mouse.move(2, 2);
    await wb.runCommand('Notifications: Show Notifications');
    const center = page.locator('.notifications-center');
    await center.waitFor({ state: 'visible', timeout: 15_000 });
    const items = (await center.locator('.notification-list-item').allInnerTexts()).map(plain);
    wb.seen.notificationCenter = items.join('\n---\n');
    const about = items.filter((t) => t.includes(SERVER_NAME));
    log(`notification centre: ${items.length} item(s), ${about.length} about ${SERVER_NAME}`);
    check(about.length === 1, `expected exactly one notification about ${SERVER_NAME}, found ${about.length}`);
    await page.keyboard.press('Escape');

    // The way back for the user: the restart command starts it again.
    await wb.runCommand(`${SERVER_NAME}: Restart Language Server`);
    const again = await poll(page, async () => ours(host)[0]);
    check(again, 'the Restart Language Server command did not start a server');
    problems = await wb.problems((t) => CODES.every((c) => t.includes(c)));
    check(CODES.every((c) => problems.includes(c)), 'the diagnostics did not come back after Restart Language Server');

    // A requested restart of a running server: the old process ends normally (exit code 0).
    const running = ours(host)[0].pid;
    // The crashes above already logged several starts: wait for the one after this restart, and for the
    // old process's end, which the client logs when the process has exited (it may come after the start).
    const startsBefore = outputLog(runDir)?.match(/started on Node/g)?.length ?? 0;
    const endsBefore = outputLog(runDir)?.match(/Server process ended normally/g)?.length ?? 0;
    await wb.runCommand(`${SERVER_NAME}: Restart Language Server`);
    const replaced = await poll(page, async () => ours(host).find((s) => s.pid !== running));
    check(replaced, 'Restart Language Server did not replace the running server');
    await poll(page, async () => (outputLog(runDir)?.match(/started on Node/g)?.length ?? 0) > startsBefore || undefined);
    await poll(page, async () => (outputLog(runDir)?.match(/Server process ended normally/g)?.length ?? 0) > endsBefore || undefined);

    // The output channel: a start line per server, no "Error" for the requested restart, no stray values.
    const text = outputLog(runDir) ?? '';
    wb.seen.outputChannel = text.split('\n').slice(-40).join('\n');
    check(/Dockerfile Notes \S+ started on Node v\d+.*declared builds:/.test(text), 'the output channel has no start line');
    check(!/\[Error[^\]]*\] Server process exited with code 0/.test(text), 'a requested restart logged an "Error" line');
    check(/Server process ended normally/.test(text), 'the normal end of the old server is not logged');
    const stray = text.split('\n').filter((l) => /^\S+ \S+ \[\w+\] (true|false|undefined|null)\s*$/.test(l));
    check(stray.length === 0, `stray values in the output channel: ${JSON.stringify(stray)}`);
  },
};

/** The "Dockerfile Notes" output channel log of the window of this scenario (the one that saw the kills). */
function outputLog(runDir) {
  const logs = join(runDir, 'udd', 'logs');
  if (!existsSync(logs)) return undefined;
  const files = [];
  for (const session of readdirSync(logs)) {
    for (const exthost of readdirSync(join(logs, session)).filter((n) => n.startsWith('exthost'))) {
      const file = join(logs, session, exthost, 'dockerfile-notes.dockerfile-notes', `${SERVER_NAME}.log`);
      if (existsSync(file)) files.push(file);
    }
  }
  // This window's log is the one that saw the kills; each window has its own extension host.
  const texts = files.map((f) => readFileSync(f, 'utf8')).filter((t) => t.includes('SIGKILL'));
  return texts.length ? texts.sort((a, b) => b.length - a.length)[0] : undefined;
}
