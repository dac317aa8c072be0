// Real temporary folders as build contexts, and analysis of a Dockerfile inside one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import type { AnalysisContext, EngineSettings } from '../../server/src/engine/context';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/engine/context';
import { parseDocument } from '../../server/src/engine/parse/document';
import { applyEdits } from '../../server/src/engine/features/edits';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import type { Finding, Fix, Lang } from '../../server/src/engine/types';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp folder with the given files (`null` content makes a folder). Returns its real path. */
export function makeTree(files: Record<string, string | null>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-copy-add-')));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) {
      fs.mkdirSync(abs, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  return root;
}

export interface Run {
  findings: Finding[];
  ctx: AnalysisContext;
  text: string;
  /** What the engine logged (a rule family that threw shows up here). */
  logs: string[];
  codes: string[];
  of(code: string): Finding[];
  /** The text a finding's range covers. */
  at(f: Finding): string;
}

export function analyzeIn(
  root: string,
  dockerfileRel: string,
  options: { settings?: Partial<EngineSettings> | Record<string, unknown>; lang?: Lang; workspace?: string | null; fsView?: CachedNodeFileSystem; text?: string; restricted?: boolean } = {},
): Run {
  const file = path.join(root, dockerfileRel);
  const text = options.text ?? fs.readFileSync(file, 'utf8');
  const logs: string[] = [];
  const ctx: AnalysisContext = {
    lang: options.lang ?? 'en',
    settings: options.settings ? parseSettings({ ...DEFAULT_SETTINGS, ...options.settings }) : DEFAULT_SETTINGS,
    fs: options.fsView ?? new CachedNodeFileSystem(),
    documentPath: file,
    workspaceFolder: options.workspace === undefined ? root : options.workspace,
    log: (m) => logs.push(m),
  };
  if (options.restricted) ctx.restricted = true;
  const doc = parseDocument(text);
  const findings = analyze(doc, ctx);
  return {
    findings,
    ctx,
    text,
    logs,
    codes: findings.map((f) => f.code),
    of: (code) => findings.filter((f) => f.code === code),
    at: (f) => doc.textIn(f.range),
  };
}

/** Quick fixes for one finding. */
export function fixesFor(run: Run, finding: Finding): Fix[] {
  const doc = parseDocument(run.text);
  return codeActions(doc, run.ctx, finding.range, [finding]).filter((f) => f.fixes?.code === finding.code);
}

/** Applies a fix and analyses the result again with the same context. */
export function applyAndReanalyse(run: Run, fix: Fix): { text: string; findings: Finding[] } {
  const text = applyEdits(parseDocument(run.text), fix.edits);
  const doc = parseDocument(text);
  return { text, findings: analyze(doc, run.ctx) };
}

export function dockerfile(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
