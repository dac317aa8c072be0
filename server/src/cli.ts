// `dockerfile-notes`: the engine for CI pipelines. An adapter like server.ts: no rules here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, codeActions } from './engine/analysis/analyze';
import type { AnalysisContext } from './engine/context';
import { DEFAULT_SETTINGS, parseSettings } from './engine/context';
import { parseDocument } from './engine/parse/document';
import { applyEdits, safeFixEdits } from './engine/features/edits';
import { CachedNodeFileSystem } from './engine/context/fs';
import { hover } from './engine/features/hover';
import type { Finding, Lang, RuleLevel } from './engine/types';
import { findDockerfiles, FileProblem } from './cli/files';
import { formatJson, formatSarif, formatText } from './cli/format';
import { explain } from './cli/explain';
import { cliProjectRoot, explainContext, summarizeContexts } from './cli/explainContext';

const USAGE = `Usage:
  dockerfile-notes check [paths...] [--format text|json|sarif] [--fix] [--lang en|zh-cn]
                         [--rule <code>=<off|hint|info|warning|error>]... [--notes <path>]...
                         [--context <folder>] [--explain-context]
  dockerfile-notes explain <INSTRUCTION | --flag | topic | rule-code> [--lang en|zh-cn]
  dockerfile-notes hover <file> <line>:<column> [--lang en|zh-cn]
  dockerfile-notes rules [--lang en|zh-cn]

check   prints findings (file:line:col severity message code); exits 1 when there are errors.
        Paths may be Dockerfiles or folders (searched for Dockerfile, Containerfile, *.dockerfile …).
--fix   applies the safe quick fixes in place, then reports what is left.
--context  the build context for every Dockerfile checked (as \`docker build -f <file> <folder>\`);
        without it the context comes from the files that declare the build (compose, bake, dev containers,
        CI workflows, scripts) under the repository root, else from where the COPY/ADD sources exist.
--explain-context  prints, per Dockerfile, its build context, the evidence for it and the candidate
        folders, instead of the findings.`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  color: boolean;
}

export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  let opts: Options;
  try {
    opts = parseOptions(rest);
  } catch (e) {
    io.err(`dockerfile-notes: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case 'check':
      return check(opts, io);
    case 'explain': {
      if (opts.positional.length === 0) {
        io.err(`dockerfile-notes: explain needs an instruction, flag, topic or rule code\n${USAGE}`);
        return 2;
      }
      const text = explain(opts.positional.join(' '), opts.lang);
      if (!text) {
        io.err(`dockerfile-notes: nothing is known about "${opts.positional.join(' ')}" (try an instruction such as COPY, a flag such as --from, or a rule code)`);
        return 2;
      }
      io.out(text.endsWith('\n') ? text : text + '\n');
      return 0;
    }
    case 'rules':
      io.out(explain('--rules', opts.lang) ?? '');
      return 0;
    case 'hover':
      return hoverCommand(opts, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      io.err(`dockerfile-notes: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

interface Options {
  positional: string[];
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  lang: Lang;
  rules: Record<string, RuleLevel>;
  notes: string[];
  context: string | null;
  explainContext: boolean;
}

function parseOptions(args: string[]): Options {
  const o: Options = { positional: [], format: 'text', fix: false, lang: 'en', rules: {}, notes: [], context: null, explainContext: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new Error(`--format must be text, json or sarif, not "${v}"`);
        o.format = v;
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--lang': {
        const v = value().toLowerCase();
        if (v !== 'en' && v !== 'zh-cn' && v !== 'zh') throw new Error(`--lang must be en or zh-cn, not "${v}"`);
        o.lang = v === 'en' ? 'en' : 'zh-cn';
        break;
      }
      case '--rule': {
        const v = value();
        const eq = v.lastIndexOf('=');
        const level = v.slice(eq + 1).toLowerCase();
        if (eq <= 0 || !['off', 'hint', 'info', 'warning', 'error'].includes(level)) throw new Error(`--rule takes <code>=<off|hint|info|warning|error>, not "${v}"`);
        o.rules[v.slice(0, eq)] = level as RuleLevel;
        break;
      }
      case '--notes':
        o.notes.push(value());
        break;
      case '--context':
        o.context = value();
        break;
      case '--explain-context':
        o.explainContext = true;
        break;
      default:
        if (arg.startsWith('--') && o.positional.length === 0 && /^--[a-z]/.test(arg) && !arg.includes('=')) {
          // `explain --from` asks about a flag; for other commands an unknown option is an error.
          o.positional.push(arg);
        } else if (arg.startsWith('-') && arg !== '-') {
          throw new Error(`unknown option "${arg}"`);
        } else {
          o.positional.push(arg);
        }
    }
  }
  return o;
}

