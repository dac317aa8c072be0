// Docker-compatible suppression: BuildKit's `# check=skip=…` (file directive, and — moby/buildkit#6334 —
// a `check=` among the comments before an instruction) and hadolint's `# hadolint ignore=…` comments
// (on the line right above the instruction only, as hadolint's Pragma.hs maps a pragma to line + 1).
import type { ParsedDocument } from './document';
import type { RuleDefinition } from '../catalog/types';

export interface Suppressions {
  /** Names skipped for the whole file (`all` included when everything is). */
  fileSkips: Set<string>;
  /** BuildKit's `error=true`: check warnings fail the build, so we show them as errors. */
  errorOnWarnings: boolean;
  /** Names skipped per instruction start line. */
  lineSkips: Map<number, Set<string>>;
}

const DIRECTIVE = /^#\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/;

// One parse is analysed several times when the server analyses it in slices: read its comments once.
const suppressionsByDocument = new WeakMap<ParsedDocument, Suppressions>();

export function collectSuppressions(doc: ParsedDocument): Suppressions {
  let suppressions = suppressionsByDocument.get(doc);
  if (!suppressions) {
    suppressions = readSuppressions(doc);
    suppressionsByDocument.set(doc, suppressions);
  }
  return suppressions;
}

function readSuppressions(doc: ParsedDocument): Suppressions {
  const fileSkips = new Set<string>();
  let errorOnWarnings = false;
  // Parser directives: only at the very top, ended by the first line that is not one.
  for (let line = 0; line < Math.min(doc.lineCount(), 64); line++) {
    const text = line === 0 ? doc.lineText(0).replace(/^\uFEFF/, '') : doc.lineText(line);
    const m = DIRECTIVE.exec(text.trim());
    if (!m) break;
    if (m[1].toLowerCase() === 'check') {
      const parsed = parseCheckValue(m[2]);
      parsed.skip.forEach((s) => fileSkips.add(s));
      errorOnWarnings ||= parsed.error;
    }
  }

  const lineSkips = new Map<number, Set<string>>();
  let previousEnd = -1;
  for (const instruction of doc.instructions) {
    const range = instruction.getRange();
    const start = range.start.line;
    const floor = previousEnd;
    previousEnd = Math.max(previousEnd, range.end.line);
    if (start === 0 || start - 1 <= floor || lineKind(doc, start - 1) === LINE_OTHER) continue;
    const names = new Set<string>();
    // hadolint (Pragma.hs): an ignore pragma applies to the line right after the comment, nothing else.
    const above = doc.lineText(start - 1).trim();
    const hadolint = /^#\s*hadolint\s+ignore\s*=\s*(.+)$/i.exec(above);
    if (hadolint) splitNames(hadolint[1]).forEach((n) => names.add(n));
    // BuildKit: the comments since the previous instruction (its parser's PrevComment: blank lines do not
    // end them, a bare `#` starts them afresh); the first `check=` among them counts, if it parses.
    const block: string[] = [];
    for (let line = start - 1; line > floor; line--) {
      const kind = lineKind(doc, line);
      if (kind === LINE_BLANK) continue;
      if (kind === LINE_OTHER) break;
      const text = doc.lineText(line).trim();
      if (text === '') continue;
      if (!text.startsWith('#')) break;
      const content = text.slice(1).trim();
      if (content === '') break;
      block.push(content);
    }
    for (let k = block.length - 1; k >= 0; k--) {
      const check = /^check\s*=\s*(\S+)/i.exec(block[k]);
      if (!check) continue;
      const parsed = parseCheckValue(check[1], true);
      if (parsed) parsed.skip.forEach((n) => names.add(n));
      break;
    }
    if (names.size > 0) lineSkips.set(start, names);
  }
  // hadolint's file-wide form: `# hadolint global ignore=DL3020`
  // dockerfile-ast reads comments at the very top as parser directives, not comments: scan those lines too.
  // (Reading every comment costs milliseconds on large files: only when the text has the words at all.)
  const contents = /hadolint\s+global/i.test(doc.text) ? doc.ast.getComments().map((c) => c.getContent()) : [];
  for (let line = 0; line < Math.min(doc.lineCount(), 64); line++) {
    const text = doc.lineText(line).replace(/^\uFEFF/, '').trim();
    if (!text.startsWith('#')) break;
    contents.push(text.slice(1));
  }
  for (const content of contents) {
    const m = /^hadolint\s+global\s+ignore\s*=\s*(.+)$/i.exec(content.trim());
    if (m) splitNames(m[1]).forEach((n) => fileSkips.add(n));
  }
  return { fileSkips, errorOnWarnings, lineSkips };
}

const LINE_BLANK = 0;
const LINE_MAYBE_COMMENT = 1;
const LINE_OTHER = 2;

/**
 * What a line is, cheaply: blank (only spaces, tabs or its line break), surely not a comment (its first
 * character other than a space or tab is plain ASCII and not `#`), or maybe a comment (`#`, or other
 * whitespace that `trim()` also removes).
 */
function lineKind(doc: ParsedDocument, line: number): number {
  const text = doc.text;
  const end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1] : text.length;
  let i = doc.lineStarts[line];
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= end) return LINE_BLANK;
  const c = text.charCodeAt(i);
  if (c === 10 || c === 13) return LINE_BLANK;
  return c === 35 || c > 126 || c < 32 ? LINE_MAYBE_COMMENT : LINE_OTHER;
}

function parseCheckValue(value: string): { skip: string[]; error: boolean };
function parseCheckValue(value: string, strict: true): { skip: string[]; error: boolean } | null;
/** `skip=a,b;error=true`. `strict`: null for what BuildKit's ParseLintOptions rejects (unknown key, no `=`). */
function parseCheckValue(value: string, strict = false): { skip: string[]; error: boolean } | null {
  let skip: string[] = [];
  let error = false;
  for (const part of value.split(';')) {
    if (strict && !part.includes('=')) return null;
    const [k, v = ''] = part.split('=', 2).map((s) => s.trim());
    if (k.toLowerCase() === 'skip') skip = skip.concat(splitNames(v));
    else if (k.toLowerCase() === 'error') error = v.toLowerCase() === 'true';
    else if (strict && k.toLowerCase() !== 'experimental') return null;
  }
  return { skip, error };
}

function splitNames(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whether a name in a skip list designates the rule: `all`, its code, a BuildKit name (exact), a hadolint code. */
export function nameMatchesRule(name: string, rule: RuleDefinition): boolean {
  if (name === 'all') return true;
  if (name.toLowerCase() === rule.code) return true;
  if (rule.aliases.includes(name)) return true;
  return /^dl\d+$/i.test(name) && rule.aliases.includes(name.toUpperCase());
}

export function isSuppressed(s: Suppressions, rule: RuleDefinition, instructionLine: number | null): boolean {
  for (const name of s.fileSkips) if (nameMatchesRule(name, rule)) return true;
  if (instructionLine !== null) {
    const names = s.lineSkips.get(instructionLine);
    if (names) for (const name of names) if (nameMatchesRule(name, rule)) return true;
  }
  return false;
}

/** BuildKit's own check names are PascalCase; a rule with one is a build check `error=true` escalates. */
export function hasBuildkitAlias(rule: RuleDefinition): boolean {
  return rule.aliases.some((a) => /^[A-Z][A-Za-z]+$/.test(a) && /[a-z]/.test(a));
}
