// Runs the @vscode/test-electron mocha suite (test/suite, bundled to out/suite/index.js) inside the
// code-server workbench: the browser opens a window whose URL payload carries extensionDevelopmentPath
// and extensionTestsPath, exactly as @vscode/test-web does; the remote (Node) extension host then loads
// the extension from the repository and runs the suite. The workbench reports the end through
// window.codeAutomationExit(code), and the extension host's console (mocha's reporter) reaches the page
// console, which is printed here.
// Started by test/e2e/run.sh --suite:  node test/e2e/suite.mjs <baseUrl> <runDir>
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const [baseUrl, runDir] = process.argv.slice(2);
const LIMIT_MS = 5 * 60_000;

const folder = join(runDir, 'suite-workspace');
cpSync(join(root, 'test', 'fixtures', 'workspace'), folder, { recursive: true });

const authority = new URL(baseUrl).host;
const remote = (path) => `vscode-remote://${authority}${path}`;
const payload = [
  ['extensionDevelopmentPath', remote(root)],
  // E2E_SUITE_TESTS: another mocha entry folder (e.g. one that fails on purpose, to check the plumbing)
  ['extensionTestsPath', remote(process.env.E2E_SUITE_TESTS || join(root, 'out', 'suite'))],
];
const url = `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await launchBrowser();
let code = 1;
let passing = 0;
let failing = 0;
let drained = Promise.resolve();
let sawSummary = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const done = new Promise((resolveDone) => {
    page.exposeFunction('codeAutomationExit', (exitCode) => resolveDone(exitCode)).catch(() => {});
  });
  await page.exposeFunction('codeAutomationLog', () => {});
  // The remote extension host's console reaches the page through the workbench's log service as
  // console.log('%c INFO', 'color: …', format, ...args). Mocha's spec reporter lines are indented;
  // the workbench's own log lines are not, so only indented lines are echoed.
  page.on('console', (msg) => { drained = drained.then(() => echo(msg)); });
  const echo = async (msg) => {
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '')));
    if (process.env.E2E_SUITE_CONSOLE) console.log(`  [console.${msg.type()}] ${JSON.stringify(args).slice(0, 300)}`);
    if (args.length < 3 || typeof args[0] !== 'string' || !/^%c\s*(INFO|ERR|WARN)/.test(args[0])) return;
    const [format, ...values] = args.slice(2).map(String);
    const line = format.replace(/%[sdifoOj]/g, () => (values.length ? values.shift() : ''))
      + (values.length ? ` ${values.join(' ')}` : '');
    if (!/^\s/.test(line) || !line.trim()) return;
    console.log(line);
    const p = /^\s*(\d+) passing/.exec(line);
    const f = /^\s*(\d+) failing/.exec(line);
    if (p) passing = Number(p[1]);
    if (f) failing = Number(f[1]);
    if (/^\s*\d+ passing/.test(line)) sawSummary = true;
  };
  page.on('pageerror', (e) => console.log(`  [pageerror] ${String(e).slice(0, 200)}`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), LIMIT_MS); });
  const result = await Promise.race([done, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    console.log(`  the suite did not report an exit within ${LIMIT_MS / 1000}s`);
    await page.screenshot({ path: join(runDir, 'suite-timeout.png') }).catch(() => {});
    console.log(`  screenshot: ${join(runDir, 'suite-timeout.png')}`);
  } else {
    code = Number(result);
    // the exit can overtake the last console lines: give mocha's summary a moment to arrive
    const until = Date.now() + 5_000;
    while (!sawSummary && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await drained;
    console.log(`  extension host exit code ${code}`);
  }
} finally {
  await browser.close();
}
if (code !== 0 && failing === 0) failing = 1;
console.log(`${passing} passed, ${failing} failed`);
process.exit(code === 0 && failing === 0 ? 0 : 1);
