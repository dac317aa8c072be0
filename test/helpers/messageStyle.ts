// The style of Problems-panel messages (see test/unit/message-style.test.ts for the rules): what is wrong
// with one template or one finished message.
export const MAX_MESSAGE = { en: 200, 'zh-cn': 110 } as const;

export type Kind = 'message' | 'fix' | 'fragment';

function kindOf(key: string, template: string): Kind {
  if (/^fix/i.test(key)) return 'fix';
  return /[.。]$/.test(template.trim()) ? 'message' : 'fragment';
}

/** What is wrong with one template, or an empty list. */
export function styleProblems(lang: 'en' | 'zh-cn', key: string, template: string): string[] {
  const problems: string[] = [];
  const kind = kindOf(key, template);
  if (template.includes('`')) problems.push('backticks show raw in the Problems panel');
  if (/\*\*|\]\(/.test(template)) problems.push('markdown shows raw in the Problems panel');
  if (/\n/.test(template)) problems.push('line break');
  if (kind !== 'message') {
    if (/[.。]$/.test(template.trim())) problems.push(`a ${kind} ends without a period`);
    return problems;
  }
  if (lang === 'en') {
    const body = template.replace(/\b(e\.g|i\.e|etc|vs)\./g, '$1');
    const stops = body.match(/[.!?](?=\s+[A-Z"(]|$)/g) ?? [];
    if (stops.length > 1) problems.push(`${stops.length} sentences`);
    if (/[\u3400-\u9fff]/.test(template)) problems.push('Chinese text in an English message');
  } else {
    if (!template.trim().endsWith('。')) problems.push('a Chinese message ends in 。');
    const stops = template.match(/[。！？]/g) ?? [];
    if (stops.length > 1) problems.push(`${stops.length} sentences`);
    const half = /[\u3400-\u9fff][,;:?!()]|[,;:?!(][\u3400-\u9fff]|\)[\u3400-\u9fff]/.exec(template);
    if (half) problems.push(`half-width punctuation "${half[0]}"`);
    if (/"[^"]*[\u3400-\u9fff][^"]*"/.test(template)) problems.push('ASCII quotes around Chinese text (use “…”)');
  }
  const length = template.replace(/\{\w+\}/g, '').length;
  if (length > MAX_MESSAGE[lang]) problems.push(`${length} characters (at most ${MAX_MESSAGE[lang]} besides the placeholders)`);
  return problems;
}
