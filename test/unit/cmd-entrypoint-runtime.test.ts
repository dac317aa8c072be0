// Issue 14: one test per case of its "Why". Each failed on the code before the runtime model
// (checked against main's engine in a scratch copy): a fix may only remove a diagnostic when the problem
// it names is gone, and messages must be true for the image at hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { applyEdits, safeFixEdits } from '../../server/src/engine/features/edits';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { commandInfo } from '../../server/src/engine/model/commands';
import { stageCommand } from '../../server/src/engine/model/commandLine';
import type { Finding, Fix } from '../../server/src/engine/types';

const ctx: AnalysisContext = { lang: 'en', settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };

function findings(text: string): Finding[] {
  return analyze(parseDocument(text), ctx);
}

function codes(text: string): string[] {
  return findings(text).map((f) => f.code);
}

function allFixes(text: string): Fix[] {
  const doc = parseDocument(text);
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
  return codeActions(doc, ctx, whole, analyze(doc, ctx));
}

/** What `source.fixAll` / `check --fix` do: every safe fix, round after round, to a fixed point. */
function fixAll(text: string): string {
  for (let round = 0; round < 5; round++) {
    const doc = parseDocument(text);
    const next = applyEdits(doc, safeFixEdits(allFixes(text)));
    if (next === text) return text;
    text = next;
  }
  return text;
}

function execArgs(text: string, line: number): string[] | undefined {
  const doc = parseDocument(text);
  const info = commandInfo(doc, doc.instructionAtLine(line)!);
  assert.equal(info?.form, 'exec', `line ${line} is not exec form in ${JSON.stringify(text)}`);
  return info?.args;
}

test('Fix All on ENTRYPOINT python app.py + CMD ["--port", "8080"] leaves the dropped CMD reported', () => {
  const text = 'FROM python:3.12\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n';
  const fixed = fixAll(text);
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'exec python app.py']);
  const left = findings(fixed);
  const ignored = left.find((f) => f.code === 'cmd-ignored-by-shell-entrypoint');
  assert.ok(ignored, `the CMD is still dropped after Fix All: ${JSON.stringify(left.map((f) => f.code))}`);
  assert.equal(ignored.severity, 'warning');
  assert.equal(ignored.range.start.line, 2);
  // The fix that passes the CMD on changes what runs: offered, never applied unattended.
  const pass = allFixes(fixed).find((f) => f.fixes?.code === 'cmd-ignored-by-shell-entrypoint');
  assert.ok(pass);
  assert.equal(pass.behaviour, 'changes');
  assert.notEqual(pass.safe, true);
  assert.match(pass.title, /changes what runs/);
  assert.deepEqual(safeFixEdits([pass]), []);
  assert.deepEqual(execArgs(applyEdits(parseDocument(fixed), pass.edits), 1), ['/bin/sh', '-c', 'exec python app.py "$@"', '--']);
  // Before any fix, the ENTRYPOINT's own quick fix offers the words as a change, titled so.
  const words = allFixes(text).find((f) => f.behaviour === 'changes' && f.edits[0]?.newText === '["python", "app.py"]');
  assert.ok(words, 'the "pass the CMD" fix with the bare words');
});

test('CMD python app.py --port $PORT: the fix puts exec in the kept shell, and the bare sh -c is still reported', () => {
  const text = 'FROM debian:12\nCMD python app.py --port $PORT\n';
  const fixed = fixAll(text);
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'exec python app.py --port $PORT']);
  assert.deepEqual(codes(fixed), []);
  // What the old fix wrote keeps the shell as PID 1 on dash: reported, with the same-behaviour exec fix.
  const old = 'FROM debian:12\nCMD ["/bin/sh", "-c", "python app.py --port $PORT"]\n';
  const [f] = findings(old).filter((x) => x.code === 'shell-main-process');
  assert.ok(f, 'shell-main-process on the exec-form sh -c');
  assert.match(f.message, /is dash and stays PID 1/);
  assert.deepEqual(execArgs(fixAll(old), 1), ['/bin/sh', '-c', 'exec python app.py --port $PORT']);
});

