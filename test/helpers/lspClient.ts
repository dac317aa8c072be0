// A real LSP client for protocol tests: spawns `node dist/server.js --stdio` and talks JSON-RPC to it.
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ConfigurationRequest,
  RegistrationRequest,
  HoverRequest,
  Hover,
  CodeActionRequest,
  CodeAction,
  Command,
  Diagnostic,
  Range,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileEvent,
  ShutdownRequest,
  ExitNotification,
  ApplyWorkspaceEditRequest,
  ApplyWorkspaceEditParams,
  ExecuteCommandRequest,
  LogMessageNotification,
  UnregistrationRequest,
  Registration,
  CompletionRequest,
  CompletionResolveRequest,
  CompletionItem,
  CompletionList,
  SignatureHelpRequest,
  SignatureHelp,
  DocumentSymbolRequest,
  DocumentSymbol,
  DefinitionRequest,
  LocationLink,
  Location,
  ReferencesRequest,
  DocumentHighlightRequest,
  DocumentHighlight,
  PrepareRenameRequest,
  RenameRequest,
  WorkspaceEdit,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentOnTypeFormattingRequest,
  TextEdit,
  DocumentLinkRequest,
  DocumentLink,
  InlayHintRequest,
  InlayHint,
  FoldingRangeRequest,
  FoldingRange,
  ClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { computeLineStarts } from '../../server/src/engine/parse/lineDocument';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

