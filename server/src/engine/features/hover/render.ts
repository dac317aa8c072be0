// Putting a hover together: built-in note, the user's sections, related topics and a link-free footer.
// Everything that comes from a note file goes through sanitizeMarkdown.
import type { AnalysisContext } from '../../context';
import type { NoteKind } from '../../notes/builtin';
import { builtinNote } from '../../notes/builtin';
import type { UserSection } from '../../notes/userNotes';
import { UserNotesStore } from '../../notes/userNotes';
import { sanitizeMarkdown, inlineCode } from './sanitize';
import { say, plain } from './strings';

export const SEPARATOR = '\n\n---\n\n';
const MAX_USER_LINES = 80;
const MAX_USER_CHARS = 8000;

/** One store for the process: parsed user notes are cached by path + mtime + size. */
export const userNotes = new UserNotesStore();

export interface NoteRef {
  kind: NoteKind;
  name: string;
}

/** The built-in note (sanitized), unless `dockerfileNotes.notes.builtin` is false. */
export function builtinBlock(ctx: AnalysisContext, ref: NoteRef, summaryOnly = false): string | null {
  if (!ctx.settings.notes.builtin) return null;
  const note = builtinNote(ref.kind, ref.name, ctx.lang);
  if (!note) return null;
  if (summaryOnly) return sanitizeMarkdown(`**${note.title}** — ${note.summary.replace(/\n/g, ' ')}`);
  return sanitizeMarkdown(note.markdown.trim());
}

/** The user's sections about `ref`, each labelled with its file name. */
export function userBlocks(ctx: AnalysisContext, ref: NoteRef): string[] {
  const paths = ctx.settings.notes.paths;
  if (paths.length === 0) return [];
  // In Restricted Mode a path relative to the (untrusted) workspace folder, even from user settings, would
  // show that workspace's files as the user's notes: only absolute and `~` paths are read.
  const sections = userNotes.sectionsFor(ref, paths, ctx.restricted ? null : ctx.workspaceFolder, ctx.log);
  return sections.map((s) => renderUserSection(ctx, s));
}

export function renderUserSection(ctx: AnalysisContext, s: UserSection): string {
  const label = `**${say(ctx.lang, 'yourNotes', { file: { md: inlineCode(plain(s.label)) } })}** · ${inlineCode(plain(s.heading))}`;
  let body = s.body;
  const lines = body.split('\n');
  let cut = false;
  if (lines.length > MAX_USER_LINES) {
    body = lines.slice(0, MAX_USER_LINES).join('\n');
    cut = true;
  }
  if (body.length > MAX_USER_CHARS) {
    body = body.slice(0, MAX_USER_CHARS);
    cut = true;
  }
  const safe = demoteHeadings(sanitizeMarkdown(body));
  return `${label}\n\n${safe}${cut ? '\n\n…' : ''}`.trimEnd();
}

/** Headings inside a note body become small (level 4+) so they do not outshout the hover's own title. */
export function demoteHeadings(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1][0];
        else if (f[1][0] === fence && /^ {0,3}(`{3,}|~{3,})\s*$/.test(line)) fence = null;
        return line;
      }
      if (fence !== null) return line;
      return line.replace(/^ {0,3}#{1,6}(?=\s|$)/, (h) => '#'.repeat(Math.min(6, h.trim().length + 3)));
    })
    .join('\n');
}

/** `More: dockerfile-notes explain copy` — a CLI command, never a link. */
export function footer(ctx: AnalysisContext, ref: NoteRef): string {
  const subject = ref.kind === 'flags' ? `--${ref.name}` : ref.name;
  return `*${say(ctx.lang, 'more', { command: { md: inlineCode(`dockerfile-notes explain ${subject}`) } })}*`;
}

/** `See also: Build context, .dockerignore` with the CLI command for each. */
export function seeAlso(ctx: AnalysisContext, topics: string[]): string | null {
  const items = topics
    .map((t) => {
      const note = builtinNote('topics', t, ctx.lang);
      const title = note ? plain(note.title) : t;
      return `${title} (${inlineCode(`dockerfile-notes explain ${t}`)})`;
    })
    .filter(Boolean);
  return items.length ? `*${say(ctx.lang, 'seeAlso', { topics: { md: items.join(', ') } })}*` : null;
}

/** Blocks joined by horizontal rules; empty blocks dropped. */
export function join(blocks: Array<string | null | undefined | false>): string {
  return blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join(SEPARATOR);
}

/** Which topics an instruction's hover points to. */
export const RELATED_TOPICS: Readonly<Record<string, string[]>> = {
  copy: ['build-context', 'dockerignore'],
  add: ['build-context', 'dockerignore'],
  cmd: ['shell-vs-exec', 'foreground-process', 'entrypoint-cmd'],
  entrypoint: ['entrypoint-cmd', 'shell-vs-exec'],
  run: ['shell-vs-exec'],
  shell: ['shell-vs-exec'],
  from: ['load-vs-import'],
};