test('a compound command keeps sh -c exactly and keeps a diagnostic at info', () => {
  const text = 'FROM debian:12\nCMD python app.py | tee /log\n';
  const fixed = fixAll(text);
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'python app.py | tee /log']);
  const left = findings(fixed).filter((f) => f.code === 'shell-main-process');
  assert.equal(left.length, 1);
  assert.equal(left[0].severity, 'info');
  assert.match(left[0].message, /end the command with exec <program>/);
});

test('ENTRYPOINT [${NPM_CLI_PACKAGE}] is an exec form that is not JSON, never a shell form, never wrapped in sh -c', () => {
  const text = 'FROM node:20\nENTRYPOINT [${NPM_CLI_PACKAGE}]\n';
  assert.deepEqual(codes(text), ['exec-form-invalid-json']);
  assert.equal(fixAll(text), text, '--fix changes nothing');
  const refused = allFixes(text).find((f) => f.fixes?.code === 'exec-form-invalid-json');
  assert.equal(refused?.behaviour, 'refused');
  assert.match(refused?.disabledReason ?? '', /variable/);
  assert.ok(!allFixes(text).some((f) => f.edits.some((e) => e.newText.includes('/bin/sh'))));
  // The shell's test command is still shell form.
  assert.deepEqual(codes('FROM debian\nRUN [ -f /x ] && echo\n'), []);
});

test('a CMD from a later stage reaches the shell ENTRYPOINT: its conversion keeps dropping the CMD', () => {
  const text = 'FROM alpine AS base\nENTRYPOINT python app.py\nFROM base\nCMD ["--port", "8080"]\n';
  const fixed = fixAll(text);
  assert.deepEqual(execArgs(fixed, 1), ['/bin/sh', '-c', 'exec python app.py']);
  const doc = parseDocument(fixed);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['/bin/sh', '-c', 'exec python app.py', '--port', '8080']);
  assert.ok(codes(fixed).includes('cmd-ignored-by-shell-entrypoint'));
});

test('a CMD reaching the shell ENTRYPOINT through ONBUILD', () => {
  const text = 'FROM alpine AS base\nONBUILD CMD ["--port", "8080"]\nENTRYPOINT python app.py\nFROM base\n';
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['/bin/sh', '-c', 'python app.py', '--port', '8080']);
  const fixed = fixAll(text);
  assert.deepEqual(execArgs(fixed, 2), ['/bin/sh', '-c', 'exec python app.py']);
  assert.ok(codes(fixed).includes('cmd-ignored-by-shell-entrypoint'), 'reported in the child stage');
});

test("an exec ENTRYPOINT set by the parent's ONBUILD receives the child's shell CMD: no bare words", () => {
  const text = 'FROM alpine AS base\nONBUILD ENTRYPOINT ["/entrypoint.sh"]\nFROM base\nCMD app serve\n';
  const fixed = fixAll(text);
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['/entrypoint.sh', '/bin/sh', '-c', 'app serve']);
  const after = parseDocument(fixed);
  assert.deepEqual(stageCommand(after, after.stages[1]).argv, ['/entrypoint.sh', '/bin/sh', '-c', 'app serve']);
});

test("an ONBUILD CMD in the parent reaches the child's exec ENTRYPOINT: its conversion keeps the argv", () => {
  const text = 'FROM alpine AS base\nONBUILD CMD app serve\nFROM base\nENTRYPOINT ["/entrypoint.sh"]\n';
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['/entrypoint.sh', '/bin/sh', '-c', 'app serve']);
  const after = parseDocument(fixAll(text));
  assert.deepEqual(stageCommand(after, after.stages[1]).argv, ['/entrypoint.sh', '/bin/sh', '-c', 'app serve']);
});

test('a shell ENTRYPOINT that reads "$@": converting the CMD keeps its positional parameters', () => {
  const text = 'FROM debian\nENTRYPOINT exec app "$@"\nCMD serve --verbose\n';
  const before = parseDocument(text);
  const argv = stageCommand(before, before.stages[0]).argv;
  const after = parseDocument(fixAll(text));
  assert.deepEqual(stageCommand(after, after.stages[0]).argv, argv);
});

