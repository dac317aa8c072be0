import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { applyEdits } from '../../server/src/engine/features/edits';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { commandInfo } from '../../server/src/engine/model/commands';
import type { Finding, Fix } from '../../server/src/engine/types';

const ctx: AnalysisContext = {
  lang: 'en',
  settings: DEFAULT_SETTINGS,
  fs: new CachedNodeFileSystem(),
  documentPath: null,
  workspaceFolder: null,
};

function findings(text: string, code?: string): Finding[] {
  const all = analyze(parseDocument(text), ctx);
  return code ? all.filter((f) => f.code === code) : all;
}

function codes(text: string): string[] {
  return findings(text).map((f) => f.code).filter((c) => /cmd|entrypoint|exec-form/.test(c));
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };

function fixesFor(text: string, code: string): Fix[] {
  const doc = parseDocument(text);
  const f = findings(text, code);
  assert.ok(f.length > 0, `expected ${code} in ${JSON.stringify(text)}`);
  return codeActions(doc, ctx, f[0].range, [f[0]]).filter((x) => x.kind === 'quickfix' && x.fixes?.code === code);
}

function applyFix(text: string, fix: Fix): string {
  return applyEdits(parseDocument(text), fix.edits);
}

/** The exec-form args of the instruction on `line` after parsing `text`. */
function execArgs(text: string, line: number): string[] | undefined {
  const doc = parseDocument(text);
  const info = commandInfo(doc, doc.instructionAtLine(line)!);
  assert.equal(info?.form, 'exec', `line ${line} is not exec form in ${JSON.stringify(text)}`);
  return info?.args;
}

test('cmd-shell-form: shell-form CMD is reported, exec form is not', () => {
  const f = findings('FROM alpine\nCMD node server.js\n', 'cmd-shell-form');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } });
  // BusyBox ash replaces itself with a single command: a difference worth knowing, not "the shell is PID 1".
  assert.equal(f[0].severity, 'info');
  assert.equal(findings('FROM debian\nCMD node server.js\n', 'cmd-shell-form')[0].severity, 'warning');
  assert.deepEqual(codes('FROM alpine\nCMD ["node", "server.js"]\n'), []);
});

test('cmd-shell-form is silent when the stage (or the stage it builds on) sets SHELL', () => {
  assert.deepEqual(findings('FROM alpine\nSHELL ["/bin/ash", "-c"]\nCMD node server.js\n', 'cmd-shell-form'), []);
  assert.deepEqual(findings('FROM alpine AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD node server.js\n', 'cmd-shell-form'), []);
  // A SHELL after the CMD does not count, and an unrelated stage's SHELL does not either.
  assert.equal(findings('FROM alpine\nCMD node server.js\nSHELL ["/bin/ash", "-c"]\n', 'cmd-shell-form').length, 1);
  assert.equal(findings('FROM alpine AS a\nSHELL ["/bin/ash", "-c"]\nFROM alpine\nCMD node server.js\n', 'cmd-shell-form').length, 1);
});

test('cmd-shell-form fix: plain words become the words, the diagnostic goes away', () => {
  const text = 'FROM debian\nCMD nginx -g "daemon off;"\n';
  const [fix] = fixesFor(text, 'cmd-shell-form');
  assert.equal(fix.safe, true);
  assert.equal(fix.behaviour, 'same');
  const fixed = applyFix(text, fix);
  assert.equal(fixed, 'FROM debian\nCMD ["nginx", "-g", "daemon off;"]\n');
  assert.deepEqual(codes(fixed), []);
});

