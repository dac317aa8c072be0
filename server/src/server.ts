// LSP glue only: initialization, capabilities, settings and workspace events. Each feature's handlers
// live in features/<feature>.ts and adapt the pure engine; the state they share is a ServerSession.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind } from 'vscode-languageserver';
import type { Connection, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import { parseSettings } from './engine/context';
import { forgetDeclarations } from './engine/context/buildContext';
import { userNotes } from './engine/features/hover/render';
import { FEATURES } from './features';
import { scheduleStartLine } from './features/startup';
import { OPEN_PAGE_COMMAND } from './protocol';
import { ServerSession } from './session';
import { uriToPath } from './uri';

export function startServer(connection: Connection): void {
  const session = new ServerSession(connection);
  const { log } = session;

  connection.onInitialize((params): InitializeResult => {
    session.uiLocale = params.locale;
    session.trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    session.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== null);
    if (session.workspaceFolders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) session.workspaceFolders.push(root);
    }
    session.canPullConfiguration = !!params.capabilities.workspace?.configuration;
    session.canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    session.canShowDisabledActions = !!params.capabilities.textDocument?.codeAction?.disabledSupport;
    const options = params.initializationOptions as { openPageCommand?: unknown } | undefined;
    session.pageLinks = options?.openPageCommand === OPEN_PAGE_COMMAND ? 'command' : 'file';
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities);
    return { capabilities, serverInfo: { name: 'dockerfile-notes' } };
  });

  connection.onInitialized(() => {
    scheduleStartLine(session);
    if (session.canPullConfiguration) {
      // A client may refuse a registration; a rejected promise left unhandled would end the process.
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileNotes' }).catch((e) => log(`could not register for configuration changes: ${e}`));
    }
    if (session.canWatchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((e) => log(`could not register file watchers: ${e}`));
    }
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      session.workspaceFolders = session.workspaceFolders.filter((f) => !removed.has(f));
      for (const f of event.added) {
        const p = uriToPath(f.uri);
        if (p) session.workspaceFolders.push(p);
      }
      session.settingsChanged();
    });
  });

  connection.onDidChangeConfiguration((change) => {
    if (!session.canPullConfiguration) session.globalSettings = parseSettings((change.settings as { dockerfileNotes?: unknown })?.dockerfileNotes);
    session.settingsChanged();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const p = uriToPath(change.uri);
      if (!p) continue;
      session.fileSystem.invalidate(p); // also drops the parent folder's listing: created and deleted entries are seen
      userNotes.invalidate(p);
      forgetDeclarations(p); // a compose, bake, CI … file (or a folder holding one): read the declarations again
    }
    session.cache.clearAnalyses();
    session.revalidateAll();
  });

  for (const feature of FEATURES) feature.register(session);

  session.documents.listen(connection);
  connection.listen();
}
