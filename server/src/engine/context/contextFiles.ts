// Where a COPY/ADD source points inside the build context, and what is there. Reads only through the
// FileSystemView, only below the context root, never through a link, and within a work budget.
import * as path from 'node:path';
import type { FileSystemView } from './fs';
import type { IgnoreMatcher } from './dockerignore';
import { compileElementPattern } from './glob';

export { compileElementPattern } from './glob';

export type SourcePath =
  | { kind: 'outside' }
  | { kind: 'absolute'; relative: string }
  | { kind: 'relative'; relative: string };

/**
 * Cleans a source as BuildKit does (`a/./b/../c` → `a/c`). `outside` when `..` climbs above the
 * context root (BuildKit would silently strip it), `absolute` for a leading `/` (read from the root).
 * `relative` is `''` for the context root itself.
 */
export function classifySource(value: string): SourcePath {
  const absolute = value.startsWith('/');
  const parts: string[] = [];
  for (const part of value.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { kind: 'outside' };
      parts.pop();
    } else parts.push(part);
  }
  const relative = parts.join('/');
  return absolute ? { kind: 'absolute', relative } : { kind: 'relative', relative };
}

/** Shared, decreasing count of directory entries a document's wildcard sources may still look at. */
export interface Budget {
  left: number;
}

export const SOURCE_BUDGET = 5000;
export const DOCUMENT_BUDGET = 50000;

export type Lookup =
  /** Paths (relative to the root) the source matches, before `.dockerignore` is applied. */
  | { kind: 'matches'; paths: string[]; types: Array<'file' | 'dir' | 'symlink' | 'other'> }
  | { kind: 'missing' }
  /** Through a link, unreadable, a bad pattern or over budget: nothing can be said. */
  | { kind: 'unknown'; why: string };

export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s.replace(/\\./g, ''));
}

/** The folders of a pattern before its first wildcard (`target` for `target/*.jar`); '' when there are none. */
export function literalFolder(relative: string): string {
  const elements = relative.split('/');
  const first = elements.findIndex((e) => hasWildcard(e));
  return first > 0 ? elements.slice(0, first).join('/') : '';
}

/**
 * Resolves a cleaned relative source (wildcards allowed in any element, as BuildKit's copy does) under
 * `root`. Intermediate elements must be real folders: a link is never followed, the answer is `unknown`.
 */
export function lookupSource(fs: FileSystemView, root: string, relative: string, budget: Budget): Lookup {
  if (relative === '') return { kind: 'matches', paths: [''], types: ['dir'] };
  const elements = relative.split('/');
  let current: string[] = [''];
  let types: Array<'file' | 'dir' | 'symlink' | 'other'> = ['dir'];
  for (let e = 0; e < elements.length; e++) {
    const element = elements[e];
    const last = e === elements.length - 1;
    const next: string[] = [];
    const nextTypes: typeof types = [];
    for (let k = 0; k < current.length; k++) {
      if (types[k] === 'symlink') return { kind: 'unknown', why: `${current[k]} is a link` };
      if (types[k] !== 'dir') continue;
      const dirRel = current[k];
      if (hasWildcard(element)) {
        const glob = compileElementPattern(element);
        if (!glob) return { kind: 'unknown', why: 'bad pattern' };
        const names = fs.readDir(inside(root, dirRel));
        if (names === null) {
          if (fs.stat(inside(root, dirRel)) === null) continue;
          return { kind: 'unknown', why: `${dirRel || '.'} is unreadable` };
        }
        budget.left -= names.length + 1;
        if (budget.left < 0) return { kind: 'unknown', why: 'too many files to look at' };
        for (const name of names) {
          if (!glob.test(name)) continue;
          const rel = dirRel ? `${dirRel}/${name}` : name;
          const st = fs.stat(inside(root, rel));
          if (!st) continue;
          next.push(rel);
          nextTypes.push(st.type);
        }
      } else {
        const literal = element.replace(/\\(.)/g, '$1');
        const rel = dirRel ? `${dirRel}/${literal}` : literal;
        budget.left -= 1;
        if (budget.left < 0) return { kind: 'unknown', why: 'too many files to look at' };
        const st = fs.stat(inside(root, rel));
        if (!st) {
          const why = fs.errorOf?.(inside(root, rel));
          if (why && why !== 'ENOENT' && why !== 'ENOTDIR') return { kind: 'unknown', why };
          continue;
        }
        next.push(rel);
        nextTypes.push(st.type);
      }
    }
    if (!last && next.length === 0) return { kind: 'missing' };
    current = next;
    types = nextTypes;
  }
  if (current.length === 0) return { kind: 'missing' };
  return { kind: 'matches', paths: current, types };
}

/** The absolute path of a relative path below root; throws if it would leave the root (it cannot, by construction). */
function inside(root: string, rel: string): string {
  const abs = rel ? path.join(root, ...rel.split('/')) : root;
  const back = path.relative(root, abs);
  // `....` or `..x` is a name inside the root; only `..` itself or `../…` leaves it.
  if (back === '..' || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) throw new Error(`refusing to read outside the build context: ${rel}`);
  return abs;
}

/**
 * Whether `.dockerignore` keeps a matched path out of what the build sees: a file that is ignored, or a
 * folder that is ignored with nothing below it brought back by a `!` exception. `undefined` when a
 * folder is too large to tell within the budget.
 */
export function isExcluded(
  fs: FileSystemView,
  root: string,
  rel: string,
  type: 'file' | 'dir' | 'symlink' | 'other',
  matcher: IgnoreMatcher,
  budget: Budget,
): boolean | undefined {
  if (rel === '') return false;
  if (!matcher.ignores(rel)) return false;
  if (type !== 'dir' || !matcher.hasExceptions) return true;
  // An exception may bring back something below an ignored folder: look for one survivor.
  const stack = [rel];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const names = fs.readDir(inside(root, dir));
    if (!names) continue;
    budget.left -= names.length + 1;
    if (budget.left < 0) return undefined;
    for (const name of names) {
      const child = `${dir}/${name}`;
      const st = fs.stat(inside(root, child));
      if (!st) continue;
      if (!matcher.ignores(child)) return false;
      if (st.type === 'dir') stack.push(child);
    }
  }
  return true;
}
