// Issue 17, Problems-panel messages of the COPY/ADD rows as the user reads them (placeholders filled in),
// over real folders that between them produce every variant: each is one plain sentence in both languages,
// every message template and fix title of these rows is used, the facts (paths, names) are in it, and the
// hover at a finding does not say the finding's sentence again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeIn, dockerfile, fixesFor, makeTree, type Run } from './copy-add-helpers';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { hover } from '../../server/src/engine/features/hover';
import { getRule } from '../../server/src/engine/catalog';
import { DEFAULT_SETTINGS } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import type { Finding, Lang } from '../../server/src/engine/types';
import { styleProblems } from '../helpers/messageStyle';
import { repeats, sentencesOf } from '../helpers/hoverRepeats';

const CODES = [
  'copy-outside-context',
  'copy-absolute-source',
  'copy-source-missing',
  'copy-source-ignored',
  'copy-multi-source-dest',
  'add-prefer-copy',
  'add-remote-url',
  'add-archive-extracts',
];

/** Messages longer than this, placeholders filled in, are too long to read in one line. */
const MAX_FILLED = { en: 260, 'zh-cn': 170 } as const;

interface Case {
  /** The variants it is there for. */
  for: string;
  files: Record<string, string | null>;
  dockerfile: string;
  lines: string[];
  cli?: boolean;
  settings?: Record<string, unknown>;
}

const CASES: Case[] = [
  { for: 'outside default, absolute default, prefer-copy, remote default, fixCurl, fixChmod', files: { 'app/a.txt': '' }, dockerfile: 'app/Dockerfile', lines: ['FROM debian:12', 'COPY ../shared/x.conf /etc/', 'COPY /etc/passwd /tmp/', 'ADD a.txt /a', 'ADD https://example.com/tool.tgz /opt/'] },
  { for: 'outside defaultCli, missing candidateCli', files: { 'app/a.txt': '', 'app/b.txt': '', 'shared/c.txt': '' }, dockerfile: 'app/Dockerfile', lines: ['FROM alpine', 'COPY ../x /x', 'COPY a.txt b.txt /ab/', 'COPY shared/c.txt /c/'], cli: true },
  { for: 'missing candidate, fixSetContext, fixPickContext', files: { 'app/a.txt': '', 'app/b.txt': '', 'shared/c.txt': '' }, dockerfile: 'app/Dockerfile', lines: ['FROM alpine', 'COPY a.txt b.txt /ab/', 'COPY shared/c.txt /c/'] },
  { for: 'absolute atRoot, fix, missing default (declared), wildcardFolder, multi default, fix', files: { 'compose.yaml': 'services:\n  api:\n    build: .\n', 'config/app.yaml': '', 'pom.xml': '' }, dockerfile: 'Dockerfile', lines: ['FROM eclipse-temurin:21', 'COPY /config/app.yaml /etc/', 'COPY nope.txt /n', 'COPY pom.xml target/*.jar /app/', 'COPY pom.xml config /app'] },
  { for: 'absolute globalArg, missing globalArg, fixGlobalArg', files: { 'app/conf/x': '', 'app/app-1.2.jar': '' }, dockerfile: 'app/Dockerfile', lines: ['ARG DIR=app', 'ARG VERSION=1.2', 'FROM alpine', 'COPY ${DIR}/conf /etc/', 'COPY app-${VERSION}.jar /app.jar'] },
  { for: 'missing wildcard (setting)', files: { 'app/package.json': '{}' }, dockerfile: 'app/Dockerfile', lines: ['FROM node:20', 'COPY yarn.lock* package-lock.json* ./'], settings: { buildContexts: { '**': 'app' } } },
  { for: 'missing nowhere', files: { 'docker/app/Dockerfile': '', 'go.mod': '', 'go.sum': '' }, dockerfile: 'docker/app/Dockerfile', lines: ['FROM golang', 'COPY go.mod go.sum ./', 'COPY missing.txt ./'] },
  { for: 'missing unlocated', files: { 'fixtures/x/Dockerfile': '', 'README.md': '' }, dockerfile: 'fixtures/x/Dockerfile', lines: ['FROM alpine', 'COPY nagios.init /etc/init.d/', 'COPY start.sh /'] },
  { for: 'ignored default and wildcard, multi wildcard, archive default and wildcard, fixWget', files: { 'app/.dockerignore': '*.log\n', 'app/debug.log': '', 'app/trace.log': '', 'app/a.txt': '', 'app/b.txt': '', 'app/x.tar.gz': '', 'app/dist/y.tar': '' }, dockerfile: 'app/Dockerfile', lines: ['FROM alpine:3.20', 'COPY *.log /l2/', 'COPY debug.log /l1/', 'COPY *.txt /texts', 'ADD x.tar.gz /x/', 'ADD dist/*.tar /d/', 'ADD https://example.com/tool /usr/local/bin/tool'] },
  { for: 'remote windows', files: {}, dockerfile: 'app/Dockerfile', lines: ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'ADD https://example.com/tools.zip C:/tools/'] },
];

