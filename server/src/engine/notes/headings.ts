// Which instruction, flag, directive or topic a heading of the user's notes is about.
import type { NoteKind } from './builtin';

export interface HeadingTarget {
  kind: NoteKind;
  name: string;
}

export const INSTRUCTIONS: ReadonlySet<string> = new Set([
  'from', 'run', 'cmd', 'label', 'maintainer', 'expose', 'env', 'add', 'copy', 'entrypoint', 'volume', 'user',
  'workdir', 'arg', 'onbuild', 'stopsignal', 'healthcheck', 'shell',
]);

export const DIRECTIVES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

export const FLAGS: ReadonlySet<string> = new Set([
  'from', 'chown', 'chmod', 'link', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack', 'mount', 'network',
  'security', 'platform', 'interval', 'timeout', 'start-period', 'start-interval', 'retries',
]);

const HEALTHCHECK_OPTIONS: ReadonlySet<string> = new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']);

/** Topic phrases, longest first wins; matched against the start of the heading (lower case, single spaces). */
const TOPIC_PHRASES: Array<[string, string]> = [
  ['docker build', 'build-context'],
  ['build context', 'build-context'],
  ['build-context', 'build-context'],
  ['context', 'build-context'],
  ['build', 'build-context'],
  ['docker run', 'docker-run'],
  ['docker-run', 'docker-run'],
  ['docker load', 'load-vs-import'],
  ['docker import', 'load-vs-import'],
  ['load vs import', 'load-vs-import'],
  ['load-vs-import', 'load-vs-import'],
  ['load', 'load-vs-import'],
  ['import', 'load-vs-import'],
  ['.dockerignore', 'dockerignore'],
  ['dockerignore', 'dockerignore'],
  ['foreground process', 'foreground-process'],
  ['foreground-process', 'foreground-process'],
  ['foreground', 'foreground-process'],
  ['shell vs exec', 'shell-vs-exec'],
  ['shell-vs-exec', 'shell-vs-exec'],
  ['shell form', 'shell-vs-exec'],
  ['exec form', 'shell-vs-exec'],
  ['entrypoint and cmd', 'entrypoint-cmd'],
  ['entrypoint + cmd', 'entrypoint-cmd'],
  ['entrypoint vs cmd', 'entrypoint-cmd'],
  ['entrypoint-cmd', 'entrypoint-cmd'],
  ['cmd and entrypoint', 'entrypoint-cmd'],
  ['cmd vs entrypoint', 'entrypoint-cmd'],
].sort((a, b) => b[0].length - a[0].length) as Array<[string, string]>;

const FLAG_CONTEXT_WORDS: ReadonlySet<string> = new Set(['flags', 'flag', 'options', 'option']);
const FLAG_CONTEXT_CJK = /^(标志|选项|参数|旗标)/;

export interface HeadingMatch {
  target: HeadingTarget | null;
  /** The heading introduces flags: bare words in its sub-headings name flags. */
  opensFlags: boolean;
}

/**
 * Reads the first word of a heading: `copy`, `## ENTRYPOINT 入口点`, `--from`, `build context`,
 * `docker run 背后的操作`, `1. COPY`, `` `CMD` ``, `CMD 指令`. `underFlags` is true below a "Flags" heading.
 */
export function matchHeading(raw: string, underFlags: boolean): HeadingMatch {
  const text = normalizeHeading(raw);
  if (!text) return { target: null, opensFlags: false };
  const first = /^(--)?([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/.exec(text);
  const word = first?.[2] ?? '';
  if (FLAG_CONTEXT_WORDS.has(word) || FLAG_CONTEXT_CJK.test(text)) return { target: null, opensFlags: true };

  if (first?.[1]) return { target: flagTarget(word, text), opensFlags: false };
  if (underFlags && word && FLAGS.has(word)) return { target: flagTarget(word, text), opensFlags: false };

  const hcOption = /^healthcheck\s+--([a-z-]+)/.exec(text);
  if (hcOption && HEALTHCHECK_OPTIONS.has(hcOption[1])) return { target: flagTarget(hcOption[1], text), opensFlags: false };

  // Multi-word topics come before the instruction of the same first word ("entrypoint and cmd").
  for (const [phrase, slug] of TOPIC_PHRASES) {
    if (text.startsWith(phrase) && isWordEnd(text, phrase.length)) {
      return { target: { kind: 'topics', name: slug }, opensFlags: false };
    }
  }
  if (word && INSTRUCTIONS.has(word)) return { target: { kind: 'instructions', name: word }, opensFlags: false };
  if (word && DIRECTIVES.has(word)) return { target: { kind: 'directives', name: word }, opensFlags: false };
  return { target: null, opensFlags: false };
}

function flagTarget(word: string, _text: string): HeadingTarget | null {
  if (HEALTHCHECK_OPTIONS.has(word)) return { kind: 'flags', name: `healthcheck-${word}` };
  if (word.startsWith('healthcheck-')) return { kind: 'flags', name: word };
  return FLAGS.has(word) ? { kind: 'flags', name: word } : null;
}

/** Lower case, markup and numbering removed, spaces collapsed. */
function normalizeHeading(raw: string): string {
  return raw
    .replace(/[`*_~]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)、]?|[-•·](?=\s)|[（(]?[一二三四五六七八九十]+[)）、.])\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function isWordEnd(text: string, at: number): boolean {
  if (at >= text.length) return true;
  return !/[a-z0-9_-]/.test(text[at]);
}
