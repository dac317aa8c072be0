// When nothing declares how a Dockerfile is built: which folder its COPY/ADD sources point at. The
// candidates are the Dockerfile's folder and each folder above it up to the project root (the workspace
// folder, or the repository root in the CLI); the nearest one in which every local source resolves wins,
// else the one in which the most resolve.
import * as path from 'node:path';
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from '../parse/document';
import { keepWhenMoved, keywordOf } from '../parse/instructionCache';
import { hasFlag, readCopyInstruction, variablesAt } from '../model/copyArgs';
import type { VarLookup } from '../model/copyArgs';
import type { FileSystemView } from './fs';
import { classifySource, hasWildcard, lookupSource, SOURCE_BUDGET } from './contextFiles';

export interface CandidateFolder {
  /** Absolute path. */
  root: string;
  /** How many of the Dockerfile's local sources resolve there. */
  found: number;
}

export interface Inference {
  /** The Dockerfile's local sources (cleaned, relative to a context root) that inference looked at. */
  sources: string[];
  /** Nearest first: the Dockerfile's folder, then each parent up to the project root. */
  candidates: CandidateFolder[];
  /** The folder picked; null when no source resolves anywhere (or there is none). */
  chosen: CandidateFolder | null;
}

/** Directory entries inference may look at per document (wildcard sources read folders). */
export const INFERENCE_BUDGET = 20000;
// Bounds that keep inference cheap on every keystroke of a huge file (it runs once per version): the
// sources of the first instructions are enough evidence of where the file is built from.
const MAX_SOURCES = 200;
const MAX_INSTRUCTIONS = 3000;
/** COPY/ADD instructions with a `$` whose variables inference resolves, per document. */
const MAX_WITH_VARIABLES = 24;
const MAX_STAGE_FOR_VARIABLES = 200;
const MAX_DEPTH = 32;

/** The Dockerfile's folder and its parents up to `top` (when `top` holds it), nearest first. */
export function candidateFolders(dockerfile: string, top: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(dockerfile);
  const inside = isInside(dir, top);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    out.push(dir);
    if (!inside || dir === top) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

/**
 * `sealed(folder)`: a folder whose content may only be probed for the sources the Dockerfile names (no
 * listing, so wildcard sources are left out there) — a folder outside the workspace in Restricted Mode.
 */
export function inferContext(fs: FileSystemView, doc: ParsedDocument, folders: string[], sealed: (folder: string) => boolean = () => false): Inference {
  const sources = localSources(doc);
  const candidates: CandidateFolder[] = [];
  const budget = { left: INFERENCE_BUDGET };
  for (const root of folders) {
    let found = 0;
    const closed = sealed(root);
    if (sources.length > 0 && fs.stat(root)?.type === 'dir') {
      for (const relative of sources) {
        if (closed && hasWildcard(relative)) continue;
        const local = { left: Math.min(SOURCE_BUDGET, budget.left) };
        const before = local.left;
        if (lookupSource(fs, root, relative, local).kind === 'matches') found++;
        budget.left -= before - Math.max(local.left, 0);
      }
    }
    candidates.push({ root, found });
  }
  let chosen: CandidateFolder | null = candidates.find((c) => c.found === sources.length && c.found > 0) ?? null;
  if (!chosen) {
    for (const c of candidates) if (c.found > 0 && (!chosen || c.found > chosen.found)) chosen = c;
  }
  return { sources, candidates, chosen };
}

/**
 * The relative COPY/ADD sources read from the build context, cleaned (`./a/../b` → `b`): not `--from`,
 * not URLs, not heredocs, not those with a variable of unknown value, not the context root itself, not
 * `../` paths (reported on their own), not `--parents` with `**`. `/x` counts as `x`: that is how it is read.
 */
export function localSources(doc: ParsedDocument): string[] {
  const out = new Set<string>();
  const budget = { variables: MAX_WITH_VARIABLES };
  const instructions = doc.instructions;
  for (let i = 0; i < instructions.length && i < MAX_INSTRUCTIONS; i++) {
    const instruction = instructions[i];
    const keyword = keywordOf(instruction);
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    for (const s of sourcesOf(doc, instruction, budget)) {
      out.add(s);
      if (out.size >= MAX_SOURCES) return [...out];
    }
  }
  return [...out];
}

// Per instruction object (the parser keeps the objects of unchanged text from version to version), for
// instructions without `$`: their sources do not depend on any other line.
// The sources are paths, not positions: a moved copy of the instruction keeps them.
const SOURCES = Symbol('inferenceSources');
keepWhenMoved(SOURCES);
type Holder = { [SOURCES]?: string[] };

function sourcesOf(doc: ParsedDocument, instruction: Instruction, budget: { variables: number }): string[] {
  const holder = instruction as unknown as Holder;
  const known = holder[SOURCES];
  if (known) return known;
  const text = doc.textIn(instruction.getRange());
  const line = instruction.getRange().start.line;
  // Resolving a variable replays its stage: only the first few such instructions of a file, in stages of
  // ordinary length, are looked at.
  if (text.includes('$') && (budget.variables-- <= 0 || (doc.stageAtLine(line)?.instructions.length ?? 0) > MAX_STAGE_FOR_VARIABLES)) return [];
  let lookup: VarLookup | null = null;
  const lazy: VarLookup = (name) => (lookup ??= variablesAt(doc, doc.stageAtLine(line), line, doc.escapeChar))(name);
  const copy = readCopyInstruction(doc, instruction, lazy);
  const out: string[] = [];
  if (copy && !hasFlag(copy, 'from')) {
    const parents = hasFlag(copy, 'parents');
    for (const word of copy.sources) {
      const value = word.value;
      if (value === null || value.includes('\\') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value)) continue;
      const where = classifySource(value);
      // An absolute source is read from the context root too (BuildKit drops the leading /).
      if (where.kind === 'outside' || where.relative === '') continue;
      if (parents && where.relative.includes('**')) continue;
      out.push(where.relative);
    }
  }
  if (!text.includes('$')) holder[SOURCES] = out;
  return out;
}

export function isInside(p: string, folder: string): boolean {
  if (p === folder) return true;
  return p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
