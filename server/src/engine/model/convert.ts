// Shell form → exec form without changing the argv the container (or the build step) runs.
//
// Docker runs a shell-form command as `[...shell, text]` where `shell` is the stage's SHELL array or
// `["/bin/sh", "-c"]`. So `[...shell, text]` is always an exact exec-form equivalent. When the text is
// only plain words with quoting and the shell is a POSIX shell, the shell would itself just execute those
// words after quote removal, so the words are an exact equivalent too — and the better one, because the
// program becomes PID 1 and receives signals.

import { lexCommand, lexWords, isReservedWord } from './shell/lexer';
import { withExec } from './shell/script';

export { joinContinuations } from './shell/continuation';
export type { EscapeChar } from './shell/continuation';

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export interface ExecFormOptions {
  /** The stage's SHELL array; `["/bin/sh", "-c"]` when absent. */
  shell?: readonly string[];
  /** Drop a leading `exec` when what follows is plain words (default true). */
  dropLeadingExec?: boolean;
  /**
   * Whether the words may stand on their own (default true). False when something reads the position of
   * the command (an ENTRYPOINT that a CMD reaches, an entrypoint that receives this CMD): then plain words
   * and simple commands become `[...shell, "exec " + text]`, same argv, the program replacing the shell.
   */
  words?: boolean;
  /**
   * Put `exec ` in front of the last command of a simple command or list that needs the shell
   * (`python app.py --port $PORT`, `cd /app && python app.py`), so that the program replaces the shell.
   */
  exec?: boolean;
}

export interface ExecFormResult {
  args: string[];
  /** True when the result keeps the shell (`[...shell, text]` or `[...shell, "exec " + text]`). */
  viaShell: boolean;
  /** `words`: bare argv; `exec`: the shell with `exec ` added; `shell`: the shell with the text as it is. */
  how: 'words' | 'exec' | 'shell';
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
  const viaShell: ExecFormResult = { args: [...shell, shellCommand], viaShell: true, how: 'shell' };
  if (!isPosixShell(shell)) return viaShell;
  const execed = (): ExecFormResult => {
    const script = opts.exec ? withExec(shellCommand) : null;
    return script ? { args: [...shell, script], viaShell: true, how: 'exec' } : viaShell;
  };
  const words = plainWords(shellCommand);
  if (words) return opts.words === false ? execed() : { args: words, viaShell: false, how: 'words' };
  if (opts.dropLeadingExec === false) return execed();
  // `exec` is a builtin, so lexCommand refused it; look at what follows it.
  const all = lexWords(shellCommand);
  if (all.kind !== 'words' || all.words[0] !== 'exec') return execed();
  const rest = wordsAfterExec(all.words);
  // Already `exec …`: the shell is replaced at once, keeping it as it is changes nothing.
  if (!rest || opts.words === false) return viaShell;
  return { args: rest, viaShell: false, how: 'words' };
}

/**
 * Builtins whose program of the same name (`/bin/echo`, `/bin/true`) behaves the same for these words:
 * no option-like word (`-n`, `--help`) and no backslash (dash's echo reads escapes, coreutils' does not).
 */
const HARMLESS_BUILTINS = new Set(['echo', 'true', 'false']);

/** The words when the command is only plain words the shell would run as they are, else null. */
function plainWords(text: string): string[] | null {
  const lexed = lexCommand(text);
  if (lexed.kind === 'words') return lexed.words;
  const all = lexWords(text);
  if (all.kind !== 'words' || all.words.length === 0 || !HARMLESS_BUILTINS.has(all.words[0])) return null;
  if (/^[^ \t]*=/.test(text.trimStart())) return null;
  const args = all.words.slice(1);
  if (args.some((w) => w.startsWith('-') || w.includes('\\'))) return null;
  return all.words;
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
