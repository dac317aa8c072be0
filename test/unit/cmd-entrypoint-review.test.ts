// Review of the CMD / ENTRYPOINT rules (issue 5): Windows images, an exec-form ENTRYPOINT receiving a
// shell-form CMD, `sh -c` scripts in exec form, ONBUILD triggers, element ranges, suppression comments,
// and `CMD <<EOF`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { safeFixEdits } from '../../server/src/engine/features/edits';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { stageCommand } from '../../server/src/engine/model/commandLine';
import { hover } from '../../server/src/engine/features/hover';
import type { Finding, Fix, Lang } from '../../server/src/engine/types';

function context(lang: Lang = 'en'): AnalysisContext {
  return { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
}

function findings(text: string, code: string, lang: Lang = 'en'): Finding[] {
  return analyze(parseDocument(text), context(lang)).filter((f) => f.code === code);
}

function actions(text: string, finding?: Finding): Fix[] {
  const doc = parseDocument(text);
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
  return codeActions(doc, context(), finding ? finding.range : whole, finding ? [finding] : analyze(doc, context()));
}

const WINDOWS = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';

test('Windows image: cmd-shell-form names cmd /S /C and promises no conversion; none is offered', () => {
  const text = `${WINDOWS}CMD ping -t localhost\n`;
  const [f] = findings(text, 'cmd-shell-form');
  assert.ok(f, 'still reported');
  assert.match(f.message, /cmd \/S \/C/);
  assert.doesNotMatch(f.message, /\/bin\/sh/);
  assert.doesNotMatch(f.message, /quick fix keeps/);
  assert.match(findings(text, 'cmd-shell-form', 'zh-cn')[0].message, /cmd \/S \/C/);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
  assert.deepEqual(actions(text).filter((a) => a.kind === 'refactor.rewrite'), [], 'no refactor either');
  assert.deepEqual(safeFixEdits(actions(text)), [], '--fix changes nothing');
});

test('Windows image inherited through FROM <stage>: entrypoint-shell-form and the hover argv use cmd /S /C', () => {
  const text = 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base\nFROM base\nENTRYPOINT app.exe --serve\n';
  const [f] = findings(text, 'entrypoint-shell-form');
  assert.match(f.message, /cmd \/S \/C/);
  assert.doesNotMatch(f.message, /\/bin\/sh/);
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[1]).argv, ['cmd', '/S', '/C', 'app.exe --serve']);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
});

test('Linux image: the message names the image\'s /bin/sh, and --fix applies the conversion', () => {
  const text = 'FROM alpine\nCMD node server.js\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.match(f.message, /\/bin\/sh is BusyBox ash, which replaces itself with "node"/);
  assert.equal(safeFixEdits(actions(text)).length, 1);
  const doc = parseDocument(text);
  assert.deepEqual(stageCommand(doc, doc.stages[0]).argv, ['/bin/sh', '-c', 'node server.js']);
});

test('a shell-form CMD that cannot be rewritten gets a message without the quick-fix promise', () => {
  const text = 'FROM alpine\nCMD cat <<<"hi"\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.doesNotMatch(f.message, /quick fix/);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
});

test('exec-form ENTRYPOINT + shell-form CMD: the program is PID 1 and gets /bin/sh -c …; fix offers the words (not preferred, not safe)', () => {
  const text = 'FROM alpine\nENTRYPOINT ["app"]\nCMD serve --verbose\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.match(f.message, /line 2/);
  assert.match(f.message, /"app" is the main process/);
  assert.match(f.message, /\/bin\/sh -c/);
  assert.match(f.message, /CMD \["serve", "--verbose"\]/);
  assert.doesNotMatch(f.message, /the shell is PID 1/);
  assert.match(findings(text, 'cmd-shell-form', 'zh-cn')[0].message, /“app”成为主进程/);
  const fixes = actions(text, f).filter((a) => a.kind === 'quickfix');
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0].isPreferred, false);
  assert.notEqual(fixes[0].safe, true);
  assert.equal(fixes[0].edits[0].newText, '["serve", "--verbose"]');
  assert.deepEqual(safeFixEdits(actions(text)), [], '--fix does not change the argv');
  // The exact rewrite is still there as a refactoring.
  assert.ok(actions(text).some((a) => a.kind === 'refactor.rewrite' && a.edits[0].newText === '["/bin/sh", "-c", "serve --verbose"]'));
});