function check(opts: Options, io: CliIo): number {
  const { files, problems } = findDockerfiles(opts.positional.length ? opts.positional : ['.'], io.cwd);
  let buildContexts: Record<string, string> = {};
  if (opts.context !== null) {
    const folder = path.resolve(io.cwd, opts.context);
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      io.err(`dockerfile-notes: --context ${opts.context}: no such folder`);
      return 2;
    }
    buildContexts = { '**': folder };
  }
  const settings = parseSettings({
    ...DEFAULT_SETTINGS,
    rules: opts.rules,
    buildContexts,
    ...(opts.context !== null ? { buildContextsFrom: 'cli' } : {}),
    notes: { ...DEFAULT_SETTINGS.notes, paths: opts.notes },
  });
  const fileSystem = new CachedNodeFileSystem();
  const results: Array<{ file: string; findings: Finding[]; fixed: number; contexts?: ReturnType<typeof summarizeContexts> }> = [];
  let explained = '';
  const fileProblems: FileProblem[] = [...problems];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      fileProblems.push({ path: file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const ctx: AnalysisContext = {
      lang: opts.lang,
      settings,
      fs: fileSystem,
      documentPath: file,
      workspaceFolder: io.cwd,
      projectRoot: cliProjectRoot(fileSystem, file, io.cwd),
      log: (m) => io.err(`dockerfile-notes: ${path.relative(io.cwd, file) || file}: ${m}`),
    };
    let doc = parseDocument(text);
    if (opts.explainContext) {
      explained += (explained ? '\n' : '') + explainContext(ctx, doc, io.cwd);
      continue;
    }
    let findings = analyze(doc, ctx);
    let fixed = 0;
    if (opts.fix) {
      // Fixes can enable others (or conflict); apply in a few passes until nothing safe is left.
      for (let pass = 0; pass < 5; pass++) {
        const edits = safeFixEdits(codeActions(doc, ctx, { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } }, findings));
        if (edits.length === 0) break;
        const next = applyEdits(doc, edits);
        if (next === doc.text) break;
        fixed += edits.length;
        doc = parseDocument(next);
        findings = analyze(doc, ctx);
      }
      if (fixed > 0) {
        try {
          fs.writeFileSync(file, doc.text);
        } catch (e) {
          fileProblems.push({ path: file, message: `cannot write fixes: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        }
      }
    }
    results.push({ file, findings, fixed, contexts: summarizeContexts(ctx, doc, io.cwd) });
  }
  const display = (p: string) => path.relative(io.cwd, p) || p;
  for (const p of fileProblems) io.err(`dockerfile-notes: ${display(p.path)}: ${p.message}`);
  if (opts.explainContext) {
    io.out(explained);
    return files.length === 0 && fileProblems.length > 0 ? 1 : 0;
  }
  if (opts.format === 'json') io.out(formatJson(results, display) + '\n');
  else if (opts.format === 'sarif') io.out(formatSarif(results, io.cwd, opts.lang) + '\n');
  else io.out(formatText(results, display, io.color, files.length));
  const errors = results.some((r) => r.findings.some((f) => f.severity === 'error'));
  return errors || (files.length === 0 && fileProblems.length > 0) ? 1 : 0;
}

/** `hover <file> <line>:<col>` (1-based, as editors show): the markdown the editor's hover would show. */
function hoverCommand(opts: Options, io: CliIo): number {
  const [file, where] = opts.positional;
  const m = /^(\d+)(?::(\d+))?$/.exec(where ?? '');
  if (!file || !m) {
    io.err(`dockerfile-notes: hover needs <file> <line>:<column>\n${USAGE}`);
    return 2;
  }
  const abs = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    io.err(`dockerfile-notes: ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 2;
  }
  const hoverFs = new CachedNodeFileSystem();
  const ctx: AnalysisContext = {
    lang: opts.lang,
    settings: parseSettings({
      notes: { paths: opts.notes },
      ...(opts.context !== null ? { buildContexts: { '**': path.resolve(io.cwd, opts.context) }, buildContextsFrom: 'cli' } : {}),
    }),
    fs: hoverFs,
    documentPath: abs,
    workspaceFolder: io.cwd,
    projectRoot: cliProjectRoot(hoverFs, abs, io.cwd),
    log: (msg) => io.err(`dockerfile-notes: ${msg}`),
  };
  const result = hover(parseDocument(text), ctx, { line: Number(m[1]) - 1, character: Math.max(0, Number(m[2] ?? 1) - 1) });
  if (!result) {
    io.err(`dockerfile-notes: nothing to show at ${file}:${where}`);
    return 1;
  }
  io.out(result.markdown.endsWith('\n') ? result.markdown : result.markdown + '\n');
  return 0;
}

if (require.main === module) {
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}
