// Plain result types of the engine. No LSP or vscode types here: the server and the CLI adapt these.

/** Zero-based line and UTF-16 character offset, as in the text the engine was given. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleLevel = Severity | 'off';
export type Lang = 'en' | 'zh-cn';
/** How links open the pages bundled with the extension: the client's command (VS Code) or `file:` URLs. */
export type PageLinkStyle = 'command' | 'file';

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  /** Stable rule code from the catalogue, e.g. `copy-outside-context`. */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  /** `unnecessary` renders faded in editors (e.g. an overridden CMD). */
  tags?: Array<'unnecessary' | 'deprecated'>;
  related?: RelatedInfo[];
  /** Said about a build context that is only a guess: keeps its level whatever the rule's level is. */
  tentative?: boolean;
  /** Plain payload a quick fix of the same rule reads back (carried in the LSP diagnostic's `data`). */
  data?: Record<string, unknown>;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type FixKind = 'quickfix' | 'refactor.rewrite' | 'source.fixAll';

/**
 * What a fix does to what runs, kept apart in code and in the editor:
 * - `same`: the program, its arguments and what receives them stay exactly as they were (the exec-form
 *   conversion); only such a fix may be `safe`;
 * - `changes`: it changes what runs on purpose (e.g. passes the CMD to an ENTRYPOINT that dropped it); its
 *   title says so, and it is never applied by `source.fixAll` or `check --fix`;
 * - `refused`: no fix is sure here; `disabledReason` says why and there are no edits.
 */
export type FixBehaviour = 'same' | 'changes' | 'refused';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
  /** The finding this fix resolves, when it is a quick fix. */
  fixes?: { code: string; range: Range };
  isPreferred?: boolean;
  /** Safe to apply unattended (CLI `--fix`, `source.fixAll`); never with behaviour `changes` or `refused`. */
  safe?: boolean;
  /** What applying it does to what runs (unset: an edit that does not touch a command). */
  behaviour?: FixBehaviour;
  /** With behaviour `refused`: why no fix is offered (shown greyed out with this reason). */
  disabledReason?: string;
  /** Fixes of one sort that a bulk command applies together, e.g. `exec-form` for "convert all". */
  group?: string;
  /**
   * An editor command instead of (or besides) edits; the CLI never runs it. `setBuildContext`: save the
   * build context of this Dockerfile in the workspace settings — `folder` (absolute), or one the user picks.
   */
  command?: { name: 'setBuildContext'; folder?: string };
}

export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return !(comparePos(a.end, b.start) < 0 || comparePos(b.end, a.start) < 0);
}

export function comparePos(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}
