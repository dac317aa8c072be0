// A note in a few lines, for completion items and signature help: the built-in note's gist (its lead paragraph)
// in the user's language, then the first lines of the user's own section about the same thing.
import type { AnalysisContext } from '../context';
import { builtinNote } from '../notes/builtin';
import type { NoteRef } from './hover/render';
import { notesBase, userNotes } from './hover/render';
import { sanitizeInline } from './hover/sanitize';
import { escapeMarkdownText } from './markdown';

const USER_LINES = 3;
const USER_CHARS = 300;

export interface NoteGist {
  /** The note's gist, on one line (markdown, sanitized). */
  summary: string;
  /** The first lines of the user's sections, each labelled with its file (markdown, sanitized). */
  user: string[];
}

export function noteGist(ctx: AnalysisContext, ref: NoteRef): NoteGist | null {
  const note = ctx.settings.notes.builtin ? builtinNote(ref.kind, ref.name, ctx.lang) : null;
  const user: string[] = [];
  if (ctx.settings.notes.paths.length > 0) {
    for (const section of userNotes.sectionsFor(ref, ctx.settings.notes.paths, notesBase(ctx), ctx.log)) {
      const lines = section.body
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^(```|~~~)/.test(l))
        .slice(0, USER_LINES);
      let text = lines.join(' ');
      if (text.length > USER_CHARS) text = `${text.slice(0, USER_CHARS - 1)}…`;
      if (text) user.push(`*${escapeMarkdownText(section.label)}* — ${sanitizeInline(text)}`);
    }
  }
  if (!note && user.length === 0) return null;
  return { summary: note ? sanitizeInline(note.gist.replace(/\n/g, ' ')) : '', user };
}

/** The gist as one short markdown block. */
export function gistMarkdown(gist: NoteGist | null): string {
  if (!gist) return '';
  return [gist.summary, ...gist.user].filter(Boolean).join('\n\n');
}

/** The first summary sentence only (for one parameter of a signature). */
export function firstSentence(ctx: AnalysisContext, ref: NoteRef): string | null {
  const note = ctx.settings.notes.builtin ? builtinNote(ref.kind, ref.name, ctx.lang) : null;
  return note ? sanitizeInline(firstOf(note.gist)) : null;
}

/** The first sentence of a gist (up to the first full stop followed by a space or the end). */
function firstOf(gist: string): string {
  const text = gist.replace(/\n/g, ' ');
  const m = /^.*?[.。](?=\s|$)/.exec(text);
  return m ? m[0] : text;
}
