// Every place a build is declared under a root, indexed by Dockerfile. (Compose only so far: readers for
// bake, devcontainer, CI and scripts follow the same DeclarationReader shape.)
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { COMPOSE_FILE_NAMES, composeBuilds } from '../compose';
import type { BuildDeclaration, DeclarationIndex } from './types';

export type { BuildDeclaration, DeclarationIndex, DeclarationKind, Evidence } from './types';

const SKIP_FOLDERS = new Set(['node_modules', '.git', 'vendor', '.hg', '.svn']);
const MAX_ENTRIES = 20000;
const MAX_DEPTH = 8;

export function scanDeclarations(fs: FileSystemView, root: string): DeclarationIndex {
  const byDockerfile = new Map<string, BuildDeclaration[]>();
  const files: string[] = [];
  const skipped: Array<{ file: string; why: string }> = [];
  let entries = 0;
  const stack: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
  while (stack.length) {
    const { dir, depth } = stack.pop()!;
    const names = fs.readDir(dir) ?? [];
    entries += names.length;
    if (entries > MAX_ENTRIES) {
      skipped.push({ file: dir, why: 'file budget reached' });
      break;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      const st = fs.stat(abs);
      if (st?.type === 'dir' && depth < MAX_DEPTH && !SKIP_FOLDERS.has(name)) stack.push({ dir: abs, depth: depth + 1 });
      else if (st?.type === 'file' && COMPOSE_FILE_NAMES.includes(name)) {
        files.push(abs);
        for (const b of composeBuilds(fs, abs)) {
          const list = byDockerfile.get(b.dockerfile) ?? [];
          list.push({ dockerfile: b.dockerfile, context: b.context, evidence: { file: abs, line: 1, kind: 'compose' }, name: b.service });
          byDockerfile.set(b.dockerfile, list);
        }
      }
    }
  }
  return { root, byDockerfile, files, skipped };
}
export const invalidateDeclarations = (changedPath: string): boolean => COMPOSE_FILE_NAMES.includes(path.basename(changedPath)); // stub (issue-13b) until the readers land
