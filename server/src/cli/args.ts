// Command-line parsing for every command: one table of flags, strict values, and a suggestion for a typo.
import { RULES, findRules } from '../engine/catalog';
import type { Lang, RuleLevel } from '../engine/types';

export type Command = 'check' | 'explain' | 'hover' | 'rules';
export const COMMANDS: readonly Command[] = ['check', 'explain', 'hover', 'rules'];
export const FORMATS = ['text', 'json', 'sarif', 'github', 'compact'] as const;
export type Format = (typeof FORMATS)[number];
const LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface Options {
  positional: string[];
  help: boolean;
  format: Format;
  fix: boolean;
  lang: Lang;
  rules: Record<string, RuleLevel>;
  notes: string[];
  context: string | null;
  explainContext: boolean;
  maxWarnings: number | null;
  quiet: boolean;
  stdin: boolean;
  stdinFilename: string | null;
  ignorePatterns: string[];
  errorOnUnmatched: boolean;
  allowIncomplete: boolean;
  color: boolean | null;
}

interface Flag {
  name: string;
  short?: string;
  /** The placeholder of its value; absent for a switch. */
  value?: string;
  commands: readonly Command[];
  help: string;
  apply: (o: Options, value: string) => void;
}

const ALL = COMMANDS;

export const FLAGS: readonly Flag[] = [
  { name: '--format', short: '-f', value: 'text|json|sarif|github|compact', commands: ['check'], help: 'output format (default text)', apply: (o, v) => (o.format = oneOf('--format', v, FORMATS)) },
  { name: '--fix', commands: ['check'], help: 'apply the fixes that keep behaviour, in place, then report what is left', apply: (o) => (o.fix = true) },
  { name: '--quiet', commands: ['check'], help: 'report errors only', apply: (o) => (o.quiet = true) },
  { name: '--max-warnings', value: 'N', commands: ['check'], help: 'exit 1 when there are more than N warnings', apply: (o, v) => (o.maxWarnings = count('--max-warnings', v)) },
  { name: '--rule', value: 'code=level', commands: ['check', 'hover'], help: 'set a rule (code or alias) to off, hint, info, warning or error; repeatable', apply: setRule },
  { name: '--context', value: 'folder', commands: ['check', 'hover'], help: 'the build context of every Dockerfile, as in docker build -f <file> <folder>', apply: (o, v) => (o.context = v) },
  {
    name: '--explain-context',
    commands: ['check'],
    help: 'print, per Dockerfile, its build context, the evidence for it and the candidate folders, instead of the findings',
    apply: (o) => (o.explainContext = true),
  },
  { name: '--notes', value: 'path', commands: ['check', 'hover'], help: 'a markdown file or folder with your own notes; repeatable', apply: (o, v) => o.notes.push(v) },
  { name: '--ignore-pattern', value: 'pattern', commands: ['check'], help: 'skip files and folders matching this gitignore-style pattern (relative to the current folder); repeatable', apply: (o, v) => o.ignorePatterns.push(v) },
  { name: '--no-error-on-unmatched-pattern', commands: ['check'], help: 'a folder or glob without any Dockerfile is not an error', apply: (o) => (o.errorOnUnmatched = false) },
  { name: '--stdin', commands: ['check'], help: 'read one Dockerfile from standard input', apply: (o) => (o.stdin = true) },
  { name: '--stdin-filename', value: 'path', commands: ['check'], help: 'the path the text from --stdin belongs to (for its build context and in the output)', apply: (o, v) => (o.stdinFilename = v) },
  { name: '--allow-incomplete', commands: ['check'], help: 'do not exit 2 when a check could not finish (analysis-incomplete)', apply: (o) => (o.allowIncomplete = true) },
  { name: '--lang', value: 'en|zh-cn', commands: ALL, help: 'language of messages and notes', apply: setLang },
  { name: '--color', commands: ['check'], help: 'colour the text output even when it is not a terminal', apply: (o) => (o.color = true) },
  { name: '--no-color', commands: ['check'], help: 'never colour the output (as does the NO_COLOR variable)', apply: (o) => (o.color = false) },
  { name: '--help', short: '-h', commands: ALL, help: 'show this help', apply: (o) => (o.help = true) },
];

