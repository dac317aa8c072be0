// A read-only, cached view of the file system. The engine reads files only through this, so tests can
// hand it real temp folders and the server can drop cached facts when watched files change.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../safeRead';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface Entry {
  type: EntryType;
  size: number;
}

export interface FileSystemView {
  /** lstat: links are reported as `symlink`, never followed. null when missing or unreadable. */
  stat(absPath: string): Entry | null;
  /** Names in a folder, sorted; null when missing or unreadable. */
  readDir(absPath: string): string[] | null;
  /** A text file's content when it exists and is at most `maxBytes` long; null otherwise. */
  readText(absPath: string, maxBytes?: number): string | null;
  /** Why the last read of this path failed (`EACCES`, `too large`, …), when it did. */
  errorOf?(absPath: string): string | undefined;
  /** Forget what is cached for a path (and, for a folder, everything below it). */
  invalidate?(absPath?: string): void;
  /** Grows on every invalidation: facts derived from this view are stale once it changes. */
  readonly generation?: number;
}

export const DEFAULT_MAX_READ = 4 * 1024 * 1024;

// A POSIX absolute path with no empty, `.` or `..` element and no trailing slash: path.resolve returns it
// unchanged. The engine builds its paths with path.join, so nearly every lookup takes this shortcut;
// resolving on every cache hit was a fifth of the analysis of a typical file.
const NORMAL_POSIX_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** The cache key of a path: `path.resolve(p)`, without the cost when `p` is already in that form. */
export function keyOf(p: string): string {
  return path.sep === '/' && NORMAL_POSIX_PATH.test(p) ? p : path.resolve(p);
}

/**
 * A Map that forgets its least recently used entries past a bound: at most `maxEntries`, and at most
 * `maxWeight` in all when a weight is given (characters of a text, names of a listing).
 */
export class LruMap<V> extends Map<string, V> {
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly weigh: (value: V) => number = () => 0,
    private readonly maxWeight = Infinity,
  ) {
    super();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value); // most recently used
    }
    return value;
  }

  override set(key: string, value: V): this {
    this.delete(key);
    super.set(key, value);
    this.weight += this.weigh(value);
    for (const oldest of this.keys()) {
      if (this.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      if (oldest === key) continue;
      this.delete(oldest);
    }
    return this;
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false;
    this.weight -= this.weigh(super.get(key)!);
    return super.delete(key);
  }

  override clear(): void {
    this.weight = 0;
    super.clear();
  }
}

/** How much the file-system view keeps: the facts of the paths used most recently, within these bounds. */
export const FS_CACHE_LIMITS = {
  stats: 50_000,
  listings: 5_000,
  listedNames: 500_000,
  texts: 2_000,
  textCharacters: 32 * 1024 * 1024,
};

/** The real file system, with a cache per path until invalidated (bounded: least recently used first out). Never writes. */
export class CachedNodeFileSystem implements FileSystemView {
  private stats = new LruMap<Entry | null>(FS_CACHE_LIMITS.stats);
  private dirs = new LruMap<string[] | null>(FS_CACHE_LIMITS.listings, (names) => names?.length ?? 0, FS_CACHE_LIMITS.listedNames);
  private texts = new LruMap<string | null>(FS_CACHE_LIMITS.texts, (text) => text?.length ?? 0, FS_CACHE_LIMITS.textCharacters);
  private errors = new LruMap<string>(FS_CACHE_LIMITS.stats);
  generation = 0;

  /** How many facts are cached (for tests). */
  get cachedEntries(): number {
    return this.stats.size + this.dirs.size + this.texts.size + this.errors.size;
  }

  stat(absPath: string): Entry | null {
    const key = keyOf(absPath);
    const cached = this.stats.get(key);
    if (cached !== undefined) return cached;
    let entry: Entry | null = null;
    try {
      const st = nodeFs.lstatSync(key);
      entry = {
        type: st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other',
        size: st.size,
      };
    } catch (e) {
      this.errors.set(key, codeOf(e));
    }
    this.stats.set(key, entry);
    return entry;
  }

  readDir(absPath: string): string[] | null {
    const key = keyOf(absPath);
    const cached = this.dirs.get(key);
    if (cached !== undefined) return cached;
    let names: string[] | null = null;
    try {
      names = nodeFs.readdirSync(key).sort();
    } catch (e) {
      this.errors.set(key, codeOf(e));
    }
    this.dirs.set(key, names);
    return names;
  }

  readText(absPath: string, maxBytes = DEFAULT_MAX_READ): string | null {
    const key = keyOf(absPath);
    const cacheKey = `${maxBytes}\0${key}`;
    const cached = this.texts.get(cacheKey);
    if (cached !== undefined) return cached;
    let text: string | null = null;
    const entry = this.stat(key);
    if (!entry || entry.type !== 'file') {
      if (entry) this.errors.set(key, entry.type === 'dir' ? 'EISDIR' : 'not a regular file');
    } else if (entry.size > maxBytes) {
      this.errors.set(key, `too large (${entry.size} bytes, limit ${maxBytes})`);
    } else {
      // The size above is only a quick refusal: a device or FIFO says 0 and a file may grow, so the read
      // itself refuses anything but a regular file and stops past the limit.
      const read = readRegularFile(key, maxBytes);
      if ('bytes' in read) text = read.bytes.toString('utf8');
      else this.errors.set(key, read.why);
    }
    this.texts.set(cacheKey, text);
    return text;
  }

  errorOf(absPath: string): string | undefined {
    return this.errors.get(keyOf(absPath));
  }

  invalidate(absPath?: string): void {
    this.generation++;
    if (absPath === undefined) {
      this.stats.clear();
      this.dirs.clear();
      this.texts.clear();
      this.errors.clear();
      return;
    }
    const key = keyOf(absPath);
    const prefix = key.endsWith(path.sep) ? key : key + path.sep;
    const parent = path.dirname(key);
    for (const map of [this.stats, this.dirs, this.errors] as Array<Map<string, unknown>>) {
      for (const k of [...map.keys()]) if (k === key || k.startsWith(prefix)) map.delete(k);
    }
    for (const k of [...this.texts.keys()]) {
      const p = k.slice(k.indexOf('\0') + 1);
      if (p === key || p.startsWith(prefix)) this.texts.delete(k);
    }
    // A created or deleted entry changes its folder's listing, and a folder created with it (a file
    // written to a new folder is often announced alone) changes the listings above it that lack it.
    this.dirs.delete(parent);
    let child = parent;
    for (let depth = 0; depth < 64; depth++) {
      const above = path.dirname(child);
      if (above === child) break;
      const listing = this.dirs.get(above);
      if (listing && listing.includes(path.basename(child))) break;
      this.dirs.delete(above);
      this.stats.delete(child);
      this.errors.delete(child);
      child = above;
    }
  }
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : String((e as Error)?.message ?? e);
}
