// textDocument/documentLink: COPY/ADD sources, FROM images, the `# syntax=` frontend and rule names in
// suppression comments.
import type { DocumentLink } from 'vscode-languageserver';
import { documentLinks } from '../engine/features/links';
import type { Feature } from '../session';
import { pathToUri } from '../uri';

export const links: Feature = {
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  optional: { name: 'links', registrations: [{ method: 'textDocument/documentLink', options: { resolveProvider: false } }] },
  register(session) {
    session.connection.onDocumentLinks(async (params, token): Promise<DocumentLink[] | null> => {
      if (!session.isEnabled('links')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) return null;
      return session.runSafe(
        () =>
          documentLinks(session.cache.get(document), session.contextFor(document.uri, settings, token)).map((l) => ({
            range: l.range,
            target: 'url' in l.target ? l.target.url : pathToUri(l.target.file),
            tooltip: l.tooltip,
          })),
        null,
        'documentLinks',
      );
    });
  },
};
