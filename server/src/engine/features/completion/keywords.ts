// Instruction keywords at the start of a line (with snippet bodies) and parser directives at the top.
import type { ParsedDocument } from '../../parse/document';
import type { Range } from '../../types';
import type { Cursor } from '../cursor';
import { INSTRUCTIONS, triggerKeywords } from '../syntax';
import { argumentsRange } from '../../parse/instructionCache';
import { BUILDKIT_CHECKS } from '../../catalog/buildkitChecks';
import { RULES } from '../../catalog';
import type { CompletionEntry, CompletionOptions } from './types';

export function keywordItems(doc: ParsedDocument, cursor: Extract<Cursor, { kind: 'keyword' }>, options: CompletionOptions): CompletionEntry[] {
  const line = cursor.range.start.line;
  // Before the first FROM only ARG may stand (and FROM itself); an ONBUILD trigger cannot be ONBUILD, FROM or MAINTAINER.
  const beforeFirstFrom = !cursor.trigger && (doc.stages.length === 0 || line <= doc.stages[0].startLine);
  const specs = cursor.trigger ? triggerKeywords() : beforeFirstFrom ? INSTRUCTIONS.filter((i) => i.keyword === 'FROM' || i.keyword === 'ARG') : INSTRUCTIONS;
  // Keep the arguments already written: replacing the keyword of an existing instruction inserts the keyword only.
  const hasArguments = !cursor.trigger && !!cursor.instruction && !!argumentsRange(cursor.instruction);
  return specs.map((spec) => {
    const keyword = spec.keyword;
    const entry: CompletionEntry = {
      label: keyword,
      kind: 'keyword',
      range: cursor.range,
      note: { kind: 'instructions', name: keyword.toLowerCase() },
    };
    if (hasArguments) entry.insertText = keyword;
    else if (options.snippets) {
      entry.insertText = `${keyword} ${spec.snippet}`;
      entry.snippet = true;
    } else {
      entry.insertText = `${keyword} `;
      entry.retrigger = true;
    }
    if (spec.deprecated) entry.deprecated = true;
    if (spec.keyword === 'FROM' && beforeFirstFrom) entry.sortText = '0';
    return entry;
  });
}

const DIRECTIVES: Array<{ name: string; values: string[] }> = [
  { name: 'syntax', values: ['docker/dockerfile:1', 'docker/dockerfile:1-labs'] },
  { name: 'escape', values: ['`', '\\'] },
  { name: 'check', values: ['skip=', 'error=true', 'skip=all'] },
];

export function directiveItems(doc: ParsedDocument, cursor: Extract<Cursor, { kind: 'directive' }>): CompletionEntry[] {
  const { line, text, column } = cursor;
  const before = text.slice(0, column);
  const m = /^(\s*#\s*)([A-Za-z][\w-]*)?(\s*=\s*)?(.*)$/.exec(before);
  if (!m) return [];
  const [, lead, name = '', equals, value] = m;
  if (!equals) {
    const present = new Set<string>();
    for (let l = 0; l < line; l++) {
      const d = /^\s*#\s*([A-Za-z][\w-]*)\s*=/.exec(doc.lineText(l));
      if (d) present.add(d[1].toLowerCase());
    }
    const range: Range = { start: { line, character: lead.length }, end: { line, character: column } };
    return DIRECTIVES.filter((d) => !present.has(d.name)).map((d) => ({
      label: `${d.name}=`,
      kind: 'directive',
      range,
      insertText: `${d.name}=`,
      retrigger: true,
      note: { kind: 'directives', name: d.name },
    }));
  }
  const directive = DIRECTIVES.find((d) => d.name === name.toLowerCase());
  if (!directive) return [];
  if (directive.name === 'check') {
    const skip = /(^|;)\s*skip\s*=\s*([^;]*)$/.exec(value);
    if (skip) {
      const typed = skip[2].split(',').pop() ?? '';
      const range: Range = { start: { line, character: column - typed.length }, end: { line, character: column } };
      const names = [...BUILDKIT_CHECKS, ...RULES.map((r) => r.code)];
      return [...new Set(names)].map((n) => ({ label: n, kind: 'enum', range }));
    }
  }
  const valueStart = before.length - value.length;
  const range: Range = { start: { line, character: valueStart }, end: { line, character: column } };
  return directive.values.map((v) => ({ label: v, kind: 'value', range, retrigger: v.endsWith('=') }));
}
