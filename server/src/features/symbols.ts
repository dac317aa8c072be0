// textDocument/documentSymbol: directives and global ARGs, then each stage with its instructions.
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols } from '../engine/features/symbols';
import type { DocumentSymbolNode } from '../engine/features/symbols';
import type { Feature } from '../session';

const KINDS: Record<DocumentSymbolNode['kind'], SymbolKind> = {
  directive: SymbolKind.Key,
  stage: SymbolKind.Module,
  variable: SymbolKind.Variable,
  file: SymbolKind.File,
  command: SymbolKind.Function,
  property: SymbolKind.Property,
  trigger: SymbolKind.Event,
  instruction: SymbolKind.Field,
};

export const symbols: Feature = {
  capabilities: { documentSymbolProvider: true },
  optional: { name: 'symbols', registrations: [{ method: 'textDocument/documentSymbol', options: {} }] },
  register(session) {
    session.connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | null> => {
      if (!session.isEnabled('symbols')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      return session.runSafe(() => {
        const lang = session.contextFor(document.uri, settings).lang;
        return documentSymbols(session.cache.get(document), lang).map(toSymbol);
      }, null, 'documentSymbol');
    });
  },
};

function toSymbol(node: DocumentSymbolNode): DocumentSymbol {
  const symbol: DocumentSymbol = { name: node.name, kind: KINDS[node.kind], range: node.range, selectionRange: node.selectionRange };
  if (node.detail) symbol.detail = node.detail;
  if (node.children) symbol.children = node.children.map(toSymbol);
  return symbol;
}
