// Runs inside VS Code: the manifest, activation, and our providers through the public `vscode` API.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dockerfile-notes.dockerfile-notes';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export function extensionSuite(): void {
  suite('Dockerfile Notes in VS Code', () => {
    const folder = process.env.DOCKERFILE_NOTES_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const dockerfile = vscode.Uri.file(path.join(folder, 'Dockerfile'));

    test('a Dockerfile gets the dockerfile language and activates the extension', async () => {
      const doc = await vscode.workspace.openTextDocument(dockerfile);
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'dockerfile');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, 'extension is installed');
      await waitFor('activation', () => (ext.isActive ? true : undefined));
    });

    test('diagnostics carry our codes and source', async () => {
      const diags = await waitFor('diagnostics', () => {
        const d = vscode.languages.getDiagnostics(dockerfile).filter((x) => x.source === 'dockerfile-notes');
        return d.length ? d : undefined;
      });
      const codes = diags.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      assert.ok(codes.includes('exec-form-invalid-json'), `codes: ${codes.join(', ')}`);
    });

    test('hover on COPY shows the COPY note', async () => {
      const doc = await vscode.workspace.openTextDocument(dockerfile);
      const line = doc.getText().split('\n').findIndex((l) => l.startsWith('COPY'));
      const text = await waitFor('hover', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', dockerfile, new vscode.Position(line, 1));
        const t = hoverText(hovers ?? []);
        return /COPY/.test(t) ? t : undefined;
      });
      assert.match(text, /COPY/);
    });

    test('the invalid JSON form has a quick fix', async () => {
      const diag = vscode.languages.getDiagnostics(dockerfile).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'exec-form-invalid-json');
      assert.ok(diag);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', dockerfile, diag.range);
      assert.ok(actions?.some((a) => a.kind?.value === 'quickfix'), JSON.stringify(actions?.map((a) => a.title)));
    });
  });
}
