import { URI } from 'vscode-uri';

/** The file-system path of a `file:` URI, or null for `untitled:` and other schemes. */
export function uriToPath(uri: string): string | null {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : null;
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return URI.file(p).toString();
}
