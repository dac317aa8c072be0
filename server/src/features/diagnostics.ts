// Diagnostics: validate a document once when it opens and after each change (coalesced per tick),
// publish the engine's findings as LSP diagnostics, clear them when it closes.
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../engine/analysis/analyze';
import { rulePagePath } from '../engine/notes/builtin';
import type { Finding, Severity } from '../engine/types';
import { SOURCE } from '../protocol';
import type { Feature } from '../session';

export const diagnostics: Feature = {
  register(session) {
    const { documents, connection } = session;
    const pending = new Map<string, NodeJS.Immediate>();

    async function validate(document: TextDocument): Promise<void> {
      const settings = await session.settingsFor(document.uri);
      const current = documents.get(document.uri);
      if (!current || current.version !== document.version) return; // a newer version will be validated
      const parsed = session.cache.get(current);
      const findings = analyze(parsed, session.contextFor(current.uri, settings), undefined, session.cache.analysisCache(current.uri));
      session.findingsByUri.set(current.uri, { version: current.version, findings });
      await connection.sendDiagnostics({
        uri: current.uri,
        version: current.version,
        diagnostics: findings.map((f) => toDiagnostic(f, current.uri)),
      });
    }

    function schedule(document: TextDocument, immediate = false): void {
      const previous = pending.get(document.uri);
      if (previous) clearImmediate(previous);
      const run = () => {
        pending.delete(document.uri);
        validate(document).catch((e) => session.log(`validation failed for ${document.uri}: ${(e as Error)?.stack ?? e}`));
      };
      if (immediate) run();
      else pending.set(document.uri, setImmediate(run));
    }

    session.revalidateAll = () => {
      for (const d of documents.all()) schedule(d);
    };

    // TextDocuments fires onDidChangeContent right after onDidOpen for the same version: validate once.
    let justOpened: TextDocument | undefined;
    documents.onDidOpen((e) => {
      justOpened = e.document;
      schedule(e.document, true);
    });
    documents.onDidChangeContent((e) => {
      const opened = justOpened === e.document;
      justOpened = undefined;
      if (!opened) schedule(e.document);
    });
    documents.onDidClose((e) => {
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

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  const page = rulePagePath(f.code);
  if (page) d.codeDescription = { href: pathToFileURL(page).href };
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
