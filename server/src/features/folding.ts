// Folding ranges: stages, multi-line instructions, comment blocks.
import { foldingRanges } from '../engine/features/folding';
import type { Feature } from '../session';

export const folding: Feature = {
  capabilities: { foldingRangeProvider: true },
  register(session) {
    session.connection.onFoldingRanges((params) => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return [];
      return session.runSafe(() => foldingRanges(session.cache.get(document)), [], 'foldingRanges');
    });
  },
};
