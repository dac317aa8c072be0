// Shell form → exec form without changing the argv the container (or the build step) runs.
//
// Docker runs a shell-form command as `[...shell, text]` where `shell` is the stage's SHELL array or
// `["/bin/sh", "-c"]`. So `[...shell, text]` is always an exact exec-form equivalent. When the text is
// only plain words with quoting and the shell is a POSIX shell, the shell would itself just execute those
// words after quote removal, so the words are an exact equivalent too — and the better one, because the
// program becomes PID 1 and receives signals.

import { lexCommand, lexWords, isReservedWord } from './shell/lexer';

export { joinContinuations } from './shell/continuation';
export type { EscapeChar } from './shell/continuation';

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export interface ExecFormOptions {
  /** The stage's SHELL array; `["/bin/sh", "-c"]` when absent. */
  shell?: readonly string[];
  /** Drop a leading `exec` when what follows is plain words (default true). */
  dropLeadingExec?: boolean;
}

export interface ExecFormResult {
  args: string[];
  /** True when the result keeps the shell (`[...shell, text]`). */
  viaShell: boolean;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash']);
const SET_O_NAMES = new Set(['pipefail', 'errexit', 'nounset', 'xtrace']);

/**
 * True when `shell` is a POSIX-family shell invoked as `<sh> [harmless options] -c`, whose handling of
 * plain words we know. Options that could change what runs (`-l` reads profiles, `-n` runs nothing,
 * `-i` is interactive …) make it false; so does any other program (PowerShell, cmd …).
 */
export function isPosixShell(shell: readonly string[]): boolean {
  if (shell.length < 2) return false;
  const prog = shell[0].replace(/^.*\//, '');
  if (!POSIX_SHELLS.has(prog)) return false;
  if (!/^-[eux]*c$/.test(shell[shell.length - 1])) return false;
  for (let i = 1; i < shell.length - 1; i++) {
    const opt = shell[i];
    if (/^-[eux]+$/.test(opt)) continue;
    if (opt === '-o' && i + 1 < shell.length - 1 && SET_O_NAMES.has(shell[i + 1])) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

/** The words `exec` would run, or undefined when the part after `exec` is not safe as plain words. */
function wordsAfterExec(words: string[]): string[] | undefined {
  const rest = words.slice(1);
  if (rest.length === 0) return undefined;
  const prog = rest[0];
  // `exec -a name …` (bash) and friends take options; `exec A=b` is not an assignment but is odd.
  if (prog === '' || prog.startsWith('-') || prog.includes('=') || isReservedWord(prog)) return undefined;
  return rest;
}

/**
 * The exec-form equivalent of a shell-form command. `shellCommand` is the text the shell would receive
 * (continuations already joined, see `joinContinuations`).
 */
export function toExecForm(shellCommand: string, opts: ExecFormOptions = {}): ExecFormResult {
  const shell = opts.shell && opts.shell.length > 0 ? [...opts.shell] : [...DEFAULT_SHELL];
  const viaShell: ExecFormResult = { args: [...shell, shellCommand], viaShell: true };
  if (!isPosixShell(shell)) return viaShell;
  const lexed = lexCommand(shellCommand);
  if (lexed.kind === 'words') return { args: lexed.words, viaShell: false };
  if (opts.dropLeadingExec === false) return viaShell;
  // `exec` is a builtin, so lexCommand refused it; look at what follows it.
  const all = lexWords(shellCommand);
  if (all.kind !== 'words' || all.words[0] !== 'exec') return viaShell;
  const rest = wordsAfterExec(all.words);
  return rest ? { args: rest, viaShell: false } : viaShell;
}

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** One JSON string literal; escapes what JSON requires plus characters editors or parsers may mangle. */
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      out += hex4(c);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else {
        out += hex4(c);
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += hex4(c);
    } else {
      out += ch;
    }
  }
  return out + '"';
}

/** Exec-form text as Docker reads it: a JSON array of strings, `["a", "b"]`. */
export function formatExecForm(args: readonly string[]): string {
  return '[' + args.map(jsonString).join(', ') + ']';
}
