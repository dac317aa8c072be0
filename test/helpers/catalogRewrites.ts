/**
 * Known exception for test/unit/message-style.test.ts and test/unit/zh-terms.test.ts, to be removed after
 * merging: the rows of the COPY/ADD family (server/src/engine/catalog/copy-add.ts) are being rewritten by
 * other work and still hold several sentences, backticks and older Chinese terms. Delete this set (and its
 * two uses) once they follow the message style and notes/GLOSSARY.md.
 */
export const CATALOG_ROWS_BEING_REWRITTEN: ReadonlySet<string> = new Set([
  // catalog/copy-add.ts
  'copy-outside-context', 'copy-absolute-source', 'copy-source-missing', 'copy-source-ignored', 'copy-multi-source-dest',
  'add-prefer-copy', 'add-remote-url', 'add-archive-extracts',
]);
