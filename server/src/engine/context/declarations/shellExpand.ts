// Expanding the words of a command with the variables known at that point of a script: `$VAR`,
// `${VAR:-default}` and the like, command substitutions a caller can answer (`$(pwd)`), and field
// splitting of an unquoted expansion. What stays unknown is marked, never guessed.
import { markerNames, tokenizeShell, unresolvedMarker } from './shellWords';
import type { Part, RawWord } from './shellWords';

export interface Word {
  text: string;
  /** Names of what could not be expanded (variables, `$(…)`); empty when the word is fully known. */
  unresolved: string[];
}

export interface Scope {
  /** A variable's value; undefined when unknown. */
  get(name: string): string | undefined;
  /** Command substitutions the caller can answer (`$(pwd)`, `$(dirname "$0")`); undefined otherwise. */
  sub?(raw: string): string | undefined;
}

/** Expands a word; an unquoted expansion that makes up the whole word is split into fields. */
export function expandWord(word: RawWord, scope: Scope): Word[] {
  let text = '';
  const unresolved: string[] = [];
  for (const p of word.parts) {
    if (p.t === 'lit') text += p.s;
    else if (p.t === 'sub') {
      const v = scope.sub?.(p.raw.trim());
      if (v === undefined) {
        text += unresolvedMarker(`$(${p.raw.trim()})`);
        unresolved.push(`$(${p.raw.trim()})`);
      } else text += v;
    } else {
      const v = varValue(p, scope);
      if (v === undefined) {
        text += unresolvedMarker('$' + p.name);
        unresolved.push('$' + p.name);
      } else text += v;
    }
  }
  for (const name of markerNames(text)) if (!unresolved.includes(name)) unresolved.push(name);
  const whole = word.parts.length === 1 && word.parts[0].t !== 'lit' && !word.parts[0].quoted;
  if (whole && unresolved.length === 0) {
    return text.split(/[ \t\n]+/).filter(Boolean).map((t) => ({ text: t, unresolved: [] }));
  }
  return [{ text, unresolved }];
}

function varValue(p: Extract<Part, { t: 'var' }>, scope: Scope): string | undefined {
  const v = scope.get(p.name);
  const arg = p.arg ?? '';
  switch (p.op) {
    case undefined:
      return v;
    // A variable the file does not set is taken as unset: the script's own default is what runs normally.
    case ':-':
    case ':=':
      return v === undefined || v === '' ? literalArg(arg, scope) : v;
    case '-':
    case '=':
      return v ?? literalArg(arg, scope);
    case ':+':
      return v === undefined ? undefined : v === '' ? '' : literalArg(arg, scope);
    case '+':
      return v === undefined ? undefined : literalArg(arg, scope);
    default:
      return undefined;
  }
}

/** The word of `${X:-word}`: quotes removed, `$Y` expanded when known. */
function literalArg(arg: string, scope: Scope): string | undefined {
  const items = tokenizeShell(arg);
  const cmd = items.find((x) => x.kind === 'cmd');
  if (!cmd || cmd.kind !== 'cmd') return '';
  const out = cmd.cmd.words.flatMap((w) => expandWord(w, scope));
  if (out.some((w) => w.unresolved.length)) return undefined;
  return out.map((w) => w.text).join(' ');
}