test('FROM --platform=windows/… and Windows images by name get cmd /S /C and no conversion; Linux "windows" names do', () => {
  for (const from of ['FROM --platform=windows/amd64 registry.example/app', 'FROM microsoft/iis', 'FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8']) {
    const text = `${from}\nCMD app serve\n`;
    assert.match(findings(text).find((f) => f.code === 'cmd-shell-form')!.message, /cmd \/S \/C/, from);
    assert.equal(fixAll(text), text, from);
  }
  // A Linux image this project does not know: converted (exec in the shell, as its ENTRYPOINT is unknown).
  const linux = 'FROM dockcross/windows-static-x64\nCMD make all\n';
  assert.doesNotMatch(findings(linux).find((f) => f.code === 'cmd-shell-form')!.message, /cmd \/S \/C/);
  assert.deepEqual(execArgs(fixAll(linux), 1), ['/bin/sh', '-c', 'exec make all']);
  assert.deepEqual(execArgs(fixAll('FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore\nCMD make\n'), 1), ['/bin/sh', '-c', 'exec make']);
});

test('chdir is a builtin; CMD -- python app.py and a continuation before a comment line convert', () => {
  assert.deepEqual(execArgs(fixAll('FROM debian\nCMD chdir /app\n'), 1), ['/bin/sh', '-c', 'chdir /app']);
  assert.equal(fixAll('FROM debian\nCMD -- python app.py\n'), 'FROM debian\nCMD ["python", "app.py"]\n');
  assert.equal(fixAll('FROM debian\nCMD python app.py \\\n# the end\n'), 'FROM debian\nCMD ["python", "app.py"]\n# the end\n');
});

test('quoted words and escapes are plain words: echo "a\\"b" \'c d\'', () => {
  assert.deepEqual(execArgs(fixAll('FROM debian\nCMD echo "a\\"b" \'c d\'\n'), 1), ['echo', 'a"b', 'c d']);
  // A backslash or an option keeps the builtin: dash's echo and /bin/echo differ there.
  assert.deepEqual(execArgs(fixAll('FROM debian\nCMD echo "a\\\\nb"\n'), 1)?.slice(0, 2), ['/bin/sh', '-c']);
  assert.deepEqual(execArgs(fixAll('FROM debian\nCMD echo -n x\n'), 1)?.slice(0, 2), ['/bin/sh', '-c']);
});

test('messages are true per base image: dash, BusyBox ash, bash, no shell, unknown', () => {
  const message = (from: string) => findings(`${from}\nCMD python app.py\n`).find((f) => f.code === 'cmd-shell-form')!;
  const dash = message('FROM python:3.12-slim');
  assert.match(dash.message, /dash, which stays PID 1/);
  assert.equal(dash.severity, 'warning');
  for (const from of ['FROM alpine:3.20', 'FROM python:3.12-alpine', 'FROM busybox']) {
    const f = message(from);
    assert.match(f.message, /is BusyBox ash, which replaces itself with "python", so your program is PID 1/, from);
    assert.doesNotMatch(f.message, /is dash/, from);
    assert.equal(f.severity, 'info', from);
  }
  for (const from of ['FROM fedora:40', 'FROM registry.access.redhat.com/ubi9/ubi', 'FROM amazonlinux:2023', 'FROM rockylinux:9']) {
    assert.match(message(from).message, /is bash, which replaces itself/, from);
  }
  const none = message('FROM gcr.io/distroless/python3-debian12');
  assert.equal(none.severity, 'error');
  assert.match(none.message, /no \/bin\/sh/);
  assert.match(message('FROM gcr.io/distroless/python3-debian12:debug').message, /BusyBox ash/);
  assert.match(message('FROM registry.example/team/base:1').message, /on Debian-based images \/bin\/sh is dash/);
  // Through FROM <stage> chains and ARG-resolved names.
  assert.match(findings('ARG BASE=alpine:3.20\nFROM ${BASE} AS b\nFROM b\nCMD python app.py\n').find((f) => f.code === 'cmd-shell-form')!.message, /BusyBox ash/);
  // A RUN that links bash as /bin/sh.
  assert.match(message('FROM debian\nRUN ln -sf /bin/bash /bin/sh').message, /is bash/);
  // With # check=error=true BuildKit fails the build on it, whatever the image.
  assert.equal(findings('# check=error=true\nFROM alpine\nCMD python app.py\n').find((f) => f.code === 'cmd-shell-form')!.severity, 'error');
});
