// Where stages are named, the way BuildKit resolves them (frontend/dockerfile/dockerfile2llb):
// - `FROM <x> AS <name>`: the name is lower-cased (parseBuildStageName);
// - `FROM <base>`: the base, after global ARGs are substituted, must equal the name of an earlier stage
//   exactly (addState looks the written base up among the lower-cased names, so `FROM Build` is an image);
// - `COPY --from=<x>` and `RUN --mount=…,from=<x>`: a number is a stage index; a name is looked up lower-cased
//   among all stages (findStateByName), and must belong to an earlier stage when the build runs.
// ONBUILD triggers are left out: their `--from` names a stage of the child image's Dockerfile.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Range } from '../../types';
import { keywordOf } from '../../parse/instructionCache';
import { expand, globalArgs } from '../variables';
import { safe } from '../../parse/safe';

export type StageRole = 'declaration' | 'from' | 'copy-from' | 'mount-from';

export interface StageOccurrence {
  role: StageRole;
  /** The name or index as written. */
  text: string;
  range: Range;
  /** Start line of the instruction it is in. */
  line: number;
  /** Index of the stage it names; null for an image or an unknown name. */
  target: number | null;
  /** A stage index (`--from=0`) rather than a name. */
  byIndex: boolean;
  /** Written through a variable (`FROM $BASE`): it names the stage, but its text is not the name. */
  viaVariable: boolean;
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
  getOptions(): Array<{ getName(): string; getValue(): string | null; getValueRange(): Range | null }>;
}

export function stageOccurrences(doc: ParsedDocument): StageOccurrence[] {
  const out: StageOccurrence[] = [];
  const byName = new Map<string, Stage>();
  // BuildKit's map of names keeps the last stage of a name (a duplicate name is an error of its own).
  for (const stage of doc.stages) if (stage.name) byName.set(stage.name, stage);
  const lookup = (name: string): number | null => byName.get(name.toLowerCase())?.index ?? null;

  for (const stage of doc.stages) {
    const from = stage.from;
    const line = stage.startLine;
    const baseRef = fromBase(doc, stage);
    if (baseRef) out.push(baseRef);
    if (stage.name) {
      const range = safe(() => from.getBuildStageRange(), null);
      const text = safe(() => from.getBuildStage(), null);
      if (range && text) out.push({ role: 'declaration', text, range, line, target: stage.index, byIndex: false, viaVariable: false });
    }
    for (const instruction of stage.instructions) collectFromFlags(instruction, lookup, out, doc.stages.length);
  }
  return out;
}

function collectFromFlags(
  instruction: Instruction,
  lookup: (name: string) => number | null,
  out: StageOccurrence[],
  stageCount: number,
): void {
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'RUN') return;
  const line = instruction.getRange().start.line;
  for (const flag of flagsOf(instruction)) {
    const name = flag.getName().toLowerCase();
    if (keyword === 'COPY' && name === 'from') {
      const value = flag.getValue();
      const range = flag.getValueRange();
      if (value && range) out.push(reference('copy-from', value, range, line, lookup, stageCount));
    } else if (keyword === 'RUN' && name === 'mount') {
      for (const option of safe(() => flag.getOptions(), [])) {
        if (option.getName().toLowerCase() !== 'from') continue;
        const value = option.getValue();
        const range = option.getValueRange();
        if (value && range) out.push(reference('mount-from', value, range, line, lookup, stageCount));
      }
    }
  }
}

function reference(
  role: 'copy-from' | 'mount-from',
  value: string,
  range: Range,
  line: number,
  lookup: (name: string) => number | null,
  stageCount: number,
): StageOccurrence {
  if (value.includes('$')) return { role, text: value, range, line, target: null, byIndex: false, viaVariable: true };
  if (role === 'copy-from' && /^\d+$/.test(value)) {
    const index = Number(value);
    return { role, text: value, range, line, target: index < stageCount ? index : null, byIndex: true, viaVariable: false };
  }
  return { role, text: value, range, line, target: lookup(value), byIndex: false, viaVariable: false };
}

/** The FROM's base: an earlier stage (named directly or through global ARGs), or an image written as such. */
function fromBase(doc: ParsedDocument, stage: Stage): StageOccurrence | null {
  const written = stage.base;
  if (!written) return null;
  const range = safe(() => stage.from.getImageRange(), null);
  if (!range) return null;
  let base = written;
  const viaVariable = written.includes('$');
  if (viaVariable) {
    const globals = globalArgs(doc, stage.startLine);
    const resolved = expand(written, (n) => {
      const b = globals.get(n);
      return b && !b.partial && b.value !== null ? b.value : undefined;
    }, doc.escapeChar);
    if (resolved.partial) return null;
    base = resolved.text;
  }
  for (let i = stage.index - 1; i >= 0; i--) {
    if (doc.stages[i].name === base) {
      return { role: 'from', text: written, range, line: stage.startLine, target: i, byIndex: false, viaVariable };
    }
  }
  return viaVariable ? null : { role: 'from', text: written, range, line: stage.startLine, target: null, byIndex: false, viaVariable: false };
}

function flagsOf(instruction: Instruction): FlagLike[] {
  const withFlags = instruction as unknown as { getFlags?: () => FlagLike[] };
  return typeof withFlags.getFlags === 'function' ? safe(() => withFlags.getFlags!(), []) : [];
}

/** BuildKit's rule for `AS <name>` (instructions/parse.go), applied after lower-casing. */
export const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
