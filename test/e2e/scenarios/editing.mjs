// Editing scenarios: the exec-form quick fix, and the grammar's scopes.
import { check } from '../lib/harness.mjs';
import { plain } from '../lib/workbench.mjs';

const EXEC_FORM = /CMD \[\s*"nginx",\s*"-g",\s*"daemon off;"\s*\]/;

/** (3) shell-form CMD → Ctrl+. → the exec-form conversion → the editor holds the JSON array */
export const quickFix = {
  id: 'quick-fix',
  title: 'Quick Fix converts a shell-form CMD to exec form',
  async run({ wb, page, shot, log }) {
    await wb.openFile('Dockerfile.quickfix');
    // wait for the diagnostic, so the server has answered for this document
    await wb.problems((t) => t.includes('cmd-shell-form'));
    const menu = page.locator('.action-widget');
    const choice = menu.locator('.monaco-list-row', { hasText: /exec/i }).first();
    let offered = '';
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      await page.keyboard.press('Escape');
      await wb.clickText('nginx', 'CMD nginx');
      await page.keyboard.press('Control+.');
      await menu.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
      if (await choice.isVisible().catch(() => false)) break;
      offered = plain(await menu.innerText().catch(() => '<no Quick Fix menu>'));
      wb.seen.quickFixMenu = offered;
    }
    offered = plain(await menu.innerText().catch(() => '<no Quick Fix menu>'));
    wb.seen.quickFixMenu = offered;
    log(`Quick Fix menu: ${JSON.stringify(offered)}`);
    check(await choice.isVisible().catch(() => false), 'the Quick Fix menu offers no exec-form conversion');
    await shot('quickfix');
    // choose with the keyboard, as a user does (a pointer block covers the menu until the mouse moves)
    for (let i = 0; i < 20; i++) {
      const focused = plain(await menu.locator('.monaco-list-row.focused').first().innerText().catch(() => ''));
      if (/exec/i.test(focused)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 15_000;
    let text = await wb.editorText();
    while (!EXEC_FORM.test(text) && Date.now() < deadline) {
      await page.waitForTimeout(200);
      text = await wb.editorText();
    }
    check(EXEC_FORM.test(text), 'the editor does not hold CMD ["nginx", "-g", "daemon off;"] after the fix');
    check(!text.includes('CMD nginx -g'), 'the shell-form CMD is still in the editor');
    await wb.waitForProblems((t) => !t.includes('cmd-shell-form'), { timeout: 20_000 });
    check(!wb.seen.problems.includes('cmd-shell-form'), 'cmd-shell-form is still reported after the fix');
  },
};

/** Inspects the TextMate scopes at `needle` with "Developer: Inspect Editor Tokens and Scopes". */
async function scopesAt(wb, needle, line) {
  const { page } = wb;
  await page.keyboard.press('Escape');
  await wb.clickText(needle, line);
  await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  await widget.waitFor({ state: 'visible', timeout: 15_000 });
  // the widget first renders its header, then the token's scopes once tokenization is known
  const deadline = Date.now() + 15_000;
  let text = plain(await widget.innerText());
  while (!/textmate scopes/i.test(text) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    text = plain(await widget.innerText());
  }
  wb.seen[`scopes at ${needle}`] = text;
  return text;
}

/** (7) the grammar's scopes apply to an exec-form array and to a heredoc */
export const grammar = {
  id: 'grammar',
  title: 'grammar scopes apply to an exec-form array and a heredoc',
  async run({ wb, log }) {
    await wb.openFile('Dockerfile.grammar');
    const arr = await scopesAt(wb, 'bin/sh', 'ENTRYPOINT [');
    log(`scopes in the exec-form array: ${JSON.stringify(arr.slice(arr.search(/textmate scopes/i)))}`);
    check(arr.includes('source.dockerfile'), 'the exec-form token has no source.dockerfile scope');
    check(/string\.quoted\.double/.test(arr), 'the exec-form element is not scoped as a double-quoted string');

    const body = await scopesAt(wb, 'apk', 'apk add');
    log(`scopes in the heredoc body: ${JSON.stringify(body.slice(body.search(/textmate scopes/i)))}`);
    check(/heredoc/i.test(body), 'the heredoc body has no heredoc scope');
  },
};

/**
 * Issue 14: Fix All on `ENTRYPOINT python app.py` + `CMD ["--port", "8080"]` applies only the
 * same-behaviour conversion (exec in the kept shell) and the dropped CMD stays in the Problems panel.
 */
export const fixAll = {
  id: 'fix-all',
  title: 'Fix All keeps the dropped CMD visible in Problems',
  async run({ wb, page, shot, log }) {
    await wb.openFile('Dockerfile.fixall');
    const before = await wb.problems((t) => t.includes('entrypoint-shell-form') && t.includes('cmd-ignored-by-shell-entrypoint'));
    check(before.includes('cmd-ignored-by-shell-entrypoint'), 'cmd-ignored-by-shell-entrypoint is not listed before Fix All');
    await wb.clickText('python', 'ENTRYPOINT python');
    await wb.runCommand('Fix All');
    const deadline = Date.now() + 20_000;
    let text = await wb.editorText();
    while (!text.includes('exec python app.py') && Date.now() < deadline) {
      await page.waitForTimeout(200);
      text = await wb.editorText();
    }
    log(`editor after Fix All: ${JSON.stringify(text)}`);
    check(/ENTRYPOINT \[\s*"\/bin\/sh",\s*"-c",\s*"exec python app\.py"\s*\]/.test(text), 'Fix All did not write the same-behaviour conversion');
    check(text.includes('CMD ["--port", "8080"]'), 'Fix All touched the CMD');
    const after = await wb.waitForProblems((t) => !t.includes('entrypoint-shell-form') && t.includes('cmd-ignored-by-shell-entrypoint'), { timeout: 20_000 });
    await shot('fix-all');
    check(!after.includes('entrypoint-shell-form'), 'entrypoint-shell-form is still listed after Fix All');
    check(after.includes('cmd-ignored-by-shell-entrypoint'), 'the dropped CMD is no longer reported after Fix All: "no problems" while the CMD is ignored');
  },
};
