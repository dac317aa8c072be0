// Names shared by the server, the client and the tests.
export const SOURCE = 'dockerfile-notes';
/** Server-side command; the client's `dockerfileNotes.convertAllToExecForm` calls it with the active document. */
export const CONVERT_ALL_COMMAND = 'dockerfileNotes.server.convertAllToExecForm';
export const SOURCE_FIX_ALL_KIND = 'source.fixAll.dockerfileNotes';
/**
 * Node options the client starts the server with (the benchmark uses the same). A young generation of
 * 2 MB semi-spaces instead of Node's default (up to 16 MB) keeps about 20 MB less resident with many
 * documents open, at no measurable cost in latency (docs/performance.md). V8 reads it only at start-up.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
/** The client command that opens a bundled note or rule page; links in hovers and rule codes run it. */
export { OPEN_PAGE_COMMAND, pageFile } from './engine/notes/pageIds';
