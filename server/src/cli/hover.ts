// `dockerfile-notes hover <file> <line>:<col>` (1-based, as editors show): the markdown the editor's hover would show.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisContext } from '../engine/context';
import { parseSettings } from '../engine/context';
import { CachedNodeFileSystem } from '../engine/context/fs';
import { hover } from '../engine/features/hover';
import { parseDocument } from '../engine/parse/document';
import type { Options } from './args';
import { decodeDockerfile } from './bytes';
import { cliProjectRoot } from './explainContext';
import { terminalSafe, terminalSafeBlock } from './format';

export function hoverCommand(opts: Options, io: { out: (s: string) => void; err: (s: string) => void; cwd: string }): number {
  const [file, where, extra] = opts.positional;
  const m = /^(\d+)(?::(\d+))?$/.exec(where ?? '');
  if (!file || !m || extra !== undefined) {
    io.err('dockerfile-notes: hover needs <file> <line>:<column> (see dockerfile-notes hover --help)');
    return 2;
  }
  const abs = path.resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (e) {
    io.err(`dockerfile-notes: ${terminalSafe(file)}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 2;
  }
  const decoded = decodeDockerfile(bytes);
  if (!decoded.ok) {
    io.err(`dockerfile-notes: ${terminalSafe(file)}: cannot read: ${decoded.reason}`);
    return 2;
  }
  if (opts.context !== null && !isFolder(path.resolve(io.cwd, opts.context))) {
    io.err(`dockerfile-notes: --context ${terminalSafe(opts.context)}: no such folder`);
    return 2;
  }
  const hoverFs = new CachedNodeFileSystem();
  const ctx: AnalysisContext = {
    lang: opts.lang,
    settings: parseSettings({
      rules: opts.rules,
      notes: { paths: opts.notes },
      buildContextsFrom: 'cli',
      ...(opts.context !== null ? { buildContexts: { '**': path.resolve(io.cwd, opts.context) } } : {}),
    }),
    fs: hoverFs,
    documentPath: abs,
    workspaceFolder: io.cwd,
    projectRoot: cliProjectRoot(hoverFs, abs, io.cwd),
    log: (msg) => io.err(`dockerfile-notes: ${terminalSafe(msg)}`),
  };
  const result = hover(parseDocument(decoded.file.text), ctx, { line: Number(m[1]) - 1, character: Math.max(0, Number(m[2] ?? 1) - 1) });
  if (!result) {
    io.err(`dockerfile-notes: nothing to show at ${terminalSafe(file)}:${where}`);
    return 1;
  }
  const text = terminalSafeBlock(result.markdown);
  io.out(text.endsWith('\n') ? text : text + '\n');
  return 0;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
