// VS Code reads `$(name)` in status bar and quick pick labels as an icon. Folder names come from the user's
// disk, so `$(` in them is escaped (a backslash before it shows the text as written; microsoft/vscode#124703).
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
