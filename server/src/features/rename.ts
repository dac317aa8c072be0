// textDocument/prepareRename and textDocument/rename for stage names and ARG/ENV variables. A refusal
// (a name BuildKit rejects, a rename that would change what another name refers to) is an error with
// a message, which the editor shows.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Range, WorkspaceEdit } from 'vscode-languageserver';
import { prepareRename, rename as engineRename } from '../engine/features/rename';
import type { Feature } from '../session';

const OPTIONS = { prepareProvider: true };

export const rename: Feature = {
  capabilities: { renameProvider: OPTIONS },
  optional: { name: 'rename', registrations: [{ method: 'textDocument/rename', options: OPTIONS }] },
  register(session) {
    session.connection.onPrepareRename(async (params): Promise<{ range: Range; placeholder: string } | null> => {
      if (!session.isEnabled('rename')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      const lang = session.contextFor(document.uri, settings).lang;
      const result = session.runSafe(() => prepareRename(session.cache.get(document), params.position, lang), null, 'prepareRename');
      if (!result) return null;
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return result;
    });

    session.connection.onRenameRequest(async (params): Promise<WorkspaceEdit | null> => {
      if (!session.isEnabled('rename')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      const lang = session.contextFor(document.uri, settings).lang;
      const result = session.runSafe(() => engineRename(session.cache.get(document), params.position, params.newName, lang), null, 'rename');
      if (!result) return null;
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return { changes: { [document.uri]: result.edits } };
    });
  },
};
