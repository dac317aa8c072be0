// Go to definition, find references and document highlights for stage names, ARG/ENV variables and
// COPY/ADD sources (a file of the build context, or the instruction of a stage that wrote the path).
import { DocumentHighlightKind } from 'vscode-languageserver';
import type { DocumentHighlight, Location, LocationLink } from 'vscode-languageserver';
import { definition as engineDefinition, highlights, references as engineReferences } from '../engine/features/navigation';
import type { Feature } from '../session';
import { pathToUri } from '../uri';

export const definition: Feature = {
  capabilities: { definitionProvider: true },
  optional: { name: 'definition', registrations: [{ method: 'textDocument/definition', options: {} }] },
  register(session) {
    session.connection.onDefinition(async (params, token): Promise<LocationLink[] | null> => {
      if (!session.isEnabled('definition')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) return null;
      return session.runSafe(() => {
        const targets = engineDefinition(session.cache.get(document), session.contextFor(document.uri, settings, token), params.position);
        return targets.map((t) => ({
          targetUri: t.path ? pathToUri(t.path) : document.uri,
          targetRange: t.range,
          targetSelectionRange: t.selectionRange,
        }));
      }, null, 'definition');
    });
  },
};

export const references: Feature = {
  capabilities: { referencesProvider: true },
  optional: { name: 'references', registrations: [{ method: 'textDocument/references', options: {} }] },
  register(session) {
    session.connection.onReferences((params): Location[] | null => {
      if (!session.isEnabled('references')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      return session.runSafe(
        () => engineReferences(session.cache.get(document), params.position, params.context.includeDeclaration).map((range) => ({ uri: document.uri, range })),
        null,
        'references',
      );
    });
  },
};

export const highlight: Feature = {
  capabilities: { documentHighlightProvider: true },
  optional: { name: 'highlight', registrations: [{ method: 'textDocument/documentHighlight', options: {} }] },
  register(session) {
    session.connection.onDocumentHighlight((params): DocumentHighlight[] | null => {
      if (!session.isEnabled('highlight')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      return session.runSafe(
        () =>
          highlights(session.cache.get(document), params.position).map((h) => ({
            range: h.range,
            kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
          })),
        null,
        'documentHighlight',
      );
    });
  },
};
