// Flags of the instruction being written, and the values some of them take: stages after `--from=`,
// `--mount=` keys per mount type, platforms, network and security modes, durations.
import type { ParsedDocument, Stage } from '../../parse/document';
import type { Range } from '../../types';
import type { Word } from '../cursor';
import type { InstructionSpec } from '../syntax';
import { DURATIONS, MOUNT_KEYS, MOUNT_SHARING, MOUNT_TYPES, NETWORK_MODES, PLATFORMS, SECURITY_MODES } from '../syntax';
import { editorSayMarkdown } from '../editorStrings';
import type { Lang } from '../../types';
import type { CompletionEntry } from './types';

/** Flags that may be given more than once. */
const REPEATABLE = new Set(['mount', 'exclude']);

export function flagNameItems(spec: InstructionSpec, before: Word[], range: Range): CompletionEntry[] {
  const used = new Set(before.filter((w) => w.text.startsWith('--')).map((w) => w.text.slice(2).split('=')[0].toLowerCase()));
  return spec.flags
    .filter((f) => REPEATABLE.has(f.name) || !used.has(f.name))
    .map((f) => ({
      label: `--${f.name}`,
      kind: 'flag' as const,
      detail: f.value ? `--${f.name}=${f.value}` : undefined,
      insertText: f.value ? `--${f.name}=` : `--${f.name}`,
      retrigger: !!f.value,
      range,
      note: { kind: 'flags' as const, name: f.note },
    }));
}

export interface FlagValueContext {
  doc: ParsedDocument;
  lang: Lang;
  stage: Stage | null;
  keyword: string;
  /** Flag name (lower case, no dashes). */
  flag: string;
  /** The value typed so far, and where it starts. */
  value: string;
  valueRange: Range;
}

export function flagValueItems(c: FlagValueContext): CompletionEntry[] {
  const { keyword, flag, valueRange } = c;
  const values = (list: readonly string[], kind: CompletionEntry['kind'] = 'enum') => list.map((v) => ({ label: v, kind, range: valueRange }));
  if (keyword === 'COPY' && flag === 'from') return stageItems(c.doc, c.stage, c.lang, valueRange, true);
  if (keyword === 'FROM' && flag === 'platform') {
    return [
      ...['$BUILDPLATFORM', '$TARGETPLATFORM'].map((v, i) => ({ label: v, kind: 'variable' as const, range: valueRange, sortText: `0${i}` })),
      ...values(PLATFORMS),
    ];
  }
  if (keyword === 'RUN' && flag === 'network') return values(NETWORK_MODES);
  if (keyword === 'RUN' && flag === 'security') return values(SECURITY_MODES);
  if (keyword === 'RUN' && flag === 'mount') return mountItems(c);
  if (keyword === 'ADD' && (flag === 'keep-git-dir' || flag === 'unpack')) return values(['true', 'false']);
  if (keyword === 'ADD' && flag === 'checksum') return values(['sha256:']).map((v) => ({ ...v, retrigger: false }));
  if (keyword === 'HEALTHCHECK' && flag !== 'retries') return values(DURATIONS, 'value');
  if (keyword === 'HEALTHCHECK' && flag === 'retries') return values(['3', '5'], 'value');
  return [];
}

/** Stages before the current one, by name and by index (`--from` cannot name a later stage). */
export function stageItems(doc: ParsedDocument, current: Stage | null, lang: Lang, range: Range, withIndexes: boolean): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const limit = current ? current.index : doc.stages.length;
  for (const s of doc.stages.slice(0, limit)) {
    const detail = `FROM ${s.base ?? ''}`;
    if (s.name) {
      out.push({ label: s.name, kind: 'stage', detail, documentation: editorSayMarkdown(lang, 'completionStage', { index: s.index, line: s.startLine + 1 }), range, sortText: `0${String(s.index).padStart(4, '0')}` });
    }
    if (withIndexes) {
      out.push({
        label: String(s.index),
        kind: 'stage',
        detail,
        documentation: editorSayMarkdown(lang, 'completionStageIndex', { name: s.name ?? String(s.index), line: s.startLine + 1 }),
        range,
        sortText: `1${String(s.index).padStart(4, '0')}`,
      });
    }
  }
  return out;
}

function mountItems(c: FlagValueContext): CompletionEntry[] {
  const segments = c.value.split(',');
  const current = segments.pop() ?? '';
  const start = { line: c.valueRange.end.line, character: c.valueRange.end.character - current.length };
  const segmentRange: Range = { start, end: c.valueRange.end };
  const pairs = segments.map((s) => s.split('='));
  const type = (pairs.find(([k]) => k.trim().toLowerCase() === 'type')?.[1] ?? 'bind').toLowerCase() as (typeof MOUNT_TYPES)[number];
  const eq = current.indexOf('=');
  if (eq < 0) {
    const used = new Set(pairs.map(([k]) => k.trim().toLowerCase()));
    const keys = ['type', ...(MOUNT_KEYS[type] ?? MOUNT_KEYS.bind)].filter((k) => !used.has(k));
    return keys.map((k) => ({ label: `${k}=`, kind: 'property' as const, range: segmentRange, retrigger: true, sortText: k === 'type' ? '0' : `1${k}` }));
  }
  const key = current.slice(0, eq).toLowerCase();
  const valueRange: Range = { start: { line: start.line, character: start.character + eq + 1 }, end: c.valueRange.end };
  const values = (list: readonly string[]) => list.map((v) => ({ label: v, kind: 'enum' as const, range: valueRange }));
  if (key === 'type') return values(MOUNT_TYPES);
  if (key === 'sharing') return values(MOUNT_SHARING);
  if (key === 'from') return stageItems(c.doc, c.stage, c.lang, valueRange, false);
  if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw' || key === 'required') return values(['true', 'false']);
  return [];
}
