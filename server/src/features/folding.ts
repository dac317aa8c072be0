// Folding ranges: stages, multi-line instructions, comment blocks.
import { foldingRanges } from '../engine/features/folding';
import type { Feature } from '../session';

export const folding: Feature = {
  capabilities: { foldingRangeProvider: true },
  optional: { name: 'folding', registrations: [{ method: 'textDocument/foldingRange', options: {} }] },
  register(session) {
    session.connection.onFoldingRanges((params) => {
      if (!session.isEnabled('folding')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return [];
      return session.runSafe(() => foldingRanges(session.cache.get(document)), [], 'foldingRanges');
    });
  },
};
