// `.dockerignore` as Docker reads it (moby/patternmatcher and its ignorefile reader): which paths of the build
// context are left out, and which line decides. Patterns run on the linear-time matcher of glob.ts.
import * as path from 'node:path';
import type { FileSystemView } from './fs';
import { compileIgnorePattern } from './glob';
import type { IgnorePattern } from './glob';

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
  /**
   * Set when a line is one Docker refuses (the build fails) or one this checker cannot read exactly: the
   * matcher then ignores nothing, and loadIgnore does not use it.
   */
  problem?: string;
}

interface Rule {
  /** The line as written (trimmed), for messages. */
  written: string;
  line: number;
  exception: boolean;
  pattern: IgnorePattern;
}

/** Go's `filepath.Clean` for forward slashes. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const cleaned = path.posix.normalize(p);
  return cleaned.length > 1 && cleaned.endsWith('/') ? cleaned.slice(0, -1) : cleaned;
}

/** The rules of a `.dockerignore` text as Docker's reader and matcher take them, or the first line they refuse. */
function readRules(text: string): { rules: Rule[] } | { problem: string } {
  const rules: Rule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (i === 0 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
    // A comment only when `#` is the very first character (before trimming), as Docker reads it.
    if (raw.startsWith('#')) continue;
    let pattern = raw.trim();
    if (pattern === '') continue;
    const exception = pattern.startsWith('!');
    if (exception) pattern = pattern.slice(1).trim();
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    // Docker cleans the line again with its `!` in front, so `!a/..` is the plain pattern `.`.
    let again = cleanPath((exception ? '!' : '') + pattern);
    // Docker refuses a lone `!`; older versions skipped it, and skipping keeps the other lines useful.
    if (again === '!') continue;
    const negated = again.startsWith('!');
    if (negated) again = again.slice(1);
    const compiled = compileIgnorePattern(again);
    if (!compiled) return { problem: `line ${i + 1} (${raw.trim().slice(0, 80)}) is a pattern Docker refuses or this checker cannot read` };
    rules.push({ written: raw.trim(), line: i + 1, exception: negated, pattern: compiled });
  }
  return { rules };
}

/** Matchers kept for the ignore files used most recently, at most this many and this much pattern text. */
export const IGNORE_RETENTION = { files: 64, characters: 4 * 1024 * 1024 };

/** In order of last use (oldest first). */
const ignoreCache = new Map<string, { text: string; matcher: IgnoreMatcher }>();
let cachedCharacters = 0;

const reportedIgnoreProblems = new Set<string>();
const MAX_REPORTED = 1000;

/** `<Dockerfile name>.dockerignore` beside the Dockerfile wins over `.dockerignore` at the context root. */
const MAX_IGNORE_BYTES = 1024 * 1024;

function reportOnce(key: string, message: string, log?: (message: string) => void): void {
  if (reportedIgnoreProblems.has(key)) return;
  if (reportedIgnoreProblems.size >= MAX_REPORTED) reportedIgnoreProblems.clear();
  reportedIgnoreProblems.add(key);
  log?.(message);
}

export function loadIgnore(fs: FileSystemView, root: string, dockerfile: string, log?: (message: string) => void): IgnoreMatcher | null {
  for (const file of [`${dockerfile}.dockerignore`, path.join(root, '.dockerignore')]) {
    if (!fs.stat(file)) continue;
    const text = fs.readText(file, MAX_IGNORE_BYTES);
    if (text === null) {
      // The file exists, so the other ignore file does not apply either: skip the ignore checks, and say why once.
      const why = fs.errorOf?.(file) ?? 'unreadable';
      reportOnce(`${file}\0${why}`, `${file}: ${why}; .dockerignore checks are skipped for the Dockerfiles that use it`, log);
      return null;
    }
    const matcher = parseIgnore(file, text);
    if (ignoreCache.has(file)) {
      const users = usersOf.get(file) ?? new Set<string>();
      users.add(dockerfile);
      usersOf.set(file, users);
    }
    if (matcher.problem) {
      reportOnce(`${file}\0${matcher.problem}`, `${file}: ${matcher.problem}; .dockerignore checks are skipped for the Dockerfiles that use it`, log);
      return null;
    }
    return matcher;
  }
  return null;
}

export function parseIgnore(file: string, text: string): IgnoreMatcher {
  const hit = ignoreCache.get(file);
  if (hit && hit.text === text) {
    ignoreCache.delete(file);
    ignoreCache.set(file, hit); // most recently used
    return hit.matcher;
  }
  const matcher = buildMatcher(file, text);
  forgetIgnore(file);
  ignoreCache.set(file, { text, matcher });
  cachedCharacters += text.length;
  for (const [key, entry] of ignoreCache) {
    if (ignoreCache.size <= IGNORE_RETENTION.files && cachedCharacters <= IGNORE_RETENTION.characters) break;
    if (entry.matcher === matcher) continue;
    forgetIgnore(key);
  }
  return matcher;
}

/** Drops the cached matcher of an ignore file (its documents closed, or the file changed). */
export function forgetIgnore(file: string): void {
  usersOf.delete(file);
  const entry = ignoreCache.get(file);
  if (!entry) return;
  cachedCharacters -= entry.text.length;
  ignoreCache.delete(file);
}

/** The Dockerfiles that loaded each cached ignore file. */
const usersOf = new Map<string, Set<string>>();

/** A Dockerfile was closed: the matchers no other loaded Dockerfile uses are dropped. */
export function releaseIgnoresOf(dockerfile: string): void {
  for (const [file, users] of [...usersOf]) {
    if (!users.delete(dockerfile) || users.size > 0) continue;
    forgetIgnore(file);
  }
}

/** Drops the cached matchers of every ignore file in a folder or below it. */
export function forgetIgnoresUnder(folder: string): void {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  for (const key of [...ignoreCache.keys()]) if (key.startsWith(prefix)) forgetIgnore(key);
}

/** How many ignore matchers are cached (for tests). */
export function cachedIgnoreCount(): number {
  return ignoreCache.size;
}

/** Answers per path kept by one matcher before it starts again (a walk asks about each path a few times). */
const ANSWERS_KEPT = 4096;

function buildMatcher(file: string, text: string): IgnoreMatcher {
  const read = readRules(text);
  if ('problem' in read) {
    return { ignores: () => false, hasExceptions: false, decidingPattern: () => null, file, problem: read.problem };
  }
  const { rules } = read;
  const answers = new Map<string, Rule | null>();
  // The last rule that matches the path or a folder above it decides (MatchesOrParentMatches).
  const decide = (relative: string): Rule | null => {
    const known = answers.get(relative);
    if (known !== undefined) return known;
    const parents: string[] = [];
    for (let i = relative.indexOf('/'); i > 0; i = relative.indexOf('/', i + 1)) parents.push(relative.slice(0, i));
    let decided: Rule | null = null;
    for (let r = rules.length - 1; r >= 0 && !decided; r--) {
      const rule = rules[r];
      if (rule.pattern.matches(relative) || parents.some((p) => rule.pattern.matches(p))) decided = rule;
    }
    if (answers.size >= ANSWERS_KEPT) answers.clear();
    answers.set(relative, decided);
    return decided;
  };
  return {
    ignores: (relative) => {
      const rule = decide(relative);
      return rule !== null && !rule.exception;
    },
    hasExceptions: rules.some((r) => r.exception),
    file,
    decidingPattern: (relative) => {
      const rule = decide(relative);
      return rule && !rule.exception ? { pattern: rule.written, line: rule.line } : null;
    },
  };
}