export class UsageError extends Error {}

export function defaultOptions(): Options {
  return {
    positional: [],
    help: false,
    format: 'text',
    fix: false,
    lang: 'en',
    rules: {},
    notes: [],
    context: null,
    explainContext: false,
    maxWarnings: null,
    quiet: false,
    stdin: false,
    stdinFilename: null,
    ignorePatterns: [],
    errorOnUnmatched: true,
    allowIncomplete: false,
    color: null,
  };
}

/** Parses the arguments after the command name. Throws UsageError with one line that says what is wrong. */
export function parseOptions(command: Command, args: readonly string[]): Options {
  const o = defaultOptions();
  const flags = FLAGS.filter((f) => f.commands.includes(command));
  let onlyPositional = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPositional || arg === '-' || !arg.startsWith('-')) {
      o.positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = flags.find((f) => f.name === name || f.short === name);
    if (!flag) {
      // `explain --from` asks about a Dockerfile flag: anything that is not one of its own flags is the subject.
      if (command === 'explain' && o.positional.length === 0) {
        o.positional.push(arg);
        continue;
      }
      throw new UsageError(unknownFlag(command, name));
    }
    let value = '';
    if (flag.value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      else throw new UsageError(`${flag.name} needs a value (${flag.value})`);
    } else if (eq > 0) {
      throw new UsageError(`${flag.name} takes no value`);
    }
    flag.apply(o, value);
  }
  return o;
}

function unknownFlag(command: Command, name: string): string {
  const known = FLAGS.filter((f) => f.commands.includes(command)).map((f) => f.name);
  const elsewhere = FLAGS.find((f) => f.name === name);
  if (elsewhere) return `${name} is not an option of ${command} (it belongs to ${elsewhere.commands.join(', ')})`;
  const guess = suggest(name, known);
  return `unknown option ${name}${guess ? `; did you mean ${guess}?` : ` (dockerfile-notes ${command} --help lists the options)`}`;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const v = value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  const guess = suggest(v, allowed);
  throw new UsageError(`${flag} must be ${allowed.join(', ')}, not "${value}"${guess ? `; did you mean ${guess}?` : ''}`);
}

function count(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number of 0 or more, not "${value}"`);
  return Number(value);
}

function setLang(o: Options, value: string): void {
  const v = value.toLowerCase();
  if (v === 'en') o.lang = 'en';
  else if (v === 'zh-cn' || v === 'zh') o.lang = 'zh-cn';
  else throw new UsageError(`--lang must be en or zh-cn, not "${value}"`);
}

function setRule(o: Options, value: string): void {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--rule takes <code>=<${LEVELS.join('|')}>, not "${value}"`);
  const name = value.slice(0, eq);
  const level = value.slice(eq + 1).toLowerCase();
  if (findRules(name).length === 0) {
    const names = RULES.flatMap((r) => [r.code, ...r.aliases]);
    const guess = suggest(name, names);
    throw new UsageError(`--rule ${value}: no rule has the code or alias "${name}"${guess ? `; did you mean ${guess}?` : ' (dockerfile-notes rules lists them)'}`);
  }
  if (!(LEVELS as readonly string[]).includes(level)) {
    const guess = suggest(level, LEVELS);
    throw new UsageError(`--rule ${value}: the level must be ${LEVELS.join(', ')}, not "${value.slice(eq + 1)}"${guess ? `; did you mean ${guess}?` : ''}`);
  }
  o.rules[name] = level as RuleLevel;
}

/** The closest candidate by edit distance, when it is close enough to be a typo. */
export function suggest(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const a = input.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(a, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const bare = a.replace(/^-+/, '');
  return best !== null && bestDistance <= Math.max(1, Math.min(3, Math.floor(bare.length / 3))) ? best : null;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
