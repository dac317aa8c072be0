// Document, range and on-type (after a line break) formatting; edits never change what BuildKit reads.
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import { formatDocument, formatOnType } from '../engine/features/format';
import type { FormatOptions } from '../engine/features/format';
import type { EngineSettings } from '../engine/context';
import type { Feature } from '../session';

const ON_TYPE = { firstTriggerCharacter: '\n' };

export const formatting: Feature = {
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true, documentOnTypeFormattingProvider: ON_TYPE },
  optional: {
    name: 'formatting',
    registrations: [
      { method: 'textDocument/formatting', options: {} },
      { method: 'textDocument/rangeFormatting', options: {} },
      { method: 'textDocument/onTypeFormatting', options: ON_TYPE },
    ],
  },
  register(session) {
    const run = async (uri: string, editor: FormattingOptions, what: string, fn: (options: FormatOptions) => TextEdit[]): Promise<TextEdit[] | null> => {
      if (!session.isEnabled('formatting')) return null;
      const settings = await session.settingsFor(uri);
      return session.runSafe(() => fn(formatOptions(settings, editor)), null, what);
    };
    session.connection.onDocumentFormatting(async (params) => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      return run(document.uri, params.options, 'formatting', (o) => formatDocument(session.cache.get(document), o));
    });
    session.connection.onDocumentRangeFormatting(async (params) => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      return run(document.uri, params.options, 'rangeFormatting', (o) => formatDocument(session.cache.get(document), o, params.range));
    });
    session.connection.onDocumentOnTypeFormatting(async (params) => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document || params.ch !== '\n') return null;
      return run(document.uri, params.options, 'onTypeFormatting', (o) => formatOnType(session.cache.get(document), params.position, o));
    });
  },
};

/** `editor`: the tab size and spaces-or-tab the editor sends (VS Code detects them per file by default). */
function formatOptions(settings: EngineSettings, editor: FormattingOptions): FormatOptions {
  const indent = settings.editor.formatIndent;
  if (indent !== 'editor') return { indent };
  return { indent: editor.insertSpaces === false ? 'tab' : Number.isInteger(editor.tabSize) && editor.tabSize > 0 ? Math.min(editor.tabSize, 8) : 4 };
}
