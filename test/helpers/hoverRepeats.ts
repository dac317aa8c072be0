// Whether a hover says again what a diagnostic at the same position says (issue 17: VS Code shows the
// diagnostic right above the hover). Independent of the product's own check (features/hover/repeats.ts):
// a stricter reading by sentences and shared words or Chinese character pairs.

/** Sentences of plain text or markdown, without markup, lower case, single spaces. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .split(/(?<=[。！？])|(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[-\s]+/, '').replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((s) => s.length >= 12);
}

/** Words (English) or character pairs (Chinese) of a sentence. */
function tokens(sentence: string): Set<string> {
  const out = new Set<string>();
  for (const w of sentence.match(/[a-z0-9][a-z0-9.-]{2,}/g) ?? []) out.add(w);
  for (const run of sentence.match(/[\u3400-\u9fff]+/g) ?? []) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

/** The hover sentence repeats the diagnostic sentence: the same text, or 70 % of its words or pairs. */
export function repeats(hoverSentence: string, diagnosticSentence: string): boolean {
  if (hoverSentence === diagnosticSentence) return true;
  const a = tokens(hoverSentence);
  const b = tokens(diagnosticSentence);
  const small = Math.min(a.size, b.size);
  if (small < 6) return false;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / small >= 0.7;
}
