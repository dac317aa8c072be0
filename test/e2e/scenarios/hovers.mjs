// Hover scenarios: the built-in notes, source resolution, the user's notes, Chinese notes.
import { check } from '../lib/harness.mjs';

const COPY_LINE = 'COPY package.json ./';
const OUTSIDE_LINE = 'COPY ../secrets.env /app/';

/** (2) hover COPY → the build-context note; hover a source → where it resolves; no repeat of a diagnostic */
export const hoverCopy = {
  id: 'hover-copy',
  title: 'hover on COPY shows the build-context note, hover on a source shows its resolution',
  async run({ wb, log }) {
    await wb.openFile('Dockerfile');
    const note = await wb.hover('COPY', (t) => /build context/i.test(t), { line: COPY_LINE });
    check(/build context/i.test(note), 'the COPY hover does not mention the build context');

    const src = await wb.hover('package.json', (t) => t.includes('package.json') && /context/i.test(t),
      { line: COPY_LINE });
    log(`source hover: ${JSON.stringify(src.slice(0, 160))}`);
    check(src.includes('package.json') && /context/i.test(src),
      'the hover on the source package.json does not say where it resolves in the build context');

    // VS Code shows the copy-outside-context diagnostic of this range at the top of the hover box; our part
    // below it does not say it again and links the rule page instead.
    const outside = await wb.hover('../secrets.env', (t) => t.includes('Rule: copy-outside-context'),
      { line: OUTSIDE_LINE });
    check(/copy-outside-context/.test(outside.split('Source ../secrets.env')[0] ?? ''),
      'the hover box on ../secrets.env does not show the copy-outside-context diagnostic');
    const ours = outside.slice(outside.indexOf('Source ../secrets.env'));
    check(ours.includes('Rule: copy-outside-context'), 'the hover on ../secrets.env does not link the rule page');
    check(!/outside the build context|climbs out of the build context/i.test(ours),
      'the hover on ../secrets.env repeats what the diagnostic above it says');
  },
};

/** (5) a notes file named in dockerfileNotes.notes.paths shows in the CMD hover */
export const userNotes = {
  id: 'user-notes',
  title: 'a user notes file from dockerfileNotes.notes.paths shows in the CMD hover',
  settings: { 'dockerfileNotes.notes.paths': ['team-notes.md'] },
  async run({ wb }) {
    await wb.openFile('Dockerfile');
    const text = await wb.hover('CMD', (t) => t.includes('teal-otter'), { line: 'CMD node' });
    check(text.includes('teal-otter'), 'the CMD hover does not show the section from team-notes.md');
    check(text.includes('team-notes'), 'the user note is not labelled with its file name');
    check(!text.includes('Copy the lock file'), 'the COPY section of team-notes.md leaked into the CMD hover');
  },
};

/** (6) dockerfileNotes.notes.language: zh-cn → the hover is in Chinese */
export const chinese = {
  id: 'zh-cn',
  title: 'dockerfileNotes.notes.language zh-cn gives Chinese hovers and messages',
  settings: { 'dockerfileNotes.notes.language': 'zh-cn' },
  async run({ wb }) {
    await wb.openFile('Dockerfile');
    // 上下文 = "context", the word the notes use for the build context
    const text = await wb.hover('COPY', (t) => t.includes('上下文'), { line: COPY_LINE });
    check(/[\u4e00-\u9fff]/.test(text), 'the COPY hover has no Chinese text');
    check(text.includes('上下文'), 'the Chinese COPY hover does not mention the build context (上下文)');
    // diagnostic messages follow the same language choice (nothing else in the panel is Chinese)
    const cjk = /[\u4e00-\u9fff]/;
    const problems = await wb.problems((t) => t.includes('cmd-shell-form') && cjk.test(t));
    check(problems.includes('cmd-shell-form') && cjk.test(problems),
      'the diagnostic messages in the Problems panel are not in Chinese');
  },
};
