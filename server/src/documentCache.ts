// One parse per document version: diagnostics, hovers and code actions all read the same model. A new
// version is parsed incrementally from the previous one (engine/incremental.ts): only the chunks of
// lines the edit touched are parsed again.
import type { ParsedDocument } from './engine/document';
import { parseDocument, reparseDocument } from './engine/document';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentCache {
  private entries = new Map<string, { version: number; parsed: ParsedDocument }>();

  get(doc: VersionedText): ParsedDocument {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const text = doc.getText();
    const parsed = hit ? reparseDocument(hit.parsed, text) : parseDocument(text);
    this.entries.set(doc.uri, { version: doc.version, parsed });
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
