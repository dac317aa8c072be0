// What a Dockerfile means to BuildKit, as a comparable value, for the formatter's property tests: the list
// of instructions with each keyword and its argument text joined the way BuildKit joins continuation
// lines (model/shell/continuation.ts, checked against BuildKit elsewhere). Whitespace is compared exactly
// where it is part of a value, and as word boundaries elsewhere:
// - exact: heredoc instructions (body included), MAINTAINER/USER/WORKDIR/STOPSIGNAL (one string,
//   BuildKit's parseString), the legacy `ENV name value` form, ONBUILD (stored as written);
// - JSON forms: the parsed array;
// - everything else: runs of blanks collapsed where they are outside quotes, `$(…)`, `${…}` and
//   backquotes — the places where a shell (or BuildKit's word splitting) reads them only as separators.
// Parsed with dockerfile-ast's own parser, not the engine's incremental one, to stay independent of it.
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import { joinContinuations } from '../../../server/src/engine/model/shell';

export interface Meaning {
  keyword: string;
  value: string;
}

const EXACT = new Set(['MAINTAINER', 'USER', 'WORKDIR', 'STOPSIGNAL', 'ONBUILD']);

export function meaningOf(text: string): Meaning[] {
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  const directives = ast.getDirectives().map((d) => ({ keyword: `#${d.getName().toLowerCase()}`, value: d.getValue() }));
  return [...directives, ...ast.getInstructions().map((i) => instructionMeaning(text, i, escape))];
}

function instructionMeaning(text: string, instruction: Instruction, escape: '\\' | '`'): Meaning {
  const keyword = instruction.getKeyword().toUpperCase();
  const kw = instruction.getInstructionRange();
  const range = instruction.getRange();
  const lines = text.split(/\r\n|\r|\n/);
  const raw = [lines[kw.end.line].slice(kw.end.character), ...lines.slice(kw.end.line + 1, range.end.line + 1)].join('\n');
  const heredocs = (instruction as unknown as { getHeredocs?: () => unknown[] }).getHeredocs?.() ?? [];
  if (heredocs.length > 0) {
    // The first line's arguments as words, the rest verbatim.
    const [first, ...rest] = raw.split('\n');
    return { keyword, value: [collapse(first.trim()), ...rest].join('\n') };
  }
  let joined = joinContinuations(raw, escape);
  // Words BuildKit reads case-insensitively: an ONBUILD's trigger keyword, FROM's `AS`, HEALTHCHECK's `CMD`/`NONE`.
  if (keyword === 'ONBUILD') joined = joined.replace(/^\S+/, (w) => w.toUpperCase());
  if (keyword === 'FROM') joined = joined.replace(/^((?:--\S+\s+)*\S+\s+)(as)(\s+\S+)$/i, (_m, a: string, b: string, c: string) => a + b.toUpperCase() + c);
  if (keyword === 'HEALTHCHECK') joined = joined.replace(/^((?:--\S+\s+)*)(cmd|none)\b/i, (_m, a: string, b: string) => a + b.toUpperCase());
  if (EXACT.has(keyword)) return { keyword, value: joined };
  if (keyword === 'ENV' && /^\S+\s/.test(joined) && !/^[^\s=]+=/.test(joined)) return { keyword, value: joined };
  const flags = /^((?:--\S+\s+)*)(.*)$/s.exec(joined)!;
  if (flags[2].startsWith('[')) {
    try {
      const parsed = JSON.parse(flags[2]);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return { keyword, value: `${collapse(flags[1])}JSON${JSON.stringify(parsed)}` };
    } catch {
      /* not JSON: a shell form */
    }
  }
  return { keyword, value: collapse(joined) };
}

/** Blank runs collapsed to one space outside quotes and substitutions; inside them kept as they are. */
export function collapse(s: string): string {
  let out = '';
  const stack: string[] = []; // open contexts: ' " $( ${ `
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const top = stack[stack.length - 1];
    if (top === "'") {
      out += c;
      if (c === "'") stack.pop();
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < s.length) {
      out += c + s[i + 1];
      i += 2;
      continue;
    }
    if (top === undefined && (c === ' ' || c === '\t')) {
      let j = i;
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
      out += ' ';
      i = j;
      continue;
    }
    out += c;
    i++;
    if (c === '$' && (s[i] === '(' || s[i] === '{')) {
      stack.push(`$${s[i]}`);
      out += s[i];
      i++;
    } else if (c === '"') {
      if (top === '"') stack.pop();
      else stack.push('"');
    } else if (c === "'" && top !== '"') stack.push("'");
    else if (c === '`') {
      if (top === '`') stack.pop();
      else stack.push('`');
    } else if ((c === ')' && top === '$(') || (c === '}' && top === '${')) stack.pop();
  }
  return out.trim();
}
