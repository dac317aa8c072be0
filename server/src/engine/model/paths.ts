// WORKDIR in force at a line (relative WORKDIRs joined, inherited through FROM <stage>) and where a
// COPY/ADD destination lands in the image.
import * as posix from 'node:path/posix';
import type { ParsedDocument, Stage } from '../parse/document';
import { argumentText } from './commandLine';
import { expand, lookupVariable } from './variables';
import { keywordOf } from '../parse/instructionCache';

export interface Workdir {
  /** Absolute path in the image. */
  path: string;
  /** Line of the WORKDIR that set it; null when none did (default `/`). */
  line: number | null;
  /** No WORKDIR in the chain, which starts at an external image that may set its own. */
  fromBase: string | null;
  /** A variable in the path could not be resolved. */
  partial: boolean;
}

const ended = new WeakMap<ParsedDocument, Map<number, Workdir>>();

/** The working directory for an instruction of `stage` that starts at `line`. */
export function workdirAt(doc: ParsedDocument, stage: Stage, line: number): Workdir {
  return applyStageWorkdirs(doc, stage, initialWorkdir(doc, stage), line);
}

function applyStageWorkdirs(doc: ParsedDocument, stage: Stage, start: Workdir, line: number): Workdir {
  let wd = start;
  for (const instruction of stage.instructions) {
    const l = instruction.getRange().start.line;
    if (l >= line) break;
    if (keywordOf(instruction) !== 'WORKDIR') continue;
    wd = applyWorkdir(doc, wd, argumentText(doc, instruction), l);
  }
  return wd;
}

function parentOf(stage: Stage): Stage | null {
  return stage.parent && stage.parent.index < stage.index ? stage.parent : null;
}

function initialWorkdir(doc: ParsedDocument, stage: Stage): Workdir {
  const parent = parentOf(stage);
  if (parent) return stageEndWorkdir(doc, parent);
  const external = stage.base && stage.base.toLowerCase() !== 'scratch' ? stage.base : null;
  return { path: '/', line: null, fromBase: external, partial: false };
}

/** The WORKDIR a stage ends with; its ancestors are computed first, iteratively (chains of 10,000 stages). */
function stageEndWorkdir(doc: ParsedDocument, stage: Stage): Workdir {
  const done = ended.get(doc) ?? new Map<number, Workdir>();
  ended.set(doc, done);
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !done.has(s.index); s = parentOf(s)) todo.push(s);
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    const parent = parentOf(s);
    const start: Workdir = parent
      ? done.get(parent.index)!
      : { path: '/', line: null, fromBase: s.base && s.base.toLowerCase() !== 'scratch' ? s.base : null, partial: false };
    done.set(s.index, applyStageWorkdirs(doc, s, start, Number.MAX_SAFE_INTEGER));
  }
  return done.get(stage.index)!;
}

function applyWorkdir(doc: ParsedDocument, current: Workdir, raw: string, line: number): Workdir {
  const value = unquote(raw.trim());
  const { text, partial } = expand(value, (name) => {
    const b = lookupVariable(doc, name, line);
    if (!b || b.partial) return undefined;
    return b.value;
  }, doc.escapeChar);
  const joined = text.startsWith('/') ? posix.normalize(text) : posix.join(current.path, text);
  return {
    path: stripTrailingSlash(joined),
    line,
    fromBase: text.startsWith('/') ? null : current.fromBase,
    partial: partial || (!text.startsWith('/') && current.partial),
  };
}

export interface Destination {
  /** Absolute path in the image (a trailing `/` kept when written). */
  path: string;
  isDir: boolean;
  workdir: Workdir | null;
  partial: boolean;
}

/** Where a destination as written (`./`, `app/`, `/srv`) points, given the WORKDIR at `line`. */
export function resolveDestination(doc: ParsedDocument, stage: Stage, line: number, dest: string, partial: boolean): Destination {
  const isDir = dest.endsWith('/') || dest === '.' || dest === '..' || dest.endsWith('/.');
  if (dest.startsWith('/')) {
    return { path: withSlash(posix.normalize(dest), isDir), isDir, workdir: null, partial };
  }
  const workdir = workdirAt(doc, stage, line);
  const joined = posix.join(workdir.path, dest);
  return { path: withSlash(joined, isDir), isDir, workdir, partial: partial || workdir.partial };
}

function withSlash(p: string, dir: boolean): string {
  if (!dir) return stripTrailingSlash(p);
  return p.endsWith('/') ? p : `${p}/`;
}

function stripTrailingSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}
