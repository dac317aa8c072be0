// Page ids: names of the pages bundled in the package, shared by the server (which links to them) and the
// client (which opens them). No imports, so the client bundle stays small.

/** The client command that opens a bundled page in a Markdown preview; its one argument is a page id. */
export const OPEN_PAGE_COMMAND = 'dockerfileNotes.openPage';

/** `<lang>/<kind>/<name>` for a note (`en/instructions/copy`), `rules/<code>` for a rule page. */
const NOTE_ID = /^(en|zh-cn)\/(instructions|directives|flags|topics)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const RULE_ID = /^rules\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function notePageId(kind: string, name: string, lang: string): string {
  return `${lang}/${kind}/${name}`;
}

export function rulePageId(code: string): string {
  return `rules/${code}`;
}

/** The file of a page id relative to the package root (`notes/en/instructions/copy.md`), or null for a bad id. */
export function pageFile(id: string): string | null {
  if (NOTE_ID.test(id)) return `notes/${id}.md`;
  const rule = RULE_ID.exec(id);
  return rule ? `docs/rules/${rule[1]}.md` : null;
}
