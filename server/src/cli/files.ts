import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileProblem {
  path: string;
  message: string;
}

/** The names the extension treats as Dockerfiles (same list as package.json's language contribution). */
export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MAX_FILES = 10000;

export function findDockerfiles(inputs: string[], cwd: string): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f) && files.length < MAX_FILES) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path: abs, message: code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})` });
      continue;
    }
    if (st.isFile()) add(abs);
    else if (st.isDirectory()) walk(abs, add, problems, 0);
    else problems.push({ path: abs, message: 'not a file or folder' });
  }
  return { files, problems };
}

function walk(dir: string, add: (f: string) => void, problems: FileProblem[], depth: number): void {
  if (depth > 20) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, message: `cannot read folder (${(e as NodeJS.ErrnoException).code})` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, add, problems, depth + 1);
    } else if (entry.isFile() && isDockerfileName(entry.name)) {
      add(full);
    }
  }
}
