// LSP glue only: capabilities, documents, settings, and handlers that adapt the pure engine.
import {
  CodeAction,
  CodeActionKind,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Hover,
  InitializeResult,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  WorkspaceEdit,
  CancellationToken,
  ResponseError,
  LSPErrorCodes,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { analyze, codeActions } from './engine/analyze';
import type { AnalysisContext, EngineSettings } from './engine/context';
import { DEFAULT_SETTINGS, parseSettings, resolveLang } from './engine/context';
import { docsUrl } from './engine/catalog';
import { nonOverlapping, safeFixEdits } from './engine/edits';
import { CachedNodeFileSystem } from './engine/fs';
import { hover } from './engine/hover';
import { foldingRanges } from './engine/folding';
import { userNotes } from './engine/hover/render';
import type { Finding, Fix, Severity } from './engine/types';
import { DocumentCache } from './documentCache';
import { uriToPath } from './uri';
import { SOURCE, CONVERT_ALL_COMMAND, SOURCE_FIX_ALL_KIND } from './protocol';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const fileSystem = new CachedNodeFileSystem();
  // VS Code resolves resource-scoped settings per workspace folder, so one request per folder serves every
  // document in it: opening a document costs no round trip to the client once its folder is known.
  const settingsByFolder = new Map<string, Promise<EngineSettings>>();
  const findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  const pending = new Map<string, NodeJS.Immediate>();
  let uiLocale: string | undefined;
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let canWatchFiles = false;
  const log = (message: string) => connection.console.log(message);

  connection.onInitialize((params): InitializeResult => {
    uiLocale = params.locale;
    workspaceFolders = (params.workspaceFolders ?? [])
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== null);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) workspaceFolders.push(root);
    }
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, SOURCE_FIX_ALL_KIND],
        },
        executeCommandProvider: { commands: [CONVERT_ALL_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dockerfile-notes' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      // A client may refuse a registration; a rejected promise left unhandled would end the process.
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileNotes' }).catch((e) => log(`could not register for configuration changes: ${e}`));
    }
    if (canWatchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((e) => log(`could not register file watchers: ${e}`));
    }
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
      for (const f of event.added) {
        const p = uriToPath(f.uri);
        if (p) workspaceFolders.push(p);
      }
      settingsByFolder.clear();
      cache.clearAnalyses();
      revalidateAll();
    });
  });

  function settingsFor(uri: string): Promise<EngineSettings> {
    if (!canPullConfiguration) return Promise.resolve(globalSettings);
    const folder = workspaceFolderOf(uriToPath(uri)) ?? '';
    let s = settingsByFolder.get(folder);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'dockerfileNotes' })
        .then(parseSettings, (e) => {
          log(`could not read settings: ${e}`);
          return DEFAULT_SETTINGS;
        });
      settingsByFolder.set(folder, s);
    }
    return s;
  }
  let globalSettings: EngineSettings = DEFAULT_SETTINGS;

  connection.onDidChangeConfiguration((change) => {
    settingsByFolder.clear();
    cache.clearAnalyses();
    if (!canPullConfiguration) globalSettings = parseSettings((change.settings as { dockerfileNotes?: unknown })?.dockerfileNotes);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const p = uriToPath(change.uri);
      if (!p) continue;
      fileSystem.invalidate(p); // also drops the parent folder's listing: created and deleted entries are seen
      userNotes.invalidate(p);
    }
    cache.clearAnalyses();
    revalidateAll();
  });

  /** The innermost workspace folder holding the path, or null. */
  function workspaceFolderOf(documentPath: string | null): string | null {
    if (!documentPath) return null;
    let best: string | null = null;
    for (const f of workspaceFolders) {
      const inside = documentPath === f || documentPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep);
      if (inside && (best === null || f.length > best.length)) best = f;
    }
    return best;
  }

  function contextFor(uri: string, settings: EngineSettings, token?: CancellationToken): AnalysisContext {
    const documentPath = uriToPath(uri);
    const workspaceFolder = workspaceFolderOf(documentPath) ?? workspaceFolders[0] ?? null;
    return {
      lang: resolveLang(settings.notes.language, uiLocale),
      settings,
      fs: fileSystem,
      documentPath,
      workspaceFolder,
      log,
      isCancelled: token ? () => token.isCancellationRequested : undefined,
    };
  }

  async function validate(document: TextDocument): Promise<void> {
    const settings = await settingsFor(document.uri);
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return; // a newer version will be validated
    const parsed = cache.get(current);
    const findings = analyze(parsed, contextFor(current.uri, settings), undefined, cache.analysisCache(current.uri));
    findingsByUri.set(current.uri, { version: current.version, findings });
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
      validate(document).catch((e) => log(`validation failed for ${document.uri}: ${(e as Error)?.stack ?? e}`));
    };
    if (immediate) run();
    else pending.set(document.uri, setImmediate(run));
  }

  function revalidateAll(): void {
    for (const d of documents.all()) schedule(d);
  }

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
    cache.delete(e.document.uri);
    findingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return runSafe(() => {
      const result = hover(cache.get(document), contextFor(document.uri, settings, token), params.position);
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
    }, null, 'hover');
  });

  connection.onFoldingRanges((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return runSafe(() => foldingRanges(cache.get(document)), [], 'foldingRanges');
  });

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    if (token.isCancellationRequested) return [];
    return runSafe(() => {
      const parsed = cache.get(document);
      const ctx = contextFor(document.uri, settings, token);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
      const actions: CodeAction[] = [];
      if (wants(SOURCE_FIX_ALL_KIND) && only) {
        const all = currentFindings(document, parsed, ctx);
        const edits = safeFixEdits(codeActions(parsed, ctx, fullRange(parsed.lineCount()), all));
        if (edits.length) {
          actions.push({ title: 'Fix all safe problems (Dockerfile Notes)', kind: SOURCE_FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
        }
        return actions;
      }
      // Diagnostics from an older version (the client's view can lag) would fix the wrong text: keep only
      // those the current version still has, same code and same range.
      const current = currentFindings(document, parsed, ctx);
      const diagnostics = params.context.diagnostics.filter(
        (d) => d.source === SOURCE && current.some((f) => f.code === d.code && sameRange(f.range, d.range)),
      );
      const findings = diagnostics.map(fromDiagnostic);
      const fixes = codeActions(parsed, ctx, params.range, findings).filter((f) => wants(f.kind));
      // A refactor that makes exactly the edits of a quick fix on offer would show twice in the menu.
      const quickFixEdits = new Set(fixes.filter((f) => f.kind === 'quickfix').map((f) => JSON.stringify(f.edits)));
      for (const fix of fixes) {
        if (fix.kind !== 'quickfix' && quickFixEdits.has(JSON.stringify(fix.edits))) continue;
        actions.push(toCodeAction(fix, document.uri, diagnostics));
      }
      return actions;
    }, [], 'codeAction');
  });

  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== CONVERT_ALL_COMMAND) return null;
    const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
    const document = uri ? documents.get(uri) : undefined;
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    if (token.isCancellationRequested) return null;
    const parsed = cache.get(document);
    const ctx = contextFor(document.uri, settings);
    const edits = codeActions(parsed, ctx, fullRange(parsed.lineCount()), [])
      .filter((f) => f.group === 'exec-form')
      .flatMap((f) => f.edits);
    if (edits.length === 0) return { applied: false, count: 0 };
    const edit: WorkspaceEdit = { changes: { [document.uri]: nonOverlapping(edits) } };
    const result = await connection.workspace.applyEdit({ label: 'Convert to exec form', edit });
    return { applied: result.applied, count: edits.length };
  });

  function currentFindings(document: TextDocument, parsed: ReturnType<DocumentCache['get']>, ctx: AnalysisContext): Finding[] {
    const hit = findingsByUri.get(document.uri);
    if (hit && hit.version === document.version) return hit.findings;
    return analyze(parsed, ctx);
  }

  function runSafe<T>(fn: () => T, fallback: T, what: string): T {
    try {
      return fn();
    } catch (e) {
      log(`${what} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }

  documents.listen(connection);
  connection.listen();
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.data) d.data = f.data;
  return d;
}

function fromDiagnostic(d: Diagnostic): Finding {
  const severity: Severity =
    d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information ? 'info' : 'hint';
  const finding: Finding = { code: String(d.code ?? ''), severity, range: d.range, message: d.message };
  if (d.data && typeof d.data === 'object') finding.data = d.data as Record<string, unknown>;
  return finding;
}

function toCodeAction(fix: Fix, uri: string, diagnostics: Diagnostic[]): CodeAction {
  const action: CodeAction = { title: fix.title, kind: fix.kind, edit: { changes: { [uri]: fix.edits } } };
  if (fix.isPreferred) action.isPreferred = true;
  if (fix.fixes) {
    const target = fix.fixes;
    const matched = diagnostics.filter(
      (d) => d.code === target.code && d.range.start.line === target.range.start.line && d.range.start.character === target.range.start.character,
    );
    if (matched.length) action.diagnostics = matched;
  }
  return action;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

function fullRange(lineCount: number) {
  return { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } };
}

