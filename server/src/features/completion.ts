// textDocument/completion and completionItem/resolve: the engine's suggestions as LSP items; the note's
// gist is added only when the editor resolves an item (the list itself stays cheap).
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, LSPErrorCodes, MarkupKind, ResponseError } from 'vscode-languageserver';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { complete, completionDocumentation } from '../engine/features/completion';
import type { CompletionEntry, CompletionKind } from '../engine/features/completion';
import type { NoteRef } from '../engine/features/hover/render';
import type { Feature } from '../session';

const TRIGGER_CHARACTERS = ['-', '=', '$', '{', '/', ','];
const OPTIONS = { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true };

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  directive: CompletionItemKind.Keyword,
  flag: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  variable: CompletionItemKind.Variable,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  stage: CompletionItemKind.Reference,
  property: CompletionItemKind.Property,
};

interface ItemData {
  uri: string;
  note: NoteRef;
}

export const completion: Feature = {
  capabilities: { completionProvider: OPTIONS },
  optional: { name: 'completion', registrations: [{ method: 'textDocument/completion', options: OPTIONS }] },
  register(session) {
    session.connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
      if (!session.isEnabled('completion')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const caps = session.clientCapabilities.textDocument?.completion?.completionItem;
      const snippets = caps?.snippetSupport === true;
      const tags = caps?.tagSupport?.valueSet?.includes(CompletionItemTag.Deprecated) === true;
      return session.runSafe(() => {
        const ctx = session.contextFor(document.uri, settings, token);
        const outcome = complete(session.cache.get(document), ctx, params.position, { snippets });
        return { isIncomplete: outcome.isIncomplete, items: outcome.items.map((e) => toItem(e, document.uri, tags)) };
      }, null, 'completion');
    });

    session.connection.onCompletionResolve(async (item, token): Promise<CompletionItem> => {
      const data = item.data as ItemData | undefined;
      if (!data?.note || typeof data.uri !== 'string') return item;
      const settings = await session.settingsFor(data.uri);
      if (token.isCancellationRequested) return item;
      return session.runSafe(() => {
        const markdown = completionDocumentation(session.contextFor(data.uri, settings, token), data.note);
        if (!markdown) return item;
        const existing = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
        return { ...item, documentation: { kind: MarkupKind.Markdown, value: existing ? `${existing}\n\n${markdown}` : markdown } };
      }, item, 'completionResolve');
    });
  },
};

function toItem(e: CompletionEntry, uri: string, tags: boolean): CompletionItem {
  const item: CompletionItem = { label: e.label, kind: KINDS[e.kind] };
  const text = e.insertText ?? e.label;
  if (e.range) item.textEdit = { range: e.range, newText: text };
  else if (e.insertText) item.insertText = e.insertText;
  if (e.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  if (e.filterText) item.filterText = e.filterText;
  if (e.deprecated) {
    if (tags) item.tags = [CompletionItemTag.Deprecated];
    else item.deprecated = true;
  }
  if (e.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  if (e.note) item.data = { uri, note: e.note } satisfies ItemData;
  return item;
}
