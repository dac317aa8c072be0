// The rule catalogue: every rule's code, default severity, aliases and messages. Each rule's page is
// docs/rules/<code>.md, bundled in the package (notes/pages.ts links to it).
// Rows live in catalog/<family>.ts as data; this module indexes them.
import type { Lang, Severity } from '../types';
import type { RuleDefinition } from './types';
import { jsonFormRules } from './json-form';
import { incompleteRules, limitsRules } from './limits';
import { cmdEntrypointRules } from './cmd-entrypoint';
import { execFormRules } from './exec-form';
import { copyAddRules } from './copy-add';

export type { RuleDefinition } from './types';
export { familyName } from './limits';

export const RULES: readonly RuleDefinition[] = [...limitsRules, ...incompleteRules, ...jsonFormRules, ...cmdEntrypointRules, ...execFormRules, ...copyAddRules];

const byCode = new Map<string, RuleDefinition>();
const byAlias = new Map<string, RuleDefinition>();
for (const rule of RULES) {
  if (byCode.has(rule.code)) throw new Error(`duplicate rule code ${rule.code}`);
  byCode.set(rule.code, rule);
  for (const alias of rule.aliases) byAlias.set(alias, rule);
}

export function getRule(code: string): RuleDefinition | undefined {
  return byCode.get(code);
}

/**
 * Finds a rule by its code (case-insensitive) or an alias. BuildKit names are matched case-sensitively
 * (as BuildKit does); hadolint codes case-insensitively (`dl3020` works as in hadolint).
 */
export function findRule(name: string): RuleDefinition | undefined {
  const trimmed = name.trim();
  return (
    byCode.get(trimmed.toLowerCase()) ??
    byAlias.get(trimmed) ??
    (/^dl\d+$/i.test(trimmed) ? byAlias.get(trimmed.toUpperCase()) : undefined)
  );
}

/** All rules sharing a name: an alias such as `MultipleInstructionsDisallowed` can name several. */
export function findRules(name: string): RuleDefinition[] {
  const trimmed = name.trim();
  const out = RULES.filter(
    (r) =>
      r.code === trimmed.toLowerCase() ||
      r.aliases.includes(trimmed) ||
      (/^dl\d+$/i.test(trimmed) && r.aliases.includes(trimmed.toUpperCase())),
  );
  return out;
}

export function formatMessage(
  rule: RuleDefinition,
  lang: Lang,
  variant = 'default',
  args: Record<string, string | number> = {},
): string {
  const table = rule.messages[lang] ?? rule.messages.en;
  const template = table[variant] ?? rule.messages.en[variant] ?? table.default;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

export function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : s === 'info' ? 2 : 3;
}
