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
import type { AnalysisContext } from '../context';
import type { ParsedDocument, Stage } from '../parse/document';
import type { Range } from '../types';
import type { CheckScope, Report, Reporter, RuleFamily } from '../rules/rule';
import { DOCUMENT_BUDGET, SOURCE_BUDGET } from '../context/contextFiles';

/**
 * Documents shorter than this are analysed whole, without the cache: running each family stage by stage
 * costs more than analysing a short file again (about twice the time on a 25-line, 7-stage file), and
 * what the cache saves grows with the file. Tests lower it to exercise the cache on small inputs.
 */
export const analysisCaching = { minLines: 150 };

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

export interface AnalysisSlice {
  readonly shouldPause: () => boolean;
  /** Stages computed since the slice started. */
  computed: number;
  /** An analysis stopped early because of this slice: its findings are incomplete. */
  paused: boolean;
}

interface Piece {
  text: string;
  id: number;
}

interface Unit {
  /** null: the instructions before the first FROM. */
  stage: Stage | null;
  line: number;
  key: string;
}

export class AnalysisCache {
  private entries = new Map<string, Entry>();
  /** The text of each stage in the last version by start offset, with its id (keys stay small). */
  private pieces = new Map<number, Piece>();
  private preamble = new Map<number, Piece>();
  /** Descriptions of stage chains (own id, parent distance, parent chain) in the last version → id. */
  private chainIds = new Map<string, number>();
  private length = 0;
  private nextId = 1;
  private doc: ParsedDocument | null = null;
  private units: Unit[] = [];
  private context: unknown[] = [];
  /** The key each family's `prepare` returned for the stored results. */
  private familyKeys = new Map<string, string>();
  /** Stages whose reports were reused / computed by the last analysis (all scoped families together). */
  stats = { reused: 0, computed: 0 };
  private slice: AnalysisSlice | null = null;

  /**
   * Until `endSlice`, analyses through this cache stop computing stages once `shouldPause` says so and at
   * least one stage was computed since `startSlice`; the returned slice then reads `paused: true` and that
   * analysis is incomplete. What was computed is kept, so the next analysis of the same version replays
   * it and goes on where this one stopped (the server analyses a large document in such slices and
   * yields to the event loop between them).
   */
  startSlice(shouldPause: () => boolean): AnalysisSlice {
    this.slice = { shouldPause, computed: 0, paused: false };
    return this.slice;
  }

  endSlice(): void {
    this.slice = null;
  }

  /** Forget everything (the file system or settings changed). */
  clear(): void {
    this.entries.clear();
    this.pieces.clear();
    this.preamble.clear();
    this.chainIds.clear();
    this.familyKeys.clear();
    this.doc = null;
    this.units = [];
  }

  /**
   * Lets go of the parsed document of the last analysis (its stages and instructions); the reports and
   * the stage texts stay, so a new parse of the same text still reuses them.
   */
  release(): void {
    this.doc = null;
    this.units = [];
  }

  /** Runs a scoped family over `doc` stage by stage, reusing what an earlier version reported. */
  check(family: RuleFamily, doc: ParsedDocument, ctx: AnalysisContext, report: Reporter): void {
    this.prepare(doc, ctx);
    const scope: CheckScope = { stage: null, budget: { left: DOCUMENT_BUDGET } };
    if (family.prepare) {
      const key = family.prepare(doc, ctx, scope);
      if (this.familyKeys.get(family.family) !== key) {
        for (const entry of this.entries.values()) entry.families.delete(family.family);
        this.familyKeys.set(family.family, key);
      }
    }
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
      const slice = this.slice;
      if (slice && (slice.paused || (slice.computed > 0 && slice.shouldPause()))) {
        slice.paused = true;
        return;
      }
      const reports: Report[] = [];
      scope.stage = unit.stage;
      family.check(doc, ctx, (r) => {
        reports.push(r);
        report(r);
      }, scope);
      if (ctx.isCancelled?.()) return; // possibly incomplete: not kept
      this.stats.computed++;
      if (slice) slice.computed++;
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
    const { text, lineStarts } = doc;
    // A stage's text gets the id it had in the last version when it is still there, at the same offset
    // or moved by the change in length (no hashing of the whole text), else a new id.
    const shift = text.length - this.length;
    const pieces = new Map<number, Piece>();
    const pieceId = (from: number, to: number, previous: Map<number, Piece>, out: Map<number, Piece>): number => {
      const piece = text.slice(from, to);
      let id: number | undefined;
      for (const at of [from, from - shift]) {
        const old = previous.get(at);
        if (old && old.text === piece) {
          id = old.id;
          break;
        }
      }
      id ??= this.nextId++;
      out.set(from, { text: piece, id });
      return id;
    };
    const offsetOfLine = (line: number) => (line < lineStarts.length ? lineStarts[line] : text.length);
    const firstFrom = doc.stages.length > 0 ? doc.stages[0].startLine : lineStarts.length;
    const preambleOut = new Map<number, Piece>();
    const preamble = `${doc.escapeChar}${pieceId(0, offsetOfLine(firstFrom), this.preamble, preambleOut)}`;
    const chainIds = new Map<string, number>();
    const chains = new Map<Stage, string>();
    const chainOf = (stage: Stage): string => {
      // Ancestors first, iteratively: a recursion here overflowed the stack on 10,000 chained stages.
      const todo: Stage[] = [];
      for (let s: Stage | null = stage; s && !chains.has(s); s = s.parent) todo.push(s);
      for (let k = todo.length - 1; k >= 0; k--) {
        const s = todo[k];
        const own = pieceId(offsetOfLine(s.startLine), offsetOfLine(s.endLine + 1), this.pieces, pieces);
        // Parents are always earlier stages (document.ts resolves names among those), so this ends.
        const description = s.parent ? `${s.index}:${own}<${s.parent.startLine - s.startLine}:${chains.get(s.parent)}` : `${s.index}:${own}`;
        let id = chainIds.get(description);
        if (id === undefined) {
          id = this.chainIds.get(description) ?? this.nextId++;
          chainIds.set(description, id);
        }
        chains.set(s, String(id));
      }
      return chains.get(stage)!;
    };
    const units: Unit[] = [{ stage: null, line: 0, key: preamble }];
    for (const stage of doc.stages) units.push({ stage, line: stage.startLine, key: `${preamble}|${chainOf(stage)}` });
    const entries = new Map<string, Entry>();
    for (const unit of units) entries.set(unit.key, this.entries.get(unit.key) ?? { line: unit.line, families: new Map() });
    this.entries = entries;
    this.pieces = pieces;
    this.preamble = preambleOut;
    this.chainIds = chainIds;
    this.length = text.length;
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
  if (r.args && r.lineArgs) {
    const args = { ...r.args };
    for (const name of r.lineArgs) if (typeof args[name] === 'number') args[name] = (args[name] as number) + delta;
    out.args = args;
  }
  return out;
}
