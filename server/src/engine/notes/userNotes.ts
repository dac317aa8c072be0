// The user's own notes (`dockerfileNotes.notes.paths`): markdown files or folders whose headings name an
// instruction, flag, directive or topic. Parsed files are cached by path + mtime + size, so an edit or a
// changed setting shows on the next hover without a restart; a bad path is reported once, never thrown.
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NoteKind } from './builtin';
import { matchHeading } from './headings';
import { readRegularFile } from '../safeRead';

export interface NoteTarget {
  kind: NoteKind;
  name: string;
}

export interface UserSection {
  target: NoteTarget;
  /** The heading text as written (without the `#` marks). */
  heading: string;
  level: number;
  /** The markdown between the heading and the end of the section (untrusted; sanitize before showing). */
  body: string;
  /** Absolute path of the file and its base name (the label shown in the hover). */
  file: string;
  label: string;
  /** Zero-based line of the heading in the file. */
  line: number;
}

export const MAX_NOTES_FILE_BYTES = 2 * 1024 * 1024;
const MAX_FILES_PER_FOLDER = 200;
const MAX_FOLDER_DEPTH = 4;

interface FileEntry {
  mtimeMs: number;
  size: number;
  sections: UserSection[];
}

interface DirEntry {
  mtimeMs: number;
  files: string[];
}

/** Reads and caches user notes. One instance lives as long as the server (or the CLI run). */
export class UserNotesStore {
  private files = new Map<string, FileEntry>();
  private dirs = new Map<string, DirEntry>();
  private warned = new Map<string, string>();

  /** Every section from the configured paths, in the order of the setting, then file, then heading. */
  sections(paths: readonly string[], workspaceFolder: string | null, log?: (message: string) => void): UserSection[] {
    const out: UserSection[] = [];
    const seen = new Set<string>();
    for (const configured of paths) {
      const abs = resolveNotesPath(configured, workspaceFolder);
      if (!abs) {
        this.warnOnce(configured, `notes path "${configured}" is relative but there is no workspace folder; it is ignored`, log);
        continue;
      }
      for (const file of this.filesUnder(abs, configured, log, 0)) {
        if (seen.has(file)) continue;
        seen.add(file);
        out.push(...this.fileSections(file, log));
      }
    }
    return out;
  }

  /** Sections for one target, e.g. `{ kind: 'instructions', name: 'copy' }`. */
  sectionsFor(target: NoteTarget, paths: readonly string[], workspaceFolder: string | null, log?: (message: string) => void): UserSection[] {
    if (paths.length === 0) return [];
    return this.sections(paths, workspaceFolder, log).filter((s) => s.target.kind === target.kind && s.target.name === target.name);
  }

  /** Drops cached content (all of it, or one path and what lies below it). */
  invalidate(absPath?: string): void {
    if (absPath === undefined) {
      this.files.clear();
      this.dirs.clear();
      return;
    }
    const key = path.resolve(absPath);
    const prefix = key + path.sep;
    for (const map of [this.files, this.dirs] as Array<Map<string, unknown>>) {
      for (const k of [...map.keys()]) if (k === key || k.startsWith(prefix)) map.delete(k);
    }
  }

  /** Absolute paths of the configured notes (files and folders), for the server's file watching. */
  static resolveAll(paths: readonly string[], workspaceFolder: string | null): string[] {
    return paths.map((p) => resolveNotesPath(p, workspaceFolder)).filter((p): p is string => p !== null);
  }