interface Said {
  case: Case;
  run: Run;
  findings: Finding[];
  titles: string[];
}

function runAll(lang: Lang): Said[] {
  return CASES.map((c) => {
    const root = makeTree({ [c.dockerfile]: '', ...c.files });
    const settings = { ...(c.settings ?? {}), ...(c.cli ? { buildContextsFrom: 'cli' } : {}) };
    const run = analyzeIn(root, c.dockerfile, { text: dockerfile(...c.lines), lang, settings: Object.keys(settings).length ? settings : undefined });
    const findings = run.findings.filter((f) => CODES.includes(f.code));
    return { case: c, run, findings, titles: findings.flatMap((f) => fixesFor(run, f).map((x) => x.title)) };
  });
}

/** A template as a pattern: its placeholders match any text. */
function patternOf(template: string): RegExp {
  return new RegExp(`^${template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*?')}$`);
}

/** Message templates (ending in a period) and fix titles; fragments are inserted into other templates. */
function usedKeys(code: string, lang: Lang): Array<[string, string]> {
  return Object.entries(getRule(code)!.messages[lang]).filter(([key, t]) => /^fix/.test(key) || /[.。]$/.test(t.trim()));
}

/** An unsaved Dockerfile: no folder, so no context to name. */
function unsaved(lang: Lang): Finding[] {
  const ctx = { lang, settings: DEFAULT_SETTINGS, fs: new CachedNodeFileSystem(), documentPath: null, workspaceFolder: null };
  return analyze(parseDocument('FROM alpine\nCOPY ../a /a\n'), ctx).filter((x) => CODES.includes(x.code));
}

