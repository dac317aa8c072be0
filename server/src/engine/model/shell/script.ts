// The shape of a `sh -c` script, as far as it decides what runs as the container's main process:
//  - `exec`:     `exec program …`: the shell replaces itself at once, in every shell;
//  - `simple`:   one command running a program named literally, its other words may hold expansions
//                (`python app.py --port $PORT`); `exec ` in front makes the program the main process;
//  - `list`:     commands joined by `;`, `&&` or `||`, the last one running a program named literally,
//                none with a redirection, a pipe, a subshell, a group or a substitution;
//  - `complex`:  anything else, or anything this small scanner is not sure about.
// BusyBox ash and bash replace themselves with the last command of a `simple` or `list` script; dash
// (Debian's and Ubuntu's /bin/sh) does not, it stays the parent until the command ends. Checked by
// running the three shells (test/unit/shell-pid1.test.ts).
import { isBuiltin, isReservedWord } from './lexer';

export type ScriptKind = 'exec' | 'simple' | 'list' | 'complex';

export interface ScriptShape {
  kind: ScriptKind;
  /** The program the last (or only) command runs, when named literally. */
  program?: string;
  /** Offset in the text where the last command starts (`simple` and `list`), for inserting `exec `. */
  lastStart?: number;
}

interface Word {
  /** The word after quote removal when it holds no expansion, else null. */
  literal: string | null;
  raw: string;
  start: number;
}

/** Splits into commands (words) at top-level `;`, `&&`, `||`; null when anything else needs a real parser. */
function commands(text: string): Word[][] | null {
  const out: Word[][] = [[]];
  let raw = '';
  let literal: string | null = '';
  let inWord = false;
  let start = 0;
  const endWord = () => {
    if (inWord) out[out.length - 1].push({ literal, raw, start });
    raw = '';
    literal = '';
    inWord = false;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t') || code === 0x7f) return null;
    if (ch === ' ' || ch === '\t') {
      endWord();
      continue;
    }
    if (ch === ';' || (ch === '&' && text[i + 1] === '&') || (ch === '|' && text[i + 1] === '|')) {
      endWord();
      if (out[out.length - 1].length === 0) return null;
      out.push([]);
      if (ch !== ';') i++;
      continue;
    }
    if ('&|<>()`'.includes(ch)) return null;
    if (ch === '#' && !inWord) return null;
    if (!inWord) start = i;
    inWord = true;
    raw += ch;
    if (ch === '\\') {
      if (i + 1 >= n) return null;
      raw += text[i + 1];
      if (literal !== null) literal += text[i + 1];
      i++;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return null;
      raw += text.slice(i + 1, close + 1);
      if (literal !== null) literal += text.slice(i + 1, close);
      i = close;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (; j < n && text[j] !== '"'; j++) {
        const c = text[j];
        if (c === '`') return null;
        if (c === '$') {
          if (text[j + 1] === '(') return null;
          literal = null;
        }
        if (c === '\\') {
          j++;
          if (literal !== null && '$`"\\'.includes(text[j])) literal += text[j];
          else if (literal !== null) literal += '\\' + (text[j] ?? '');
          continue;
        }
        if (literal !== null) literal += c;
      }
      if (j >= n) return null;
      raw += text.slice(i + 1, j + 1);
      i = j;
      continue;
    }
    if (ch === '$') {
      const next = text[i + 1];
      if (next === '(' || next === "'" || next === '"') return null;
      if (next === '{') {
        const close = text.indexOf('}', i + 2);
        if (close < 0 || /[$`'"(\\]/.test(text.slice(i + 2, close))) return null;
        raw += text.slice(i + 1, close + 1);
        i = close;
      }
      literal = null;
      continue;
    }
    if ('*?[]~{}!'.includes(ch)) literal = null;
    else if (literal !== null) literal += ch;
  }
  endWord();
  // An empty command (nothing, or a trailing `;`) is not worth modelling.
  if (out[out.length - 1].length === 0) return null;
  return out;
}

/** The program a command runs when its first word is a literal program name (no assignment, builtin, reserved word). */
function programOf(words: Word[]): string | null {
  const first = words[0];
  if (!first || first.literal === null || first.literal === '' || first.literal.startsWith('-')) return null;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first.raw)) return null;
  if (isReservedWord(first.literal) || isBuiltin(first.literal) || first.literal === 'chdir') return null;
  return first.literal;
}

export function scriptShape(text: string): ScriptShape {
  const list = commands(text);
  if (!list) return { kind: 'complex' };
  const last = list[list.length - 1];
  // `exec program …` as the only or the last command: the shell is replaced by the program.
  if (last[0]?.literal === 'exec' && last.length > 1) {
    const program = programOf(last.slice(1));
    const earlier = list.slice(0, -1);
    if (!program || earlier.some((c) => !c[0] || c[0].literal === null || isReservedWord(c[0].literal) || c[0].literal === 'exec')) {
      return { kind: 'complex' };
    }
    return { kind: 'exec', program };
  }
  const program = programOf(last);
  if (!program) return { kind: 'complex' };
  const lastStart = last[0].start;
  if (list.length === 1) return { kind: 'simple', program, lastStart };
  // Earlier commands may be builtins or assignments (`cd /app && python app.py`), but not reserved words.
  // A `trap` set earlier expects the shell to stay and handle the signal.
  for (const command of list.slice(0, -1)) {
    const word = command[0];
    if (!word || (word.literal !== null && isReservedWord(word.literal))) return { kind: 'complex' };
    if (word.literal === 'exec' || word.literal === 'trap' || word.literal === null) return { kind: 'complex' };
  }
  return { kind: 'list', program, lastStart };
}

/** The script with `exec ` before its last command (`simple` and `list` shapes), else null. */
export function withExec(text: string, shape: ScriptShape = scriptShape(text)): string | null {
  if ((shape.kind !== 'simple' && shape.kind !== 'list') || shape.lastStart === undefined) return null;
  return text.slice(0, shape.lastStart) + 'exec ' + text.slice(shape.lastStart);
}

/** Whether the shell that runs `script` stays the parent of the program (so it is PID 1 in a container). */
export function shellStays(flavour: 'dash' | 'ash' | 'bash' | null, shape: ScriptShape): boolean {
  if (shape.kind === 'exec') return false;
  if (flavour === 'ash' || flavour === 'bash') return shape.kind === 'complex';
  return true;
}

/**
 * Whether a `sh -c` script reads its positional parameters (`$@`, `$*`, `$1`…, `$#`, `shift`, `getopts`),
 * i.e. sees what is appended after it. `$0` is separate: `readsDollar0`.
 */
export function readsPositional(script: string): boolean {
  return /\$(\{[#!]?)?[@*1-9#]/.test(script) || /(^|[\s;&|(])(shift|getopts)([\s;&|)]|$)/.test(script);
}

export function readsDollar0(script: string): boolean {
  return /\$(\{)?0(?![0-9])/.test(script);
}

