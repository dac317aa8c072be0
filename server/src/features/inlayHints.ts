// textDocument/inlayHint: the argv each stage runs, absolute COPY/ADD destinations, resolved FROM images
// (each behind its own `dockerfileNotes.inlayHints.*` setting).
import { InlayHintKind } from 'vscode-languageserver';
import type { InlayHint } from 'vscode-languageserver';
import { inlayHints as engineInlayHints } from '../engine/features/inlayHints';
import type { Feature } from '../session';

export const inlayHints: Feature = {
  capabilities: { inlayHintProvider: true },
  optional: { name: 'inlayHints', registrations: [{ method: 'textDocument/inlayHint', options: {} }] },
  register(session) {
    session.connection.languages.inlayHint.on(async (params, token): Promise<InlayHint[] | null> => {
      if (!session.isEnabled('inlayHints')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) return null;
      return session.runSafe(
        () =>
          engineInlayHints(session.cache.get(document), session.contextFor(document.uri, settings, token), params.range).map((h) => ({
            position: h.position,
            label: h.label,
            tooltip: h.tooltip,
            kind: InlayHintKind.Type,
            paddingLeft: true,
          })),
        null,
        'inlayHint',
      );
    });
  },
};
