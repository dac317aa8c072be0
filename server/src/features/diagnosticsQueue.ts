// When documents are validated. At most one validation runs per document, always of its newest version:
// every change (and every settings or file-system change) bumps the document's request number, and a
// running validation that sees the number change stops and starts again on the newest version, so a burst
// of queued edits is parsed and analysed once, and the diagnostics of an outdated version are never
// published. A validation gives the event loop a turn after reading the settings (the connection reads one
// message per turn, so the rest of a burst of changes lands first), after parsing, and between slices of
// the analysis (the analysis cache stops after SLICE_MS and the next slice goes on from the stages it
// kept): requests for other documents, cancellations and newer versions are handled while a large
// document is analysed (a request that needs this document's findings finishes them through the same
// analysis cache: session.currentFindings).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../engine/analysis/analyze';
import type { Finding } from '../engine/types';
import type { ServerSession } from '../session';

/** How long one slice of analysis runs before the event loop gets a turn (a stage in progress is finished first). */
export const SLICE_MS = 50;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DiagnosticsQueue {
  /** Per open document: bumped by every request to validate it; deleted when it closes. */
  private readonly requests = new Map<string, number>();
  private readonly running = new Set<string>();

  constructor(
    private readonly session: ServerSession,
    private readonly publish: (document: TextDocument, findings: Finding[]) => Promise<void>,
  ) {}

  request(uri: string): void {
    this.requests.set(uri, (this.requests.get(uri) ?? 0) + 1);
    if (this.running.has(uri)) return; // the running validation sees the new number and starts again
    this.running.add(uri);
    void this.run(uri);
  }

  /** The document closed: a validation in progress stops and publishes nothing. */
  forget(uri: string): void {
    this.requests.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    try {
      for (;;) {
        const request = this.requests.get(uri);
        if (request === undefined) return;
        try {
          await this.validate(uri, () => this.requests.get(uri) !== request);
        } catch (e) {
          this.session.log(`validation failed for ${uri}: ${(e as Error)?.stack ?? e}`);
        }
        if (this.requests.get(uri) === request) return;
      }
    } finally {
      this.running.delete(uri);
    }
  }

  private async validate(uri: string, superseded: () => boolean): Promise<void> {
    const { session } = this;
    const settings = await session.settingsFor(uri);
    await nextTurn();
    const document = session.documents.get(uri);
    if (superseded() || !document) return;
    // The time budget counts this document's own work (parse and analysis slices), not the turns it waits.
    const parseStart = Date.now();
    const parsed = session.cache.get(document);
    let spent = Date.now() - parseStart;
    await nextTurn();
    if (superseded()) return;
    const ctx = session.contextFor(uri, settings);
    const cache = session.cache.analysisCache(uri);
    let findings: Finding[];
    for (;;) {
      const deadline = performance.now() + SLICE_MS;
      const slice = cache?.startSlice(() => performance.now() > deadline);
      const sliceStart = Date.now();
      try {
        findings = analyze(parsed, { ...ctx, deadline: sliceStart + session.analysisBudgetMs - spent }, undefined, cache);
      } finally {
        cache?.endSlice();
        spent += Date.now() - sliceStart;
      }
      if (!slice?.paused) break;
      await nextTurn();
      if (superseded()) return;
    }
    session.findingsByUri.set(uri, { version: document.version, findings });
    await this.publish(document, findings);
  }
}
