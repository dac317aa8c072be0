// State the LSP handlers share: open documents and their parses, the file-system view, settings per
// workspace folder, the latest findings per document. Feature handlers (features/*.ts) receive one.
import type { CancellationToken, ClientCapabilities, Connection } from 'vscode-languageserver';
import { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { analyze } from './engine/analysis/analyze';
import type { AnalysisContext, EngineSettings } from './engine/context';
import { DEFAULT_SETTINGS, parseSettings, resolveLang } from './engine/context';
import { CachedNodeFileSystem } from './engine/context/fs';
import { documentClosed } from './engine/context/buildContext';
import type { ParsedDocument } from './engine/parse/document';
import type { Finding, PageLinkStyle } from './engine/types';
import { DocumentCache } from './documentCache';
import { checkedTextDocuments } from './textDocuments';
import { pathToUri, uriToPath } from './uri';


/** Milliseconds of parse and analysis after which a validation starts no further rule family. */
export const DEFAULT_ANALYSIS_BUDGET_MS = 20_000;
export class ServerSession {
  /** Changes with ranges outside the document are clamped into it before they are applied (textDocuments.ts). */
  readonly documents = new TextDocuments(checkedTextDocuments((message) => this.log(message)));
  readonly cache = new DocumentCache();
  readonly fileSystem = new CachedNodeFileSystem();
  /** Findings of the version last validated, per document URI (code actions reuse them). */
  readonly findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  workspaceFolders: string[] = [];
  uiLocale: string | undefined;
  canPullConfiguration = false;
  canWatchFiles = false;
  /** The client shows a code action it cannot apply, greyed out with its reason (`CodeAction.disabled`). */
  canShowDisabledActions = false;
  /** `command` when the client announced the command that opens bundled pages (the VS Code client does). */
  pageLinks: PageLinkStyle = 'file';
  /**
   * The workspace is trusted (the client's `initializationOptions.workspaceTrusted`; true when a client does
   * not say). Untrusted: Restricted Mode for build contexts (AnalysisContext.restricted). The client
   * restarts the server when trust is granted.
   */
  trusted = true;
  /**
   * Time budget of one validation: its parse and analysis slices, not the turns it waits (the client's
   * `initializationOptions.analysisBudgetMs` sets it); past it the families not yet run are reported by one
   * `analysis-incomplete` finding instead of running on.
   */
  analysisBudgetMs = DEFAULT_ANALYSIS_BUDGET_MS;
  /** Settings for clients that push them (no `workspace/configuration`). */
  globalSettings: EngineSettings = DEFAULT_SETTINGS;
  /** What the client said it can do (snippets, dynamic registration, …). */
  clientCapabilities: ClientCapabilities = {};
  /** Other Dockerfile extensions the client reported as active (`dockerfileNotes.features: auto` defers to them). */
  otherDockerfileExtensions: string[] = [];
  /** Optional editor features currently on (see features/switch.ts). */
  enabledFeatures: ReadonlySet<string> = new Set();
  /** Set by the diagnostics feature: validate every open document again. */
  revalidateAll: () => void = () => {};
  // VS Code resolves resource-scoped settings per workspace folder, so one request per folder serves every
  // document in it: opening a document costs no round trip to the client once its folder is known.
  private readonly settingsByFolder = new Map<string, Promise<EngineSettings>>();

  constructor(readonly connection: Connection) {
    // A closed document no longer keeps the .dockerignore matchers only it used.
    this.documents.onDidClose((e) => documentClosed(uriToPath(e.document.uri) ?? ''));
  }

  log = (message: string): void => this.connection.console.log(message);

  settingsFor(uri: string): Promise<EngineSettings> {
    if (!this.canPullConfiguration) return Promise.resolve(this.globalSettings);
    const folder = this.workspaceFolderOf(uriToPath(uri)) ?? '';
    let s = this.settingsByFolder.get(folder);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerfileNotes' }).then(parseSettings, (e) => {
        this.log(`could not read settings: ${e}`);
        return DEFAULT_SETTINGS;
      });
      this.settingsByFolder.set(folder, s);
    }
    return s;
  }

  /** Settings or workspace folders changed: ask again, drop rule results, validate again. */
  settingsChanged(): void {
    this.settingsByFolder.clear();
    this.cache.clearAnalyses();
    this.revalidateAll();
  }

  /** The innermost workspace folder holding the path, or null. */
  workspaceFolderOf(documentPath: string | null): string | null {
    if (!documentPath) return null;
    let best: string | null = null;
    for (const f of this.workspaceFolders) {
      const inside = documentPath === f || documentPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep);
      if (inside && (best === null || f.length > best.length)) best = f;
    }
    return best;
  }

  contextFor(uri: string, settings: EngineSettings, token?: CancellationToken): AnalysisContext {
    const documentPath = uriToPath(uri);
    const workspaceFolder = this.workspaceFolderOf(documentPath) ?? this.workspaceFolders[0] ?? null;
    return {
      lang: resolveLang(settings.notes.language, this.uiLocale),
      settings,
      fs: this.fileSystem,
      documentPath,
      workspaceFolder,
      restricted: !this.trusted,
      log: this.log,
      pageLinks: this.pageLinks,
      isCancelled: token ? () => token.isCancellationRequested : undefined,
    };
  }

  /**
   * The findings of this exact version: from the last validation when it was of this version, else
   * analysed now through the document's analysis cache (a validation in progress and this call share the
   * stages either has computed).
   */
  currentFindings(document: TextDocument, parsed: ParsedDocument, ctx: AnalysisContext): Finding[] {
    const hit = this.findingsByUri.get(document.uri);
    if (hit && hit.version === document.version) return hit.findings;
    return analyze(parsed, ctx, undefined, this.cache.analysisCache(document.uri));
  }

  /**
   * Settings that apply to the whole window (which features run). A window-scoped setting reads the same
   * in every folder, so the first folder's answer serves (no request of its own).
   */
  windowSettings(): Promise<EngineSettings> {
    const folder = this.workspaceFolders[0];
    return this.settingsFor(folder ? pathToUri(path.join(folder, 'Dockerfile')) : 'untitled:dockerfile-notes');
  }

  isEnabled(feature: string): boolean {
    return this.enabledFeatures.has(feature);
  }

  runSafe<T>(fn: () => T, fallback: T, what: string): T {
    try {
      return fn();
    } catch (e) {
      this.log(`${what} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  }
}

/** One LSP feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities?: import('vscode-languageserver').ServerCapabilities;
  /**
   * A feature `dockerfileNotes.features` may turn off: its name, and the registrations that announce it
   * dynamically (so that turning it off removes it from the editor instead of answering nothing).
   */
  optional?: { name: string; registrations: Array<{ method: string; options: object }> };
  register(session: ServerSession): void;
}
