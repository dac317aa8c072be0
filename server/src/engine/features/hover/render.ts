// Putting a hover together (layoutHover): the facts at the position, the user's own sections, the built-in
// note's gist and a line of links. Everything that comes from a note file goes through sanitizeMarkdown.
import type { AnalysisContext } from '../../context';
import type { NoteKind } from '../../notes/builtin';
import { builtinNote } from '../../notes/builtin';
import type { UserSection } from '../../notes/userNotes';
import { UserNotesStore } from '../../notes/userNotes';
import { notePageId, pageLink, rulePageId } from '../../notes/pages';
import { referenceUrl } from '../../notes/references';
import type { Finding } from '../../types';
import { codeBlock, sanitizeMarkdown, inlineCode } from './sanitize';
import { dropRepeats } from './repeats';
import { say, plain, type StringKey } from './strings';

export const SEPARATOR = '\n\n---\n\n';
const MAX_USER_LINES = 80;
const MAX_USER_CHARS = 8000;

/** One store for the process: parsed user notes are cached by path + mtime + size. */
export const userNotes = new UserNotesStore();

export interface NoteRef {
  kind: NoteKind;
  name: string;
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

/**
 * The parts of a hover, in the order they are shown: (a) the facts at this position; (b) the user's own
 * sections, whole; (c) the built-in note's gist with its example; (d) one line of links (the whole note,
 * the Dockerfile reference, the rule pages of the diagnostics here). Whatever a diagnostic at this position
 * already says is left out of (a) and (c).
 */
export interface HoverParts {
  facts?: Array<string | null | undefined | false>;
  /** Targets whose sections of the user's notes are shown, in this order (a section shows once). */
  user?: NoteRef[];
  /** The built-in note of the gist and of the "Full note" link. */
  note?: NoteRef | null;
  /** Show the gist's example (not on hovers whose facts already are the example). */
  example?: boolean;
  /** Remarks of the facts that the gist already makes (by their key in strings.ts). */
  omit?: StringKey[];
}

export function layoutHover(ctx: AnalysisContext, parts: HoverParts, said: readonly Finding[] = []): string {
  const { lang } = ctx;
  const facts = parts.facts?.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => dropRepeats(f, said, lang, parts.omit)) ?? [];
  const user = userSections(ctx, parts.user ?? []);
  const gist = parts.note ? gistBlock(ctx, parts.note, parts.example ?? false, said) : null;
  const links = linksLine(ctx, parts.note ?? null, said);
  return join([...facts, ...user, [gist, links].filter(Boolean).join('\n\n')]);
}

/**
 * The folder relative `notes.paths` entries are read from. In Restricted Mode a path relative to the
 * (untrusted) workspace folder, even from user settings, would show that workspace's files as the user's
 * notes: none, so only absolute and `~` paths are read.
 */
export function notesBase(ctx: AnalysisContext): string | null {
  return ctx.restricted ? null : ctx.workspaceFolder;
}

/** The user's sections for the targets, each section once even when two targets share it. */
function userSections(ctx: AnalysisContext, refs: NoteRef[]): string[] {
  const paths = ctx.settings.notes.paths;
  if (paths.length === 0) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ref of refs) {
    for (const s of userNotes.sectionsFor(ref, paths, notesBase(ctx), ctx.log)) {
      const key = `${s.file}:${s.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(renderUserSection(ctx, s));
    }
  }
  return out;
}

/** `**COPY** — the gist`, then the gist's example; sentences a diagnostic here already says are left out. */
export function gistBlock(ctx: AnalysisContext, ref: NoteRef, withExample: boolean, said: readonly Finding[] = []): string | null {
  if (!ctx.settings.notes.builtin) return null;
  const note = builtinNote(ref.kind, ref.name, ctx.lang);
  if (!note) return null;
  const gist = dropRepeats(note.gist.replace(/\s*\n\s*/g, ctx.lang === 'zh-cn' ? '' : ' '), said, ctx.lang);
  const text = sanitizeMarkdown(`**${plainTitle(note.title)}** — ${gist}`);
  const example = withExample && note.example ? codeBlock(note.example.code, note.example.language) : null;
  return example ? `${text}\n\n${example}` : text;
}

/** `Full note · Dockerfile reference · Rule: <code>`: links that exist (bundled pages, docs.docker.com). */
export function linksLine(ctx: AnalysisContext, ref: NoteRef | null, said: readonly Finding[] = []): string | null {
  const { lang } = ctx;
  const style = ctx.pageLinks ?? 'file';
  const items: string[] = [];
  if (ref && ctx.settings.notes.builtin) {
    const full = pageLink(notePageId(ref.kind, ref.name, lang), style);
    if (full) items.push(`[${say(lang, 'fullNote')}](${full})`);
  }
  const reference = ref ? referenceUrl(ref.kind, ref.name) : null;
  if (reference) items.push(`[${say(lang, 'reference')}](${reference})`);
  for (const code of [...new Set(said.map((f) => f.code))]) {
    const link = pageLink(rulePageId(code), style);
    if (link) items.push(`[${say(lang, 'rulePage', { code })}](${link})`);
  }
  return items.length ? items.join(' · ') : null;
}

function plainTitle(title: string): string {
  return title.replace(/[`*_[\]]/g, '');
}

/** Blocks joined by horizontal rules; empty blocks dropped. */
export function join(blocks: Array<string | null | undefined | false>): string {
  return blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join(SEPARATOR);
}
