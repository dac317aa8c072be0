// Hover: the engine's markdown for the position (notes, resolved values, effective command).
import { LSPErrorCodes, MarkupKind, ResponseError } from 'vscode-languageserver';
import type { Hover } from 'vscode-languageserver';
import { hover as engineHover } from '../engine/features/hover';
import type { Feature } from '../session';

export const hover: Feature = {
  capabilities: { hoverProvider: true },
  register(session) {
    session.connection.onHover(async (params, token): Promise<Hover | null> => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      return session.runSafe(() => {
        const parsed = session.cache.get(document);
        const ctx = session.contextFor(document.uri, settings, token);
        // The diagnostics at the position are shown above the hover: it leaves out what they say.
        const result = engineHover(parsed, ctx, params.position, session.currentFindings(document, parsed, ctx));
        if (!result) return null;
        return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
      }, null, 'hover');
    });
  },
};
