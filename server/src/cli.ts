// `dockerfile-notes`: the engine for terminals, editors and CI pipelines. An adapter like server.ts: no rules here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, parseOptions, suggest, UsageError, type Command } from './cli/args';
import { check, type CheckIo } from './cli/check';
import { explain } from './cli/explain';
import { commandHelp, generalHelp } from './cli/help';
import { hoverCommand } from './cli/hover';

export type CliIo = Omit<CheckIo, 'version'>;

/** Set by esbuild from package.json (esbuild.mjs); read from package.json when running from source. */
declare const __DFN_VERSION__: string | undefined;

export function cliVersion(): string {
  if (typeof __DFN_VERSION__ === 'string') return __DFN_VERSION__;
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dockerfile-notes' && pkg.version) return pkg.version;
    } catch {
      // not here; look one folder up
    }
  }
  return 'unknown';
}

export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  const version = cliVersion();
  if (command === undefined) {
    io.err(generalHelp(version));
    return 2;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(`${version}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const about = rest[0] as Command | undefined;
    io.out(about && COMMANDS.includes(about) ? commandHelp(about) : generalHelp(version));
    return 0;
  }
  if (!COMMANDS.includes(command as Command)) {
    const guess = suggest(command, [...COMMANDS, '--version', '--help']);
    io.err(`dockerfile-notes: unknown command "${command}"${guess ? `; did you mean ${guess}?` : ''} (dockerfile-notes --help lists the commands)`);
    return 2;
  }
  const cmd = command as Command;
  let opts;
  try {
    opts = parseOptions(cmd, rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`dockerfile-notes ${cmd}: ${e.message}`);
    return 2;
  }
  if (opts.help) {
    io.out(commandHelp(cmd));
    return 0;
  }
  switch (cmd) {
    case 'check':
      return check(opts, { ...io, version });
    case 'hover':
      return hoverCommand(opts, io);
    case 'rules':
      if (opts.positional.length) {
        io.err(`dockerfile-notes rules: takes no arguments (for one rule: dockerfile-notes explain ${opts.positional[0]})`);
        return 2;
      }
      io.out(explain('--rules', opts.lang) ?? '');
      return 0;
    case 'explain': {
      const subject = opts.positional.join(' ');
      if (!subject) {
        io.err('dockerfile-notes explain: needs an instruction, flag, directive, topic or rule code (see dockerfile-notes explain --help)');
        return 2;
      }
      const text = explain(subject, opts.lang);
      if (!text) {
        io.err(`dockerfile-notes explain: nothing is known about "${subject}" (try an instruction such as COPY, a flag such as --from, or a rule code from dockerfile-notes rules)`);
        return 2;
      }
      io.out(text.endsWith('\n') ? text : text + '\n');
      return 0;
    }
  }
}

if (require.main === module) {
  // `dockerfile-notes check | head`: a closed pipe ends the output quietly, as for other Unix tools.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const env = process.env;
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    cwd: process.cwd(),
    color: env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !!process.stdout.isTTY && !env.NO_COLOR,
  });
  process.exitCode = code;
}
