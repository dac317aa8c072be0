// What a rule family looks like to the engine. A family checks a parsed document and reports findings
// by catalogue code; it may offer fixes for its own findings and refactors anywhere.
import type { AnalysisContext } from '../context';
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../parse/document';
import type { ContextResolution } from '../context/buildContext';
import type { Finding, Fix, Range } from '../types';

export interface Report {
  code: string;
  range: Range;
  /** Message variant key in the catalogue row (default `default`). */
  variant?: string;
  args?: Record<string, string | number>;
  related?: Array<{ range: Range; variant: string; args?: Record<string, string | number> }>;
  tags?: Finding['tags'];
  data?: Record<string, unknown>;
  /** Names of `args` that hold 1-based lines of this document (the analysis cache moves them with the stage). */
  lineArgs?: string[];
}

export type Reporter = (report: Report) => void;

/**
 * The part of a document one call of a `scoped` family's check looks at: the instructions of one stage
 * (its FROM included), or with `stage: null` those before the first FROM. The analysis cache
 * (analysisCache.ts) runs scoped families stage by stage and reuses the reports of stages whose text,
 * ancestry and global ARGs did not change. `budget` and `buildContext` are shared by all the stages of
 * one analysis, so the result is the same as one call over the whole document.
 */
export interface CheckScope {
  stage: Stage | null;
  /** File-system work left for the whole document (copy-add's DOCUMENT_BUDGET). */
  budget: { left: number };
  /** The build context(s), once resolved during this analysis (`value` undefined: not yet). */
  buildContext?: { value?: ContextResolution | null };
}

/** The instructions a check iterates: all of them, or those of its scope. */
export function scopedInstructions(doc: ParsedDocument, scope?: CheckScope): readonly Instruction[] {
  if (!scope) return doc.instructions;
  return scope.stage ? [scope.stage.from, ...scope.stage.instructions] : doc.preamble;
}

/** The stages a check iterates: all of them, or the one of its scope. */
export function scopedStages(doc: ParsedDocument, scope?: CheckScope): readonly Stage[] {
  if (!scope) return doc.stages;
  return scope.stage ? [scope.stage] : [];
}

export interface RuleFamily {
  /** Matches `family` in the catalogue rows it reports. */
  family: string;
  check(doc: ParsedDocument, ctx: AnalysisContext, report: Reporter, scope?: CheckScope): void;
  /**
   * The check honours a `CheckScope`, and what it reports for a stage depends only on that stage's text,
   * its `FROM <stage>` ancestors (their text and their distance in lines), the text before the first
   * FROM, the escape character and the context — never on other stages. Its ranges lie in the stage or
   * its ancestors, and args holding document lines are named in `lineArgs`. Such families are
   * memoised per stage by the analysis cache (the server's); the others run on every version.
   */
  scoped?: boolean;
  /**
   * For a scoped family whose stage results also depend on a fact of the whole document (copy-add: the
   * build context, inferred from the sources of every stage): computes it into the scope once per
   * analysis and returns a key for it. The analysis cache drops the family's stored stage results when
   * the key changes.
   */
  prepare?(doc: ParsedDocument, ctx: AnalysisContext, scope: CheckScope): string;
  /** Quick fixes for one of this family's findings (already filtered to the family's codes). */
  fixes?(doc: ParsedDocument, ctx: AnalysisContext, finding: Finding): Fix[];
  /** Refactors offered for a range whatever the diagnostics say (e.g. convert to exec form). */
  refactors?(doc: ParsedDocument, ctx: AnalysisContext, range: Range): Fix[];
}

