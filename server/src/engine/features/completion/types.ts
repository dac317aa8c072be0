import type { NoteRef } from '../hover/render';
import type { Range } from '../../types';

export type CompletionKind =
  | 'keyword'
  | 'directive'
  | 'flag'
  | 'value'
  | 'enum'
  | 'variable'
  | 'file'
  | 'folder'
  | 'stage'
  | 'property';

/** One suggestion, in plain terms; the LSP layer turns it into a CompletionItem. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown, when known without more work (otherwise `note` is resolved later). */
  documentation?: string;
  /** The note whose gist documents the item (filled in by completionItem/resolve). */
  note?: NoteRef;
  insertText?: string;
  /** `insertText` is a snippet (`${1:…}` tab stops). */
  snippet?: boolean;
  /** The text replaced by the item (the word being typed). */
  range?: Range;
  sortText?: string;
  filterText?: string;
  /** Shown struck through (a deprecated instruction, a path `.dockerignore` leaves out). */
  deprecated?: boolean;
  /** Open the suggestions again after inserting (a folder, `--from=`). */
  retrigger?: boolean;
}

export interface CompletionOutcome {
  items: CompletionEntry[];
  /** More would match a longer prefix (a folder listed only in part): ask again as the user types. */
  isIncomplete: boolean;
}

export interface CompletionOptions {
  /** The client inserts snippets. */
  snippets: boolean;
}
