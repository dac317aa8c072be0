// Facts about one instruction that several rule families need: its argument text and its JSON form.
import type { Instruction } from 'dockerfile-ast';
import type { ParsedDocument } from './document';
import type { Range } from '../types';
import { argumentsRange } from './instructionCache';

export type JsonForm =
  | { kind: 'exec'; args: string[] }
  | { kind: 'invalid'; reason: 'singleQuotes' | 'trailingComma' | 'badEscape' | 'notStrings' | 'unterminated' | 'missingComma' | 'syntax' | 'unquoted' | 'trailingText' }
  | { kind: 'shell' };

/** The instruction's arguments as written (continuations included) and where they start. */
export function rawArguments(doc: ParsedDocument, instruction: Instruction): { text: string; range: Range } | null {
  const range = argumentsRange(instruction);
  if (!range) return null;
  return { text: doc.textIn(range), range };
}

/**
 * How Docker reads a command: text that starts with `[` and parses as a JSON array of strings is the
 * exec form; text starting with `[` that is not valid JSON silently becomes the shell form (a JSON array
 * holding a non-string is a build error). `joined` is the argument text with continuations already joined.
 */
export function classifyJsonForm(joined: string): JsonForm {
  const text = joined.replace(/^\s+/, '');
  if (!text.startsWith('[')) return { kind: 'shell' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // `RUN [ -f x ] && …` is the shell's test command, meant as shell form; only a list that reads like
    // an attempt at a JSON array is worth an error.
    return looksLikeJsonAttempt(text) ? { kind: 'invalid', reason: diagnoseJson(text) } : { kind: 'shell' };
  }
  if (!Array.isArray(value)) return { kind: 'shell' };
  if (!value.every((v) => typeof v === 'string')) return { kind: 'invalid', reason: 'notStrings' };
  return { kind: 'exec', args: value as string[] };
}

/**
 * Whether bracketed text that JSON rejects was meant as a JSON array: elements separated by commas
 * (outside quotes), or a list made only of quoted strings. The shell's `[ … ]` test has neither.
 */
export function looksLikeJsonAttempt(text: string): boolean {
  const body = text.trim();
  // Only quoted strings, with or without commas between them: `['app']`, `["/bin/bash" "-c"]`.
  if (/^\[\s*(?:(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*,?\s*)+\]$/.test(body)) return true;
  let quote: string | null = null;
  for (let i = 1; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') return true;
    else if (c === ']') return false;
  }
  return false;
}

function diagnoseJson(text: string): Exclude<JsonForm, { kind: 'exec' } | { kind: 'shell' }>['reason'] {
  const body = text.trim();
  if (/^\[\s*'/.test(body) || /,\s*'/.test(body)) return 'singleQuotes';
  if (/,\s*\]\s*$/.test(body)) return 'trailingComma';
  if (hasBadEscape(body)) return 'badEscape';
  if (!/\]\s*$/.test(body) || (body.match(/"/g)?.length ?? 0) % 2 === 1) return 'unterminated';
  if (/"\s+"/.test(body)) return 'missingComma';
  return 'syntax';
}

/**
 * Whether a backslash after an opening double quote starts an escape JSON does not know. One linear pass:
 * the regular expression this replaces backtracked quadratically on long runs of `\"` (30 s for 300 KB).
 */
function hasBadEscape(body: string): boolean {
  let afterQuote = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') afterQuote = true;
    else if (c === '\\' && afterQuote) {
      if (i + 1 >= body.length) return false;
      if (!'"\\/bfnrtu'.includes(body[i + 1])) return true;
      i++;
    }
  }
  return false;
}

/** Instructions whose argument may be a JSON array (exec form or JSON file list). */
export const JSON_FORM_KEYWORDS: ReadonlySet<string> = new Set([
  'CMD',
  'ENTRYPOINT',
  'RUN',
  'SHELL',
  'COPY',
  'ADD',
  'VOLUME',
  'HEALTHCHECK',
]);