export interface StartOptions {
  locale?: string;
  /** The `dockerfileNotes` section answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** Answers `workspace/configuration` per scope instead of `settings` (e.g. per workspace folder). */
  settingsForScope?: (scopeUri: string | undefined) => Record<string, unknown>;
  workspaceFolder?: string;
  /** Several workspace folders (multi-root); takes precedence over `workspaceFolder`. */
  workspaceFolders?: string[];
  /** Announce `textDocument.codeAction.disabledSupport` (VS Code does). */
  codeActionDisabledSupport?: boolean;
  /** `initializationOptions` of the initialize request (the VS Code client sends `{ workspaceTrusted, openPageCommand, otherDockerfileExtensions }`). */
  initializationOptions?: Record<string, unknown>;
  /** Extra client capabilities, merged into the defaults (e.g. snippet support, dynamic registration). */
  capabilities?: ClientCapabilities;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** Every scope the server asked settings for, in order. */
  readonly configurationScopes: Array<string | undefined> = [];
  /** How many publishDiagnostics each document received. */
  readonly publishCounts = new Map<string, number>();
  /** Capabilities the server registered dynamically and has not unregistered, by registration id. */
  readonly registrations = new Map<string, Registration>();
  settings: Record<string, unknown>;
  settingsForScope?: (scopeUri: string | undefined) => Record<string, unknown>;
  initializeResult!: InitializeResult;
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(readonly process: ChildProcessWithoutNullStreams, settings: Record<string, unknown>) {
    this.settings = settings;
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.publishCounts.set(p.uri, (this.publishCounts.get(p.uri) ?? 0) + 1);
      this.wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => this.logs.push(p.message));
    this.connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => {
        this.configurationScopes.push(item.scopeUri);
        return this.settingsForScope ? this.settingsForScope(item.scopeUri) : this.settings;
      }),
    );
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      for (const r of p.registrations) this.registrations.set(r.id, r);
      this.wake();
      return null;
    });
    this.connection.onRequest(UnregistrationRequest.type, (p) => {
      for (const r of p.unregisterations) this.registrations.delete(r.id);
      this.wake();
      return null;
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.appliedEdits.push(p);
      return { applied: true };
    });
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', () => undefined);
    const client = new TestClient(child, options.settings ?? {});
    client.settingsForScope = options.settingsForScope;
    const folders = options.workspaceFolders ?? (options.workspaceFolder ? [options.workspaceFolder] : []);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders.length ? URI.file(folders[0]).toString() : null,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: URI.file(f).toString(), name: path.basename(f) })) : null,
      locale: options.locale ?? 'en',
      initializationOptions: options.initializationOptions,
      capabilities: {
        ...options.capabilities,
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, applyEdit: true, ...options.capabilities?.workspace },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...(options.codeActionDisabledSupport ? { codeAction: { disabledSupport: true } } : {}),
          ...options.capabilities?.textDocument,
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uriFor(fsPath: string): string {
    return URI.file(fsPath).toString();
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version, text },
    });
  }

  /** Replaces the whole text (a full-content change event). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental change of one range. */
  async edit(uri: string, range: Range, newText: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Waits for diagnostics of the document's current version (or for `predicate` to hold). */
  async waitForDiagnostics(uri: string, predicate?: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.diagnostics.get(uri);
      const version = this.versions.get(uri);
      if (p && (p.version === undefined || p.version === version) && (!predicate || predicate(p.diagnostics))) return p.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(p?.diagnostics.map((d) => [d.code, d.message]))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { dockerfileNotes: settings } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async hoverText(uri: string, line: number, character: number): Promise<string> {
    const h = await this.hover(uri, line, character);
    if (!h) return '';
    const c = h.contents as { value?: string } | string;
    return typeof c === 'string' ? c : (c.value ?? '');
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return (result ?? []).filter((a): a is CodeAction => !Command.is(a));
  }

  /** Waits until `predicate` holds for the dynamic registrations. */
  async waitForRegistrations(predicate: (methods: string[]) => boolean, timeoutMs = 10000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const methods = [...this.registrations.values()].map((r) => r.method).sort();
      if (predicate(methods)) return methods;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`registrations never matched; last: ${JSON.stringify(methods)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async completion(uri: string, line: number, character: number, triggerCharacter?: string): Promise<CompletionList> {
    const context = triggerCharacter ? { triggerKind: 2 as const, triggerCharacter } : { triggerKind: 1 as const };
    const r = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character }, context });
    if (!r) return { isIncomplete: false, items: [] };
    return Array.isArray(r) ? { isIncomplete: false, items: r } : r;
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  signatureHelp(uri: string, line: number, character: number): Promise<SignatureHelp | null> {
    return this.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
  }

  async definition(uri: string, line: number, character: number): Promise<LocationLink[]> {
    return ((await this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } })) ?? []) as LocationLink[];
  }

  async references(uri: string, line: number, character: number, includeDeclaration = true): Promise<Location[]> {
    return (await this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line, character }, context: { includeDeclaration } })) ?? [];
  }

  async highlights(uri: string, line: number, character: number): Promise<DocumentHighlight[]> {
    return (await this.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: { line, character } })) ?? [];
  }

  prepareRename(uri: string, line: number, character: number): Promise<unknown> {
    return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  rename(uri: string, line: number, character: number, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line, character }, newName });
  }

  async format(uri: string): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) ?? [];
  }

  async formatRange(uri: string, range: Range): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: { tabSize: 4, insertSpaces: true } })) ?? [];
  }

  async formatOnType(uri: string, line: number, character: number, ch = '\n'): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, position: { line, character }, ch, options: { tabSize: 4, insertSpaces: true } })) ?? [];
  }

  async documentLinks(uri: string): Promise<DocumentLink[]> {
    return (await this.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } })) ?? [];
  }

  async inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return (await this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
  }

  async foldingRanges(uri: string): Promise<FoldingRange[]> {
    return (await this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ?? [];
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  stop(): Promise<void> {
    return stopServer(this.connection, this.process, 2000);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
}

/**
 * Ends a language server politely (shutdown, exit), and kills it when it does not exit within `graceMs`.
 * Shared by the protocol tests and the benchmark.
 */
export async function stopServer(connection: ProtocolConnection, child: ChildProcessWithoutNullStreams, graceMs: number): Promise<void> {
  try {
    await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, graceMs))]);
    await connection.sendNotification(ExitNotification.type);
  } catch {
    /* the process may already be gone */
  }
  connection.dispose();
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Applies LSP text edits to a text (edits may come in any order; they must not overlap). LF, CRLF and CR ends. */
export function applyTextEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const starts = computeLineStarts(text);
  const offsetAt = (p: { line: number; character: number }) => {
    if (p.line >= starts.length) return text.length;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + p.character, lineEnd);
  };
  const sorted = [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(e.range.start)) + e.newText + out.slice(offsetAt(e.range.end));
  return out;
}
