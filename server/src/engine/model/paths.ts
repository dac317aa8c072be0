// WORKDIR in force at a line (relative WORKDIRs joined, inherited through FROM <stage>) and where a
// COPY/ADD destination lands in the image.
import * as posix from 'node:path/posix';
import type { ParsedDocument, Stage } from '../parse/document';
import { perStageCache } from '../parse/document';
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

const stageEnds = perStageCache<Workdir>();

/** The working directory for an instruction of `stage` that starts at `line`. */
export function workdirAt(doc: ParsedDocument, stage: Stage, line: number): Workdir {
  let wd = initialWorkdir(doc, stage);
  for (const instruction of stage.instructions) {
    const l = instruction.getRange().start.line;
    if (l >= line) break;
    if (keywordOf(instruction) !== 'WORKDIR') continue;
    wd = applyWorkdir(doc, wd, argumentText(doc, instruction), l);
  }
  return wd;
}

function initialWorkdir(doc: ParsedDocument, stage: Stage): Workdir {
  if (stage.parent && stage.parent.index < stage.index) return stageEndWorkdir(doc, stage.parent);
  const external = stage.base && stage.base.toLowerCase() !== 'scratch' ? stage.base : null;
  return { path: '/', line: null, fromBase: external, partial: false };
}

function stageEndWorkdir(doc: ParsedDocument, stage: Stage): Workdir {
  return stageEnds(doc, stage, () => workdirAt(doc, stage, Number.MAX_SAFE_INTEGER));
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
