// VS Code shows the diagnostics of the hovered range right above the hover, so the hover leaves out what
// they already say: the remarks a rule's message covers (by the key of the hover sentence), and any
// sentence that says nearly the same as a sentence of such a message (by shared words).
import type { Finding, Lang, Position } from '../../types';
import { rangeContains } from '../../types';
import { templatePattern, type StringKey } from './strings';

/** Hover sentences (by their key in strings.ts) that the diagnostic of each rule already gives. */
const COVERED: Readonly<Record<string, readonly StringKey[]>> = {
  'cmd-multiple': ['overridden'],
  'entrypoint-multiple': ['overridden'],
  // Every variant of the shell-form messages says how the shell runs the text for this image.
  'cmd-shell-form': ['shellWrapped', 'shellWrappedArgs', 'shellWrappedExecs', 'shellWrappedNone', 'heredocNotRead'],
  'entrypoint-shell-form': ['shellWrapped', 'shellWrappedExecs', 'shellWrappedNone', 'heredocNotRead', 'cmdIgnored', 'cmdIgnoredBase'],
  'cmd-ignored-by-shell-entrypoint': ['cmdIgnored', 'cmdIgnoredBase'],
  'exec-form-invalid-json': ['invalidJson'],
  // The message says what BuildKit reads instead; the hover keeps how to bring the file into the context.
  'copy-multi-source-dest': ['destMustBeDir'],
  'add-remote-url': ['sourceUrl'],
  'copy-source-missing': ['sourceMissing', 'sourceMissingPattern', 'sourceGlobalArg'],
  'copy-source-ignored': ['sourceExcluded'],
  'copy-absolute-source': ['sourceAbsolute', 'sourceGlobalArg'],
};

/** The findings VS Code shows together with a hover at `pos`. */
export function findingsAt(findings: readonly Finding[] | undefined, pos: Position): Finding[] {
  return (findings ?? []).filter((f) => rangeContains(f.range, pos));
}

/**
 * The markdown without the lines and sentences the findings already say (and the lines made from the
 * `omit` templates). Code blocks are kept; a list
 * item or paragraph line that loses all its sentences is dropped.
 */
export function dropRepeats(markdown: string, findings: readonly Finding[], lang: Lang, omit: readonly StringKey[] = []): string {
  if (findings.length === 0 && omit.length === 0) return markdown;
  const keys = [...omit, ...findings.flatMap((f) => COVERED[f.code] ?? [])];
  const patterns = keys.map((key) => templatePattern(lang, key));
  const said = findings.flatMap((f) => sentences(f.message));
  let fenced = false;
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || /^ {0,3}(```|~~~)/.test(line) || line.trim() === '' || /^\s*(#|---)/.test(line)) {
      out.push(line);
      continue;
    }
    const bullet = /^(\s*(?:[-*]|\d+\.)\s+)/.exec(line)?.[1] ?? '';
    const body = line.slice(bullet.length);
    if (patterns.some((p) => p.test(body.trim()))) continue;
    const kept = sentences(body).filter((s) => !said.some((d) => saysTheSame(s, d)));
    if (kept.length === 0) continue;
    out.push(bullet + kept.join(lang === 'zh-cn' ? '' : ' '));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Splits text into sentences: after `.`, `!` or `?` followed by a space, and after `。！？`. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？])|(?<=[.!?])\s+(?=[A-Z`*("'[])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const STOP = new Set(
  'the and for with this that not are its from into you your was has have will can only but any all then when than which what does there here they their these those been also more'.split(' '),
);

/** Content words (English) and character pairs (Chinese) of a sentence, without markup. */
export function contentTokens(text: string): Set<string> {
  const plain = text.replace(/[`*_]/g, '').toLowerCase();
  const tokens = new Set<string>();
  for (const w of plain.match(/[a-z0-9][a-z0-9.-]*[a-z0-9]|[a-z0-9]/g) ?? []) if (w.length >= 3 && !STOP.has(w)) tokens.add(w);
  for (const run of plain.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2));
  }
  return tokens;
}

/** True when most content of the shorter sentence is also in the other one. */
export function saysTheSame(a: string, b: string): boolean {
  const ta = contentTokens(a);
  const tb = contentTokens(b);
  const small = Math.min(ta.size, tb.size);
  // Chinese is compared by character pairs, which are more numerous than words: a short phrase such as
  // 构建上下文 alone must not count as a sentence said before.
  const cjk = [...(ta.size <= tb.size ? ta : tb)].filter((t) => /[\u3400-\u9fff]/.test(t)).length;
  if (small < 3 || (cjk * 2 > small && small < 6)) return false;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / small >= 0.6;
}
