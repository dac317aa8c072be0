// Where a rule's page is: our own `docs/rules/<code>.md`, shipped in the package (notes/pages.ts);
// BuildKit checks on docs.docker.com; hadolint and ShellCheck codes on their wikis.
import { findRules } from '../../catalog';
import { pagePath, rulePageId } from '../../notes/pages';
import { buildkitCheckUrl, isBuildkitCheck } from '../../catalog/buildkitChecks';

export type RulePage =
  | { kind: 'ours'; code: string; file: string | null }
  | { kind: 'buildkit' | 'hadolint' | 'shellcheck'; code: string; url: string };

/** The page for a name written in `# check=skip=` or `# hadolint ignore=`; null for names nobody documents. */
export function rulePage(name: string): RulePage | null {
  const ours = findRules(name)[0];
  if (ours) {
    return { kind: 'ours', code: ours.code, file: pagePath(rulePageId(ours.code)) };
  }
  if (isBuildkitCheck(name)) return { kind: 'buildkit', code: name, url: buildkitCheckUrl(name) };
  if (/^DL\d{4}$/.test(name)) return { kind: 'hadolint', code: name, url: `https://github.com/hadolint/hadolint/wiki/${name}` };
  if (/^SC\d{4}$/.test(name)) return { kind: 'shellcheck', code: name, url: `https://github.com/koalaman/shellcheck/wiki/${name}` };
  return null;
}
