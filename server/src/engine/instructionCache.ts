// Facts of a dockerfile-ast instruction that its methods compute from the text again on every call
// (`getArgumentsRange` tokenises the whole instruction), kept per instruction object. An object's text
// and positions never change once the parser has handed it out (incremental.ts copies an instruction
// whose lines moved), and the objects of unchanged chunks are kept from version to version, so the
// answers are reused across edits too.
import type { Instruction } from 'dockerfile-ast';
import type { Range } from './types';

const ARGUMENTS_RANGE = new WeakMap<Instruction, Range | null>();

/** `instruction.getArgumentsRange()`, computed once per instruction object. */
export function argumentsRange(instruction: Instruction): Range | null {
  let range = ARGUMENTS_RANGE.get(instruction);
  if (range === undefined) {
    range = instruction.getArgumentsRange();
    ARGUMENTS_RANGE.set(instruction, range);
  }
  return range;
}

/** The cached answer, if any (undefined: not known). */
export function knownArgumentsRange(instruction: Instruction): Range | null | undefined {
  return ARGUMENTS_RANGE.get(instruction);
}

/** Records the arguments range of an instruction (the parser knows it cheaply while it builds it). */
export function rememberArgumentsRange(instruction: Instruction, range: Range | null): void {
  ARGUMENTS_RANGE.set(instruction, range);
}
