// Runs every rule family over a parsed document and applies settings and suppression comments.
import type { AnalysisContext } from '../context';
import { DEFAULT_SETTINGS } from '../context';
import type { ParsedDocument } from '../parse/document';
import { parseDocument } from '../parse/document';
import { RULES, familyName, findRules, formatMessage, getRule } from '../catalog';
import type { Finding, Fix, Range, RuleLevel, Severity } from '../types';
import { comparePos, rangesOverlap } from '../types';
import { collectSuppressions, hasBuildkitAlias, isSuppressed } from '../parse/suppression';
import type { Report, RuleFamily } from '../rules/rule';
import { RULE_FAMILIES } from '../rules';
import { CachedNodeFileSystem } from '../context/fs';
import { familiesWithinLimits, rangeInside } from '../rules/limits';
import { analysisCaching, type AnalysisCache } from './analysisCache';

/**
 * With `cache` (one per document, kept by the server), scoped families reuse the reports of stages an
 * earlier version already had (analysisCache.ts); the findings are the same as without it. Short documents
 * are analysed whole (`analysisCaching.minLines`).
 */
export function analyze(doc: ParsedDocument, ctx: AnalysisContext, families: readonly RuleFamily[] = RULE_FAMILIES, cache?: AnalysisCache): Finding[] {
  if (cache && doc.lineCount() < analysisCaching.minLines) cache = undefined;
  const suppressions = collectSuppressions(doc);
  const levels = ruleLevels(ctx.settings.rules);
  const findings: Finding[] = [];
  const keep = (collected: readonly Finding[]) => {
    for (const finding of collected) {
      const rule = getRule(finding.code)!;
      const line = doc.instructionAtLine(finding.range.start.line)?.getRange().start.line ?? null;
      if (isSuppressed(suppressions, rule, line)) continue;
      const configured = levels.get(rule.code);
      if (configured === 'off') continue;
      // A tentative finding (about a guessed build context) keeps its own level whatever the rule is set to.
      let severity: Severity = finding.tentative ? finding.severity : configured ?? finding.severity;
      // BuildKit reports its checks as warnings whatever this project's variant says, so `check=error=true`
      // fails the build on every one of them.
      if (!configured && !finding.tentative && suppressions.errorOnWarnings && hasBuildkitAlias(rule) && rule.severity === 'warning') severity = 'error';
      findings.push({ ...finding, severity });
    }
  };
  const late: RuleFamily[] = [];
  // Above the size limits only the cheap families run (limits.ts); `file-too-large` says so.
  for (const family of familiesWithinLimits(doc, families)) {
    if (ctx.isCancelled?.()) break;
    // Past the time budget the remaining families are skipped; one `analysis-incomplete` names them.
    if (ctx.deadline !== undefined && Date.now() > ctx.deadline) {
      late.push(family);
      continue;
    }
    const collected: Finding[] = [];
    const cached = !!cache && !!family.scoped;
    const report = (r: Report) => {
      // A range outside the text would reach the editor as a broken diagnostic: drop it and say which rule.
      if (!rangeInside(doc, r.range) || r.related?.some((x) => !rangeInside(doc, x.range))) {
        ctx.log?.(`rule family ${family.family} failed: ${r.code} reported a range outside the document ${JSON.stringify(r.range)}`);
        return;
      }
      const finding = cached ? findingOf(r, ctx) : toFinding(r, ctx);
      if (finding) collected.push(finding);
    };
    try {
      if (cache && family.scoped) cache.check(family, doc, ctx, report);
      else family.check(doc, ctx, report);
    } catch (e) {
      // One broken rule must not take the others down: log it with its family and codes, keep going…
      ctx.log?.(`rule family ${family.family} (${familyCodes(family)}) failed: ${(e as Error)?.stack ?? e}`);
      // …and say so: what the family would have found after the failure is missing, the file is not "clean".
      report(incompleteReport(doc, ctx, [family], 'error'));
    }
    keep(collected);
  }
  if (late.length > 0 && !ctx.isCancelled?.()) {
    const finding = toFinding(incompleteReport(doc, ctx, late, 'deadline'), ctx);
    if (finding) keep([finding]);
  }
  return findings.sort((a, b) => comparePos(a.range.start, b.range.start) || a.code.localeCompare(b.code));
}

