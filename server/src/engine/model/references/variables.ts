// Where ARG and ENV variables are declared and used, each use resolved to the declaration it reads with
// the scoping of variables.ts (BuildKit's): a stage sees a global ARG only through its own `ARG NAME`,
// a stage built FROM another inherits its variables, ENV wins over ARG.
// What counts as a use depends on who expands it:
// - BuildKit, at build time: FROM (global scope), ARG, ENV, LABEL, COPY/ADD (and unquoted heredocs),
//   WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, flags;
// - the shell of a RUN, at build time: ARG and ENV are both in its environment;
// - the shell of CMD, ENTRYPOINT and HEALTHCHECK, when the container runs: only ENV is there, so a `$X`
//   naming an ARG reads nothing and is not a use of it.
// Text in single quotes, escaped `$`, and comment lines inside an instruction are not uses. ONBUILD
// triggers and SHELL are skipped (expanded in a child build, or never).
import type { Instruction, Property } from 'dockerfile-ast';
import type { ParsedDocument } from '../../parse/document';
import type { Range } from '../../types';
import { argumentsRange, keywordOf } from '../../parse/instructionCache';
import type { BindingKind, VariableBinding } from '../variables';
import { bindingAfter, lookupVariable, PLATFORM_ARGS, PROXY_ARGS } from '../variables';
import { safe } from '../../parse/safe';

export interface VariableOccurrence {
  name: string;
  role: 'declaration' | 'use';
  /** The name only (without `$`, braces or a default). */
  range: Range;
  /** Start line of the instruction. */
  line: number;
  /** The binding it reads or creates, as `name@line` (`name@-1` for predefined ones); null when undeclared. */
  key: string | null;
  /** The kind of that binding. */
  kind: BindingKind | null;
  /** For a stage's `ARG NAME` that takes the default of a global ARG: that global's key. */
  globalKey?: string;
}

const RUNTIME = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
const SKIPPED = new Set(['ONBUILD', 'SHELL', 'MAINTAINER']);

export function bindingKey(b: Pick<VariableBinding, 'name' | 'line'>): string {
  return `${b.name}@${b.line}`;
}

export function variableOccurrences(doc: ParsedDocument): VariableOccurrence[] {
  const out: VariableOccurrence[] = [];
  for (const instruction of doc.instructions) {
    const keyword = keywordOf(instruction);
    if (SKIPPED.has(keyword)) continue;
    const line = instruction.getRange().start.line;
    if (keyword === 'ARG' || keyword === 'ENV') {
      for (const p of propertiesOf(instruction)) {
        const name = p.getName();
        const range = safe(() => p.getNameRange(), null);
        if (!name || !range) continue;
        const b = bindingAfter(doc, name, line);
        const occurrence: VariableOccurrence = { name, role: 'declaration', range, line, key: b ? bindingKey(b) : null, kind: b?.kind ?? null };
        if (b?.fromGlobal) occurrence.globalKey = bindingKey(b.fromGlobal);
        out.push(occurrence);
      }
    }
    const runtime = RUNTIME.has(keyword);
    for (const use of scanUses(doc, instruction, keyword)) {
      const b = lookupVariable(doc, use.name, line);
      if (runtime && b?.kind !== 'env') continue;
      out.push({ name: use.name, role: 'use', range: use.range, line, key: b ? bindingKey(b) : null, kind: b?.kind ?? null });
    }
  }
  return out;
}

/** Whether a name is set by BuildKit or the build environment, so renaming it would cut the link. */
export function isPredefinedName(name: string): boolean {
  return PLATFORM_ARGS.has(name) || PROXY_ARGS.has(name);
}

interface Use {
  name: string;
  range: Range;
}

/** `$NAME` and `${NAME…}` (nested defaults included) in an instruction's arguments and heredoc bodies. */
export function scanUses(doc: ParsedDocument, instruction: Instruction, keyword = keywordOf(instruction)): Use[] {
  const args = argumentsRange(instruction);
  if (!args) return [];
  const end = instruction.getRange().end;
  const startOffset = doc.offsetAt(args.start);
  const text = doc.text.slice(startOffset, doc.offsetAt(end));
  if (!text.includes('$')) return [];
  const skipped = skippedLines(doc, instruction, keyword);
  const escape = doc.escapeChar;
  const out: Use[] = [];
  let inSingle = false;
  let line = args.start.line;
  let lineStart = true;
  let skipLine = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      lineStart = false;
      const rest = text.slice(i, text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
      skipLine = skipped.has(line) || (line > args.start.line && rest.trimStart().startsWith('#'));
      if (skipped.has(line) || heredocLines(instruction).has(line)) inSingle = false;
    }
    if (c === '\n') {
      line++;
      lineStart = true;
      continue;
    }
    if (skipLine) continue;
    if (inSingle) {
      if (c === "'") inSingle = false;
      continue;
    }
    if (c === "'") {
      inSingle = true;
      continue;
    }
    if (c === escape) {
      i++;
      if (text[i] === '\n') {
        line++;
        lineStart = true;
      }
      continue;
    }
    if (c !== '$') continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i, i + 260));
    if (!m) continue;
    const name = m[1] ?? m[2];
    const nameStart = startOffset + i + (m[1] ? 2 : 1);
    out.push({ name, range: { start: doc.positionAt(nameStart), end: doc.positionAt(nameStart + name.length) } });
    i += m[0].length - 1; // `${A:-$B}`: the scan goes on inside the braces, so B is found too
  }
  return out;
}

/** Lines whose `$` are not expanded: bodies of quoted COPY/ADD heredocs (`<<'EOF'`, `<<"EOF"`). */
function skippedLines(doc: ParsedDocument, instruction: Instruction, keyword: string): Set<number> {
  const out = new Set<number>();
  if (keyword !== 'COPY' && keyword !== 'ADD') return out;
  for (const h of heredocsOf(instruction)) {
    const start = doc.textIn(h.getStartRange());
    if (!/^<<-?\s*["']/.test(start)) continue;
    const content = h.getContentRange();
    if (content) for (let l = content.start.line; l <= content.end.line; l++) out.add(l);
  }
  return out;
}

const HEREDOC_LINES = new WeakMap<Instruction, Set<number>>();

function heredocLines(instruction: Instruction): Set<number> {
  let lines = HEREDOC_LINES.get(instruction);
  if (!lines) {
    lines = new Set();
    for (const h of heredocsOf(instruction)) {
      const content = h.getContentRange();
      if (content) for (let l = content.start.line; l <= content.end.line; l++) lines.add(l);
    }
    HEREDOC_LINES.set(instruction, lines);
  }
  return lines;
}

interface HeredocLike {
  getStartRange(): Range;
  getContentRange(): Range | null;
}

export function heredocsOf(instruction: Instruction): HeredocLike[] {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => HeredocLike[] };
  return typeof withHeredocs.getHeredocs === 'function' ? safe(() => withHeredocs.getHeredocs!(), []) : [];
}

export function propertiesOf(instruction: Instruction): Property[] {
  const withProps = instruction as unknown as { getProperties?: () => Property[] };
  return typeof withProps.getProperties === 'function' ? safe(() => withProps.getProperties!(), []) : [];
}
