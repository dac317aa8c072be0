// The client: starts the bundled language server over IPC, wires the commands, and tells the server which
// other Dockerfile extensions are active (`dockerfileNotes.features: auto` defers to them). Nothing else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONVERT_ALL_COMMAND, OTHER_DOCKERFILE_EXTENSIONS, OTHER_EXTENSIONS_NOTIFICATION, SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, State } from 'vscode-languageclient/node';

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
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, otherDockerfileExtensions: otherDockerfileExtensions() },
    // Restart a crashed server a few times, then stop and say so once (the library's default policy).
    connectionOptions: { maxRestartCount: 4 },
  };
  client = new LanguageClient('dockerfileNotes', 'Dockerfile Notes', serverOptions, clientOptions);

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
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
    vscode.extensions.onDidChange(() => {
      if (client?.state === State.Running) void client.sendNotification(OTHER_EXTENSIONS_NOTIFICATION, { ids: otherDockerfileExtensions() });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
