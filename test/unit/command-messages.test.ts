// Issue 17, Problems-panel messages of the CMD/ENTRYPOINT, exec-form and JSON-form rules, as the user reads
// them (placeholders and inserted clauses filled in), over Dockerfiles that between them produce every
// variant: each is one plain sentence in both languages, every template of these rows is used by some
// finding, fix title or refusal, quick-fix titles say what they do to what runs, and the hover at a finding
// does not say the finding's sentence again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { getRule } from '../../server/src/engine/catalog';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import type { Finding, Fix, Lang } from '../../server/src/engine/types';
import { styleProblems } from '../helpers/messageStyle';
import { repeats, sentencesOf } from '../helpers/hoverRepeats';

const CODES = [
  'cmd-shell-form',
  'entrypoint-shell-form',
  'cmd-ignored-by-shell-entrypoint',
  'cmd-background-service',
  'cmd-multiple',
  'entrypoint-multiple',
  'shell-main-process',
  'exec-form-variable',
  'exec-form-single-string',
  'exec-form-invalid-json',
];

/** Between them, every variant of the rows above (the comment names the one a file is there for). */
const FILES = [
  'FROM python:3.12-slim\nCMD gunicorn app:app --bind 0.0.0.0:$PORT\n', // pid1.dash
  'FROM registry.example/team/base:1\nCMD python app.py\n', // pid1.unknown, fixImage
  'FROM debian:12\nCMD python app.py | tee /log\n', // pid1.compoundDash
  'FROM registry.example/team/base:1\nCMD python app.py | tee /log\n', // pid1.compoundUnknown
  'FROM alpine:3.20\nCMD node server.js\n', // pid1.execs
  'FROM alpine:3.20\nCMD node server.js | tee /log\n', // pid1.compoundExecs
  'FROM debian:12\nCMD exec node server.js\n', // pid1.exec
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD app.exe --serve\n', // windows
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENTRYPOINT app.exe --serve\n', // windows (ENTRYPOINT)
  'FROM debian:12\nENTRYPOINT ["app"]\nCMD serve --verbose\n', // entrypointExec, fixArgs
  'FROM debian:12\nENTRYPOINT ["tini", "--"]\nCMD node server.js | tee /log\n', // entrypointExecScript
  'FROM alpine\nCMD cat <<EOF\nhello\nEOF\n', // heredoc
  'FROM alpine\nENTRYPOINT --verbose\n', // unknownFlag, fixFlag
  'FROM gcr.io/distroless/python3-debian12\nCMD python app.py\n', // noShell
  'FROM scratch\nCMD app --serve\n', // fixWords
  'FROM scratch\nENTRYPOINT app --serve\n', // fixWords (ENTRYPOINT)
  'FROM node:20\nENTRYPOINT node server.js\n', // args.ignored
  'FROM node:20\nENTRYPOINT node server.js "$@"\n', // args.reads
  'FROM python:3.12-slim\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n', // default, fixPass
  'FROM python:3.12-slim\nENTRYPOINT ["/bin/sh", "-c", "python app.py \\"$@\\""]\nCMD ["x", "--port", "8080"]\n', // first
  'FROM python:3.12-slim\nENTRYPOINT ["sh", "-c", "python app.py"]\n', // noCmd
  'FROM python:3.12-slim\nENTRYPOINT ["/bin/sh", "-c", "a | b"]\nCMD ["x"]\n', // refusedCompound
  'FROM debian:12\nCMD ["/bin/sh", "-c", "python app.py --port $PORT"]\n', // shell-main-process default, advice.single, fix
  'FROM registry.example/team/base:1\nCMD ["/bin/sh", "-c", "python app.py --port $PORT"]\n', // unknown
  'FROM debian:12\nCMD ["dash", "-c", "python app.py | tee /log"]\n', // dash, advice.compound
  'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "python app.py | tee /log"]\n', // execs
  'FROM ubuntu:24.04\nCMD service nginx start\n', // background default, fix
  'FROM ubuntu:24.04\nCMD node server.js &\n', // ampersand, fixAmpersand
  'FROM alpine\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n', // multiple, winner
  'FROM eclipse-temurin:21\nCMD ["java", "-jar", "$APP_HOME/app.jar"]\n', // exec-form-variable
  'FROM node:20\nCMD ["npm start"]\n', // single-string, fixWords
  'FROM node:20\nCMD ["npm start && node x"]\n', // fixShell
  "FROM node:20\nCMD ['node', 'app.js']\n", // singleQuotes
  'FROM node:20\nCMD ["node", "app.js",]\n', // trailingComma
  'FROM node:20\nCMD ["C:\\app"]\n', // badEscape
  'FROM node:20\nCMD ["node", 1]\n', // notStrings
  'FROM node:20\nCMD ["node", "app.js"\n', // unterminated
  'FROM node:20\nCMD ["node" "app.js"]\n', // missingComma
  'FROM node:20\nCMD ["a", "b"]]\n', // syntax
  'FROM node:20\nENTRYPOINT [${NPM_CLI_PACKAGE}]\n', // unquoted, refusedVariable
  'FROM node:20\nENTRYPOINT ["node"] # the app\n', // trailingText
  "FROM node:20\nCOPY ['a.txt', '/app/']\n", // list
  "FROM node:20\nSHELL ['/bin/bash', '-c']\n", // shellInstruction
];

