// Facts of a dockerfile-ast instruction that its methods compute from the text again on every call
// (`getArgumentsRange` tokenises the whole instruction), kept per instruction object. An object's text
// and positions never change once the parser has handed it out (incremental.ts copies an instruction
// whose lines moved), and the objects of unchanged chunks are kept from version to version, so the
// answers are reused across edits too.
import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../types';

// Kept on the object under a symbol rather than in a WeakMap: every instruction has one, and a WeakMap
// entry per instruction costs a hash lookup per call and work for every garbage collection. Object.keys
// (which the incremental parser's copy and shift walk) does not list symbols.
const ARGUMENTS_RANGE = Symbol('argumentsRange');
type Holder = { [ARGUMENTS_RANGE]?: Range | null };

/** `instruction.getArgumentsRange()`, computed once per instruction object. */
export function argumentsRange(instruction: Instruction): Range | null {
  const holder = instruction as unknown as Holder;
  let range = holder[ARGUMENTS_RANGE];
  if (range === undefined) {
    range = instruction.getArgumentsRange();
    holder[ARGUMENTS_RANGE] = range;
  }
  return range;
}

/** The cached answer, if any (undefined: not known). */
export function knownArgumentsRange(instruction: Instruction): Range | null | undefined {
  return (instruction as unknown as Holder)[ARGUMENTS_RANGE];
}

/** Records the arguments range of an instruction (the parser knows it cheaply while it builds it). */
export function rememberArgumentsRange(instruction: Instruction, range: Range | null): void {
  (instruction as unknown as Holder)[ARGUMENTS_RANGE] = range;
}

const KEYWORD = Symbol('keyword');
type KeywordHolder = { [KEYWORD]?: string };

/** `instruction.getKeyword()` (the keyword upper-cased: a new string on every call), kept per object. */
export function keywordOf(instruction: Instruction): string {
  const holder = instruction as unknown as KeywordHolder;
  return (holder[KEYWORD] ??= instruction.getKeyword());
}

/**
 * Symbols under which a module keeps per-instruction facts that do not depend on where the instruction
 * is (no positions): a copy the incremental parser makes of a moved instruction keeps them.
 */
const POSITION_FREE: symbol[] = [KEYWORD];

export function keepWhenMoved(key: symbol): void {
  if (!POSITION_FREE.includes(key)) POSITION_FREE.push(key);
}

/** Copies the position-free facts of `from` onto its moved copy `to`. */
export function carryPositionFree(from: object, to: object): void {
  const a = from as Record<symbol, unknown>;
  const b = to as Record<symbol, unknown>;
  for (const key of POSITION_FREE) if (a[key] !== undefined) b[key] = a[key];
}
