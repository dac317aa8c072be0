// LSP glue only: initialization, capabilities, settings and workspace events. Each feature's handlers
// live in features/<feature>.ts and adapt the pure engine; the state they share is a ServerSession.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind } from 'vscode-languageserver';
import type { Connection, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import { parseSettings } from './engine/context';
import { forgetDeclarations } from './engine/context/buildContext';
import { userNotes } from './engine/features/hover/render';
import { FEATURES } from './features';
import { scheduleStartLine } from './features/startup';
import { enabledFeatures, FeatureSwitch } from './features/switch';
import { OPEN_PAGE_COMMAND, OTHER_EXTENSIONS_NOTIFICATION } from './protocol';
import { ServerSession } from './session';
import { uriToPath } from './uri';

export function startServer(connection: Connection): void {
  const session = new ServerSession(connection);
  const { log } = session;
  const featureSwitch = new FeatureSwitch(session);

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
    session.clientCapabilities = params.capabilities;
    const budget = (params.initializationOptions as { analysisBudgetMs?: unknown } | undefined)?.analysisBudgetMs;
    if (typeof budget === 'number' && Number.isFinite(budget) && budget >= 0) session.analysisBudgetMs = budget;
    session.otherDockerfileExtensions = stringList((params.initializationOptions as { otherDockerfileExtensions?: unknown } | undefined)?.otherDockerfileExtensions);
    // Until the settings are read: the default (`auto`).
    session.enabledFeatures = enabledFeatures('auto', session.otherDockerfileExtensions);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...featureSwitch.capabilities(FEATURES, params.capabilities),
    };
    return { capabilities, serverInfo: { name: 'dockerfile-notes' } };
  });

  connection.onInitialized(() => {
    scheduleStartLine(session);
    void featureSwitch.update();
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
    void featureSwitch.update();
    if (session.clientCapabilities.workspace?.inlayHint?.refreshSupport) connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onNotification(OTHER_EXTENSIONS_NOTIFICATION, (params: { ids?: unknown }) => {
    session.otherDockerfileExtensions = stringList(params?.ids);
    void featureSwitch.update();
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

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
