// The combinations of a job's `strategy.matrix` when it is written out (lists, `include`, `exclude`), as
// GitHub expands them; a matrix computed by an expression (`fromJSON(…)`) is unknown.
import { GH_UNKNOWN } from './ghExpr';
import type { GhContext, GhValue } from './ghExpr';
import { items, mapEntries } from './yamlTree';
import type { YNode } from './yamlTree';

const MAX_COMBOS = 64;

type Combo = Record<string, GhValue>;

function scalar(node: YNode): GhValue {
  return node.kind === 'scalar' ? node.value : GH_UNKNOWN;
}

function entryObject(node: YNode): Combo {
  const o: Combo = {};
  for (const [k, e] of mapEntries(node)) o[k] = scalar(e.value);
  return o;
}

/** Combinations, or an empty list when the matrix is missing or computed. */
export function matrixCombos(node: YNode | undefined, ctx: GhContext): Combo[] {
  void ctx;
  if (node?.kind !== 'map') return [];
  let combos: Combo[] = [{}];
  const keys: string[] = [];
  for (const [k, e] of mapEntries(node)) {
    if (k === 'include' || k === 'exclude') continue;
    if (e.value.kind !== 'seq') return [];
    keys.push(k);
    combos = combos.flatMap((c) => e.value.kind === 'seq' ? e.value.items.map((v): Combo => ({ ...c, [k]: scalar(v) })) : []);
    if (combos.length > MAX_COMBOS) return combos.slice(0, MAX_COMBOS);
  }
  if (keys.length === 0) combos = [];
  for (const ex of items(mapEntries(node).find(([k]) => k === 'exclude')?.[1].value)) {
    const o = entryObject(ex);
    combos = combos.filter((c) => !Object.entries(o).every(([k, v]) => c[k] === v));
  }
  for (const inc of items(mapEntries(node).find(([k]) => k === 'include')?.[1].value)) {
    const o = entryObject(inc);
    let matched = false;
    for (const c of combos) {
      if (Object.entries(o).every(([k, v]) => !keys.includes(k) || c[k] === v)) {
        for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) c[k] = v;
        matched = true;
      }
    }
    if (!matched) combos.push({ ...o });
  }
  return combos.slice(0, MAX_COMBOS);
}
