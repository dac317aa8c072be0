// The robustness invariants of issue 9, as one checker over the pure engine. Every property suite and
// the fuzz run call `checkEngine`; it throws an Error naming the broken invariant.
import MarkdownIt from 'markdown-it';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageRoot, pageFile } from '../../server/src/engine/notes/pages';
import { parseDocument } from '../../server/src/engine/parse/document';
import type { ParsedDocument } from '../../server/src/engine/parse/document';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { hover } from '../../server/src/engine/features/hover';
import { applyEdits, safeFixEdits } from '../../server/src/engine/features/edits';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import type { AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import type { FileSystemView, Entry } from '../../server/src/engine/context/fs';
import { rangeInside } from '../../server/src/engine/rules/limits';
import type { Fix, Lang, Position, Range } from '../../server/src/engine/types';

/** A file-system view that records every path the engine asks about. */
export class RecordingFs implements FileSystemView {
  readonly touched: string[] = [];
  constructor(private readonly inner: FileSystemView = new CachedNodeFileSystem()) {}
  stat(p: string): Entry | null {
    this.touched.push(p);
    return this.inner.stat(p);
  }
  readDir(p: string): string[] | null {
    this.touched.push(p);
    return this.inner.readDir(p);
  }
  readText(p: string, max?: number): string | null {
    this.touched.push(p);
    return this.inner.readText(p, max);
  }
  errorOf(p: string): string | undefined {
    return this.inner.errorOf?.(p);
  }
  invalidate(p?: string): void {
    this.inner.invalidate?.(p);
  }
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, path.resolve(p));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export interface EngineSetup {
  lang?: Lang;
  /** A real folder used as workspace and build context; the Dockerfile is `<root>/Dockerfile`. */
  root?: string | null;
  fs?: FileSystemView;
}

export function makeContext(setup: EngineSetup, logs: string[]): AnalysisContext {
  const root = setup.root ?? null;
  return {
    lang: setup.lang ?? 'en',
    settings: DEFAULT_SETTINGS,
    fs: setup.fs ?? new CachedNodeFileSystem(),
    documentPath: root ? path.join(root, 'Dockerfile') : null,
    workspaceFolder: root,
    log: (m) => logs.push(m),
  };
}

export interface CheckStats {
  findings: number;
  hovers: number;
  fixes: number;
  safeFixesApplied: number;
}

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail, (_k, v) => (typeof v === 'string' && v.length > 300 ? v.slice(0, 300) + '…' : v))}`);
}

function assertInside(doc: ParsedDocument, range: Range, what: string): void {
  if (!rangeInside(doc, range)) fail(`${what} range outside the document (${doc.lineCount()} lines)`, range);
}

/**
 * The only links a hover may carry besides http(s): its own links to pages bundled in the package, as the
 * client's open-page command with a valid page id, or as the `file:` URL of such a page.
 */
function isOwnPageLink(target: string): boolean {
  const command = /^command:dockerfileNotes\.openPage\?%22([^%]*)%22$/.exec(target);
  if (command) return pageFile(command[1]) !== null;
  if (!target.startsWith('file:')) return false;
  const root = packageRoot();
  let file: string;
  try {
    file = fileURLToPath(target);
  } catch {
    return false;
  }
  return !!root && /^(notes[\\/](en|zh-cn)|docs[\\/]rules)[\\/]/.test(path.relative(root, file)) && fs.existsSync(file);
}

const markdownParser = new MarkdownIt({ html: true });
markdownParser.validateLink = () => true; // every link the text forms is judged below

/**
 * Hover markdown is untrusted: as a real markdown parser reads it, it holds no HTML, no image and no link but
 * http(s) and the hover's own page links.
 */
export function assertUntrustedMarkdown(markdown: string): void {
  const visit = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const t of tokens) {
      if (t.type === 'html_block' || t.type === 'html_inline') fail('hover markdown contains HTML', t.content);
      if (t.type === 'image') fail('hover markdown contains an image', t.attrGet('src') ?? '');
      if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        if (!/^https?:\/\//i.test(href) && !isOwnPageLink(href)) fail('hover markdown contains a command or script link', href);
      }
      if (t.children) visit(t.children);
    }
  };
  visit(markdownParser.parse(markdown, {}));
}

/** Positions worth probing: each instruction's keyword and flag starts, plus `extra` spread ones. */
function probePositions(doc: ParsedDocument, extra: number[]): Position[] {
  const out: Position[] = [];
  for (const instruction of doc.instructions.slice(0, 40)) {
    const r = instruction.getRange();
    out.push(r.start, { line: r.start.line, character: r.start.character + 1 });
    const args = instruction.getArgumentsRange?.();
    if (args) out.push(args.start, args.end);
  }
  const lines = doc.lineCount();
  for (const n of extra) {
    const line = n % (lines + 1);
    out.push({ line, character: Math.floor(n / 7) % (doc.lineText(line).length + 2) });
  }
  out.push({ line: -1, character: 0 }, { line: lines + 5, character: 3 }, { line: 0, character: 1e6 });
  return out;
}

/**
 * Runs analysis, hovers, code actions and safe fixes over `text` and checks every invariant: nothing
 * throws or logs a failure, every range lies inside the text, hover markdown is untrusted-safe, every safe
 * fix yields text that parses and no longer has the diagnostic, and applying the fixes again changes nothing.
 */
export function checkEngine(text: string, setup: EngineSetup = {}, probes: number[] = [1, 17, 99, 1234]): CheckStats {
  const logs: string[] = [];
  const ctx = makeContext(setup, logs);
  const doc = parseDocument(text);
  if (doc.text !== text) fail('parsed text differs from the input', text.length);
  const findings = analyze(doc, ctx);
  const stats: CheckStats = { findings: findings.length, hovers: 0, fixes: 0, safeFixesApplied: 0 };
  for (const f of findings) {
    assertInside(doc, f.range, `finding ${f.code}`);
    for (const r of f.related ?? []) assertInside(doc, r.range, `related information of ${f.code}`);
    if (!f.message.trim()) fail('empty message', f.code);
  }

  for (const pos of probePositions(doc, probes)) {
    const h = hover(doc, ctx, pos);
    if (!h) continue;
    stats.hovers++;
    assertInside(doc, h.range, 'hover');
    assertUntrustedMarkdown(h.markdown);
  }

  const everywhere: Range = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
  const fixes: Fix[] = codeActions(doc, ctx, everywhere, findings);
  for (const f of findings.slice(0, 10)) fixes.push(...codeActions(doc, ctx, f.range, [f]));
  stats.fixes = fixes.length;
  for (const fix of fixes) {
    if (!fix.title.trim()) fail('fix without a title', fix.kind);
    for (const e of fix.edits) assertInside(doc, e.range, `edit of "${fix.title}"`);
    if (fix.fixes) assertInside(doc, fix.fixes.range, `target of "${fix.title}"`);
  }

  // Each safe quick fix on its own: the result parses, analyses cleanly and lost that diagnostic.
  for (const fix of fixes.filter((f) => f.kind === 'quickfix' && f.safe && f.fixes).slice(0, 12)) {
    const after = applyEdits(doc, fix.edits);
    const again = analyze(parseDocument(after), ctx);
    const target = fix.fixes!;
    if (again.some((g) => g.code === target.code && g.range.start.line === target.range.start.line && g.range.start.character === target.range.start.character)) {
      fail(`safe fix "${fix.title}" left its diagnostic`, { before: doc.textIn(target.range), after: after.slice(doc.offsetAt(target.range.start), doc.offsetAt(target.range.start) + 200) });
    }
    stats.safeFixesApplied++;
  }

  // All safe fixes together (as `source.fixAll` and `check --fix` do), repeated: a fix may reveal another
  // finding (`ADD ['x',]` becomes `ADD ["x"]`, which then wants COPY) and overlapping fixes wait for the
  // next round, but the text reaches a fixed point within a few rounds.
  let current = doc;
  let currentFixes = fixes;
  for (let round = 1; ; round++) {
    const next = applyEdits(current, safeFixEdits(currentFixes));
    if (next === current.text) break;
    if (round > 4) fail('the safe fixes do not reach a fixed point', { round, text: next });
    current = parseDocument(next);
    const again = analyze(current, ctx);
    currentFixes = codeActions(current, ctx, everywhere, again);
  }

  const failures = logs.filter((l) => /fail|error|exception/i.test(l));
  if (failures.length) fail('the engine logged a failure', failures[0]);
  if (setup.fs instanceof RecordingFs && setup.root) {
    const outside = setup.fs.touched.filter((p) => !isInside(setup.root!, p));
    if (outside.length) fail('the engine looked outside the build context', outside.slice(0, 5));
  }
  return stats;
}
