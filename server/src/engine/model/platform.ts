// Which operating system a stage's image runs, as far as the Dockerfile tells. Windows images differ where
// the rules care: the default shell is `cmd /S /C`, `ADD --chmod` is refused, there is no chmod, curl or
// wget to rely on. One place decides, so every rule agrees.
import type { ParsedDocument, Stage } from '../parse/document';
import { perStageCache } from '../parse/document';
import { argumentsRange, keywordOf } from '../parse/instructionCache';
import { expand, globalArgs } from './variables';
import { imageSh, isWindowsImage } from './images';

/** `C:\x`, `C:/x` — a drive letter, which only Windows images have. */
const DRIVE_PATH = /^["']?[A-Za-z]:[\\/]/;

const windowsStages = perStageCache<boolean>();

/**
 * Whether `stage` runs a Windows image, in this order: a `FROM --platform=<os>/…` in its `FROM <stage>`
 * chain; else its root image (the end of the chain, global ARG defaults applied) when this project knows
 * it (a Windows image by name, or a known Linux one — `dockcross/windows-x64` is Linux); else Windows
 * habits in the chain — a `SHELL` of cmd or powershell, a WORKDIR / COPY / ADD destination on a drive
 * letter (`C:\app`, `C:/app`) — or the backtick escape directive.
 */
export function isWindowsStage(doc: ParsedDocument, stage: Stage | null): boolean {
  if (!stage) return false;
  return windowsStages(doc, stage, () => {
    const facts = chainFacts(doc, stage);
    if (facts.os) return facts.os === 'windows';
    const root = resolvedImage(doc, facts.root);
    if (root !== null && isWindowsImage(root)) return true;
    if (root !== null && imageSh(root) !== null) return false;
    return doc.escapeChar === '`' || facts.habits;
  });
}

/** What a stage's `FROM <stage>` chain says, folded from the root down once per stage. */
interface ChainFacts {
  /** The OS of the nearest literal `FROM --platform` in the chain (the stage's own first). */
  os: string | null;
  /** The stage at the root of the chain (built from an image). */
  root: Stage;
  /** Some stage of the chain has Windows habits. */
  habits: boolean;
}

const chainFactsCache = perStageCache<ChainFacts>();
const computedChainFacts = new WeakMap<Stage, ChainFacts>();

// Iterative, ancestors first: a chain of 10,000 stages must not overflow the stack or cost a walk per stage.
function chainFacts(doc: ParsedDocument, stage: Stage): ChainFacts {
  return chainFactsCache(doc, stage, () => {
    const todo: Stage[] = [];
    for (let s: Stage | null = stage; s && !computedChainFacts.has(s); s = s.parent && s.parent.index < s.index ? s.parent : null) todo.push(s);
    for (let k = todo.length - 1; k >= 0; k--) {
      const s = todo[k];
      const parent = s.parent && s.parent.index < s.index ? computedChainFacts.get(s.parent) ?? null : null;
      computedChainFacts.set(s, {
        os: platformOs(s) ?? parent?.os ?? null,
        root: parent?.root ?? s,
        habits: hasWindowsHabits(doc, s) || (parent?.habits ?? false),
      });
    }
    return computedChainFacts.get(stage)!;
  });
}

/** The OS of a literal `FROM --platform=<os>/<arch>` (null: no flag, or one that uses a variable). */
function platformOs(stage: Stage): string | null {
  let value: string | null = null;
  try {
    value = stage.from.getPlatformFlag()?.getValue() ?? null;
  } catch {
    value = null;
  }
  if (!value || value.includes('$')) return null;
  const os = value.split('/')[0].trim().toLowerCase();
  return os || null;
}

/**
 * The image reference at the root of a stage's `FROM <stage>` chain, with the global ARG defaults it
 * uses applied (`ARG BASE=debian:12-slim` / `FROM ${BASE}`); null when it depends on a value not known here.
 */
export function rootImage(doc: ParsedDocument, stage: Stage): string | null {
  return resolvedImage(doc, chainFacts(doc, stage).root);
}

/** The stage, then its parent stages, up to the one built from an image. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  const seen = new Set<Stage>([stage]);
  let current = stage;
  while (current.parent && !seen.has(current.parent)) {
    current = current.parent;
    seen.add(current);
    chain.push(current);
  }
  return chain;
}

function resolvedImage(doc: ParsedDocument, stage: Stage): string | null {
  const base = stage.base;
  if (!base || !base.includes('$')) return base;
  const globals = globalArgs(doc, stage.startLine);
  const { text, partial } = expand(base, (name) => {
    const b = globals.get(name);
    if (!b || b.partial) return undefined;
    return b.value;
  });
  return partial || text === '' ? null : text;
}

function hasWindowsHabits(doc: ParsedDocument, stage: Stage): boolean {
  for (const instruction of stage.instructions) {
    const keyword = keywordOf(instruction);
    if (keyword !== 'SHELL' && keyword !== 'WORKDIR' && keyword !== 'COPY' && keyword !== 'ADD') continue;
    const range = argumentsRange(instruction);
    if (!range) continue;
    const args = doc.textIn(range).trim();
    if (keyword === 'SHELL') {
      if (/^\[\s*"(cmd|cmd\.exe|powershell|powershell\.exe)"/i.test(args)) return true;
    } else if (keyword === 'WORKDIR') {
      if (DRIVE_PATH.test(args)) return true;
    } else if (!args.includes('<<')) {
      const words = args.startsWith('[') ? args.replace(/^\[|\]$/g, '').split(',') : args.split(/\s+/);
      const last = words[words.length - 1]?.trim() ?? '';
      if (DRIVE_PATH.test(last)) return true;
    }
  }
  return false;
}