test('exec-form ENTRYPOINT inherited from the parent stage; shell syntax in the CMD gets no word suggestion', () => {
  const text = 'FROM alpine AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nCMD exec app --port=$PORT\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.match(f.message, /"tini" is the main process/);
  assert.doesNotMatch(f.message, /write CMD \[/);
  assert.deepEqual(actions(text, f).filter((a) => a.kind === 'quickfix'), []);
});

test('a CMD or ENTRYPOINT starting with --word fails the build (unknown flag), whatever the SHELL', () => {
  const text = 'FROM alpine\nSHELL ["/bin/bash", "-c"]\nENTRYPOINT ["app"]\nCMD --verbose\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.match(f.message, /unknown flag/);
  assert.match(f.message, /"--verbose"/);
  const [fix] = actions(text, f).filter((a) => a.kind === 'quickfix');
  assert.equal(fix.edits[0].newText, '["--verbose"]');
  assert.notEqual(fix.safe, true);
  assert.match(findings('FROM alpine\nENTRYPOINT --x\n', 'entrypoint-shell-form')[0].message, /unknown flag/);
});

test('hover: the CMD bullet names the ENTRYPOINT program as the main process, not the shell', () => {
  const text = 'FROM alpine\nENTRYPOINT ["app"]\nCMD serve --verbose\n';
  const doc = parseDocument(text);
  const h = hover(doc, context(), { line: 2, character: 1 });
  assert.ok(h);
  assert.match(h.markdown, /`app` is the main process/);
  assert.doesNotMatch(h.markdown, /the main process is the shell/);
  assert.match(hover(doc, context('zh-cn'), { line: 2, character: 1 })!.markdown, /主进程是 `app`/);
  // Without an ENTRYPOINT: on dash the shell is the main process; BusyBox ash replaces itself with `serve`.
  assert.match(hover(parseDocument('FROM debian\nCMD serve\n'), context(), { line: 1, character: 1 })!.markdown, /the main process is the shell/);
  assert.match(hover(parseDocument('FROM alpine\nCMD serve\n'), context(), { line: 1, character: 1 })!.markdown, /BusyBox ash, which replaces itself with `serve`/);
});

test('exec-form-variable: a $VAR in a sh -c script is for that shell, wherever the shell sits in the array', () => {
  const silent = [
    'CMD ["tini", "--", "sh", "-c", "exec app --port=$PORT"]',
    'CMD ["/usr/bin/dumb-init", "/bin/bash", "-c", "exec app ${PORT}"]',
    'ENTRYPOINT ["gosu", "app", "/bin/sh", "-ec", "exec app $PORT"]',
    'CMD ["su-exec", "app", "env", "A=1", "sh", "-c", "echo $A"]',
    'CMD ["bash", "-o", "pipefail", "-c", "curl $URL | sh"]',
    'CMD ["s6-setuidgid", "app", "zsh", "-lc", "echo $HOME"]',
    'RUN ["powershell", "-Command", "$env:PATH"]',
  ];
  for (const line of silent) assert.deepEqual(findings(`FROM alpine\n${line}\n`, 'exec-form-variable'), [], line);
  const reported: Array<[string, string]> = [
    ['CMD ["app", "--port=$PORT"]', '$PORT'],
    // After the script, arguments are $0, $1 … of the shell: passed literally.
    ['CMD ["sh", "-c", "echo \\"$1\\"", "sh", "$HOME"]', '$HOME'],
    // A shell running a script file does not expand its arguments either.
    ['CMD ["sh", "/entry.sh", "$HOME"]', '$HOME'],
    ['CMD ["tini", "--", "app", "${PORT}"]', '${PORT}'],
  ];
  for (const [line, variable] of reported) {
    const f = findings(`FROM alpine\n${line}\n`, 'exec-form-variable');
    assert.equal(f.length, 1, line);
    assert.match(f[0].message, new RegExp(variable.replace(/[$.{}]/g, '\\$&')), line);
  }
  // No wrap-in-a-shell fix when the array already holds a shell script (it would be expanded twice).
  const text = 'FROM alpine\nCMD ["sh", "-c", "echo \\"$1\\"", "sh", "$HOME"]\n';
  assert.deepEqual(actions(text, findings(text, 'exec-form-variable')[0]).filter((a) => a.kind === 'quickfix'), []);
});

test('exec-form-variable and exec-form-single-string cover the offending element, also across continuation lines', () => {
  const [v] = findings('FROM alpine\nCMD ["echo", "$HOME"]\n', 'exec-form-variable');
  assert.deepEqual(v.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 20 } });
  const text = 'FROM alpine\nCMD ["app", \\\n     "--name=\\"x\\"", \\\n     "${PORT}"]\n';
  const [w] = findings(text, 'exec-form-variable');
  assert.deepEqual(w.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 14 } });
  // The quick fix still finds its instruction from the element's line.
  assert.equal(actions(text, w).filter((a) => a.kind === 'quickfix').length, 1);
  const [s] = findings('FROM alpine\nRUN  [ "npm start" ]\n', 'exec-form-single-string');
  assert.deepEqual(s.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 18 } });
});