/**
 * Templates no file can reach today: the related location "The CMD it drops" is for a finding placed on the
 * ENTRYPOINT, which needs a CMD from another stage that this ENTRYPOINT did not clear — BuildKit clears it.
 */
const UNREACHED = new Set(['cmd-ignored-by-shell-entrypoint.cmd']);

/** Messages longer than this, placeholders and inserted clauses filled in, are too long to read in one line. */
const MAX_FILLED = { en: 260, 'zh-cn': 170 } as const;

interface Said {
  file: string;
  findings: Finding[];
  fixes: Fix[];
}

function contextFor(lang: Lang): AnalysisContext {
  return { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
}

function run(lang: Lang): Said[] {
  const ctx = contextFor(lang);
  return FILES.map((file) => {
    const doc = parseDocument(file);
    const findings = analyze(doc, ctx).filter((f) => CODES.includes(f.code));
    const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount(), character: 0 } };
    return { file, findings, fixes: codeActions(doc, ctx, whole, findings) };
  });
}

/** A template as a pattern: its placeholders match any text. */
function patternOf(template: string): RegExp {
  return new RegExp(template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]+?'));
}

for (const lang of ['en', 'zh-cn'] as const) {
  const said = run(lang);
  const messages = said.flatMap((s) => s.findings.map((f) => ({ file: s.file, code: f.code, text: f.message })));
  const related = said.flatMap((s) => s.findings.flatMap((f) => (f.related ?? []).map((r) => r.message)));
  const titles = said.flatMap((s) => s.fixes.map((f) => f.title));
  const reasons = said.flatMap((s) => s.fixes.flatMap((f) => (f.disabledReason ? [f.disabledReason] : [])));

  test(`${lang}: every template of these rows is used by a finding, a related location, a fix title or a refusal`, () => {
    const unused: string[] = [];
    for (const code of CODES) {
      for (const [key, template] of Object.entries(getRule(code)!.messages[lang])) {
        const pattern = patternOf(template);
        const seen = [...messages.map((m) => m.text), ...related, ...titles, ...reasons].some((text) => pattern.test(text));
        if (!seen && !UNREACHED.has(`${code}.${key}`)) unused.push(`${code}.${key}`);
      }
    }
    assert.deepEqual(unused, []);
  });

  test(`${lang}: each finding reads as one plain sentence, filled in`, () => {
    const problems: string[] = [];
    for (const m of messages) {
      // The template limit is for the row's own words; a filled-in message has its own, looser one.
      const style = styleProblems(lang, 'message', m.text).filter((p) => !/ characters \(at most/.test(p));
      if (m.text.length > MAX_FILLED[lang]) style.push(`${m.text.length} characters (at most ${MAX_FILLED[lang]} filled in)`);
      if (/\{\w+\}/.test(m.text)) style.push('a placeholder left unfilled');
      for (const p of style) problems.push(`${m.code} in ${JSON.stringify(m.file)}: ${p}\n    ${m.text}`);
    }
    for (const text of [...titles, ...related]) {
      for (const p of styleProblems(lang, 'fix', text)) problems.push(`title "${text}": ${p}`);
    }
    for (const text of reasons) {
      for (const p of styleProblems(lang, 'message', text)) problems.push(`refusal "${text}": ${p}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(messages.length >= FILES.length, `${messages.length} messages`);
  });

  test(`${lang}: a quick fix that changes what runs says so in its title, one that keeps it never does`, () => {
    const changes = lang === 'en' ? /changes what runs/ : /会改变实际执行的内容/;
    const fixes = said.flatMap((s) => s.fixes).filter((f) => f.kind === 'quickfix' && f.behaviour !== 'refused');
    assert.ok(fixes.length > 20);
    for (const fix of fixes) {
      if (fix.behaviour === 'changes') assert.match(fix.title, changes, fix.title);
      else assert.doesNotMatch(fix.title, changes, fix.title);
    }
  });

  test(`${lang}: the hover at a finding does not say the finding's sentence again`, () => {
    const ctx = contextFor(lang);
    let compared = 0;
    for (const file of FILES) {
      const doc = parseDocument(file);
      const all = analyze(doc, ctx);
      for (const f of all.filter((x) => CODES.includes(x.code))) {
        const { start, end } = f.range;
        const last = Math.min(start.character + 40, start.line === end.line ? end.character : Infinity);
        for (let character = start.character; character <= last; character += 2) {
          const here = all.filter((d) => d.range.start.line === start.line);
          const markdown = hover(doc, ctx, { line: start.line, character }, all)?.markdown ?? '';
          const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
          const diagnostic = here.flatMap((d) => sentencesOf(d.message));
          for (const sentence of sentencesOf(prose)) {
            const repeated = diagnostic.find((d) => repeats(sentence, d));
            assert.equal(repeated, undefined, `${JSON.stringify(file)} at ${start.line + 1}:${character}: "${sentence}" repeats "${repeated}"`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 100, `only ${compared} hover sentences compared`);
  });
}

test('a digest in the image name is cut short in the message; the tag stays', () => {
  const digest = '44dd04494ee8f3b538294360e7c4b3acb87c8268e4d0a4828a6500b1eff50061';
  const ctx = contextFor('en');
  const [f] = analyze(parseDocument(`FROM python:3.14-slim@sha256:${digest}\nCMD gunicorn app:app\n`), ctx).filter((x) => x.code === 'cmd-shell-form');
  assert.match(f.message, /"python:3\.14-slim@sha256:44dd04494ee8…" \/bin\/sh is dash/);
  assert.ok(!f.message.includes(digest));
});

test('the hover on a shell-form CMD of an unknown image says what each usual /bin/sh does; a known image does not need it', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    const ctx = contextFor(lang);
    const at = (file: string) => {
      const doc = parseDocument(file);
      return hover(doc, ctx, { line: 1, character: 6 }, analyze(doc, ctx))?.markdown ?? '';
    };
    const unknown = at('FROM registry.example/team/base:1\nCMD python app.py\n');
    assert.match(unknown, /BusyBox ash/, lang);
    assert.match(unknown, /registry\.example\/team\/base:1/, lang);
    assert.doesNotMatch(at('FROM python:3.12-slim\nCMD python app.py\n'), /BusyBox ash/, lang);
    // A pipe keeps the shell whatever it is: nothing to tell apart.
    assert.doesNotMatch(at('FROM registry.example/team/base:1\nCMD python app.py | tee /log\n'), /BusyBox ash/, lang);
  }
});
