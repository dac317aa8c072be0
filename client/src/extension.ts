// The client: starts the bundled language server over IPC, wires its commands and the build-context status
// bar item (buildContext.ts). Nothing else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONVERT_ALL_COMMAND, SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, State } from 'vscode-languageclient/node';
import { registerBuildContext } from './buildContext';

let client: LanguageClient | undefined;

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
    // A function: read again at every (re)start, so the restart after trust is granted says so.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    // Restart a crashed server a few times, then stop and say so once (the library's default policy).
    connectionOptions: { maxRestartCount: 4 },
  };
  client = new LanguageClient('dockerfileNotes', 'Dockerfile Notes', serverOptions, clientOptions);
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
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) refreshBuildContext();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
