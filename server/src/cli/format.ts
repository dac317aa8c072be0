// Output formats of `dockerfile-notes check`: eslint-like text, JSON, SARIF 2.1.0.
import * as path from 'node:path';
import { RULES, docsUrl } from '../engine/catalog';
import type { Finding, Lang, Severity } from '../engine/types';
import type { ContextSummary } from './explainContext';

export interface FileResult {
  file: string;
  findings: Finding[];
  fixed: number;
  /** The build context(s) the file was checked against (cli/explainContext.ts). */
  contexts?: ContextSummary[];
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

export function formatText(results: FileResult[], display: (p: string) => string, color: boolean, fileCount: number): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? COLORS[k] + s + COLORS.reset : s);
  let out = '';
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixed = 0;
  for (const r of results) {
    fixed += r.fixed;
    if (r.findings.length === 0) continue;
    out += `\n${c('bold', display(r.file))}\n`;
    for (const f of r.findings) {
      counts[f.severity]++;
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const message = f.message.replace(/\s*\n\s*/g, ' ');
      out += `  ${c('dim', where.padEnd(7))} ${c(f.severity, f.severity.padEnd(7))}  ${message}  ${c('dim', f.code)}\n`;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = `${fileCount} Dockerfile${fileCount === 1 ? '' : 's'} checked`;
  if (total === 0) out += `${files}: no problems${fixed ? ` (${fixed} fixed)` : ''}\n`;
  else {
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} info) in ${files}${fixed ? `, ${fixed} fixed` : ''}`;
    out += `\n${c(counts.error ? 'error' : 'warning', line)}\n`;
  }
  return out;
}

export function formatJson(results: FileResult[], display: (p: string) => string): string {
  return JSON.stringify(
    results.map((r) => ({
      file: display(r.file),
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
  );
}

export function formatSarif(results: FileResult[], cwd: string, lang: Lang): string {
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-notes',
            informationUri: 'https://github.com/dockerfile-notes/dockerfile-notes',
            rules: RULES.map((r) => ({
              id: r.code,
              shortDescription: { text: r.title[lang] },
              helpUri: docsUrl(r.code),
              defaultConfiguration: { level: level(r.severity) },
              properties: { aliases: r.aliases },
            })),
          },
        },
        // The build context of each Dockerfile, in the artifact's property bag (SARIF 2.1.0 §3.24, §3.8).
        artifacts: results.map((r) => ({
          location: { uri: path.relative(cwd, r.file).split(path.sep).join('/') || r.file },
          roles: ['analysisTarget'],
          properties: { buildContexts: r.contexts ?? [] },
        })),
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.code,
            level: level(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: path.relative(cwd, r.file).split(path.sep).join('/') || r.file },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
