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
  /** Plain payload a quick fix of the same rule reads back (carried in the LSP diagnostic's `data`). */
  data?: Record<string, unknown>;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type FixKind = 'quickfix' | 'refactor.rewrite' | 'source.fixAll';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
  /** The finding this fix resolves, when it is a quick fix. */
  fixes?: { code: string; range: Range };
  isPreferred?: boolean;
  /** Safe to apply unattended (CLI `--fix`, `source.fixAll`). */
  safe?: boolean;
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
