// What a rule family looks like to the engine. A family checks a parsed document and reports findings
// by catalogue code; it may offer fixes for its own findings and refactors anywhere.
import type { AnalysisContext } from '../context';
import type { ParsedDocument } from '../document';
import type { Finding, Fix, Range, RelatedInfo } from '../types';

export interface Report {
  code: string;
  range: Range;
  /** Message variant key in the catalogue row (default `default`). */
  variant?: string;
  args?: Record<string, string | number>;
  related?: Array<{ range: Range; variant: string; args?: Record<string, string | number> }>;
  tags?: Finding['tags'];
  data?: Record<string, unknown>;
}

export type Reporter = (report: Report) => void;

export interface RuleFamily {
  /** Matches `family` in the catalogue rows it reports. */
  family: string;
  check(doc: ParsedDocument, ctx: AnalysisContext, report: Reporter): void;
  /** Quick fixes for one of this family's findings (already filtered to the family's codes). */
  fixes?(doc: ParsedDocument, ctx: AnalysisContext, finding: Finding): Fix[];
  /** Refactors offered for a range whatever the diagnostics say (e.g. convert to exec form). */
  refactors?(doc: ParsedDocument, ctx: AnalysisContext, range: Range): Fix[];
}

export type { RelatedInfo };
