// A minimal LSP client over stdio for the benchmark: spawns a server, answers its requests, records
// publishDiagnostics arrivals so a measurement can wait for "the next diagnostics of this URI".
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stopServer } from '../test/helpers/lspClient';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  UnregistrationRequest,
  HoverRequest,
  CodeActionRequest,
  Diagnostic,
  Range,
  Position,
  WorkDoneProgressCreateRequest,
  CompletionRequest,
  DocumentSymbolRequest,
} from 'vscode-languageserver-protocol/node';

/** VmRSS and RssAnon of a process from /proc/<pid>/status, in KiB; null where /proc is missing. */
export function readMemoryKiB(pid: number): { rss: number; anon: number | null } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    const anon = /^RssAnon:\s+(\d+)\s+kB/m.exec(status);
    return rss ? { rss: Number(rss[1]), anon: anon ? Number(anon[1]) : null } : null;
  } catch {
    return null;
  }
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
}

interface Waiter {
  uri: string;
  minVersion: number | null;
  resolve: (d: Diagnostic[]) => void;
}

export class BenchServer {
  readonly connection: ProtocolConnection;
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const remaining: Waiter[] = [];
      for (const w of this.waiters) {
        // Servers that send a version must answer the version we wait for; the peer sends none.
        if (w.uri === p.uri && (p.version === undefined || w.minVersion === null || p.version >= w.minVersion)) w.resolve(p.diagnostics);
        else remaining.push(w);
      }
      this.waiters = remaining;
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => null));
    this.connection.onRequest(RegistrationRequest.type, () => null);
    this.connection.onRequest(UnregistrationRequest.type, () => null);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.connection.listen();
  }

  /** Spawns the server and resolves once `initialize` answered; returns the elapsed milliseconds too. */
  static async start(spec: ServerSpec, rootPath: string): Promise<{ server: BenchServer; coldStartMs: number }> {
    const t0 = performance.now();
    const child = spawn(spec.command, spec.args, { stdio: 'pipe' });
    child.stderr.on('data', () => undefined);
    const server = new BenchServer(spec, child);
    await server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: `file://${rootPath}`,
      workspaceFolders: [{ uri: `file://${rootPath}`, name: 'bench' }],
      locale: 'en',
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, applyEdit: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
          },
        },
      },
    });
    const coldStartMs = performance.now() - t0;
    await server.connection.sendNotification(InitializedNotification.type, {});
    return { server, coldStartMs };
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** VmRSS and its private part (RssAnon) in KiB, or null where /proc is missing. */
  memoryKiB(): { rss: number; anon: number | null } | null {
    return readMemoryKiB(this.pid);
  }

  private nextDiagnostics(uri: string, version: number | null, timeoutMs: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.spec.name}: no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        minVersion: version,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** didOpen, then the time until the first diagnostics of that document. */
  async open(uri: string, text: string, timeoutMs = 120_000): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    this.versions.set(uri, 1);
    const t0 = performance.now();
    const wait = this.nextDiagnostics(uri, 1, timeoutMs);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text },
    });
    const diagnostics = await wait;
    return { ms: performance.now() - t0, diagnostics };
  }

  /** One incremental change, then the time until diagnostics of the new version. */
  async edit(uri: string, range: Range, text: string, timeoutMs = 120_000): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const t0 = performance.now();
    const wait = this.nextDiagnostics(uri, version, timeoutMs);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    const diagnostics = await wait;
    return { ms: performance.now() - t0, diagnostics };
  }

  /**
   * Several incremental changes sent back to back (each its own didChange, as an editor sends fast typing),
   * then the time until the diagnostics of the last version. Only for a server that publishes versions:
   * for one that does not, the first diagnostics after the burst may be of any version.
   */
  async burst(uri: string, changes: Array<{ range: Range; text: string }>, timeoutMs = 120_000): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const first = (this.versions.get(uri) ?? 1) + 1;
    const last = first + changes.length - 1;
    this.versions.set(uri, last);
    const t0 = performance.now();
    const wait = this.nextDiagnostics(uri, last, timeoutMs);
    await Promise.all(
      changes.map((c, i) =>
        this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: first + i }, contentChanges: [{ range: c.range, text: c.text }] }),
      ),
    );
    const diagnostics = await wait;
    return { ms: performance.now() - t0, diagnostics };
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async hover(uri: string, position: Position): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return performance.now() - t0;
  }

  async codeAction(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
    return performance.now() - t0;
  }

  async completion(uri: string, position: Position): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context: { triggerKind: 1 } });
    return performance.now() - t0;
  }

  /** The document symbols the server gives (unmeasured). */
  symbolsAnswer(uri: string): Promise<unknown> {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  async documentSymbols(uri: string): Promise<number> {
    const t0 = performance.now();
    await this.symbolsAnswer(uri);
    return performance.now() - t0;
  }

  stop(): Promise<void> {
    return stopServer(this.connection, this.child, 3000);
  }
}
