// `dockerfile-notes check`: select the files, analyse each, apply the fixes that keep behaviour (--fix),
// write them safely, print the findings and decide the exit code (0 clean, 1 errors, 2 usage or input).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze as engineAnalyze, codeActions } from '../engine/analysis/analyze';
import type { AnalysisContext, EngineSettings } from '../engine/context';
import { DEFAULT_SETTINGS, parseSettings } from '../engine/context';
import { CachedNodeFileSystem } from '../engine/context/fs';
import { safeFixEdits } from '../engine/features/edits';
import { parseDocument, type ParsedDocument } from '../engine/parse/document';
import type { Finding } from '../engine/types';
import type { Options } from './args';
import { applyByteEdits, decodeDockerfile, type DecodedFile } from './bytes';
import { selectFiles, type FileProblem } from './files';
import { formatCompact, formatGithub, formatJson, formatText, terminalSafe, terminalSafeBlock, type FileResult } from './format';
import { formatSarif } from './sarif';
import { cliProjectRoot, explainContext, summarizeContexts } from './explainContext';
import { nodeWriteOps, snapshotOf, writeFileSafely, type ReadSnapshot, type WriteOps } from './safeWrite';

export interface CheckIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  color: boolean;
  version: string;
  /** Standard input, for --stdin. */
  readStdin?: () => Buffer;
  /** Seams for tests: the file-system calls of a safe write, and the analysis (to inject a finding). */
  writeOps?: WriteOps;
  analyze?: (doc: ParsedDocument, ctx: AnalysisContext) => Finding[];
}

/** Findings that mean a check could not finish: "no problems" would not be true. Exit 2 unless allowed. */
export const INCOMPLETE_CODES: ReadonlySet<string> = new Set(['analysis-incomplete']);

/** How many times fixes are re-applied: a fix can make another one possible (or conflict with it). */
const FIX_PASSES = 5;

