// Runs the browser scenarios against a running code-server that has our .vsix installed.
// Started by test/e2e/run.sh:
//   node test/e2e/main.mjs <baseUrl> <runDir> [--screenshots] [--only id,id] [--trust-url <url>]
//   [--peer-url <url>]
// --trust-url: a second code-server with workspace trust left on, for the scenarios marked `trust`.
// --peer-url: a code-server with a stand-in for Microsoft's Docker extension installed beside ours
// (test/e2e/peer/), for the scenarios marked `peer`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarios } from './lib/harness.mjs';
import { launchBrowser } from './lib/workbench.mjs';
import { problems, ruleOff } from './scenarios/diagnostics.mjs';
import { hoverCopy, userNotes, chinese } from './scenarios/hovers.mjs';
import { quickFix, grammar, fixAll } from './scenarios/editing.mjs';
import { trust } from './scenarios/trust.mjs';
import { restart } from './scenarios/restart.mjs';
import { hoverLayout, hoverLayoutChinese, offlineLinks } from './scenarios/layout.mjs';
import { buildContext } from './scenarios/buildContext.mjs';
import { completeFrom, outline, gotoStage, renameStage, formatDocument, featuresOff, bothInstalled } from './scenarios/features.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = [
  problems, hoverCopy, quickFix, fixAll, ruleOff, userNotes, chinese, grammar, hoverLayout, hoverLayoutChinese, offlineLinks,
  buildContext, trust, restart, completeFrom, outline, gotoStage, renameStage, formatDocument, featuresOff,
  bothInstalled,
];

const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && !['--only', '--trust-url', '--peer-url'].includes(args[i - 1]));
const [baseUrl, runDir] = positional;
if (!baseUrl || !runDir) {
  console.error('usage: node test/e2e/main.mjs <baseUrl> <runDir> [--screenshots] [--only id,id]');
  process.exit(2);
}
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1].split(',') : undefined;
const unknown = (only ?? []).filter((id) => !ALL.some((s) => s.id === id));
if (unknown.length) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; known: ${ALL.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
const scenarios = only ? ALL.filter((s) => only.includes(s.id)) : ALL;
const trustAt = args.indexOf('--trust-url');
const trustUrl = trustAt >= 0 ? args[trustAt + 1] : undefined;
const peerAt = args.indexOf('--peer-url');
const peerUrl = peerAt >= 0 ? args[peerAt + 1] : undefined;
const screenshotsDir = args.includes('--screenshots') ? resolve(here, '../../docs/images') : undefined;
if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });

const browser = await launchBrowser();
let result = { passed: 0, failed: scenarios.length };
try {
  result = await runScenarios(scenarios, {
    browser, baseUrl, trustUrl, peerUrl, runDir, screenshotsDir, template: join(here, 'workspace'),
  });
} finally {
  await browser.close();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 ? 0 : 1);
