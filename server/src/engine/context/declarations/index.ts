// Every place a build is declared under a root, indexed by Dockerfile: compose, bake, devcontainer, CI
// (GitHub Actions, GitLab CI, Cloud Build, Skaffold, Jenkins, Azure Pipelines) and scripts (Makefiles,
// shell scripts, package.json, justfile, Taskfile). One scan per root, kept until a file it read, or a
// file that could declare a build, changes (`invalidateDeclarations`).
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { LruMap } from '../fs';
import { isBakeFileName } from './bake';
import { isInside, relPosix } from './paths';
import { READERS, scan, SKIP_FOLDERS } from './scan';
import type { ScanOptions, ScanResult } from './scan';
import type { DeclarationIndex } from './types';

export type { BakeRun, BuildDeclaration, DeclarationIndex, DeclarationKind, DeclarationReader, Evidence } from './types';
export type { ScanOptions } from './scan';

/** Scans of the project roots used most recently (a window rarely has more than a few). */
const MAX_SCANNED_ROOTS = 32;
const cache = new LruMap<{ fs: FileSystemView; result: ScanResult }>(MAX_SCANNED_ROOTS);

/** The declarations under `root`, scanned once and cached until invalidated (or asked with another file-system view). */
export function scanDeclarations(fs: FileSystemView, root: string, options?: ScanOptions): DeclarationIndex {
  const key = path.resolve(root);
  const hit = cache.get(key);
  if (hit && hit.fs === fs) return hit.result;
  const result = scan(fs, key, options);
  cache.set(key, { fs, result });
  return result;
}

/**
 * A file changed, was created or deleted. Drops every cached scan it can affect and says whether it
 * did: true when the path is (or may be) a declaration file, a file one depends on (`.env`, an
 * `include`d or `extends` file, a called workflow, a bake file), or a folder holding any of them.
 */
export function invalidateDeclarations(changedPath: string): boolean {
  const p = path.resolve(changedPath);
  let any = false;
  for (const [root, { result }] of cache) {
    if (!isInside(root, p) && !result.watched.has(p)) continue;
    if (affects(result, root, p)) {
      cache.delete(root);
      any = true;
    }
  }
  return any;
}

/** Forgets every cached scan. */
export function clearDeclarationCache(): void {
  cache.clear();
}

function affects(result: ScanResult, root: string, p: string): boolean {
  if (result.watched.has(p) || result.skipped.some((s) => s.file === p)) return true;
  const prefix = p + path.sep;
  for (const f of result.watched) if (f.startsWith(prefix)) return true;
  const rel = relPosix(root, p);
  // Folders the walk never enters (an `npm install` writes thousands of files under node_modules).
  if (rel.split('/').some((segment) => SKIP_FOLDERS.has(segment))) return false;
  const name = path.basename(p);
  if (READERS.some((r) => r.accepts(rel)) || isBakeFileName(name) || name.endsWith('.hcl') || name === '.env' || (p === path.join(root, '.gitignore'))) return true;
  // An extension-less file may be a shell script: one seen before counts only if it was one.
  if (!name.includes('.')) return result.sniffed.get(p) ?? true;
  return false;
}
