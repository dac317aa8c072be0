// The build context of the active Dockerfile in the status bar, and "Set Build Context…": pick a folder,
// write `dockerfileNotes.buildContexts` in the workspace folder's settings. The server computes both what to
// show and the settings entry (server/src/features/buildContext.ts); this file only asks and writes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BUILD_CONTEXT_REQUEST, BUILD_CONTEXT_SETTING_REQUEST, SET_BUILD_CONTEXT_COMMAND } from '../../server/src/protocol';
import type { BuildContextInfo, BuildContextSetting } from '../../server/src/protocol';
import { escapeIcons } from './labelText';

export function registerBuildContext(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): () => void {
  const item = vscode.window.createStatusBarItem('dockerfileNotes.buildContext', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Dockerfile Build Context');
  item.command = SET_BUILD_CONTEXT_COMMAND;
  let asked = 0;
  const refresh = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    const client = getClient();
    const mine = ++asked;
    if (document?.languageId !== 'dockerfile' || document.uri.scheme !== 'file' || !client?.isRunning()) {
      item.hide();
      return;
    }
    const info = await ask(client, document.uri.toString());
    if (mine !== asked) return; // a newer refresh is on its way
    if (!info) {
      item.hide();
      return;
    }
    const label = info.sealed ? vscode.l10n.t('outside the workspace folder') : escapeIcons(info.label);
    item.text = `$(folder) ${
      info.origin === 'inferred'
        ? vscode.l10n.t('Build context: {0} (inferred)', label)
        : info.origin === 'default'
          ? vscode.l10n.t('Build context: {0} (assumed)', label)
          : vscode.l10n.t('Build context: {0}', label)
    }`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(info.description);
    for (const other of info.contexts.slice(1)) tooltip.appendText(`\n\n${other.label}: ${other.description}`);
    tooltip.appendText(`\n\n${vscode.l10n.t('Click to set the build context of this Dockerfile.')}`);
    item.tooltip = tooltip;
    item.show();
  };
  const isActive = (uri: vscode.Uri) => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // Diagnostics follow every change that can move the context (settings, declaration files, the text).
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some(isActive)) void refresh();
    }),
    vscode.commands.registerCommand(SET_BUILD_CONTEXT_COMMAND, (uri?: string, folder?: string) => setBuildContext(getClient(), uri, folder)),
  );
  return () => void refresh();
}

async function ask(client: LanguageClient, uri: string): Promise<BuildContextInfo | null> {
  try {
    return await client.sendRequest<BuildContextInfo | null>(BUILD_CONTEXT_REQUEST, { uri });
  } catch {
    return null;
  }
}

async function setBuildContext(client: LanguageClient | undefined, uriArg?: string, folder?: string): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const uri = typeof uriArg === 'string' ? uriArg : active?.languageId === 'dockerfile' ? active.uri.toString() : undefined;
  if (!uri || !client?.isRunning()) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Build context settings are ignored in Restricted Mode. Trust this workspace to set one.'));
    return;
  }
  let target = folder;
  if (!target) {
    const info = await ask(client, uri);
    if (!info) return;
    type Item = vscode.QuickPickItem & { root: string };
    const items: Item[] = info.candidates.map((c) => ({
      label: escapeIcons(c.label),
      description: [vscode.l10n.t('{0} of {1} local sources exist there', c.found, info.sources), c.root === info.root ? vscode.l10n.t('current') : '']
        .filter(Boolean)
        .join(' · '),
      root: c.root,
    }));
    items.push({ label: `$(folder-opened) ${vscode.l10n.t('Choose another folder…')}`, root: '' });
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Build context of {0}', path.basename(vscode.Uri.parse(uri).fsPath)),
      placeHolder: vscode.l10n.t('The folder the build runs with: docker build -f <Dockerfile> <folder>'),
    });
    if (!pick) return;
    if (pick.root) target = pick.root;
    else {
      const chosen = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        defaultUri: info.workspaceFolder ? vscode.Uri.file(info.workspaceFolder) : undefined,
        openLabel: vscode.l10n.t('Use as Build Context'),
      });
      if (!chosen?.[0]) return;
      target = chosen[0].fsPath;
    }
  }
  const entry = await client.sendRequest<BuildContextSetting | null>(BUILD_CONTEXT_SETTING_REQUEST, { uri, folder: target });
  if (!entry) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This Dockerfile is not in a workspace folder, so there is no workspace setting to save its build context in.'));
    return;
  }
  const config = vscode.workspace.getConfiguration('dockerfileNotes', vscode.Uri.parse(entry.scopeUri));
  const inspected = config.inspect<Record<string, string>>('buildContexts');
  const current = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? {};
  await config.update('buildContexts', { ...current, [entry.key]: entry.value }, vscode.ConfigurationTarget.WorkspaceFolder);
}