/** `analysis-incomplete` on the first line: which families did not finish, and why. */
function incompleteReport(doc: ParsedDocument, ctx: AnalysisContext, families: readonly RuleFamily[], reason: 'error' | 'deadline'): Report {
  return {
    code: 'analysis-incomplete',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(doc.lineText(0).length, 200) } },
    args: {
      checks: families.map((f) => familyName(f.family)).join(', '),
      reason: formatMessage(getRule('analysis-incomplete')!, ctx.lang, reason),
    },
    data: { reason, families: families.map((f) => f.family) },
  };
}

// The analysis cache replays the same report objects version after version: the finding made from one
// (catalogue lookup, message formatting) is kept with it, for the language it was made in. Not enumerable:
// a report copied to new lines (`{ ...report, range }`) must not carry the old finding along.
const FINDING = Symbol('finding');
type ReportWithFinding = Report & { [FINDING]?: { lang: string; finding: Finding | null } };

function findingOf(r: Report, ctx: AnalysisContext): Finding | null {
  const memo = r as ReportWithFinding;
  const hit = memo[FINDING];
  if (hit && hit.lang === ctx.lang) return hit.finding;
  const finding = toFinding(r, ctx);
  Object.defineProperty(memo, FINDING, { value: { lang: ctx.lang, finding }, configurable: true, writable: true, enumerable: false });
  return finding;
}

function toFinding(r: Report, ctx: AnalysisContext): Finding | null {
  const rule = getRule(r.code);
  if (!rule) {
    ctx.log?.(`a rule reported an unknown code: ${r.code}`);
    return null;
  }
  const finding: Finding = {
    code: rule.code,
    severity: rule.variantSeverity?.[r.variant ?? 'default'] ?? rule.severity,
    range: r.range,
    message: formatMessage(rule, ctx.lang, r.variant ?? 'default', r.args),
  };
  if (rule.tentativeVariants?.includes(r.variant ?? 'default')) finding.tentative = true;
  const tags = r.tags ?? (rule.unnecessary ? ['unnecessary' as const] : undefined);
  if (tags) finding.tags = tags;
  if (r.related) {
    finding.related = r.related.map((x) => ({ range: x.range, message: formatMessage(rule, ctx.lang, x.variant, x.args) }));
  }
  if (r.data) finding.data = r.data;
  return finding;
}

/** Settings keyed by code or alias → level per rule code. A later, more specific key (the code) wins. */
function ruleLevels(settings: Record<string, RuleLevel>): Map<string, RuleLevel> {
  const levels = new Map<string, RuleLevel>();
  const entries = Object.entries(settings);
  // Aliases first, codes second, so `"copy-source-ignored": "error"` beats `"CopyIgnoredFile": "off"`.
  for (const pass of [false, true]) {
    for (const [name, level] of entries) {
      for (const rule of findRules(name)) {
        if ((name.toLowerCase() === rule.code) === pass) levels.set(rule.code, level);
      }
    }
  }
  return levels;
}

/** Quick fixes for the given findings plus refactors for the range. */
export function codeActions(
  doc: ParsedDocument,
  ctx: AnalysisContext,
  range: Range,
  findings: readonly Finding[],
  families: readonly RuleFamily[] = RULE_FAMILIES,
): Fix[] {
  const out: Fix[] = [];
  for (const family of families) {
    try {
      if (family.fixes) {
        for (const finding of findings) {
          if (getRule(finding.code)?.family !== family.family) continue;
          if (!rangesOverlap(finding.range, range)) continue;
          out.push(...family.fixes(doc, ctx, finding));
        }
      }
      if (family.refactors) out.push(...family.refactors(doc, ctx, range));
    } catch (e) {
      ctx.log?.(`fixes of rule family ${family.family} (${familyCodes(family)}) failed: ${(e as Error)?.stack ?? e}`);
    }
  }
  return out.filter((fix) => {
    const inside = fix.edits.every((e) => rangeInside(doc, e.range));
    if (!inside) ctx.log?.(`fix "${fix.title}" failed: an edit lies outside the document`);
    return inside;
  });
}

function familyCodes(family: RuleFamily): string {
  return RULES.filter((r) => r.family === family.family).map((r) => r.code).join(', ') || 'no catalogued codes';
}

/** Convenience for tests, snippets and scripts: analyse text with default settings and no file system. */
export function analyzeText(text: string, overrides: Partial<AnalysisContext> = {}): Finding[] {
  const ctx: AnalysisContext = {
    lang: 'en',
    settings: DEFAULT_SETTINGS,
    fs: overrides.fs ?? new CachedNodeFileSystem(),
    documentPath: null,
    workspaceFolder: null,
    ...overrides,
  };
  return analyze(parseDocument(text), ctx);
}

