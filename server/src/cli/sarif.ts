// SARIF 2.1.0 for code scanning (GitHub's upload-sarif and others): the tool with its version and every
// rule's metadata and help, the findings, and the input problems as tool notifications.
import * as path from 'node:path';
import { RULES } from '../engine/catalog';
import type { Lang, Severity } from '../engine/types';
import type { FileResult } from './format';
import { jsonSafe } from './format';
import { rulePageSection } from './explain';
import type { FileProblem } from './files';

const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

export function formatSarif(results: readonly FileResult[], problems: readonly FileProblem[], cwd: string, lang: Lang, version: string): string {
  const ruleIndex = new Map(RULES.map((r, k) => [r.code, k]));
  const uri = (r: FileResult) => (r.file ? toUri(path.relative(cwd, r.file)) || toUri(r.file) : toUri(r.display));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-notes',
            version,
            semanticVersion: version,
            rules: RULES.map((r) => {
              const page = rulePageSection(r.code, lang);
              return {
                id: r.code,
                shortDescription: { text: r.title[lang] },
                ...(page ? { help: { text: page, markdown: page } } : {}),
                defaultConfiguration: { level: level(r.severity) },
                properties: { tags: ['dockerfile'], aliases: r.aliases, family: r.family },
              };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((p) => ({
              level: 'error',
              message: { text: p.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUri(path.relative(cwd, p.path) || p.path) } } }],
            })),
          },
        ],
        // The build context of each Dockerfile, in the artifact's property bag (SARIF 2.1.0 §3.24, §3.8).
        artifacts: results.map((r) => ({
          location: { uri: uri(r) },
          roles: ['analysisTarget'],
          properties: { buildContexts: r.contexts ?? [] },
        })),
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.code,
            ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
            level: level(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(r) },
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
  return jsonSafe(JSON.stringify(sarif, null, 2));
}

/** A relative path as a URI reference (forward slashes, percent-encoded where needed). */
function toUri(p: string): string {
  return p.split(path.sep).map(encodeURIComponent).join('/');
}
