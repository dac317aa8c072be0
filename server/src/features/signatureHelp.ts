// textDocument/signatureHelp: the instruction's syntax with the current flag or argument highlighted.
import { LSPErrorCodes, MarkupKind, ResponseError } from 'vscode-languageserver';
import type { SignatureHelp } from 'vscode-languageserver';
import { signatureHelp as engineSignatureHelp } from '../engine/features/signatureHelp';
import type { Feature } from '../session';

const OPTIONS = { triggerCharacters: [' ', '-', '['], retriggerCharacters: ['=', ','] };

export const signatureHelp: Feature = {
  capabilities: { signatureHelpProvider: OPTIONS },
  optional: { name: 'signatureHelp', registrations: [{ method: 'textDocument/signatureHelp', options: OPTIONS }] },
  register(session) {
    session.connection.onSignatureHelp(async (params, token): Promise<SignatureHelp | null> => {
      if (!session.isEnabled('signatureHelp')) return null;
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      return session.runSafe(() => {
        const result = engineSignatureHelp(session.cache.get(document), session.contextFor(document.uri, settings, token), params.position);
        if (!result) return null;
        return {
          activeSignature: result.activeSignature,
          activeParameter: result.activeParameter,
          signatures: result.signatures.map((s) => ({
            label: s.label,
            documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
            parameters: s.parameters.map((p) => ({ label: p.label, documentation: p.documentation ? { kind: MarkupKind.Markdown, value: p.documentation } : undefined })),
          })),
        };
      }, null, 'signatureHelp');
    });
  },
};