test('cmd-shell-form fix under an image ENTRYPOINT (nginx): exec in the shell is the same behaviour, the words a change', () => {
  const text = 'FROM nginx\nCMD nginx -g "daemon off;"\n';
  const [same, change] = fixesFor(text, 'cmd-shell-form');
  assert.equal(same.safe, true);
  assert.deepEqual(execArgs(applyFix(text, same), 1), ['/bin/sh', '-c', 'exec nginx -g "daemon off;"']);
  assert.deepEqual(codes(applyFix(text, same)), []);
  assert.equal(change.behaviour, 'changes');
  assert.notEqual(change.safe, true);
  assert.match(change.title, /changes what runs/);
  assert.deepEqual(execArgs(applyFix(text, change), 1), ['nginx', '-g', 'daemon off;']);
});

test('cmd-shell-form fix keeps the shell for shell syntax and joins continuations', () => {
  const text = 'FROM alpine\nCMD echo "$HOME" \\\n  # a comment\n\n  && exec app --port=80\nEXPOSE 80\n';
  const fixed = applyFix(text, fixesFor(text, 'cmd-shell-form')[0]);
  assert.equal(fixed, 'FROM alpine\nCMD ["/bin/sh", "-c", "echo \\"$HOME\\"   && exec app --port=80"]\nEXPOSE 80\n');
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'echo "$HOME"   && exec app --port=80']);
});

test('the conversion uses the SHELL inherited through FROM <stage>', () => {
  const text = 'FROM alpine AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b\n';
  const doc = parseDocument(text);
  const refactors = codeActions(doc, ctx, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, []);
  const r = refactors.find((x) => x.kind === 'refactor.rewrite');
  assert.ok(r, 'a refactor is offered even without a diagnostic');
  assert.deepEqual(execArgs(applyFix(text, r), 3), ['/bin/bash', '-o', 'pipefail', '-c', 'a | b']);
});

test('the backtick escape directive is respected', () => {
  const text = '# escape=`\nFROM alpine\nRUN app c:\\dir `\n    --flag\n';
  const doc = parseDocument(text);
  const r = codeActions(doc, ctx, WHOLE, []).find((x) => x.kind === 'refactor.rewrite')!;
  assert.deepEqual(execArgs(applyFix(text, r), 2), ['app', 'c:dir', '--flag']);
});

test('a CMD feeding an exec-form ENTRYPOINT: the refactoring keeps /bin/sh -c, the quick fix passes the words (unsafe)', () => {
  const text = 'FROM alpine\nENTRYPOINT ["/entrypoint.sh"]\nCMD app serve\n';
  const doc = parseDocument(text);
  const refactor = codeActions(doc, ctx, WHOLE, []).find((x) => x.group === 'exec-form')!;
  assert.deepEqual(execArgs(applyEdits(doc, refactor.edits), 2), ['/bin/sh', '-c', 'app serve']);
  const [fix] = fixesFor(text, 'cmd-shell-form');
  assert.notEqual(fix.safe, true);
  assert.deepEqual(execArgs(applyFix(text, fix), 2), ['app', 'serve']);
});

test('HEALTHCHECK options and RUN flags are kept; heredocs are not touched', () => {
  const text = 'FROM alpine\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nRUN --mount=type=cache,target=/c make\nRUN <<EOF\necho hi\nEOF\n';
  const doc = parseDocument(text);
  const all = codeActions(doc, ctx, WHOLE, []).filter((x) => x.group === 'exec-form');
  assert.equal(all.length, 2);
  const fixed = applyEdits(doc, all.flatMap((x) => x.edits));
  assert.equal(fixed, 'FROM alpine\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\nRUN --mount=type=cache,target=/c ["make"]\nRUN <<EOF\necho hi\nEOF\n');
});

test('exec form that is already right is never touched', () => {
  const doc = parseDocument('FROM alpine\nCMD ["a", "b"]\nRUN ["x"]\n');
  assert.deepEqual(codeActions(doc, ctx, WHOLE, []).filter((x) => x.group === 'exec-form'), []);
});

