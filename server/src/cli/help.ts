// `dockerfile-notes --help` and `dockerfile-notes <command> --help`.
import { FLAGS, type Command } from './args';

const SYNOPSIS: Record<Command, { usage: string; about: string }> = {
  check: {
    usage: 'dockerfile-notes check [options] [paths...]',
    about: `Checks Dockerfiles and prints what is wrong, grouped by file (--format compact: one
file:line:col line per finding). Paths are Dockerfiles, folders (searched for Dockerfile,
Containerfile, Dockerfile.*, *.dockerfile …, respecting .gitignore) or quoted globs; default ".".

Exit codes: 0 no errors (and no more warnings than --max-warnings), 1 errors found or too many
warnings, 2 a problem with the command or its input (bad option, missing or unreadable path, no
Dockerfile found, fixes that could not be written, a check that could not finish).`,
  },
  explain: {
    usage: 'dockerfile-notes explain <INSTRUCTION | --flag | directive | topic | rule-code> [--lang en|zh-cn]',
    about: 'Prints the note for an instruction (COPY), a flag (--from), a parser directive (escape), a topic (build context) or a rule.',
  },
  hover: {
    usage: 'dockerfile-notes hover <file> <line>[:<column>] [options]',
    about: 'Prints what the editor would show when hovering at that place (line and column start at 1).',
  },
  rules: {
    usage: 'dockerfile-notes rules [--lang en|zh-cn]',
    about: 'Lists every rule: code, default level, title and the other names it answers to.',
  },
};

export function commandHelp(command: Command): string {
  const { usage, about } = SYNOPSIS[command];
  const flags = FLAGS.filter((f) => f.commands.includes(command));
  const left = flags.map((f) => `${f.short ? `${f.short}, ` : '    '}${f.name}${f.value ? ` <${f.value}>` : ''}`);
  const width = Math.min(44, Math.max(...left.map((l) => l.length)) + 2);
  const rows = flags.map((f, k) => (left[k].length >= width ? `  ${left[k]}\n  ${' '.repeat(width)}${f.help}` : `  ${left[k].padEnd(width)}${f.help}`));
  return `Usage: ${usage}\n\n${about}\n\nOptions:\n${rows.join('\n')}\n`;
}

export function generalHelp(version: string): string {
  return `dockerfile-notes ${version}: notes, checks and safe fixes for Dockerfiles

Usage:
  dockerfile-notes check [options] [paths...]     check Dockerfiles (exit 0 / 1 errors / 2 usage or input problem)
  dockerfile-notes explain <subject>              the note for an instruction, flag, directive, topic or rule
  dockerfile-notes hover <file> <line>:<column>   what the editor's hover shows there
  dockerfile-notes rules                          every rule with its default level

  dockerfile-notes <command> --help               the options of one command
  dockerfile-notes --version                      the version
`;
}
