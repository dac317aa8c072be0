// Diagnostics: validate a document when it opens and after changes (diagnosticsQueue.ts: the newest
// version only, in slices), publish the engine's findings as LSP diagnostics, clear them when it closes.
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { pageLink, rulePageId } from '../engine/notes/pages';
import type { Finding, PageLinkStyle, Severity } from '../engine/types';
import { SOURCE } from '../protocol';
import type { Feature } from '../session';
import { DiagnosticsQueue } from './diagnosticsQueue';

export const diagnostics: Feature = {
  register(session) {
    const { documents, connection } = session;
    const queue = new DiagnosticsQueue(session, (document, findings) => {
      const { uri, version } = document;
      return connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, uri, session.pageLinks)) });
    });

    session.revalidateAll = () => {
      for (const d of documents.all()) queue.request(d.uri);
    };
    // TextDocuments fires onDidChangeContent for an opened document too.
    documents.onDidChangeContent((e) => queue.request(e.document.uri));
    documents.onDidClose((e) => {
      queue.forget(e.document.uri);
      session.cache.delete(e.document.uri);
      session.findingsByUri.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  },
};

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The LSP diagnostic of a finding. Its code links to the rule page bundled in the package: in VS Code
 * through the client's open-page command (the Problems panel and the hover open such links without the
 * "open external website?" prompt), elsewhere as a `file:` URL; no link when the page is missing.
 */
export function toDiagnostic(f: Finding, uri: string, links: PageLinkStyle = 'file'): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  const href = pageLink(rulePageId(f.code), links);
  if (href) d.codeDescription = { href };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.data) d.data = f.data;
  return d;
}

export function fromDiagnostic(d: Diagnostic): Finding {
  const severity: Severity =
    d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information ? 'info' : 'hint';
  const finding: Finding = { code: String(d.code ?? ''), severity, range: d.range, message: d.message };
  if (d.data && typeof d.data === 'object') finding.data = d.data as Record<string, unknown>;
  return finding;
}
