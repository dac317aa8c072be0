// The names of a Dockerfile and where each is written: stages (declared by `AS`, named by FROM, `--from`,
// `--mount=…,from=`) and variables (declared by ARG/ENV, used as `$NAME`), each resolved the way BuildKit
// resolves it. Navigation, highlights and rename all read this, computed once per parsed document.
import type { ParsedDocument } from '../../parse/document';
import type { Position, Range } from '../../types';
import { rangeContains } from '../../types';
import type { StageOccurrence } from './stages';
import { stageOccurrences } from './stages';
import type { VariableOccurrence } from './variables';
import { variableOccurrences } from './variables';

export type { StageOccurrence, StageRole } from './stages';
export { STAGE_NAME } from './stages';
export type { VariableOccurrence } from './variables';
export { isPredefinedName, scanUses } from './variables';

export interface DocumentReferences {
  stages: StageOccurrence[];
  variables: VariableOccurrence[];
  /**
   * The variable a binding belongs to: a stage's `ARG NAME` that takes a global ARG's default is the same
   * variable as that global (renaming one without the other would change the value).
   */
  groupOf(key: string): string;
}

/** A name under the cursor: a stage (by index) or a variable (by group). */
export type NameRef =
  | { kind: 'stage'; index: number; occurrence: StageOccurrence }
  | { kind: 'variable'; group: string; name: string; occurrence: VariableOccurrence }
  /** A variable nobody declares here (set by the base image or the build environment). */
  | { kind: 'undeclared-variable'; name: string; occurrence: VariableOccurrence }
  /** `--from=<image>` or a FROM naming no stage. */
  | { kind: 'external-stage'; occurrence: StageOccurrence };

const CACHE = new WeakMap<ParsedDocument, DocumentReferences>();

export function documentReferences(doc: ParsedDocument): DocumentReferences {
  let refs = CACHE.get(doc);
  if (!refs) {
    const stages = stageOccurrences(doc);
    const variables = variableOccurrences(doc);
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let root = k;
      while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
      return root;
    };
    for (const v of variables) {
      if (v.key && v.globalKey) {
        const a = find(v.key);
        const b = find(v.globalKey);
        if (a !== b) parent.set(a, b);
      }
    }
    refs = { stages, variables, groupOf: find };
    CACHE.set(doc, refs);
  }
  return refs;
}

/** The stage or variable name at a position, if any. */
export function nameAt(doc: ParsedDocument, pos: Position): NameRef | null {
  const refs = documentReferences(doc);
  for (const s of refs.stages) {
    if (s.range.start.line > pos.line || s.range.end.line < pos.line) continue;
    if (!rangeContains(s.range, pos)) continue;
    return s.target === null ? { kind: 'external-stage', occurrence: s } : { kind: 'stage', index: s.target, occurrence: s };
  }
  for (const v of refs.variables) {
    if (v.range.start.line !== pos.line || !rangeContains(v.range, pos)) continue;
    if (!v.key) return { kind: 'undeclared-variable', name: v.name, occurrence: v };
    return { kind: 'variable', group: refs.groupOf(v.key), name: v.name, occurrence: v };
  }
  return null;
}

export interface Occurrence {
  range: Range;
  role: 'declaration' | 'use';
  /** Safe to rewrite when the name changes (not an index, not hidden in a variable). */
  renamable: boolean;
  line: number;
}

/** Every place that names the same stage or variable as `ref`. */
export function occurrencesOf(doc: ParsedDocument, ref: NameRef): Occurrence[] {
  const refs = documentReferences(doc);
  if (ref.kind === 'stage') {
    return refs.stages
      .filter((s) => s.target === ref.index)
      .map((s) => ({ range: s.range, role: s.role === 'declaration' ? 'declaration' : 'use', renamable: !s.byIndex && !s.viaVariable, line: s.line }));
  }
  if (ref.kind === 'variable') {
    return refs.variables
      .filter((v) => v.key !== null && refs.groupOf(v.key) === ref.group)
      .map((v) => ({ range: v.range, role: v.role, renamable: true, line: v.line }));
  }
  if (ref.kind === 'undeclared-variable') {
    return refs.variables.filter((v) => v.key === null && v.name === ref.name).map((v) => ({ range: v.range, role: 'use', renamable: false, line: v.line }));
  }
  const text = ref.occurrence.text.toLowerCase();
  return refs.stages
    .filter((s) => s.target === null && s.text.toLowerCase() === text)
    .map((s) => ({ range: s.range, role: 'use', renamable: false, line: s.line }));
}

/**
 * A fingerprint of what every name resolves to, in document order: which stage each stage reference
 * names, which variable each variable reference reads. Two versions of a text with equal fingerprints
 * mean the same thing as far as names go (rename checks its result with it).
 */
export function resolutionFingerprint(doc: ParsedDocument): Array<{ line: number; what: string }> {
  const refs = documentReferences(doc);
  const out: Array<{ line: number; what: string }> = [];
  for (const s of refs.stages) out.push({ line: s.line, what: `stage:${s.role}:${s.target ?? `image:${s.text.toLowerCase()}`}` });
  // Variables are named by the order of their first declaration, so a renamed variable keeps its identity.
  const order = new Map<string, number>();
  for (const v of refs.variables) {
    if (!v.key) continue;
    const g = refs.groupOf(v.key);
    if (!order.has(g)) order.set(g, order.size);
  }
  const bindingOrder = new Map<string, number>();
  for (const v of refs.variables) if (v.key && !bindingOrder.has(v.key)) bindingOrder.set(v.key, bindingOrder.size);
  for (const v of refs.variables) {
    const what = v.key ? `var:${v.role}:${order.get(refs.groupOf(v.key))}:${bindingOrder.get(v.key)}` : `var:${v.role}:undeclared`;
    out.push({ line: v.line, what });
  }
  return out;
}
