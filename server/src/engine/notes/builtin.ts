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
  /** The two summary lines. */
  summary: string;
  /** The whole markdown file. */
  markdown: string;
}

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

const rulePages = new Map<string, string | null>();

/**
 * The page of a rule shipped beside the notes (docs/rules/<code>.md in the extension, the npm package or a
 * checkout), or null. Diagnostics link to it: the project has no public web address for the pages.
 */
export function rulePagePath(code: string): string | null {
  let page = rulePages.get(code);
  if (page === undefined) {
    const root = builtinNotesRoot();
    const file = root && /^[a-z0-9-]+$/.test(code) ? path.join(path.dirname(root), 'docs', 'rules', `${code}.md`) : null;
    page = file && fs.existsSync(file) ? file : null;
    rulePages.set(code, page);
  }
  return page;
}

/** For tests and the CLI: use notes from another folder. */
export function setBuiltinNotesRoot(root: string | null): void {
  notesRoot = root;
  cache.clear();
  rulePages.clear();
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

export function parseNote(kind: NoteKind, name: string, lang: Lang, markdown: string): Note {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const title = (lines[0] ?? '').replace(/^#\s*/, '').trim() || name;
  const summaryLines: string[] = [];
  let i = 1;
  while (i < lines.length && lines[i].trim() === '') i++;
  while (i < lines.length && lines[i].trim() !== '' && summaryLines.length < 2) summaryLines.push(lines[i++].trim());
  return { kind, name, lang, title, summary: summaryLines.join('\n'), markdown };
}
