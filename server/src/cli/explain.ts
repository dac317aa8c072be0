// `dockerfile-notes explain X`: the note for an instruction, flag, directive or topic, or a rule's page.
import * as fs from 'node:fs';
import { RULES, findRule } from '../engine/catalog';
import { builtinNote } from '../engine/notes/builtin';
import { pagePath, rulePageId } from '../engine/notes/pages';
import type { Lang } from '../engine/types';

export function explain(subject: string, lang: Lang): string | null {
  const s = subject.trim();
  if (s === '--rules') {
    return RULES.map((r) => `${r.code.padEnd(34)} ${r.severity.padEnd(8)} ${r.title[lang]}${r.aliases.length ? `  [${r.aliases.join(', ')}]` : ''}`).join('\n') + '\n';
  }
  const rule = findRule(s);
  if (rule) {
    const page = rulePage(rule.code);
    const head = `${rule.code} (${rule.severity}${rule.aliases.length ? `; also ${rule.aliases.join(', ')}` : ''})\n${rule.title[lang]}\n`;
    return page ? `${head}\n${page}` : head;
  }
  const key = s.toLowerCase();
  if (key.startsWith('--')) return builtinNote('flags', key.slice(2), lang)?.markdown ?? null;
  const asTopic = key.replace(/\s+/g, '-');
  return (
    builtinNote('instructions', key, lang)?.markdown ??
    builtinNote('directives', key, lang)?.markdown ??
    builtinNote('topics', asTopic, lang)?.markdown ??
    builtinNote('flags', key, lang)?.markdown ??
    null
  );
}

/**
 * A rule page in one language: the English part is everything before `## 中文`, the Chinese part is
 * the title line plus that section (falling back to English when a page has none).
 */
export function rulePageSection(code: string, lang: Lang): string | null {
  const page = rulePage(code);
  if (!page) return null;
  const at = page.search(/^## 中文\s*$/m);
  if (at < 0) return page.trim();
  if (lang === 'en') return page.slice(0, at).trim();
  const title = page.split('\n', 1)[0];
  return `${title}\n\n${page.slice(at).replace(/^## 中文\s*\n/, '').trim()}`;
}

function rulePage(code: string): string | null {
  const file = pagePath(rulePageId(code));
  if (!file) return null;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
