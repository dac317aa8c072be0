// workspace/executeCommand: "convert every CMD/ENTRYPOINT of a document to exec form".
import type { WorkspaceEdit } from 'vscode-languageserver';
import { codeActions } from '../engine/analysis/analyze';
import { nonOverlapping } from '../engine/features/edits';
import { CONVERT_ALL_COMMAND } from '../protocol';
import type { Feature } from '../session';
import { fullRange } from './codeActions';

export const commands: Feature = {
  capabilities: { executeCommandProvider: { commands: [CONVERT_ALL_COMMAND] } },
  register(session) {
    session.connection.onExecuteCommand(async (params, token) => {
      if (params.command !== CONVERT_ALL_COMMAND) return null;
      const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
      const document = uri ? session.documents.get(uri) : undefined;
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) return null;
      const parsed = session.cache.get(document);
      const ctx = session.contextFor(document.uri, settings);
      const edits = codeActions(parsed, ctx, fullRange(parsed.lineCount()), [])
        .filter((f) => f.group === 'exec-form')
        .flatMap((f) => f.edits);
      if (edits.length === 0) return { applied: false, count: 0 };
      const edit: WorkspaceEdit = { changes: { [document.uri]: nonOverlapping(edits) } };
      const result = await session.connection.workspace.applyEdit({ label: 'Convert to exec form', edit });
      return { applied: result.applied, count: edits.length };
    });
  },
};
