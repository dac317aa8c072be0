// The built-in notes shipped in notes/<lang>/{instructions,directives,flags,topics}/<name>.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../types';

export type NoteKind = 'instructions' | 'directives' | 'flags' | 'topics';

export interface Note {
  kind: NoteKind;
  name: string;
  lang: Lang;
  title: string;
  /**
   * The gist: the lead paragraph after the title (2–5 lines of markdown) that keeps the note's key facts.
   * Hovers and completion documentation show it instead of the whole note.
   */
  gist: string;
  /** The gist's example: the first group of lines (up to a blank line) of the note's example block. */
  example: NoteExample | null;
  /** The whole markdown file. */
  markdown: string;
}

export interface NoteExample {
  /** The info string of the fence, e.g. `dockerfile`. */
  language: string;
  code: string;
}

/** The heading of the example section, per language. */
export const EXAMPLE_HEADINGS: Readonly<Record<Lang, string>> = { en: '## Example', 'zh-cn': '## 示例' };
/** The gist is at most this many lines. */
export const MAX_GIST_LINES = 5;

let notesRoot: string | null | undefined;

/** The folder holding `en/` and `zh-cn/`: `<package root>/notes`, found from this module's location. */
export function builtinNotesRoot(): string | null {
  if (notesRoot !== undefined) return notesRoot;
  let dir = __dirname;
  notesRoot = null;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'notes');
    if (fs.existsSync(path.join(candidate, 'en')) && fs.existsSync(path.join(dir, 'package.json'))) {
      notesRoot = candidate;
      break;
    }
    dir = path.dirname(dir);
  }
  return notesRoot;
}

/** For tests and the CLI: use notes from another folder. */
export function setBuiltinNotesRoot(root: string | null): void {
  notesRoot = root;
  cache.clear();
}

const cache = new Map<string, Note | null>();

export function builtinNote(kind: NoteKind, name: string, lang: Lang): Note | null {
  const key = `${lang}/${kind}/${name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let note: Note | null = null;
  const root = builtinNotesRoot();
  if (root && /^[a-z0-9-]+$/.test(name)) {
    const file = path.join(root, lang, kind, `${name}.md`);
    try {
      note = parseNote(kind, name, lang, fs.readFileSync(file, 'utf8'));
    } catch {
      note = lang === 'en' ? null : builtinNote(kind, name, 'en');
    }
  }
  cache.set(key, note);
  return note;
}

export function listBuiltinNotes(kind: NoteKind, lang: Lang = 'en'): string[] {
  const root = builtinNotesRoot();
  if (!root) return [];
  try {
    return fs
      .readdirSync(path.join(root, lang, kind))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Reads a note by position: `# Title`, a blank line, the gist (lines up to the next blank line, at most
 * MAX_GIST_LINES), the details, and the example section (`## Example` / `## 示例`) with one fenced block.
 */
export function parseNote(kind: NoteKind, name: string, lang: Lang, markdown: string): Note {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const title = (lines[0] ?? '').replace(/^#\s*/, '').trim() || name;
  const gistLines: string[] = [];
  let i = 1;
  while (i < lines.length && lines[i].trim() === '') i++;
  while (i < lines.length && lines[i].trim() !== '' && gistLines.length < MAX_GIST_LINES) gistLines.push(lines[i++].trimEnd());
  return { kind, name, lang, title, gist: gistLines.join('\n'), example: exampleOf(lines, lang), markdown };
}

function exampleOf(lines: string[], lang: Lang): NoteExample | null {
  const heading = lines.findIndex((l) => l.trim() === EXAMPLE_HEADINGS[lang] || l.trim() === EXAMPLE_HEADINGS.en);
  if (heading < 0) return null;
  const open = lines.findIndex((l, i) => i > heading && /^```/.test(l));
  if (open < 0) return null;
  const code: string[] = [];
  for (let i = open + 1; i < lines.length && !/^```\s*$/.test(lines[i]); i++) {
    if (lines[i].trim() === '') {
      if (code.length > 0) break;
      continue;
    }
    code.push(lines[i]);
  }
  return code.length ? { language: lines[open].slice(3).trim(), code: code.join('\n') } : null;
}
