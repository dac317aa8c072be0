// Memoised rule results per stage, across the versions of one document. A `scoped` rule family (see
// rules/rule.ts) is run stage by stage; what it reported for a stage is kept under a key made of
// everything such a check may read: the stage's text, the text of its `FROM <stage>` ancestors and their
// distance in lines, the text before the first FROM (global ARGs, directives) and the escape character.
// The next version reuses those reports for every stage whose key is unchanged, with positions moved by
// the number of lines the stage moved. Everything else of an analysis (families that are not scoped,
// suppression comments, configured levels, messages) runs as before. The cache is only valid for one
// analysis context (language, settings, file system, paths): another context starts it afresh, and the
// server drops it when watched files change. test/unit/analysisCache.test.ts compares it with a fresh
// analysis after random edits.
import type { AnalysisContext } from './context';
import type { ParsedDocument, Stage } from './document';
import type { Range } from './types';
import type { CheckScope, Report, Reporter, RuleFamily } from './rules/rule';
import { DOCUMENT_BUDGET, SOURCE_BUDGET } from './contextFiles';

interface FamilyResult {
  reports: Report[];
  /** File-system budget left when the stage started, and how much it used. */
  start: number;
  used: number;
}

interface Entry {
  /** First line of the unit when its reports were made. */
  line: number;
  families: Map<string, FamilyResult>;
}

interface Unit {
  /** null: the instructions before the first FROM. */
  stage: Stage | null;
  line: number;
  key: string;
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();
  /** Text pieces seen in the last version → a short id, so keys stay small. */
  private ids = new Map<string, number>();
  private nextId = 1;
  private doc: ParsedDocument | null = null;
  private units: Unit[] = [];
  private context: unknown[] = [];
  /** Stages whose reports were reused / computed by the last analysis (all scoped families together). */
  stats = { reused: 0, computed: 0 };

  /** Forget everything (the file system or settings changed). */
  clear(): void {
    this.entries.clear();
    this.ids.clear();
    this.doc = null;
    this.units = [];
  }

  /** Runs a scoped family over `doc` stage by stage, reusing what an earlier version reported. */
  check(family: RuleFamily, doc: ParsedDocument, ctx: AnalysisContext, report: Reporter): void {
    this.prepare(doc, ctx);
    const scope: CheckScope = { stage: null, budget: { left: DOCUMENT_BUDGET } };
    for (const unit of this.units) {
      const entry = this.entries.get(unit.key)!;
      const hit = entry.families.get(family.family);
      const left = scope.budget.left;
      // The budget only changes a check's result when less than one source's share was left at some point.
      if (hit && hit.start - hit.used >= SOURCE_BUDGET && left - hit.used >= SOURCE_BUDGET) {
        const delta = unit.line - entry.line;
        for (const r of hit.reports) report(delta === 0 ? r : moved(r, delta));
        scope.budget.left -= hit.used;
        this.stats.reused++;
        continue;
      }
      const reports: Report[] = [];
      scope.stage = unit.stage;
      family.check(doc, ctx, (r) => {
        reports.push(r);
        report(r);
      }, scope);
      if (ctx.isCancelled?.()) return; // possibly incomplete: not kept
      this.stats.computed++;
      // Reports are kept for the line the entry was made at.
      const delta = entry.line - unit.line;
      entry.families.set(family.family, { reports: delta === 0 ? reports : reports.map((r) => moved(r, delta)), start: left, used: left - scope.budget.left });
    }
  }

  private prepare(doc: ParsedDocument, ctx: AnalysisContext): void {
    const context = [ctx.lang, ctx.settings, ctx.fs, ctx.documentPath, ctx.workspaceFolder];
    if (context.some((v, i) => v !== this.context[i])) {
      this.clear();
      this.context = context;
    }
    if (doc === this.doc) return;
    this.doc = doc;
    this.stats = { reused: 0, computed: 0 };
    const ids = new Map<string, number>();
    const idOf = (piece: string): number => {
      let id = ids.get(piece);
      if (id === undefined) {
        id = this.ids.get(piece) ?? this.nextId++;
        ids.set(piece, id);
      }
      return id;
    };
    const { text, lineStarts } = doc;
    const offsetOfLine = (line: number) => (line < lineStarts.length ? lineStarts[line] : text.length);
    const firstFrom = doc.stages.length > 0 ? doc.stages[0].startLine : lineStarts.length;
    const preamble = idOf('P' + doc.escapeChar + text.slice(0, offsetOfLine(firstFrom)));
    const chains = new Map<Stage, string>();
    const chainOf = (stage: Stage): string => {
      let chain = chains.get(stage);
      if (chain === undefined) {
        const own = idOf(`S${stage.index}\n${text.slice(offsetOfLine(stage.startLine), offsetOfLine(stage.endLine + 1))}`);
        // Parents are always earlier stages (document.ts resolves names among those), so this ends.
        chain = stage.parent ? String(idOf(`C${own}<${stage.parent.startLine - stage.startLine}:${chainOf(stage.parent)}`)) : String(own);
        chains.set(stage, chain);
      }
      return chain;
    };
    const units: Unit[] = [{ stage: null, line: 0, key: `${preamble}` }];
    for (const stage of doc.stages) units.push({ stage, line: stage.startLine, key: `${preamble}|${chainOf(stage)}` });
    const entries = new Map<string, Entry>();
    for (const unit of units) entries.set(unit.key, this.entries.get(unit.key) ?? { line: unit.line, families: new Map() });
    this.entries = entries;
    this.ids = ids;
    this.units = units;
  }
}

function moveRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/** A report of a stage that moved by `delta` lines. */
function moved(r: Report, delta: number): Report {
  const out: Report = { ...r, range: moveRange(r.range, delta) };
  if (r.related) out.related = r.related.map((x) => ({ ...x, range: moveRange(x.range, delta) }));
  if (r.args && typeof r.args.line === 'number') out.args = { ...r.args, line: r.args.line + delta };
  return out;
}
