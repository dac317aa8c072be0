// `.dockerignore` as Docker reads it: which paths of the build context are left out, and which line decides.
import ignore from '@balena/dockerignore';
import * as path from 'node:path';
import type { FileSystemView } from './fs';

export interface IgnoreMatcher {
  /** Whether a path relative to the context root (forward slashes) is left out of the context. */
  ignores(relative: string): boolean;
  /** The file has `!` exceptions (an ignored folder may still send some of its content). */
  hasExceptions: boolean;
  /**
   * The line that decides about an ignored path: the last pattern matching it (or a folder above it), as
   * written, with its 1-based line number. Null when the path is not ignored.
   */
  decidingPattern(relative: string): { pattern: string; line: number } | null;
  /** Absolute path of the ignore file in force. */
  file: string;
}

const ignoreCache = new Map<string, { text: string; matcher: IgnoreMatcher }>();

/** `<Dockerfile name>.dockerignore` beside the Dockerfile wins over `.dockerignore` at the context root. */
const MAX_IGNORE_BYTES = 1024 * 1024;
const reportedIgnoreProblems = new Set<string>();

export function loadIgnore(fs: FileSystemView, root: string, dockerfile: string, log?: (message: string) => void): IgnoreMatcher | null {
  for (const file of [`${dockerfile}.dockerignore`, path.join(root, '.dockerignore')]) {
    if (!fs.stat(file)) continue;
    const text = fs.readText(file, MAX_IGNORE_BYTES);
    if (text === null) {
      // The file exists, so the other ignore file does not apply either: skip the ignore checks, and say why once.
      const why = fs.errorOf?.(file) ?? 'unreadable';
      const key = `${file}\0${why}`;
      if (!reportedIgnoreProblems.has(key)) {
        reportedIgnoreProblems.add(key);
        log?.(`${file}: ${why}; .dockerignore checks are skipped for the Dockerfiles that use it`);
      }
      return null;
    }
    return parseIgnore(file, text);
  }
  return null;
}

export function parseIgnore(file: string, text: string): IgnoreMatcher {
  const hit = ignoreCache.get(file);
  if (hit && hit.text === text) return hit.matcher;
  const lines = text.split(/\r?\n/);
  const ig = ignore().add(lines);
  const hasExceptions = lines.some((l) => l.trim().startsWith('!'));
  // One matcher per pattern line, built when a message first needs to name the deciding line.
  let single: Array<{ pattern: string; line: number; exception: boolean; test: (relative: string) => boolean }> | null = null;
  const ignores = (relative: string): boolean => {
    try {
      return ig.ignores(relative);
    } catch {
      return false;
    }
  };
  const matcher: IgnoreMatcher = {
    ignores,
    hasExceptions,
    file,
    decidingPattern: (relative) => {
      if (!ignores(relative)) return null;
      single ??= lines.flatMap((raw, i) => {
        const pattern = raw.trim();
        if (pattern === '' || pattern.startsWith('#') || pattern === '!') return [];
        const exception = pattern.startsWith('!');
        const one = ignore().add([exception ? pattern.slice(1) : pattern]);
        return [{ pattern, line: i + 1, exception, test: (r: string) => { try { return one.ignores(r); } catch { return false; } } }];
      });
      // The last pattern that matches decides (Docker's rule); an ignored path ends on a non-exception.
      for (let i = single.length - 1; i >= 0; i--) {
        if (single[i].test(relative)) return single[i].exception ? null : { pattern: single[i].pattern, line: single[i].line };
      }
      return null;
    },
  };
  ignoreCache.set(file, { text, matcher });
  return matcher;
}