for (const lang of ['en', 'zh-cn'] as const) {
  const said = runAll(lang);
  const messages = [
    ...said.flatMap((s) => s.findings.map((f) => ({ where: s.case.for, code: f.code, text: f.message }))),
    ...unsaved(lang).map((f) => ({ where: 'outside unsaved', code: f.code, text: f.message })),
  ];
  const titles = said.flatMap((s) => s.titles);

  test(`${lang}: every message template and fix title of the COPY/ADD rows is used`, () => {
    const unused: string[] = [];
    for (const code of CODES) {
      for (const [key, template] of usedKeys(code, lang)) {
        const pattern = patternOf(template);
        const texts = /^fix/.test(key) ? titles : messages.filter((m) => m.code === code).map((m) => m.text);
        if (!texts.some((t) => pattern.test(t))) unused.push(`${code}.${key}`);
      }
    }
    assert.deepEqual(unused, []);
  });

  test(`${lang}: each COPY/ADD finding reads as one plain sentence, filled in`, () => {
    const problems: string[] = [];
    for (const m of messages) {
      // Quoted values come from the user's files (a "**" glob, a "${DIR}" source): judged as words.
      const words = m.text.replace(/"[^"]*"|“[^”]*”/g, lang === 'en' ? '"x"' : '“x”');
      const style = styleProblems(lang, 'message', words).filter((p) => !/ characters \(at most/.test(p));
      if (m.text.length > MAX_FILLED[lang]) style.push(`${m.text.length} characters (at most ${MAX_FILLED[lang]} filled in)`);
      if (/\{\w+\}/.test(words)) style.push('a placeholder left unfilled');
      for (const p of style) problems.push(`${m.code} (${m.where}): ${p}\n    ${m.text}`);
    }
    for (const text of titles) for (const p of styleProblems(lang, 'fix', text)) problems.push(`title "${text}": ${p}`);
    assert.deepEqual(problems, []);
    assert.ok(messages.length >= CASES.length * 2, `${messages.length} messages`);
  });

  test(`${lang}: the hover at a COPY/ADD finding does not say the finding's sentence again`, () => {
    let compared = 0;
    for (const s of said) {
      const doc = parseDocument(s.run.text);
      for (const f of s.findings) {
        const { start, end } = f.range;
        const last = Math.min(start.character + 30, start.line === end.line ? end.character : Infinity);
        for (let character = start.character; character <= last; character += 3) {
          const here = s.run.findings.filter((d) => d.range.start.line === start.line);
          const markdown = hover(doc, s.run.ctx, { line: start.line, character }, s.run.findings)?.markdown ?? '';
          const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
          const diagnostic = here.flatMap((d) => sentencesOf(d.message));
          for (const sentence of sentencesOf(prose)) {
            const repeated = diagnostic.find((d) => repeats(sentence, d));
            assert.equal(repeated, undefined, `${s.case.for} at ${start.line + 1}:${character}: "${sentence}" repeats "${repeated}"`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 50, `only ${compared} hover sentences compared`);
  });
}

test('the messages carry the facts: the source, what BuildKit reads instead, the context, the ignore line, the URL', () => {
  const [outside, cli, candidate, declared, globals, wildcard, nowhere, unlocated, ignored, windows] = runAll('en');
  const text = (s: Said, code: string, i = 0) => s.findings.filter((f) => f.code === code)[i]?.message ?? '';
  assert.match(text(outside, 'copy-outside-context'), /"\.\.\/shared\/x\.conf" climbs out of the build context "app".*looks for "shared\/x\.conf" at its root/);
  assert.match(text(cli, 'copy-outside-context'), /--context/);
  assert.doesNotMatch(text(cli, 'copy-source-missing'), /buildContexts|Set Build Context/);
  assert.match(text(cli, 'copy-source-missing'), /"shared\/c\.txt" is not in the build context "app" \(inferred\) but exists in "\."/);
  assert.match(text(candidate, 'copy-source-missing'), /set that folder as its build context/);
  assert.match(text(outside, 'add-remote-url'), /"https:\/\/example\.com\/tool\.tgz" with mode 600/);
  assert.match(text(declared, 'copy-source-missing'), /"nope\.txt" matches nothing in the build context "\." \(the context of service api, declared in compose\.yaml:\d+\), so the build will stop with "not found"/);
  assert.match(text(declared, 'copy-source-missing', 1), /"target\/\*\.jar" matches no file .*the folder "target" .*"targe\[t\]\/\*\.jar"/);
  assert.match(text(declared, 'copy-multi-source-dest'), /^2 sources are copied to "\/app"/);
  assert.match(text(globals, 'copy-absolute-source'), /global ARG DIR.*the source is "\/conf"/);
  assert.match(text(globals, 'copy-source-missing'), /global ARG VERSION.*the source is "app-\.jar"/);
  assert.match(text(wildcard, 'copy-source-missing'), /"yarn\.lock\*" matches no file in the build context "app" \(from the dockerfileNotes\.buildContexts entry "\*\*"\)/);
  assert.match(text(nowhere, 'copy-source-missing'), /"missing\.txt" .*\(inferred\) nor in any folder above it up to "\."/);
  assert.match(text(unlocated, 'copy-source-missing'), /"nagios\.init" is not in "fixtures\/x" \(assumed\)/);
  assert.match(text(ignored, 'copy-source-ignored', 0), /Every file "\*\.log" matches is excluded by app\/\.dockerignore \(for example "debug\.log", by line 1: "\*\.log"\)/);
  assert.match(text(ignored, 'copy-source-ignored', 1), /"debug\.log" is excluded by app\/\.dockerignore \(line 1: "\*\.log"\).*"!debug\.log"/);
  assert.match(text(ignored, 'copy-multi-source-dest'), /"\*\.txt" matches 2 files in the build context, so the destination "\/texts"/);
  assert.match(text(ignored, 'add-archive-extracts', 0), /"x\.tar\.gz" is a tar archive, so ADD unpacks its content into "\/x\/"/);
  assert.match(text(ignored, 'add-archive-extracts', 1), /the tar archives that "dist\/\*\.tar" matches into "\/d\/"/);
  assert.match(text(windows, 'add-remote-url'), /Windows image/);
  assert.doesNotMatch(text(windows, 'add-remote-url'), /600|--chmod/);
});

test('an unsaved Dockerfile: the outside message names no context', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    const [f] = unsaved(lang);
    assert.equal(f.code, 'copy-outside-context');
    assert.match(f.message, patternOf(getRule('copy-outside-context')!.messages[lang].unsaved));
    assert.match(f.message, lang === 'en' ? /"\.\.\/a" climbs out of the build context, .*"a"/ : /“\.\.\/a”超出了构建上下文，.*“a”/);
  }
});

test('the hover at a finding keeps what the message leaves out and drops what it says', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    const root = makeTree({ 'app/Dockerfile': '', 'app/a.txt': '', 'app/b.txt': '' });
    const run = analyzeIn(root, 'app/Dockerfile', {
      lang,
      text: dockerfile('FROM debian:12', 'COPY ../x.conf /etc/', 'COPY a.txt b.txt /dest', 'ADD https://example.com/tool.tgz /opt/'),
    });
    const doc = parseDocument(run.text);
    const at = (line: number, character: number) => hover(doc, run.ctx, { line, character }, run.findings)?.markdown ?? '';
    // ../x.conf: the message says what BuildKit reads instead; the hover says how to bring the file in.
    assert.match(at(1, 6), lang === 'en' ? /move or copy the file into it, or make the context a parent folder/ : /请把文件移动或复制进来/);
    // The destination and the URL: the message says it all, the hover does not say it again.
    assert.doesNotMatch(at(2, 20), lang === 'en' ? /destination must be a folder/ : /目标必须是以/);
    assert.doesNotMatch(at(3, 8), lang === 'en' ? /mode 600/ : /权限为 600/);
  }
});

test('a JSON-form source is quoted once, and a long URL keeps its host and file name', () => {
  const root = makeTree({ 'app/a.txt': '' });
  const url = 'http://downloads.example.net/project/nagios/nagios-3.x/nagios-3.5.1/nagios-3.5.1.tar.gz?r=http%3A%2F%2Fwww.nagios.org&ts=1398863718';
  for (const lang of ['en', 'zh-cn'] as const) {
    const run = analyzeIn(root, 'app/Dockerfile', { lang, text: dockerfile('FROM debian:12', 'COPY ["test file", "a.txt", "/dest"]', `ADD ${url} /opt/`) });
    const missing = run.of('copy-source-missing')[0]?.message ?? '';
    assert.match(missing, lang === 'en' ? /^"test file" / : /^“test file”/);
    assert.match(run.of('copy-multi-source-dest')[0]?.message ?? '', lang === 'en' ? /"\/dest"/ : /“\/dest”/);
    const remote = run.of('add-remote-url')[0].message;
    assert.ok(remote.includes('http://downloads.example.net/…/nagios-3.5.1.tar.gz?…'), remote);
    assert.ok(!remote.includes('ts=1398863718'), remote);
  }
});