  private filesUnder(abs: string, configured: string, log: ((m: string) => void) | undefined, depth: number): string[] {
    let st: nodeFs.Stats;
    try {
      st = nodeFs.statSync(abs);
    } catch (e) {
      this.files.delete(abs);
      this.warnOnce(abs, `notes path "${configured}" (${abs}) cannot be read: ${errorCode(e)}; it is ignored`, log);
      return [];
    }
    if (st.isFile()) return [abs];
    if (!st.isDirectory()) {
      this.warnOnce(abs, `notes path "${configured}" (${abs}) is neither a file nor a folder; it is ignored`, log);
      return [];
    }
    if (depth > MAX_FOLDER_DEPTH) return [];
    const hit = this.dirs.get(abs);
    let names: string[];
    if (hit && hit.mtimeMs === st.mtimeMs) names = hit.files;
    else {
      try {
        names = nodeFs.readdirSync(abs).sort();
      } catch (e) {
        this.warnOnce(abs, `notes folder "${configured}" (${abs}) cannot be listed: ${errorCode(e)}; it is ignored`, log);
        return [];
      }
      this.dirs.set(abs, { mtimeMs: st.mtimeMs, files: names });
    }
    this.clearWarning(abs);
    const out: string[] = [];
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = path.join(abs, name);
      if (/\.(md|markdown)$/i.test(name)) out.push(child);
      else if (!name.includes('.')) {
        // A sub-folder (names without an extension); files without one are skipped by the stat below.
        try {
          if (nodeFs.statSync(child).isDirectory()) out.push(...this.filesUnder(child, configured, log, depth + 1));
        } catch {
          /* vanished meanwhile */
        }
      }
      if (out.length >= MAX_FILES_PER_FOLDER) break;
    }
    return out;
  }

  private fileSections(file: string, log: ((m: string) => void) | undefined): UserSection[] {
    let st: nodeFs.Stats;
    try {
      st = nodeFs.statSync(file);
    } catch (e) {
      this.files.delete(file);
      this.warnOnce(file, `notes file ${file} cannot be read: ${errorCode(e)}; it is ignored`, log);
      return [];
    }
    const hit = this.files.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.sections;
    let sections: UserSection[] = [];
    if (st.size > MAX_NOTES_FILE_BYTES) {
      this.warnOnce(file, `notes file ${file} is larger than 2 MB (${st.size} bytes); it is ignored`, log);
    } else {
      // Notes may be links the user made, so a link is followed; the target must be a regular file.
      const read = readRegularFile(file, MAX_NOTES_FILE_BYTES, { followLinks: true });
      if (!('bytes' in read)) {
        this.warnOnce(file, `notes file ${file} cannot be read: ${read.why}; it is ignored`, log);
      } else if (read.bytes.includes(0)) {
        this.warnOnce(file, `notes file ${file} looks binary (it contains NUL bytes); it is ignored`, log);
      } else {
        sections = parseUserNotes(read.bytes.toString('utf8'), file);
        this.clearWarning(file);
      }
    }
    this.files.set(file, { mtimeMs: st.mtimeMs, size: st.size, sections });
    return sections;
  }

  private warnOnce(key: string, message: string, log: ((m: string) => void) | undefined): void {
    if (this.warned.get(key) === message) return;
    this.warned.set(key, message);
    log?.(`[dockerfile-notes] warning: ${message}`);
  }

  private clearWarning(key: string): void {
    this.warned.delete(key);
  }
}

/** `~/x` → home, relative → workspace folder; null when relative and there is no folder. */
export function resolveNotesPath(p: string, workspaceFolder: string | null): string | null {
  const trimmed = p.trim();
  if (trimmed === '~') return os.homedir();
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return path.join(os.homedir(), trimmed.slice(2));
  if (path.isAbsolute(trimmed)) return path.normalize(trimmed);
  return workspaceFolder ? path.resolve(workspaceFolder, trimmed) : null;
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : String((e as Error)?.message ?? e);
}

interface Heading {
  line: number;
  /** First line of the content after the heading. */
  contentStart: number;
  level: number;
  text: string;
}

/**
 * Splits a notes file into sections. A heading (ATX `#…` or setext) whose first word names an instruction,
 * flag, directive or topic starts a section, which runs to the next heading of the same or a higher level,
 * or to the next heading that starts a section of its own (so `## ENTRYPOINT` nested under `# cmd` is its
 * own section and not part of cmd's). A heading whose first word is `flags`/`options` makes bare words in
 * its sub-headings name flags (`## from` under `# Flags` is `--from`). YAML front matter is skipped;
 * `#` lines inside fenced code are not headings.
 */
export function parseUserNotes(text: string, file: string): UserSection[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const headings = findHeadings(lines);
  const sections: UserSection[] = [];
  const label = path.basename(file);
  // Stack of enclosing headings: their level and whether they open a flags context.
  const stack: Array<{ level: number; flags: boolean }> = [];
  const targets = headings.map((h) => {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    const underFlags = stack.some((s) => s.flags);
    const m = matchHeading(h.text, underFlags);
    stack.push({ level: h.level, flags: m.opensFlags });
    return m.target;
  });
  headings.forEach((h, i) => {
    const target = targets[i];
    if (!target) return;
    let end = lines.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level || targets[j]) {
        end = headings[j].line;
        break;
      }
    }
    const body = trimBlankLines(lines.slice(h.contentStart, end)).join('\n');
    sections.push({ target, heading: h.text, level: h.level, body, file, label, line: h.line });
  });
  return sections;
}

function findHeadings(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let i = 0;
  // YAML front matter: a first line `---` up to the next `---` or `...`.
  if (lines[0]?.trim() === '---') {
    for (let j = 1; j < lines.length; j++) {
      if (lines[j].trim() === '---' || lines[j].trim() === '...') {
        i = j + 1;
        break;
      }
    }
  }
  let fence: { char: string; length: number } | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = { char: open[1][0], length: open[1].length };
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (atx) {
      const text = (atx[2] ?? '').replace(/[ \t]+#+$/, '').replace(/^#+$/, '').trim();
      out.push({ line: i, contentStart: i + 1, level: atx[1].length, text });
      continue;
    }
    // Setext: a paragraph line underlined by === (level 1) or --- (level 2).
    const next = lines[i + 1];
    if (
      next !== undefined &&
      line.trim() !== '' &&
      !/^ {4,}/.test(line) &&
      /^ {0,3}(=+|-+)[ \t]*$/.test(next) &&
      (i === 0 || lines[i - 1].trim() === '' || out.some((h) => h.contentStart === i))
    ) {
      out.push({ line: i, contentStart: i + 2, level: next.trim().startsWith('=') ? 1 : 2, text: line.trim() });
      i++;
    }
  }
  return out;
}

function trimBlankLines(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}
