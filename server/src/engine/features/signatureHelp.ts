// Signature help: the instruction's syntax with the part under the cursor highlighted — a flag, or which
// argument (`COPY [--flags] <src>... <dest>`: the last of several words is the destination). Flags are
// documented by the first sentence of their note, in the user's language. For commands (RUN, CMD,
// ENTRYPOINT, HEALTHCHECK) it shows while the flags and the first word are typed, then gets out of the way.
import type { AnalysisContext } from '../context';
import type { ParsedDocument } from '../parse/document';
import type { Position } from '../types';
import { cursorAt } from './cursor';
import { instructionSpec, signatureLabel } from './syntax';
import type { InstructionSpec } from './syntax';
import { firstSentence } from './notesGist';

export interface SignatureResult {
  signatures: Array<{
    label: string;
    documentation?: string;
    parameters: Array<{ label: [number, number]; documentation?: string }>;
  }>;
  activeSignature: number;
  activeParameter: number;
}

const COMMANDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL']);

export function signatureHelp(doc: ParsedDocument, ctx: AnalysisContext, pos: Position): SignatureResult | null {
  const cursor = cursorAt(doc, pos);
  if (cursor.kind !== 'arguments') return null;
  const spec = instructionSpec(cursor.keyword);
  if (!spec) return null;
  const { before, prefix, after } = cursor;
  const positionalBefore = before.filter((w) => !w.text.startsWith('--'));
  const onFlag = prefix.startsWith('--') && positionalBefore.length === 0;
  if (COMMANDS.has(spec.keyword) && !onFlag && positionalBefore.length > (spec.keyword === 'HEALTHCHECK' ? 1 : 0)) return null;

  // Which form: the JSON one when the arguments (after the flags) start with `[`.
  const firstPositional = [...positionalBefore, ...(prefix && !prefix.startsWith('--') ? [{ text: prefix }] : []), ...after.filter((w) => !w.text.startsWith('--'))][0];
  const json = !!firstPositional && firstPositional.text.startsWith('[');
  let formIndex = Math.max(0, spec.forms.findIndex((f) => f.json === json));
  if (spec.keyword === 'HEALTHCHECK' && firstPositional && /^none$/i.test(firstPositional.text)) formIndex = 1;

  const signatures = spec.forms.map((form) => {
    const { label, parts } = signatureLabel(spec, form);
    const parameters = parts.map((range, i) => {
      const flag = spec.flags[i];
      const doc = flag ? firstSentence(ctx, { kind: 'flags', name: flag.note }) : form.params[i - spec.flags.length]?.doc[ctx.lang];
      return doc ? { label: range, documentation: doc } : { label: range };
    });
    const documentation = firstSentence(ctx, { kind: 'instructions', name: spec.keyword.toLowerCase() }) ?? undefined;
    return documentation ? { label, documentation, parameters } : { label, parameters };
  });

  const activeParameter = onFlag ? flagParameter(spec, prefix) : positionalParameter(spec, formIndex, positionalBefore.length, prefix !== '', after.filter((w) => !w.text.startsWith('--')).length);
  return { signatures, activeSignature: formIndex, activeParameter };
}

function flagParameter(spec: InstructionSpec, prefix: string): number {
  const name = prefix.slice(2).split('=')[0].toLowerCase();
  const exact = spec.flags.findIndex((f) => f.name === name);
  if (exact >= 0) return exact;
  const partial = spec.flags.findIndex((f) => name !== '' && f.name.startsWith(name));
  return partial >= 0 ? partial : 0;
}

/** `index`: positional words before the cursor; `onWord`: the cursor is in a word; `later`: words after it. */
function positionalParameter(spec: InstructionSpec, formIndex: number, index: number, onWord: boolean, later: number): number {
  const params = spec.forms[formIndex].params;
  const base = spec.flags.length;
  if (spec.keyword === 'COPY' || spec.keyword === 'ADD') {
    // The last word is the destination once there are at least two.
    const isLast = later === 0;
    const total = index + 1 + later;
    return base + (isLast && total >= 2 && (onWord || index >= 1) ? 1 : 0);
  }
  if (spec.keyword === 'FROM') return base + (index === 0 ? 0 : 1);
  return base + Math.min(index, params.length - 1);
}