test('entrypoint-shell-form is reported and converted; with a CMD in the stage the shell is kept', () => {
  const text = 'FROM alpine\nENTRYPOINT exec app\n';
  assert.equal(findings(text, 'entrypoint-shell-form').length, 1);
  assert.deepEqual(execArgs(applyFix(text, fixesFor(text, 'entrypoint-shell-form')[0]), 1), ['app']);
  // With a CMD reaching it, bare words would start passing the CMD: the shell stays, `exec` makes app PID 1.
  const withCmd = 'FROM alpine\nENTRYPOINT app\nCMD ["--help"]\n';
  const fixed = applyFix(withCmd, fixesFor(withCmd, 'entrypoint-shell-form')[0]);
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'exec app']);
  assert.deepEqual(codes(fixed), ['cmd-ignored-by-shell-entrypoint'], 'the CMD is still dropped, and still reported');
});

test('cmd-ignored-by-shell-entrypoint', () => {
  const f = findings('FROM alpine\nENTRYPOINT app\nCMD ["--verbose"]\n', 'cmd-ignored-by-shell-entrypoint');
  assert.equal(f.length, 1);
  assert.equal(f[0].range.start.line, 2);
  assert.equal(f[0].related?.[0].range.start.line, 1);
  // Inherited shell-form ENTRYPOINT, CMD in the child stage.
  assert.equal(findings('FROM alpine AS a\nENTRYPOINT app\nFROM a\nCMD ["x"]\n', 'cmd-ignored-by-shell-entrypoint').length, 1);
  // Exec-form ENTRYPOINT, or a shell one that reads "$@", does receive the CMD.
  assert.deepEqual(findings('FROM alpine\nENTRYPOINT ["app"]\nCMD ["--verbose"]\n', 'cmd-ignored-by-shell-entrypoint'), []);
  assert.deepEqual(findings('FROM alpine\nENTRYPOINT ["/bin/sh", "-c", "exec app \\"$@\\"", "--"]\nCMD ["x"]\n', 'cmd-ignored-by-shell-entrypoint'), []);
  // A shell form that reads "$@" loses the CMD's first word: it becomes $0.
  const first = findings('FROM alpine\nENTRYPOINT exec app "$@"\nCMD ["x", "y"]\n', 'cmd-ignored-by-shell-entrypoint');
  assert.equal(first.length, 1);
  assert.match(first[0].message, /first word of this CMD, "x"/);
  // An ENTRYPOINT in the child stage drops the inherited CMD: nothing to report there.
  assert.deepEqual(findings('FROM alpine AS a\nCMD ["x"]\nFROM a\nENTRYPOINT app\n', 'cmd-ignored-by-shell-entrypoint'), []);
});

test('cmd-background-service: service / systemctl / init.d / trailing &, in both forms', () => {
  for (const cmd of ['CMD service nginx start', 'CMD ["service", "nginx", "start"]', 'CMD /etc/init.d/ssh start',
    'CMD systemctl start cron', 'CMD nohup app &', 'CMD ["sh", "-c", "app &"]', 'CMD apachectl start',
    'CMD apt-get update && service nginx start']) {
    assert.equal(findings(`FROM debian\n${cmd}\n`, 'cmd-background-service').length, 1, cmd);
  }
  for (const cmd of ['CMD ["nginx", "-g", "daemon off;"]', 'CMD service nginx start && tail -f /var/log/x',
    'CMD a && b', 'CMD echo "&"', 'CMD service nginx status']) {
    assert.deepEqual(findings(`FROM debian\n${cmd}\n`, 'cmd-background-service'), [], cmd);
  }
});

