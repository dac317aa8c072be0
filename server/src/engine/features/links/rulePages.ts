// Where a rule's page is: our own `docs/rules/<code>.md`, shipped in the extension (a file in the
// package folder, found from this module's location the way the built-in notes are), else on the web;
// BuildKit checks on docs.docker.com; hadolint and ShellCheck codes on their wikis.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl, findRules } from '../../catalog';
import { buildkitCheckUrl, isBuildkitCheck } from '../../catalog/buildkitChecks';

export type RulePage =
  | { kind: 'ours'; code: string; file: string | null; url: string }
  | { kind: 'buildkit' | 'hadolint' | 'shellcheck'; code: string; url: string };

let rulesFolder: string | null | undefined;

/** `<package root>/docs/rules`, or null when the package ships without it. */
export function bundledRulesFolder(): string | null {
  if (rulesFolder !== undefined) return rulesFolder;
  rulesFolder = null;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) {
      rulesFolder = candidate;
      break;
    }
    dir = path.dirname(dir);
  }
  return rulesFolder;
}

/** The page for a name written in `# check=skip=` or `# hadolint ignore=`; null for names nobody documents. */
export function rulePage(name: string): RulePage | null {
  const ours = findRules(name)[0];
  if (ours) {
    const folder = bundledRulesFolder();
    const file = folder ? path.join(folder, `${ours.code}.md`) : null;
    return { kind: 'ours', code: ours.code, file: file && fs.existsSync(file) ? file : null, url: docsUrl(ours.code) };
  }
  if (isBuildkitCheck(name)) return { kind: 'buildkit', code: name, url: buildkitCheckUrl(name) };
  if (/^DL\d{4}$/.test(name)) return { kind: 'hadolint', code: name, url: `https://github.com/hadolint/hadolint/wiki/${name}` };
  if (/^SC\d{4}$/.test(name)) return { kind: 'shellcheck', code: name, url: `https://github.com/koalaman/shellcheck/wiki/${name}` };
  return null;
}
