// One parse per document version: diagnostics, hovers and code actions all read the same model. A new
// version is parsed incrementally from the previous one (engine/incremental.ts): only the chunks of
// lines the edit touched are parsed again. Each document also keeps an analysis cache
// (engine/analysisCache.ts): rule results of stages an edit did not change are reused.
// Parses take far more memory than texts (dockerfile-ast objects), so only those of the documents used
// most recently are kept (PARSE_RETENTION); another document is parsed again when it is next needed.
import type { ParsedDocument } from './engine/parse/document';
import { parseDocument, reparseDocument } from './engine/parse/document';
import { AnalysisCache } from './engine/analysis/analysisCache';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/** Parses kept for documents not used recently: at most this many, with at most this much text in all. */
export const PARSE_RETENTION = { documents: 24, characters: 16 * 1024 * 1024 };

interface Entry {
  version: number;
  /** null once dropped to save memory (the document was not used for a while). */
  parsed: ParsedDocument | null;
  analysis: AnalysisCache;
}

export class DocumentCache {
  private entries = new Map<string, Entry>();
  /** The entries that keep their parse, in order of last use (oldest first). */
  private parsedByUse = new Map<string, Entry>();
  private parsedCharacters = 0;

  get(doc: VersionedText): ParsedDocument {
    const hit = this.entries.get(doc.uri);
    if (hit?.parsed && hit.version === doc.version) {
      this.parsedByUse.delete(doc.uri);
      this.parsedByUse.set(doc.uri, hit); // most recently used
      return hit.parsed;
    }
    const text = doc.getText();
    const parsed = hit?.parsed ? reparseDocument(hit.parsed, text) : parseDocument(text);
    if (hit?.parsed) this.forget(doc.uri, hit);
    const entry: Entry = { version: doc.version, parsed, analysis: hit?.analysis ?? new AnalysisCache() };
    this.entries.set(doc.uri, entry);
    this.parsedByUse.set(doc.uri, entry);
    this.parsedCharacters += parsed.text.length;
    this.trim(entry);
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
    const entry = this.entries.get(uri);
    if (entry?.parsed) this.forget(uri, entry);
    this.entries.delete(uri);
  }

  /** How many documents currently keep their parse (for tests). */
  get retained(): number {
    return this.parsedByUse.size;
  }

  private forget(uri: string, entry: Entry): void {
    this.parsedByUse.delete(uri);
    this.parsedCharacters -= entry.parsed!.text.length;
    entry.parsed = null;
    entry.analysis.release();
  }

  /** Drops the parses of the least recently used documents while over the limits (never `keep`'s). */
  private trim(keep: Entry): void {
    for (const [uri, entry] of this.parsedByUse) {
      if (this.parsedByUse.size <= PARSE_RETENTION.documents && this.parsedCharacters <= PARSE_RETENTION.characters) return;
      if (entry !== keep) this.forget(uri, entry);
    }
  }
}