test('cmd-background-service fixes: foreground form of known services, drop a trailing &', () => {
  const cases: Array<[string, string[]]> = [
    ['CMD service nginx start', ['nginx', '-g', 'daemon off;']],
    ['CMD service php7.4-fpm start', ['php-fpm7.4', '-F']],
    ['CMD /etc/init.d/ssh start', ['/usr/sbin/sshd', '-D']],
    ['CMD service apache2 start', ['apache2ctl', '-D', 'FOREGROUND']],
    ['CMD ["service", "supervisor", "start"]', ['supervisord', '-n']],
  ];
  for (const [cmd, expected] of cases) {
    const text = `FROM debian\n${cmd}\n`;
    const fixed = applyFix(text, fixesFor(text, 'cmd-background-service')[0]);
    assert.deepEqual(execArgs(fixed, 1), expected, cmd);
    assert.deepEqual(findings(fixed, 'cmd-background-service'), []);
  }
  const amp = 'FROM debian\nCMD nohup app &\n';
  const fixed = applyFix(amp, fixesFor(amp, 'cmd-background-service')[0]);
  assert.equal(fixed, 'FROM debian\nCMD nohup app\n');
});

test('cmd-multiple / entrypoint-multiple flag the earlier ones per stage, with the winner as related info', () => {
  const text = 'FROM a AS one\nCMD ["x"]\nCMD ["y"]\nENTRYPOINT ["e"]\nENTRYPOINT ["f"]\nFROM b\nCMD ["z"]\n';
  const cmd = findings(text, 'cmd-multiple');
  assert.equal(cmd.length, 1);
  assert.equal(cmd[0].range.start.line, 1);
  assert.deepEqual(cmd[0].tags, ['unnecessary']);
  assert.equal(cmd[0].related?.[0].range.start.line, 2);
  assert.match(cmd[0].message, /line 3/);
  const ep = findings(text, 'entrypoint-multiple');
  assert.equal(ep.length, 1);
  assert.equal(ep[0].range.start.line, 3);
  const fixed = applyFix(text, fixesFor(text, 'cmd-multiple')[0]);
  assert.equal(fixed, 'FROM a AS one\nCMD ["y"]\nENTRYPOINT ["e"]\nENTRYPOINT ["f"]\nFROM b\nCMD ["z"]\n');
  assert.deepEqual(findings(fixed, 'cmd-multiple'), []);
});

test('aliases switch the rules off: JSONArgsRecommended, DL3025, DL4003', () => {
  const text = 'FROM a\nCMD x\nCMD y\n';
  const run = (rules: Record<string, 'off'>) =>
    analyze(parseDocument(text), { ...ctx, settings: { ...DEFAULT_SETTINGS, rules } }).map((f) => f.code);
  assert.ok(!run({ JSONArgsRecommended: 'off' }).includes('cmd-shell-form'));
  assert.ok(!run({ DL4003: 'off' }).includes('cmd-multiple'));
  assert.ok(run({ DL4003: 'off' }).includes('cmd-shell-form'));
  // Suppressed with a BuildKit check directive.
  const skipped = analyze(parseDocument('# check=skip=JSONArgsRecommended\nFROM a\nCMD x\n'), ctx).map((f) => f.code);
  assert.ok(!skipped.includes('cmd-shell-form'));
});

test('messages exist in Chinese', () => {
  const zh = analyze(parseDocument('FROM a\nCMD x\n'), { ...ctx, lang: 'zh-cn' }).find((f) => f.code === 'cmd-shell-form');
  assert.match(zh?.message ?? '', /主进程|1 号进程|PID 1/);
});

test('CRLF files and lower-case keywords convert; Windows images (cmd /S /C) are left alone', () => {
  const crlf = 'FROM a\r\ncmd echo \\\r\n  hi\r\nRUN x\r\n';
  const doc = parseDocument(crlf);
  const all = codeActions(doc, ctx, WHOLE, []).filter((x) => x.group === 'exec-form');
  assert.equal(applyEdits(doc, all.flatMap((x) => x.edits)), 'FROM a\r\ncmd ["/bin/sh", "-c", "echo   hi"]\r\nRUN ["x"]\r\n');
  for (const text of ['FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD dir\n',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022 AS b\nFROM b\nRUN dir\n']) {
    const d = parseDocument(text);
    assert.deepEqual(codeActions(d, ctx, WHOLE, analyze(d, ctx)).filter((x) => x.group === 'exec-form' || x.safe), [], text);
  }
});