test('# hadolint ignore= applies to the line right after the comment only (hadolint Pragma.hs: line + 1)', () => {
  const shellForm = (lines: string[]) => findings(['FROM alpine', ...lines, ''].join('\n'), 'cmd-shell-form').length;
  assert.equal(shellForm(['# hadolint ignore=DL3025', 'CMD echo hi']), 0);
  assert.equal(shellForm(['# hadolint ignore=DL3025', '# other comment', 'CMD echo hi']), 1);
  assert.equal(shellForm(['# hadolint ignore=DL3025', '', 'CMD echo hi']), 1);
  assert.equal(shellForm(['# other comment', '# hadolint ignore=DL3025', 'CMD echo hi']), 0);
});

test('# check=skip= before an instruction: any of the comments since the previous instruction, blank lines allowed, a bare # ends them', () => {
  const shellForm = (lines: string[]) => findings(['FROM alpine', 'RUN true', ...lines, ''].join('\n'), 'cmd-shell-form').length;
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended', 'CMD echo hi']), 0);
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended', '# why: the shell is wanted', 'CMD echo hi']), 0);
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended', '', 'CMD echo hi']), 0);
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended', '#', 'CMD echo hi']), 1, 'a bare # starts the comments afresh');
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended // the shell is wanted', 'CMD echo hi']), 0);
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended;bogus=1', 'CMD echo hi']), 1, 'an option BuildKit rejects skips nothing');
  // Only the first check= counts.
  assert.equal(shellForm(['# check=skip=CopyIgnoredFile', '# check=skip=JSONArgsRecommended', 'CMD echo hi']), 1);
  // It belongs to the next instruction, not to a later one.
  assert.equal(shellForm(['# check=skip=JSONArgsRecommended', 'EXPOSE 80', 'CMD echo hi']), 1);
});

test('CMD <<EOF: BuildKit reads heredocs only for RUN, COPY and ADD; the message says so, nothing is converted', () => {
  const text = 'FROM alpine\nSHELL ["/bin/bash", "-c"]\nCMD <<EOF\necho hi\nEOF\n';
  const [f] = findings(text, 'cmd-shell-form');
  assert.ok(f, 'reported even with SHELL: the build fails');
  assert.match(f.message, /RUN, COPY and ADD/);
  assert.match(f.message, /unknown instruction/);
  assert.match(f.message, /"EOF"/);
  assert.match(findings(text, 'cmd-shell-form', 'zh-cn')[0].message, /RUN、COPY 和 ADD/);
  assert.deepEqual(actions(text).filter((a) => a.kind === 'quickfix' || a.kind === 'refactor.rewrite'), []);
  const doc = parseDocument(text);
  assert.match(hover(doc, context(), { line: 2, character: 5 })!.markdown, /only for RUN, COPY and ADD/);
  assert.match(findings('FROM alpine\nENTRYPOINT cat <<-"END"\nx\nEND\n', 'entrypoint-shell-form')[0].message, /"END"/);
  // A here-string is not a heredoc.
  assert.doesNotMatch(findings('FROM alpine\nCMD cat <<<hi\n', 'cmd-shell-form')[0].message, /here-document/);
});

