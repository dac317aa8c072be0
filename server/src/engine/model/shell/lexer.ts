// A deliberately small POSIX shell word lexer. It answers one question: is this command made only of
// plain words with quoting (so that `/bin/sh -c <text>` would run exactly the argv obtained by quote
// removal)? Whenever the text contains anything a shell would interpret — expansions, globs, operators,
// assignments, reserved words, builtins, comments, control characters — the answer is "needs a shell".
// Being conservative is always safe: the caller then keeps the shell (`["/bin/sh", "-c", text]`).
//
// Quoting rules (POSIX XCU 2.2):
//  - outside quotes, a backslash preserves the literal value of the next character;
//  - single quotes preserve every character up to the next single quote;
//  - inside double quotes a backslash only escapes `$`, `` ` ``, `"`, `\` and newline, and is kept
//    literally before any other character; an unescaped `$` or `` ` `` inside them means expansion.

export type LexResult =
  | { kind: 'words'; words: string[] }
  | { kind: 'shell'; reason: string; index: number };

/** Characters that end a word or start an operator, or that trigger an expansion, when unquoted. */
const UNQUOTED_SPECIAL = new Set([
  '$', '`', // parameter expansion, command substitution
  '*', '?', '[', ']', // pathname expansion
  '~', // tilde expansion (bash also expands it after `=` and `:` in assignment-like words)
  ';', '&', '|', '<', '>', '(', ')', // operators
  '{', '}', // reserved words; brace expansion in bash
  '!', // reserved word; history expansion in interactive shells
  '^', // a pipe in the historical Bourne shell
  '\n', // command separator
]);

/** Reserved words of POSIX sh and bash; recognised only as the first word, but we refuse them there. */
const RESERVED = new Set([
  '!', '{', '}', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until',
  'while', '[[', ']]', 'function', 'select', 'time', 'coproc',
]);

/**
 * Utilities a shell runs itself instead of executing a program from PATH. Running them without the shell
 * could behave differently (dash's `echo` interprets backslashes, /bin/echo does not) or not at all.
 */
const BUILTINS = new Set([
  '.', ':', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'chdir', 'command', 'compgen', 'complete',
  'compopt', 'continue', 'declare', 'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export',
  'false', 'fc', 'fg', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout',
  'mapfile', 'newgrp', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'set',
  'shift', 'shopt', 'source', 'suspend', 'test', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit',
  'umask', 'unalias', 'unset', 'wait', '[',
]);

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

function isControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && ch !== '\t') || c === 0x7f;
}

function shell(reason: string, index: number): LexResult {
  return { kind: 'shell', reason, index };
}

/**
 * Splits `text` into words after quote removal when it is plain words with quoting only; otherwise
 * reports why a shell is needed. Builtins and reserved words are checked on the first word only;
 * callers decide what to do with a leading `exec` (see `lexCommand`).
 */
export function lexWords(text: string): LexResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (isControl(ch)) return shell('control character', i);
    if (isBlank(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    if (ch === '#' && !inWord) return shell('comment', i);
    if (UNQUOTED_SPECIAL.has(ch)) return shell(`unquoted ${JSON.stringify(ch)}`, i);
    inWord = true;
    if (ch === '\\') {
      if (i + 1 >= n) return shell('backslash at the end', i);
      const next = text[i + 1];
      if (isControl(next)) return shell('escaped control character', i);
      // Keep surrogate pairs together.
      const cp = text.codePointAt(i + 1)!;
      const len = cp > 0xffff ? 2 : 1;
      word += text.slice(i + 1, i + 1 + len);
      i += 1 + len;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return shell('unterminated single quote', i);
      const inner = text.slice(i + 1, close);
      for (let k = 0; k < inner.length; k++) {
        if (isControl(inner[k])) return shell('control character', i + 1 + k);
      }
      word += inner;
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = text[j];
        if (c === '"') { closed = true; break; }
        if (c === '$' || c === '`') return shell(`${JSON.stringify(c)} inside double quotes`, j);
        if (isControl(c)) return shell('control character', j);
        if (c === '\\') {
          if (j + 1 >= n) return shell('unterminated double quote', i);
          const next = text[j + 1];
          if (next === '$' || next === '`' || next === '"' || next === '\\') {
            word += next;
            j += 2;
            continue;
          }
          if (isControl(next)) return shell('control character', j + 1);
          word += '\\';
          j++;
          continue;
        }
        word += c;
        j++;
      }
      if (!closed) return shell('unterminated double quote', i);
      i = j + 1;
      continue;
    }
    word += ch;
    i++;
  }
  if (inWord) words.push(word);
  return { kind: 'words', words };
}

/** Text of the first word before quote removal, used to detect `NAME=value` assignments. */
function firstRawWord(text: string): string {
  const start = text.search(/[^ \t]/);
  if (start < 0) return '';
  const m = /^[^ \t]*/.exec(text.slice(start));
  return m ? m[0] : '';
}

/**
 * Like `lexWords`, but judges the command as a whole: an empty command, a leading assignment, a reserved
 * word, a shell builtin or an empty program name as the first word all need the shell.
 */
export function lexCommand(text: string): LexResult {
  const res = lexWords(text);
  if (res.kind === 'shell') return res;
  const words = res.words;
  if (words.length === 0) return shell('empty command', 0);
  // Any `=` in the first word, quoted or not, is refused: `A=b cmd` is an assignment.
  const first = words[0];
  if (firstRawWord(text).includes('=') || first.includes('=')) return shell('assignment', 0);
  if (first === '') return shell('empty program name', 0);
  if (RESERVED.has(first)) return shell(`reserved word ${first}`, 0);
  if (BUILTINS.has(first)) return shell(`builtin ${first}`, 0);
  return res;
}

export function isReservedWord(word: string): boolean {
  return RESERVED.has(word);
}

export function isBuiltin(word: string): boolean {
  return BUILTINS.has(word);
}
