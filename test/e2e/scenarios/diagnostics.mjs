// Problems panel scenarios: diagnostics with their codes, and a rule switched off live.
import { check } from '../lib/harness.mjs';

// Codes from the rule catalogue (issues 4 and 5) that test/e2e/workspace/Dockerfile triggers.
const EXPECTED = ['copy-outside-context', 'add-prefer-copy', 'cmd-shell-form'];
const hasAll = (codes) => (t) => codes.every((c) => t.includes(c));

/** (1) the Problems panel lists our diagnostics, each with its code */
export const problems = {
  id: 'problems',
  title: 'Problems panel lists the diagnostics with their codes',
  async run({ wb, shot }) {
    await wb.openFile('Dockerfile');
    const text = await wb.problems(hasAll(EXPECTED));
    for (const code of EXPECTED) check(text.includes(code), `Problems panel does not list ${code}`);
    check(text.includes('dockerfile-notes'), 'Problems panel does not name the source dockerfile-notes');
    await shot('problems');
  },
};

/** (4) a rule switched off in the settings disappears without a reload */
export const ruleOff = {
  id: 'rule-off',
  title: 'a rule switched off in settings disappears from Problems without reload',
  async run({ wb, settings, log }) {
    await wb.openFile('Dockerfile');
    let text = await wb.problems(hasAll(EXPECTED));
    check(text.includes('add-prefer-copy'), 'add-prefer-copy is not listed before the setting changes');
    settings({ 'dockerfileNotes.rules': { 'add-prefer-copy': 'off' } });
    log('wrote .vscode/settings.json with add-prefer-copy: off');
    // the other rules keep reporting: proves the server is alive and re-validated, not just cleared
    text = await wb.waitForProblems((t) => !t.includes('add-prefer-copy') && t.includes('cmd-shell-form'));
    check(!text.includes('add-prefer-copy'), 'add-prefer-copy is still listed after switching it off');
    check(text.includes('cmd-shell-form') && text.includes('copy-outside-context'),
      'the other diagnostics vanished too');
    settings({ 'dockerfileNotes.rules': { 'add-prefer-copy': 'error' } });
    log('wrote .vscode/settings.json with add-prefer-copy: error');
    text = await wb.waitForProblems((t) => t.includes('add-prefer-copy'));
    check(text.includes('add-prefer-copy'), 'add-prefer-copy did not come back when switched on again');
  },
};
