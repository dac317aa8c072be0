// Shared helpers for the build-declaration tests: real temp folders, a fresh scan, readable results.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { clearDeclarationCache, scanDeclarations } from '../../server/src/engine/context/declarations';
import type { BuildDeclaration, DeclarationIndex } from '../../server/src/engine/context/declarations';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp folder holding the given files (a null content makes a folder). */
export function tree(files: Record<string, string | null>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-decl-')));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) fs.mkdirSync(abs, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  return root;
}

export interface Scanned {
  index: DeclarationIndex;
  logs: string[];
  /** `dockerfile | context | file:line kind`, paths relative to the root, sorted. */
  lines: string[];
}

export function scanFresh(root: string, options: { maxEntries?: number } = {}): Scanned {
  clearDeclarationCache();
  const logs: string[] = [];
  const index = scanDeclarations(new CachedNodeFileSystem(), root, { ...options, log: (m) => logs.push(m) });
  return { index, logs, lines: linesOf(root, index) };
}

export function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/') || '.';
}

export function describe(root: string, d: BuildDeclaration): string {
  return `${rel(root, d.dockerfile)} | ${rel(root, d.context)} | ${rel(root, d.evidence.file)}:${d.evidence.line} ${d.evidence.kind}`;
}

export function linesOf(root: string, index: DeclarationIndex): string[] {
  return [...index.byDockerfile.values()].flat().map((d) => describe(root, d)).sort();
}

/** Declarations for one Dockerfile (path relative to the root). */
export function declsOf(root: string, index: DeclarationIndex, dockerfile: string): BuildDeclaration[] {
  return [...(index.byDockerfile.get(path.join(root, dockerfile)) ?? [])];
}

/** `dockerfile | context` pairs, sorted and unique. */
export function pairsOf(root: string, index: DeclarationIndex): string[] {
  return [...new Set([...index.byDockerfile.values()].flat().map((d) => `${rel(root, d.dockerfile)} | ${rel(root, d.context)}`))].sort();
}
