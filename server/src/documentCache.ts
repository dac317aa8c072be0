// One parse per document version: diagnostics, hovers and code actions all read the same model. A new
// version is parsed incrementally from the previous one (engine/incremental.ts): only the chunks of
// lines the edit touched are parsed again. Each document also keeps an analysis cache
// (engine/analysisCache.ts): rule results of stages an edit did not change are reused.
import type { ParsedDocument } from './engine/document';
import { parseDocument, reparseDocument } from './engine/document';
import { AnalysisCache } from './engine/analysisCache';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentCache {
  private entries = new Map<string, { version: number; parsed: ParsedDocument; analysis: AnalysisCache }>();

  get(doc: VersionedText): ParsedDocument {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.parsed;
    const text = doc.getText();
    const parsed = hit ? reparseDocument(hit.parsed, text) : parseDocument(text);
    this.entries.set(doc.uri, { version: doc.version, parsed, analysis: hit?.analysis ?? new AnalysisCache() });
    return parsed;
  }

  /** The analysis cache of a document (after `get`), or undefined when it is not cached. */
  analysisCache(uri: string): AnalysisCache | undefined {
    return this.entries.get(uri)?.analysis;
  }

  /** Drops every document's rule results (watched files or settings changed); parses are kept. */
  clearAnalyses(): void {
    for (const entry of this.entries.values()) entry.analysis.clear();
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