test('ONBUILD CMD / RUN: the shell-form and JSON rules and the conversion apply to the trigger, ranges on its arguments', () => {
  const text = 'FROM alpine\nONBUILD CMD echo hi\nONBUILD RUN ["npm start"]\nONBUILD ENTRYPOINT [\'app\']\nONBUILD ADD . /app\n';
  const [cmd] = findings(text, 'cmd-shell-form');
  assert.deepEqual(cmd.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 19 } });
  const [single] = findings(text, 'exec-form-single-string');
  assert.deepEqual(single.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 24 } });
  const [json] = findings(text, 'exec-form-invalid-json');
  assert.equal(json.range.start.line, 3);
  assert.equal(json.range.start.character, 19);
  // The quick fix and the refactoring rewrite the trigger's command only.
  const [fix] = actions(text, cmd).filter((a) => a.kind === 'quickfix');
  assert.deepEqual(fix.edits, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 19 } }, newText: '["/bin/sh", "-c", "echo hi"]' }]);
  assert.ok(actions(text).some((a) => a.kind === 'refactor.rewrite' && a.edits[0].range.start.line === 1));
  // A trigger ENTRYPOINT keeps its shell: the child image may set a CMD after it.
  const ep = 'FROM alpine\nONBUILD ENTRYPOINT app serve\n';
  assert.deepEqual(actions(ep).filter((a) => a.kind === 'refactor.rewrite').map((a) => a.edits[0].newText), ['["/bin/sh", "-c", "exec app serve"]']);
  // The trigger does not count as this stage's CMD.
  assert.deepEqual(findings('FROM alpine\nONBUILD CMD ["a"]\nCMD ["b"]\n', 'cmd-multiple'), []);
});

test('ONBUILD CMD: the shell a trigger uses is the one the stage ends with', () => {
  assert.equal(findings('FROM alpine\nONBUILD CMD echo hi\n', 'cmd-shell-form').length, 1);
  assert.deepEqual(findings('FROM alpine\nONBUILD CMD echo hi\nSHELL ["/bin/bash", "-c"]\n', 'cmd-shell-form'), []);
  const text = 'FROM alpine\nONBUILD RUN echo $HOME\nSHELL ["/bin/bash", "-c"]\n';
  assert.deepEqual(actions(text).filter((a) => a.kind === 'refactor.rewrite').map((a) => a.edits[0].newText), ['["/bin/bash", "-c", "echo $HOME"]']);
});

test('hover on ONBUILD CMD: a trigger for a child build, not "neither ENTRYPOINT nor CMD is set"', () => {
  const text = 'FROM alpine\nONBUILD CMD echo hi\n';
  const doc = parseDocument(text);
  for (const character of [9, 14]) {
    const h = hover(doc, context(), { line: 1, character });
    assert.ok(h, `hover at ${character}`);
    assert.match(h.markdown, /ONBUILD trigger/);
    assert.match(h.markdown, /built `FROM` this one/);
    assert.doesNotMatch(h.markdown, /Neither ENTRYPOINT nor CMD/);
  }
  assert.match(hover(doc, context('zh-cn'), { line: 1, character: 9 })!.markdown, /ONBUILD 触发器/);
  // A later stage built FROM this one runs the trigger: its command is the trigger's CMD.
  const multi = parseDocument('FROM alpine AS base\nONBUILD CMD echo hi\nFROM base\n');
  assert.deepEqual(stageCommand(multi, multi.stages[1]).argv, ['/bin/sh', '-c', 'echo hi']);
  assert.deepEqual(stageCommand(multi, multi.stages[0]).argv, []);
});
