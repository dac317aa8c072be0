// The client: starts the bundled language server over IPC, opens the bundled pages the server links to,
// wires the palette commands and the build-context status bar item (buildContext.ts), and tells the server
// which other Dockerfile extensions are active (`dockerfileNotes.features: auto` defers to them). Nothing else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CONVERT_ALL_COMMAND,
  OPEN_PAGE_COMMAND,
  OTHER_DOCKERFILE_EXTENSIONS,
  OTHER_EXTENSIONS_NOTIFICATION,
  pageFile,
  SERVER_EXEC_ARGV,
} from '../../server/src/protocol';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, State } from 'vscode-languageclient/node';
import { registerBuildContext } from './buildContext';

/**
 * Two log lines of vscode-languageclient 9 corrected: a server that ends normally (code 0, as on every
 * restart or stop) is not an error, and the "will restart" line passes its notification flag where the
 * data goes, which printed a lone `true` after it.
 */
class Client extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (/^Server process exited with code 0\.$/.test(message)) return super.info('Server process ended normally.', undefined, false);
    // A message written just as the server process died fails with EPIPE. The library's close handler
    // reports that end itself (a restart, or the one notification after the last), so only the log says it.
    if (/connection to server is erroring\..*\bEPIPE\b/.test(message)) return super.error(message, data, false);
    super.error(message, data, showNotification);
  }

  override info(message: string, data?: unknown, showNotification?: boolean): void {
    if (typeof data === 'boolean') return super.info(message, undefined, data);
    super.info(message, data, showNotification);
  }
}

let client: LanguageClient | undefined;

const otherDockerfileExtensions = () => OTHER_DOCKERFILE_EXTENSIONS.filter((id) => vscode.extensions.getExtension(id) !== undefined);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dockerfile Notes', { log: true });
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    synchronize: { configurationSection: 'dockerfileNotes' },
    outputChannel: output,
    // A function: read again at every (re)start, so the restart after trust is granted says so. The server
    // links hovers and rule codes to the bundled pages through openPageCommand, the only command a hover may run.
    initializationOptions: () => ({
      workspaceTrusted: vscode.workspace.isTrusted,
      openPageCommand: OPEN_PAGE_COMMAND,
      otherDockerfileExtensions: otherDockerfileExtensions(),
    }),
    markdown: { isTrusted: { enabledCommands: [OPEN_PAGE_COMMAND] } },
    // Restart a crashed server a few times, then stop and say so once (the library's default policy).
    connectionOptions: { maxRestartCount: 4 },
  };
  client = new Client('dockerfileNotes', 'Dockerfile Notes', serverOptions, clientOptions);
  const refreshBuildContext = registerBuildContext(context, () => client);

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('dockerfileNotes.restartServer', async () => {
      if (!client) return;
      output.info('Restarting the language server on request.');
      if (client.state === State.Running) await client.restart();
      else await client.start();
    }),
    vscode.commands.registerCommand('dockerfileNotes.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('dockerfileNotes.convertAllToExecForm', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.languageId !== 'dockerfile') return;
      const result = await vscode.commands.executeCommand<{ count: number } | null>(CONVERT_ALL_COMMAND, document.uri.toString());
      if (!result?.count) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to convert: every command is already in exec form.'));
    }),
    vscode.commands.registerCommand(OPEN_PAGE_COMMAND, (id: unknown) => openPage(context, id)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) refreshBuildContext();
    }),
    vscode.extensions.onDidChange(() => {
      if (client?.state === State.Running) void client.sendNotification(OTHER_EXTENSIONS_NOTIFICATION, { ids: otherDockerfileExtensions() });
    }),
  );
  await client.start();
}

/** Opens a bundled note or rule page (a page id, never a path) in a Markdown preview beside the editor. */
async function openPage(context: vscode.ExtensionContext, id: unknown): Promise<void> {
  const file = typeof id === 'string' ? pageFile(id) : null;
  if (!file) return;
  const uri = vscode.Uri.joinPath(context.extensionUri, ...file.split('/'));
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
