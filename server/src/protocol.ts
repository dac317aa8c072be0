// Names shared by the server, the client and the tests.
export const SOURCE = 'dockerfile-notes';
/** Server-side command; the client's `dockerfileNotes.convertAllToExecForm` calls it with the active document. */
export const CONVERT_ALL_COMMAND = 'dockerfileNotes.server.convertAllToExecForm';
export const SOURCE_FIX_ALL_KIND = 'source.fixAll.dockerfileNotes';
