// YAML as a tree that remembers lines. The `yaml` library parses without expanding aliases; this turns
// its nodes into plain maps, lists and scalars with the line of every key and value, resolving aliases
// and merge keys (`<<: *anchor`, `<<: [*a, *b]`) under a node budget, so an alias bomb stops early.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';

export type YNode = YMap | YSeq | YScalar;

export interface YMap {
  kind: 'map';
  line: number;
  entries: Map<string, YEntry>;
}

export interface YEntry {
  keyLine: number;
  value: YNode;
}

export interface YSeq {
  kind: 'seq';
  line: number;
  items: YNode[];
}

export interface YScalar {
  kind: 'scalar';
  line: number;
  value: string | number | boolean | null;
  /** Line of the first content line: the line after the `|` / `>` header of a block scalar. */
  contentLine: number;
  /** Whether the value's lines map one to one onto the file's lines (literal blocks, one-line scalars). */
  linesExact: boolean;
}

/** Nodes one file may expand to, aliases included: an anchors bomb stops here. */
export const MAX_YAML_NODES = 200_000;

export class YamlError extends Error {}

// Recently parsed texts: a workflow calling the same local action from many jobs parses it once.
const recent = new Map<string, YNode[] | YamlError>();
const RECENT_MAX = 32;

/** Every document of a YAML stream; throws YamlError on invalid YAML or too many nodes. The trees are shared: do not change them. */
export function parseYamlDocuments(text: string, maxNodes = MAX_YAML_NODES): YNode[] {
  const key = `${maxNodes}\0${text}`;
  let hit = recent.get(key);
  if (hit === undefined) {
    try {
      hit = parseUncached(text, maxNodes);
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      hit = e;
    }
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
    recent.set(key, hit);
  }
  if (hit instanceof YamlError) throw hit;
  return hit;
}

function parseUncached(text: string, maxNodes: number): YNode[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  const budget = { left: maxNodes };
  const out: YNode[] = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const line = lineCounter.linePos(e.pos[0]).line;
      throw new YamlError(`invalid YAML (line ${line}: ${e.message.split('\n')[0]})`);
    }
    if (doc.contents == null) continue;
    out.push(convert(doc.contents as YamlNode, anchorsOf(doc), lineCounter, budget, 0));
  }
  return out;
}

type Anchors = Map<string, Array<{ offset: number; node: YamlNode }>>;

/** Every anchored node of a document, once (the library's Alias.resolve walks the whole document per alias). */
function anchorsOf(doc: Document): Anchors {
  const anchors: Anchors = new Map();
  visit(doc, (_key, node) => {
    const n = node as YamlNode & { anchor?: string };
    if (n && typeof n === 'object' && 'anchor' in n && n.anchor) {
      const list = anchors.get(n.anchor) ?? [];
      list.push({ offset: n.range?.[0] ?? 0, node: n });
      anchors.set(n.anchor, list);
    }
  });
  return anchors;
}

/** The node an alias names: the last anchor of that name before it. */
function resolveAlias(anchors: Anchors, name: string, offset: number): YamlNode | null {
  let found: YamlNode | null = null;
  for (const a of anchors.get(name) ?? []) if (a.offset < offset) found = a.node;
  return found;
}

/** The first document, or null for an empty file. */
export function parseYaml(text: string, maxNodes = MAX_YAML_NODES): YNode | null {
  return parseYamlDocuments(text, maxNodes)[0] ?? null;
}

function convert(node: YamlNode | null, doc: Anchors, lc: LineCounter, budget: { left: number }, depth: number): YNode {
  if (--budget.left < 0) throw new YamlError('YAML aliases expand beyond the node limit (an anchors bomb?)');
  if (depth > 200) throw new YamlError('YAML nested too deeply');
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lc.linePos(offset).line);
  if (node && isAlias(node)) return convert(resolveAlias(doc, node.source, node.range?.[0] ?? Infinity), doc, lc, budget, depth + 1);
  if (node && isMap(node)) {
    const map: YMap = { kind: 'map', line: lineOf(node.range?.[0]), entries: new Map() };
    const merges: YNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : null;
      if (key === null) continue;
      const value = convert(pair.value as YamlNode | null, doc, lc, budget, depth + 1);
      if (key === '<<' && keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN') {
        if (value.kind === 'seq') merges.push(...value.items);
        else merges.push(value);
        continue;
      }
      map.entries.set(key, { keyLine: lineOf(keyNode?.range?.[0]), value });
    }
    // Keys of the map itself win over merged ones; among merged maps, the first listed wins.
    for (const merged of merges) {
      if (merged.kind !== 'map') continue;
      for (const [k, e] of merged.entries) if (!map.entries.has(k)) map.entries.set(k, e);
    }
    return map;
  }
  if (node && isSeq(node)) {
    const seq: YSeq = { kind: 'seq', line: lineOf(node.range?.[0]), items: [] };
    for (const item of node.items) seq.items.push(convert(item as YamlNode | null, doc, lc, budget, depth + 1));
    return seq;
  }
  if (node && isScalar(node)) {
    const line = lineOf(node.range?.[0]);
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const raw = node.value;
    const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
    const oneLine = typeof value !== 'string' || !value.includes('\n');
    return { kind: 'scalar', line, value, contentLine: block ? line + 1 : line, linesExact: node.type === 'BLOCK_LITERAL' || (!block && oneLine) };
  }
  return { kind: 'scalar', line: 1, value: null, contentLine: 1, linesExact: true };
}

// Small accessors the readers share.

export function get(node: YNode | null | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

export function entry(node: YNode | null | undefined, key: string): YEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** A scalar as a string (numbers and booleans spelled as YAML wrote them); undefined otherwise. */
export function str(node: YNode | null | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function items(node: YNode | null | undefined): YNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

export function mapEntries(node: YNode | null | undefined): Array<[string, YEntry]> {
  return node?.kind === 'map' ? [...node.entries] : [];
}

/** A scalar holding a script, and the file line of each of its lines (the start line when they do not map). */
export function scriptOf(node: YNode | null | undefined): { text: string; lineOf: (l: number) => number } | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const { contentLine, linesExact } = node;
  return { text: node.value, lineOf: (l) => (linesExact ? contentLine + l : contentLine) };
}
