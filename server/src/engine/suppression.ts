// Docker-compatible suppression: BuildKit's `# check=skip=…` (file directive, and since dockerfile 1.21
// a comment directly above an instruction) and hadolint's `# hadolint ignore=…` comments.
import type { ParsedDocument } from './document';
import type { RuleDefinition } from './catalog/types';

export interface Suppressions {
  /** Names skipped for the whole file (`all` included when everything is). */
  fileSkips: Set<string>;
  /** BuildKit's `error=true`: check warnings fail the build, so we show them as errors. */
  errorOnWarnings: boolean;
  /** Names skipped per instruction start line. */
  lineSkips: Map<number, Set<string>>;
}

const DIRECTIVE = /^#\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/;

export function collectSuppressions(doc: ParsedDocument): Suppressions {
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
  for (const instruction of doc.instructions) {
    const start = instruction.getRange().start.line;
    if (start === 0 || !mayBeComment(doc, start - 1)) continue;
    const names = new Set<string>();
    for (let line = start - 1; line >= 0; line--) {
      const text = doc.lineText(line).trim();
      if (!text.startsWith('#')) break;
      const hadolint = /^#\s*hadolint\s+ignore\s*=\s*(.+)$/i.exec(text);
      if (hadolint) splitNames(hadolint[1]).forEach((n) => names.add(n));
      const check = /^#\s*check\s*=\s*(.+)$/i.exec(text);
      if (check) parseCheckValue(check[1]).skip.forEach((n) => names.add(n));
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

/**
 * False when the line surely does not start with `#` after `trim()`: its first character other than a
 * space or tab is plain ASCII and not `#`. (Other whitespace, which `trim()` also removes, says maybe.)
 */
function mayBeComment(doc: ParsedDocument, line: number): boolean {
  const text = doc.text;
  const end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1] : text.length;
  let i = doc.lineStarts[line];
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= end) return false; // blank: trim() leaves ''
  const c = text.charCodeAt(i);
  if (c === 10 || c === 13) return false; // the line break that ends a blank line
  return c === 35 || c > 126 || c < 32;
}

function parseCheckValue(value: string): { skip: string[]; error: boolean } {
  let skip: string[] = [];
  let error = false;
  for (const part of value.split(';')) {
    const [k, v = ''] = part.split('=', 2).map((s) => s.trim());
    if (k.toLowerCase() === 'skip') skip = skip.concat(splitNames(v));
    else if (k.toLowerCase() === 'error') error = v.toLowerCase() === 'true';
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
