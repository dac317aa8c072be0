// `dockerfile-notes` as CI sees it: exit codes like eslint (0 clean, 1 errors, 2 usage or input problem),
// one clear stderr line per problem, --version/--help, --max-warnings, --quiet, --stdin, --allow-incomplete.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analysis/analyze';
import type { Finding } from '../../server/src/engine/types';
import { cannotRunAsNobody, cli, isRoot, spawnCli, tree } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Two warnings (shell-form CMD, ADD of a local file), no error. */
const WARNINGS_ONLY = 'FROM debian:12\nADD app.txt /app/\nCMD python app.py\n';
const CLEAN = 'FROM alpine:3.20\nCOPY app.txt /app/\nCMD ["python", "app.py"]\n';

/** stderr holds exactly one line, matching `re`. */
function oneLine(err: string, re: RegExp): void {
  const lines = err.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${err}`);
  assert.match(lines[0], re);
}

test('a typo in a flag is exit 2 with a suggestion, not a path (check --formt sarif Dockerfile)', () => {
  const root = tree({ Dockerfile: CLEAN, 'app.txt': '' });
  const r = cli(['check', '--formt', 'sarif', 'Dockerfile'], root);
  assert.equal(r.code, 2);
  oneLine(r.err, /unknown option --formt; did you mean --format\?/);
  assert.equal(r.out, '');
});

test('an unknown flag is exit 2 (check --frobnicate Dockerfile)', () => {
  const root = tree({ Dockerfile: CLEAN, 'app.txt': '' });
  const r = cli(['check', '--frobnicate', 'Dockerfile'], root);
  assert.equal(r.code, 2);
  oneLine(r.err, /unknown option --frobnicate \(dockerfile-notes check --help lists the options\)/);
});

test('a bad value names the allowed ones; a flag of another command says which', () => {
  const root = tree({ Dockerfile: CLEAN });
  const bad = cli(['check', '--format', 'sarfi', 'Dockerfile'], root);
  assert.equal(bad.code, 2);
  oneLine(bad.err, /--format must be text, json, sarif, github, compact, not "sarfi"; did you mean sarif\?/);
  const other = cli(['rules', '--fix'], root);
  assert.equal(other.code, 2);
  oneLine(other.err, /--fix is not an option of rules \(it belongs to check\)/);
  const missingValue = cli(['check', '--max-warnings'], root);
  assert.equal(missingValue.code, 2);
  oneLine(missingValue.err, /--max-warnings needs a value/);
  const notANumber = cli(['check', '--max-warnings', 'ten', 'Dockerfile'], root);
  assert.equal(notANumber.code, 2);
  oneLine(notANumber.err, /--max-warnings needs a whole number/);
});

test('a missing path is exit 2, and the other paths are still checked (check Dockerfile nope)', () => {
  const root = tree({ Dockerfile: WARNINGS_ONLY, 'app.txt': '' });
  const r = cli(['check', 'Dockerfile', 'nope'], root);
  assert.equal(r.code, 2);
  oneLine(r.err, /^dockerfile-notes: nope: no such file or folder$/);
  assert.match(r.out, /cmd-shell-form/, 'the existing Dockerfile is reported');
  assert.doesNotMatch(r.out, /no problems/);
});

test('a folder without a Dockerfile is exit 2 unless --no-error-on-unmatched-pattern (check emptydir)', () => {
  const root = tree({ emptydir: null, 'other/README.md': '# hi\n' });
  const r = cli(['check', 'emptydir'], root);
  assert.equal(r.code, 2);
  oneLine(r.err, /^dockerfile-notes: emptydir: no Dockerfile in this folder \(use --no-error-on-unmatched-pattern to allow it\)$/);
  assert.doesNotMatch(r.out, /no problems/);
  const allowed = cli(['check', '--no-error-on-unmatched-pattern', 'emptydir', 'other'], root);
  assert.equal(allowed.code, 0, allowed.err);
  assert.equal(allowed.err, '');
  const glob = cli(['check', 'services/**/Dockerfile'], root);
  assert.equal(glob.code, 2);
  oneLine(glob.err, /no Dockerfile matches this pattern/);
});

test('an unknown rule code or level is exit 2 (check --rule nosuchrule=off Dockerfile)', () => {
  const root = tree({ Dockerfile: CLEAN, 'app.txt': '' });
  const code = cli(['check', '--rule', 'nosuchrule=off', 'Dockerfile'], root);
  assert.equal(code.code, 2);
  oneLine(code.err, /--rule nosuchrule=off: no rule has the code or alias "nosuchrule"/);
  const typo = cli(['check', '--rule', 'cmd-shel-form=off', 'Dockerfile'], root);
  oneLine(typo.err, /did you mean cmd-shell-form\?/);
  const level = cli(['check', '--rule', 'cmd-shell-form=loud', 'Dockerfile'], root);
  assert.equal(level.code, 2);
  oneLine(level.err, /the level must be off, hint, info, warning, error, not "loud"/);
  assert.equal(cli(['check', '--rule', 'DL3020=off', '--rule', 'JSONArgsRecommended=error', 'Dockerfile'], root).code, 0, 'aliases are accepted');
});

test('an unreadable file is exit 2 and never "no problems"', (t) => {
  const root = tree({ Dockerfile: CLEAN, 'app.txt': '' });
  fs.chmodSync(path.join(root, 'Dockerfile'), 0o000);
  if (!isRoot) {
    const r = cli(['check', 'Dockerfile'], root);
    assert.equal(r.code, 2);
    oneLine(r.err, /^dockerfile-notes: Dockerfile: cannot read: permission denied \(EACCES\)$/);
    assert.doesNotMatch(r.out, /no problems/);
    return;
  }
  fs.chmodSync(root, 0o755);
  const why = cannotRunAsNobody(root);
  if (why) return t.skip(why);
  const r = spawnCli(['check', 'Dockerfile'], root, { asNobody: true });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  oneLine(r.stderr, /^dockerfile-notes: Dockerfile: cannot read: permission denied \(EACCES\)$/);
  assert.doesNotMatch(r.stdout, /no problems/);
  assert.match(r.stdout, /0 Dockerfiles checked: no findings, but 1 problem reported above/);
});

test('--version prints the package version, in-process and from the bundle', () => {
  const r = cli(['--version'], REPO_ROOT);
  assert.deepEqual([r.code, r.out, r.err], [0, `${VERSION}\n`, '']);
  const spawned = spawnCli(['--version'], REPO_ROOT);
  assert.equal(spawned.status, 0, spawned.stderr);
  assert.equal(spawned.stdout, `${VERSION}\n`);
});

test('--help for each command lists its own options; no command is exit 2 with the overview on stderr', () => {
  const root = REPO_ROOT;
  const checkHelp = cli(['check', '--help'], root);
  assert.equal(checkHelp.code, 0);
  for (const flag of ['--format', '--fix', '--max-warnings', '--quiet', '--stdin-filename', '--ignore-pattern', '--no-error-on-unmatched-pattern', '--allow-incomplete']) {
    assert.match(checkHelp.out, new RegExp(`${flag}\\b`), flag);
  }
  assert.match(checkHelp.out, /Exit codes: 0/);
  const hoverHelp = cli(['help', 'hover'], root);
  assert.match(hoverHelp.out, /^Usage: dockerfile-notes hover/);
  assert.doesNotMatch(hoverHelp.out, /--fix/);
  const none = cli([], root);
  assert.equal(none.code, 2);
  assert.match(none.err, /dockerfile-notes check \[options\]/);
  const typo = cli(['chekc'], root);
  assert.equal(typo.code, 2);
  oneLine(typo.err, /unknown command "chekc"; did you mean check\?/);
});

test('warnings exit 0; --max-warnings N makes more than N exit 1 with a line saying so; errors exit 1', () => {
  const root = tree({ Dockerfile: WARNINGS_ONLY, 'app.txt': '', 'bad/Dockerfile': "FROM alpine\nCMD ['a']\n" });
  assert.equal(cli(['check', 'Dockerfile'], root).code, 0);
  assert.equal(cli(['check', '--max-warnings', '2', 'Dockerfile'], root).code, 0);
  const over = cli(['check', '--max-warnings', '1', 'Dockerfile'], root);
  assert.equal(over.code, 1);
  oneLine(over.err, /^dockerfile-notes: 2 warnings, more than --max-warnings 1$/);
  assert.equal(cli(['check', 'bad'], root).code, 1);
});

test('--quiet shows errors only and says how many other findings it left out', () => {
  const root = tree({ Dockerfile: WARNINGS_ONLY, 'app.txt': '', 'bad/Dockerfile': "FROM alpine\nCMD ['a']\n" });
  const quiet = cli(['check', '--quiet', 'Dockerfile'], root);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.out, '1 Dockerfile checked: no errors (2 other findings not shown: --quiet)\n');
  const errors = cli(['check', '--quiet', '--format', 'compact', '.'], root);
  assert.equal(errors.code, 1);
  assert.deepEqual(errors.out.trim().split('\n').map((l) => l.replace(/ .*\[/, ' [')), ['bad/Dockerfile:2:5: [exec-form-invalid-json]']);
});

test('--stdin --stdin-filename: the text from standard input, checked in the context of that path', () => {
  const root = tree({ 'svc/app.txt': '', 'svc/Dockerfile': 'FROM scratch\n' });
  const text = Buffer.from('FROM alpine\nCOPY app.txt missing.txt /app/\n');
  const r = cli(['check', '--stdin', '--stdin-filename', 'svc/Dockerfile', '--format', 'compact'], root, { readStdin: () => text });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.trim().split('\n').map((l) => l.replace(/ warning .*\[/, ' [')), ['svc/Dockerfile:2:14: [copy-source-missing]']);
  assert.equal(fs.readFileSync(path.join(root, 'svc/Dockerfile'), 'utf8'), 'FROM scratch\n', 'the file on disk is not read or written');
  const anonymous = cli(['check', '--stdin', '--format', 'compact'], root, { readStdin: () => Buffer.from('FROM a\nCMD run\n') });
  assert.match(anonymous.out, /^<stdin>:2:5: warning .*\[cmd-shell-form\]$/m);
  const spawned = spawnCli(['check', '--stdin', '--format', 'compact'], root, { input: 'FROM a\nCMD run\n' });
  assert.equal(spawned.status, 0, spawned.stderr);
  assert.match(spawned.stdout, /^<stdin>:2:5: warning .*\[cmd-shell-form\]$/m);
  assert.equal(cli(['check', '--stdin', 'Dockerfile'], root, { readStdin: () => text }).code, 2);
  assert.equal(cli(['check', '--stdin', '--fix'], root, { readStdin: () => text }).code, 2);
  assert.equal(cli(['check', '--stdin-filename', 'x'], root).code, 2);
});

/** A finding the engine will report once issue 18's catalogue row exists, injected here through the analysis seam. */
function withIncomplete(doc: Parameters<typeof analyze>[0], ctx: Parameters<typeof analyze>[1]): Finding[] {
  const incomplete: Finding = {
    code: 'analysis-incomplete',
    severity: 'info',
    message: 'The COPY/ADD checks stopped early (a value was too large to resolve), so this file was not fully checked.',
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
  };
  return [...analyze(doc, ctx), incomplete];
}

test('an analysis-incomplete finding is exit 2 (shown as an error) unless --allow-incomplete', () => {
  const root = tree({ Dockerfile: CLEAN, 'app.txt': '' });
  const r = cli(['check', '--format', 'compact', 'Dockerfile'], root, { analyze: withIncomplete });
  assert.equal(r.code, 2);
  oneLine(r.err, /^dockerfile-notes: Dockerfile: analysis incomplete at line 2: The COPY\/ADD checks stopped early .* \(--allow-incomplete accepts this\)$/);
  assert.match(r.out, /^Dockerfile:2:1: error .*\[analysis-incomplete\]$/m);
  const text = cli(['check', 'Dockerfile'], root, { analyze: withIncomplete });
  assert.doesNotMatch(text.out, /no problems/);
  const quiet = cli(['check', '--quiet', 'Dockerfile'], root, { analyze: withIncomplete });
  assert.match(quiet.out, /analysis-incomplete/, '--quiet still shows it');
  const allowed = cli(['check', '--allow-incomplete', '--format', 'compact', 'Dockerfile'], root, { analyze: withIncomplete });
  assert.equal(allowed.code, 0);
  assert.match(allowed.out, /^Dockerfile:2:1: info .*\[analysis-incomplete\]$/m);
  oneLine(allowed.err, /1 check could not finish \(accepted by --allow-incomplete\)/);
});
