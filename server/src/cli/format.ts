// Output formats of `dockerfile-notes check`: text (grouped by file), compact (one line per finding),
// github (workflow annotations) and json. SARIF is in sarif.ts.
import type { Finding, Severity } from '../engine/types';
import type { ContextSummary } from './explainContext';

export interface FileResult {
  /** Absolute path, or null for text read from standard input without --stdin-filename. */
  file: string | null;
  /** How the file is named in the output (relative to the current folder when inside it). */
  display: string;
  findings: Finding[];
  fixed: number;
  /** The build context(s) the file was checked against (cli/explainContext.ts). */
  contexts?: ContextSummary[];
}

export interface Summary {
  fileCount: number;
  /** Warnings, info and hints left out by --quiet. */
  hidden: number;
  /** Lines on stderr (unreadable files, fixes not written, checks that could not finish): never "no problems" then. */
  problems: number;
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'reset', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  hint: '\x1b[90m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/**
 * Text from a Dockerfile or a file name, made safe for a terminal: control characters (C0, DEL, C1) and
 * the bidirectional overrides that can reorder a line are shown as escapes, so a file cannot move the
 * cursor, clear a line or recolour the output. Line breaks inside a message become spaces.
 */
export function terminalSafe(s: string): string {
  return s
    .replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}

/** Like terminalSafe for a multi-line block (a hover): line breaks and tabs stay, other controls are escaped. */
export function terminalSafeBlock(s: string): string {
  return s.split(/\r\n|\n/).map((line) => line.split('\t').map(terminalSafe).join('\t')).join('\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function counts(results: readonly FileResult[]): Record<Severity, number> & { fixed: number } {
  const c = { error: 0, warning: 0, info: 0, hint: 0, fixed: 0 };
  for (const r of results) {
    c.fixed += r.fixed;
    for (const f of r.findings) c[f.severity]++;
  }
  return c;
}

export function formatText(results: readonly FileResult[], summary: Summary, color: boolean): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? COLORS[k] + s + COLORS.reset : s);
  let out = '';
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out += `\n${c('bold', terminalSafe(r.display))}\n`;
    for (const f of r.findings) {
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out += `  ${c('dim', where.padEnd(7))} ${c(f.severity, f.severity.padEnd(7))}  ${terminalSafe(f.message)}  ${c('dim', f.code)}\n`;
    }
  }
  const n = counts(results);
  const total = n.error + n.warning + n.info + n.hint;
  const checked = `${plural(summary.fileCount, 'Dockerfile')} checked`;
  const fixed = n.fixed ? `, ${n.fixed} fixed` : '';
  const unchecked = summary.problems ? `; ${plural(summary.problems, 'problem')} reported above` : '';
  if (total === 0 && summary.problems > 0) {
    out += `${checked}: no findings, but ${plural(summary.problems, 'problem')} reported above${fixed}\n`;
  } else if (total === 0) {
    if (summary.hidden > 0) out += `${checked}: no errors (${summary.hidden} other finding${summary.hidden === 1 ? '' : 's'} not shown: --quiet)${fixed}\n`;
    else out += `${checked}: no problems${n.fixed ? ` (${n.fixed} fixed)` : ''}\n`;
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info + n.hint} info) in ${checked}${fixed}${unchecked}`;
    out += `\n${c(n.error ? 'error' : 'warning', line)}\n`;
  }
  return out;
}

/** `file:line:col: severity message [code]`, one line per finding, nothing else. */
export function formatCompact(results: readonly FileResult[]): string {
  let out = '';
  for (const r of results) {
    for (const f of r.findings) {
      out += `${terminalSafe(r.display)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${terminalSafe(f.message)} [${f.code}]\n`;
    }
  }
  return out;
}

/** GitHub Actions workflow commands: an annotation per finding on the file and line, then a plain summary. */
export function formatGithub(results: readonly FileResult[], summary: Summary): string {
  const kind: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  let out = '';
  for (const r of results) {
    for (const f of r.findings) {
      const props = [
        `file=${property(r.display)}`,
        `line=${f.range.start.line + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `col=${f.range.start.character + 1}`,
        ...(f.range.start.line === f.range.end.line ? [`endColumn=${f.range.end.character + 1}`] : []),
        `title=${property(f.code)}`,
      ];
      out += `::${kind[f.severity]} ${props.join(',')}::${data(terminalSafe(f.message))}\n`;
    }
  }
  const n = counts(results);
  const total = n.error + n.warning + n.info + n.hint;
  out += total === 0 && summary.hidden === 0 && summary.problems === 0
    ? `${plural(summary.fileCount, 'Dockerfile')} checked: no problems${n.fixed ? ` (${n.fixed} fixed)` : ''}\n`
    : `${plural(summary.fileCount, 'Dockerfile')} checked: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info + n.hint} info${summary.hidden ? ` (${summary.hidden} not shown: --quiet)` : ''}${n.fixed ? `, ${n.fixed} fixed` : ''}${summary.problems ? `; ${plural(summary.problems, 'problem')} reported above` : ''}\n`;
  return out;
}

// Workflow command escaping (as in @actions/core): % CR LF in data; also : and , in properties.
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(terminalSafe(s)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatJson(results: readonly FileResult[]): string {
  return jsonSafe(
    JSON.stringify(
      results.map((r) => ({
        file: r.display,
        fixed: r.fixed,
        contexts: r.contexts ?? [],
        findings: r.findings.map((f) => ({
          code: f.code,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
        })),
      })),
      null,
      2,
    ),
  );
}

/**
 * JSON.stringify escapes C0 controls; this also escapes DEL, C1 controls and bidirectional overrides
 * (as \uXXXX: the same JSON value), so JSON printed to a terminal cannot drive it either.
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