export function check(opts: Options, io: CheckIo): number {
  const problems: FileProblem[] = [];
  const say = (p: FileProblem) => io.err(`dockerfile-notes: ${terminalSafe(display(io.cwd, p.path))}: ${terminalSafe(p.message)}`);
  const usage = (message: string) => {
    io.err(`dockerfile-notes: ${message}`);
    return 2;
  };
  if (opts.stdin && opts.positional.length) return usage('--stdin reads one Dockerfile from standard input; remove the paths or --stdin');
  if (opts.explainContext && (opts.fix || opts.stdin)) return usage('--explain-context prints the build contexts only; use it without --fix and --stdin');
  if (opts.stdin && opts.fix) return usage('--fix cannot write back to standard input; give the file path instead of --stdin');
  if (!opts.stdin && opts.stdinFilename !== null) return usage('--stdin-filename needs --stdin');

  const settings = checkSettings(opts, io.cwd);
  if (typeof settings === 'string') return usage(settings);
  const fileSystem = new CachedNodeFileSystem();
  const analyze = io.analyze ?? engineAnalyze;
  // Folders named on the command line: each is a project root for the Dockerfiles under it (unless in a repository).
  const inputFolders = opts.positional.map((p) => path.resolve(io.cwd, p)).filter((p) => fileSystem.stat(p)?.type === 'dir');
  const contextFor = (file: string | null): AnalysisContext => ({
    lang: opts.lang,
    settings,
    fs: fileSystem,
    documentPath: file,
    workspaceFolder: io.cwd,
    projectRoot: file ? cliProjectRoot(fileSystem, file, io.cwd, inputFolders) : io.cwd,
    log: (m) => io.err(`dockerfile-notes: ${terminalSafe(file ? display(io.cwd, file) : '<stdin>')}: ${terminalSafe(m)}`),
    // Not about this Dockerfile: no file name in front; the paths in it shown as the findings show them.
    logProject: (m) => io.err(`dockerfile-notes: ${terminalSafe(m.replace(/(^|\s)(\/[^\s:]+)/g, (_, before: string, p: string) => before + display(io.cwd, p)))}`),
  });

  const results: FileResult[] = [];
  if (opts.stdin) {
    const file = opts.stdinFilename !== null ? path.resolve(io.cwd, opts.stdinFilename) : null;
    const name = file ? display(io.cwd, file) : '<stdin>';
    let bytes: Buffer;
    try {
      bytes = (io.readStdin ?? (() => fs.readFileSync(0)))();
    } catch (e) {
      return usage(`cannot read standard input (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const decoded = decodeDockerfile(bytes);
    if (!decoded.ok) problems.push({ path: file ?? '<stdin>', message: `cannot check: ${decoded.reason}` });
    else {
      const analysed = analyzeSafely(decoded.file.text, contextFor(file), analyze, problems, file ?? '<stdin>');
      if (analysed) results.push({ file, display: name, findings: analysed.findings, fixed: 0 });
    }
  } else {
    const inputs = opts.positional.length ? opts.positional : ['.'];
    const selection = selectFiles(inputs, io.cwd, { ignorePatterns: opts.ignorePatterns, errorOnUnmatched: opts.errorOnUnmatched });
    problems.push(...selection.problems);
    if (opts.explainContext) return explainContexts(selection.files, contextFor, io, problems);
    for (const file of selection.files) {
      const ctx = contextFor(file);
      const r = checkFile(file, opts, ctx, analyze, io.writeOps ?? nodeWriteOps, problems);
      if (r) results.push({ file, display: display(io.cwd, file), ...r, contexts: summarizeContexts(ctx, r.doc, io.cwd) });
    }
  }

  // A check that could not finish is an error in the CLI (exit 2), unless --allow-incomplete.
  let incomplete = 0;
  for (const r of results) {
    r.findings = r.findings.map((f) => {
      if (!INCOMPLETE_CODES.has(f.code)) return f;
      incomplete++;
      if (opts.allowIncomplete) return f;
      problems.push({ path: r.file ?? '<stdin>', message: `analysis incomplete at line ${f.range.start.line + 1}: ${f.message.split('\n')[0]} (--allow-incomplete accepts this)` });
      return { ...f, severity: 'error' as const };
    });
  }

  let hidden = 0;
  const shown = results.map((r) => {
    if (!opts.quiet) return r;
    const errors = r.findings.filter((f) => f.severity === 'error');
    hidden += r.findings.length - errors.length;
    return { ...r, findings: errors };
  });
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  const fileCount = results.length;
  const tooManyWarnings = opts.maxWarnings !== null && warnings > opts.maxWarnings;

  for (const p of problems) say(p);
  const color = opts.color ?? io.color;
  const summary = { fileCount, hidden, problems: problems.length };
  switch (opts.format) {
    case 'json':
      io.out(formatJson(shown) + '\n');
      break;
    case 'sarif':
      io.out(formatSarif(shown, problems, io.cwd, opts.lang, io.version) + '\n');
      break;
    case 'compact':
      io.out(formatCompact(shown));
      break;
    case 'github':
      io.out(formatGithub(shown, summary));
      break;
    default:
      io.out(formatText(shown, summary, color));
  }
  if (tooManyWarnings) io.err(`dockerfile-notes: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${opts.maxWarnings}`);
  if (incomplete && opts.allowIncomplete) io.err(`dockerfile-notes: ${incomplete} check${incomplete === 1 ? '' : 's'} could not finish (accepted by --allow-incomplete)`);
  if (problems.length > 0) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function checkSettings(opts: Options, cwd: string): EngineSettings | string {
  let buildContexts: Record<string, string> = {};
  if (opts.context !== null) {
    const folder = path.resolve(cwd, opts.context);
    let isDir = false;
    try {
      isDir = fs.statSync(folder).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) return `--context ${opts.context}: no such folder`;
    buildContexts = { '**': folder };
  }
  // buildContextsFrom: 'cli' makes messages name --context, never the editor's setting.
  return parseSettings({ ...DEFAULT_SETTINGS, rules: opts.rules, buildContexts, buildContextsFrom: 'cli', notes: { ...DEFAULT_SETTINGS.notes, paths: opts.notes } });
}

function analyzeSafely(
  text: string,
  ctx: AnalysisContext,
  analyze: NonNullable<CheckIo['analyze']>,
  problems: FileProblem[],
  where: string,
): { findings: Finding[]; doc: ParsedDocument } | null {
  try {
    const doc = parseDocument(text);
    return { findings: analyze(doc, ctx), doc };
  } catch (e) {
    problems.push({ path: where, message: `cannot check: internal error (${(e as Error)?.message ?? e})` });
    return null;
  }
}

function checkFile(
  file: string,
  opts: Options,
  ctx: AnalysisContext,
  analyze: NonNullable<CheckIo['analyze']>,
  writeOps: WriteOps,
  problems: FileProblem[],
): { findings: Finding[]; fixed: number; doc: ParsedDocument } | null {
  let read: ReadSnapshot;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const st = fs.fstatSync(fd);
      read = snapshotOf(fs.readFileSync(fd), st);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    problems.push({ path: file, message: `cannot read: ${readError(e)}` });
    return null;
  }
  const decoded = decodeDockerfile(read.bytes);
  if (!decoded.ok) {
    problems.push({ path: file, message: `cannot check: ${decoded.reason}` });
    return null;
  }
  const analysed = analyzeSafely(decoded.file.text, ctx, analyze, problems, file);
  if (!analysed) return null;
  const { findings, doc } = analysed;
  if (!opts.fix) return { findings, fixed: 0, doc };

  const fix = applyFixes(decoded.file, findings, ctx, analyze);
  if ('refused' in fix) {
    problems.push({ path: file, message: `cannot fix: line ${fix.line}: ${fix.refused}; the file is unchanged` });
    return { findings, fixed: 0, doc };
  }
  if (fix.fixed === 0) return { findings: fix.findings, fixed: 0, doc };
  const written = writeFileSafely(file, fix.bytes, read, writeOps);
  if (!written.ok) {
    problems.push({ path: file, message: written.message });
    return { findings, fixed: 0, doc };
  }
  return { findings: fix.findings, fixed: fix.fixed, doc: fix.doc };
}

type FixOutcome = { bytes: Buffer; findings: Finding[]; fixed: number; doc: ParsedDocument } | { refused: string; line: number };

/** Applies the safe fixes to the bytes, pass after pass, re-analysing the result each time. */
function applyFixes(start: DecodedFile, startFindings: Finding[], ctx: AnalysisContext, analyze: NonNullable<CheckIo['analyze']>): FixOutcome {
  let file = start;
  let doc = parseDocument(file.text);
  let findings = startFindings;
  let fixed = 0;
  for (let pass = 0; pass < FIX_PASSES; pass++) {
    const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
    const edits = safeFixEdits(codeActions(doc, ctx, whole, findings));
    if (edits.length === 0) break;
    const applied = applyByteEdits(
      file,
      edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })),
    );
    if (!applied.ok) return { refused: applied.reason, line: applied.line };
    if (applied.bytes.equals(file.bytes)) break;
    const next = decodeDockerfile(applied.bytes);
    if (!next.ok) return { refused: next.reason, line: 1 };
    fixed += edits.length;
    file = next.file;
    doc = parseDocument(file.text);
    findings = analyze(doc, ctx);
  }
  return { bytes: file.bytes, findings, fixed, doc };
}

/** `--explain-context`: per Dockerfile, its build context, the evidence and the candidates (exit 0, or 2 on input problems). */
function explainContexts(files: readonly string[], contextFor: (file: string) => AnalysisContext, io: CheckIo, problems: FileProblem[]): number {
  const parts: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ path: file, message: `cannot read: ${readError(e)}` });
      continue;
    }
    parts.push(explainContext(contextFor(file), parseDocument(text), io.cwd));
  }
  for (const p of problems) io.err(`dockerfile-notes: ${terminalSafe(display(io.cwd, p.path))}: ${terminalSafe(p.message)}`);
  io.out(terminalSafeBlock(parts.join('\n')));
  return problems.length > 0 ? 2 : 0;
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'permission denied (EACCES)';
  if (code === 'EISDIR') return 'it is a folder (EISDIR)';
  return code ?? (e as Error).message;
}

/** A path as the output shows it: relative to the current folder when inside it. */
export function display(cwd: string, p: string): string {
  if (p === '<stdin>') return p;
  const rel = path.relative(cwd, p);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
