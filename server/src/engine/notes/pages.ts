// The pages that ship inside the package (the notes and the rule pages) and the links that open them.
// Every link points at a file that exists in the package: in VS Code a `command:` link runs the client's
// "open page" command (a Markdown preview, offline); other clients get the file's `file:` URL.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageLinkStyle } from '../types';
import { builtinNotesRoot } from './builtin';
import { OPEN_PAGE_COMMAND, pageFile } from './pageIds';

export { OPEN_PAGE_COMMAND, notePageId, pageFile, rulePageId } from './pageIds';

/** The package root (the folder holding `package.json`, `notes/` and `docs/rules/`), or null. */
export function packageRoot(): string | null {
  const notes = builtinNotesRoot();
  return notes ? path.dirname(notes) : null;
}

// The package's files do not change while the server runs, and every published diagnostic asks for its
// rule page: one file-system check per page id.
const pagePaths = new Map<string, string | null>();

/** Absolute path of a page that exists in the package, or null. */
export function pagePath(id: string): string | null {
  let known = pagePaths.get(id);
  if (known === undefined) {
    const rel = pageFile(id);
    const root = packageRoot();
    const abs = rel && root ? path.join(root, ...rel.split('/')) : null;
    known = abs && fs.existsSync(abs) ? abs : null;
    if (pagePaths.size >= 1000) pagePaths.clear(); // ids also come from command arguments
    if (rel) pagePaths.set(id, known);
  }
  return known;
}

/**
 * A link that opens the page, or null when the page is not in the package. `command`: the client's
 * OPEN_PAGE_COMMAND (the VS Code client announces it at initialization); `file`: the file's URL.
 */
export function pageLink(id: string, style: PageLinkStyle): string | null {
  const abs = pagePath(id);
  if (!abs) return null;
  // Only the quotes of the JSON argument are encoded: the link stays short and markdown-safe.
  if (style === 'command') return `command:${OPEN_PAGE_COMMAND}?%22${id}%22`;
  return pathToFileURL(abs).href;
}
