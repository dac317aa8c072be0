// Where a Dockerfile is built from when nothing declares it (inference from its COPY/ADD sources), how
// certain each finding is about it, several declared contexts, Restricted Mode, and the settings entry.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { buildContextsEntry, forgetDeclarations, projectRootOf, repositoryRoot, resolveBuildContexts } from '../../server/src/engine/context/buildContext';
import { candidateFolders, inferContext, localSources } from '../../server/src/engine/context/inference';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { parseDocument } from '../../server/src/engine/parse/document';
import { analyze } from '../../server/src/engine/analysis/analyze';
import { AnalysisCache, analysisCaching } from '../../server/src/engine/analysis/analysisCache';
import { hover } from '../../server/src/engine/features/hover';
import { analyzeIn, applyAndReanalyse, dockerfile, fixesFor, makeTree } from './copy-add-helpers';

test('local sources: relative and absolute ones, cleaned; not --from, URLs, heredocs, unknown variables, ../, the root', () => {
  const doc = parseDocument(
    dockerfile(
      'ARG KNOWN=conf',
      'FROM alpine AS build',
      'ARG KNOWN',
      'ARG UNKNOWN',
      'COPY ./a/../b.txt /opt/c.txt /x/',
      'COPY --from=build /out /out',
      'ADD https://example.com/x.tgz /x',
      'COPY <<EOF /etc/y',
      'hello',
      'EOF',
      'COPY ${UNKNOWN}/z ../up . ${KNOWN}/app.yaml /w/',
      'COPY b.txt /again',
    ),
  );
  assert.deepEqual(localSources(doc), ['b.txt', 'opt/c.txt', 'conf/app.yaml']);
});

test('candidates: the Dockerfile folder and each parent up to the project root; only its folder outside it', () => {
  assert.deepEqual(candidateFolders('/ws/a/b/Dockerfile', '/ws'), ['/ws/a/b', '/ws/a', '/ws']);
  assert.deepEqual(candidateFolders('/ws/Dockerfile', '/ws'), ['/ws']);
  assert.deepEqual(candidateFolders('/elsewhere/Dockerfile', '/ws'), ['/elsewhere']);
  assert.deepEqual(candidateFolders('/wsx/Dockerfile', '/ws'), ['/wsx'], 'a sibling with a common prefix is not inside');
});

test('inference: the nearest folder where all sources resolve, else the one where most resolve, else none', () => {
  const root = makeTree({
    'services/api/Dockerfile': '',
    'services/api/package.json': '{}',
    'package.json': '{}',
    'pnpm-lock.yaml': '',
    'services/api/src/index.ts': '',
    'libs/shared/index.ts': '',
  });
  const fsView = new CachedNodeFileSystem();
  const folders = candidateFolders(path.join(root, 'services/api/Dockerfile'), root);
  const infer = (...lines: string[]) => inferContext(fsView, parseDocument(dockerfile('FROM node', ...lines)), folders);
  // All three exist only at the root (package.json exists in both: the nearest with *all* wins).
  const all = infer('COPY package.json pnpm-lock.yaml ./', 'COPY services/api ./services/api');
  assert.equal(all.chosen?.root, root);
  assert.deepEqual(all.candidates.map((c) => c.found), [1, 0, 3]);
  // Both exist in services/api: the nearest folder wins over the root.
  assert.equal(infer('COPY package.json ./', 'COPY src ./src').chosen?.root, path.join(root, 'services/api'));
  // No folder has all: the one with the most (the root has 2 of 3, services/api 1).
  const most = infer('COPY package.json pnpm-lock.yaml ./', 'COPY nowhere.txt ./');
  assert.equal(most.chosen?.root, root);
  assert.equal(most.chosen?.found, 2);
  // Nothing resolves anywhere, or nothing to resolve: no choice.
  assert.equal(infer('COPY nowhere.txt ./').chosen, null);
  assert.equal(infer('RUN true').chosen, null);
  // Wildcards count like any source.
  assert.equal(infer('COPY libs/*/index.ts ./').chosen?.root, root);
});

test('resolution: inferred (with found/total) when nothing declares; the default when no source exists anywhere', () => {
  const root = makeTree({ 'docker/app/Dockerfile': '', 'go.mod': '', 'go.sum': '', 'cmd/main.go': '' });
  const file = 'docker/app/Dockerfile';
  const r = analyzeIn(root, file, { text: dockerfile('FROM golang', 'COPY go.mod go.sum ./', 'COPY cmd ./cmd', 'COPY missing.txt ./') });
  const res = resolveBuildContexts(r.ctx, parseDocument(r.text))!;
  assert.equal(res.contexts.length, 1);
  const [c] = res.contexts;
  assert.deepEqual([c.root, c.origin, c.certain, c.found, c.total], [root, 'inferred', false, 3, 4]);
  assert.deepEqual(res.candidates.map((x) => [path.relative(root, x.root), x.found]), [['docker/app', 0], ['docker', 0], ['', 3]]);
  // missing.txt exists in no candidate: a warning that says so.
  const [missing] = r.of('copy-source-missing');
  assert.equal(missing.severity, 'warning');
  assert.match(missing.message, /"missing\.txt" matches nothing in the build context "\." \(inferred\) nor in any folder above it/);
  // Why the context was inferred is in the hover on the source, not in the one-line message.
  const md = hover(parseDocument(r.text), r.ctx, missing.range.start)!.markdown;
  assert.match(md, /inferred: nothing declares this build, and 3 of its 4 local sources exist there/);
  const none = analyzeIn(root, file, { text: dockerfile('FROM golang', 'COPY a.txt b.txt ./') });
  const d = resolveBuildContexts(none.ctx, parseDocument(none.text))!.contexts[0];
  assert.deepEqual([d.root, d.origin, d.found, d.total], [path.join(root, 'docker/app'), 'default', 0, 2]);
});

test('certainty: a source missing from the inferred context but present in another candidate is a hint naming that folder', () => {
  const root = makeTree({ 'app/Dockerfile': '', 'app/a.txt': '', 'app/b.txt': '', 'shared/c.txt': '' });
  const r = analyzeIn(root, 'app/Dockerfile', { text: dockerfile('FROM alpine', 'COPY a.txt b.txt /x/', 'COPY shared/c.txt /y/') });
  const [f] = r.of('copy-source-missing');
  assert.equal(f.severity, 'hint');
  assert.equal(r.at(f), 'shared/c.txt');
  assert.match(f.message, /"shared\/c\.txt" is not in the build context "app" \(inferred\) but exists in "\.", so if this Dockerfile is built from there/);
  // The quick fixes run the editor command: save "." as the context (preferred), or pick one.
  const fixes = fixesFor(r, f);
  assert.deepEqual(fixes.map((x) => [x.title, x.edits.length, x.command]), [
    ['Build this Dockerfile from . (saved in the workspace settings)', 0, { name: 'setBuildContext', folder: root }],
    ['Set the build context of this Dockerfile…', 0, { name: 'setBuildContext' }],
  ]);
  assert.equal(fixes[0].isPreferred, true);
  assert.ok(!fixes.some((x) => x.safe), 'never applied unattended');
  // With that setting the folder is certain: the hint becomes the real findings of that context.
  const set = analyzeIn(root, 'app/Dockerfile', { text: r.text, settings: { buildContexts: { 'app/Dockerfile': '.' } } });
  assert.deepEqual(set.of('copy-source-missing').map((x) => [set.at(x), x.severity]), [['a.txt', 'warning'], ['b.txt', 'warning']]);
  assert.deepEqual(fixesFor(set, set.of('copy-source-missing')[0]), [], 'no context fix for a context the user set');
  // `"copy-source-missing": "error"` raises the real findings only; the hint stays a hint; "off" silences both.
  const raised = analyzeIn(root, 'app/Dockerfile', { text: r.text, settings: { rules: { 'copy-source-missing': 'error' } } });
  assert.equal(raised.of('copy-source-missing')[0].severity, 'hint');
  const off = analyzeIn(root, 'app/Dockerfile', { text: r.text, settings: { rules: { 'copy-source-missing': 'off' } } });
  assert.deepEqual(off.of('copy-source-missing'), []);
});

test('certainty: when no local source exists in any candidate, missing sources are info, not warnings', () => {
  const root = makeTree({ 'fixtures/x/Dockerfile': '', 'README.md': '' });
  const r = analyzeIn(root, 'fixtures/x/Dockerfile', { text: dockerfile('FROM alpine', 'COPY nagios.init /etc/init.d/', 'COPY start.sh /') });
  assert.deepEqual(r.of('copy-source-missing').map((f) => [r.at(f), f.severity]), [['nagios.init', 'info'], ['start.sh', 'info']]);
  assert.match(r.of('copy-source-missing')[0].message, /"nagios\.init" is not in "fixtures\/x" \(assumed\), where no local source of this Dockerfile exists, so the folder it is built from is unknown/);
  assert.deepEqual(fixesFor(r, r.of('copy-source-missing')[0]).map((x) => x.command), [{ name: 'setBuildContext' }]);
  // A declared context is certain: the same sources are warnings there.
  fs.writeFileSync(path.join(root, 'compose.yaml'), 'services:\n  x:\n    build: fixtures/x\n');
  forgetDeclarations(path.join(root, 'compose.yaml'));
  const declared = analyzeIn(root, 'fixtures/x/Dockerfile', { text: r.text });
  assert.deepEqual(declared.of('copy-source-missing').map((f) => f.severity), ['warning', 'warning']);
  assert.match(declared.of('copy-source-missing')[0].message, /the context of service x, declared in compose\.yaml:\d+/);
});

test('several declared contexts: each is checked, and the message names the build', () => {
  const root = makeTree({
    'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: svc/Dockerfile\n  worker:\n    build: svc\n',
    'svc/Dockerfile': '',
    'svc/run.sh': '',
    'root.txt': '',
  });
  const r = analyzeIn(root, 'svc/Dockerfile', { text: dockerfile('FROM alpine', 'COPY run.sh /', 'COPY root.txt /') });
  const res = resolveBuildContexts(r.ctx, parseDocument(r.text))!;
  assert.deepEqual(res.contexts.map((c) => [path.relative(root, c.root), c.origin, c.declarations?.[0].name]).sort(), [['', 'declared', 'api'], ['svc', 'declared', 'worker']]);
  const messages = r.of('copy-source-missing').map((f) => `${r.at(f)}: ${f.message}`).sort();
  assert.equal(messages.length, 2);
  assert.match(messages[0], /^root\.txt: "root\.txt" matches nothing in the build context "svc" \(the context of service worker, declared in compose\.yaml:\d+\)/);
  assert.match(messages[1], /^run\.sh: "run\.sh" matches nothing in the build context "\." \(the context of service api, declared in compose\.yaml:\d+\)/);
  assert.ok(r.of('copy-source-missing').every((f) => f.severity === 'warning'));
  assert.deepEqual(fixesFor(r, r.of('copy-source-missing')[0]), [], 'a declared context is not overridden by a quick fix');
  // The hover names both contexts with their evidence.
  const md = hover(parseDocument(r.text), r.ctx, { line: 1, character: 6 })!.markdown;
  assert.match(md, /Build context: `[.a-z]+` — declared for service `(api|worker)` in `compose\.yaml:\d+`/);
  assert.match(md, /Also built with the context `[.a-z]+` — declared for service `(api|worker)`/);
});

test('copy-absolute-source: a hint with the relative spelling when the path exists at the context root; a warning otherwise', () => {
  const root = makeTree({ 'Dockerfile': '', 'config/app.yaml': '' });
  const r = analyzeIn(root, 'Dockerfile', { text: dockerfile('FROM alpine', 'COPY /config/app.yaml /etc/', 'COPY /etc/passwd /tmp/') });
  const [exists, host] = r.of('copy-absolute-source');
  assert.deepEqual([r.at(exists), exists.severity, r.at(host), host.severity], ['/config/app.yaml', 'hint', '/etc/passwd', 'warning']);
  assert.match(exists.message, /"\/config\/app\.yaml" is read as "config\/app\.yaml" from the root of the build context "\.", where it exists/);
  assert.match(host.message, /never read the host: BuildKit reads "etc\/passwd" from the root of the build context/);
  const [fix] = fixesFor(r, exists);
  assert.equal(fix.title, 'Make the source relative to the build context: config/app.yaml');
  const after = applyAndReanalyse(r, fix);
  assert.match(after.text, /^COPY config\/app\.yaml \/etc\/$/m);
  assert.deepEqual(after.findings.filter((f) => f.range.start.line === 1), []);
});

test('Restricted Mode: a declared context outside the workspace folder is not used, and nothing outside is listed or described', () => {
  const outside = makeTree({ 'secret/shadow': 'x', 'home/alice/.bashrc': '' });
  const root = makeTree({ 'app/Dockerfile': '', 'app/a.txt': '' });
  const rel = path.relative(root, outside);
  fs.writeFileSync(path.join(root, 'compose.yaml'), `services:\n  evil:\n    build:\n      context: ${rel}\n      dockerfile: ${path.relative(outside, path.join(root, 'app/Dockerfile'))}\n`);
  forgetDeclarations(path.join(root, 'compose.yaml'));
  const text = dockerfile('FROM alpine', 'COPY secret/shadow /x', 'COPY home/* /h/', 'COPY a.txt /a');
  const trusted = analyzeIn(root, 'app/Dockerfile', { text });
  assert.equal(resolveBuildContexts(trusted.ctx, parseDocument(text))!.contexts[0].root, outside, 'trusted: the declaration is used');
  const fsView = new CachedNodeFileSystem();
  const restricted = analyzeIn(root, 'app/Dockerfile', { text, fsView, restricted: true });
  const res = resolveBuildContexts(restricted.ctx, parseDocument(text))!;
  assert.equal(res.contexts[0].origin, 'inferred');
  assert.equal(res.contexts[0].root, path.join(root, 'app'));
  assert.equal(res.untrusted.length, 1);
  const md = hover(parseDocument(text), restricted.ctx, { line: 1, character: 8 })!.markdown;
  assert.doesNotMatch(md, new RegExp(outside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.doesNotMatch(md, /It exists/);
  assert.match(md, /Resolves to `app\/secret\/shadow`/);
  assert.match(md, /Restricted Mode: 1 declared build context\(s\) outside the workspace folder are not used/);
  const wildcardHover = hover(parseDocument(text), restricted.ctx, { line: 2, character: 7 })!.markdown;
  assert.doesNotMatch(wildcardHover, /alice|bashrc/);
  // Nothing under the outside folder was read: not listed, not even probed.
  const touched = [...((fsView as unknown as { stats: Map<string, unknown> }).stats.keys()), ...((fsView as unknown as { dirs: Map<string, unknown> }).dirs.keys())];
  assert.deepEqual(touched.filter((p) => p.startsWith(outside)), []);
});

test('Restricted Mode: a Dockerfile outside the workspace: its folder is probed only for the sources it names', () => {
  const ws = makeTree({ 'inside.txt': '' });
  const elsewhere = makeTree({ 'Dockerfile': '', 'conf/a.txt': '', 'conf/b.txt': '', '.dockerignore': 'conf/a.txt\n' });
  const fsView = new CachedNodeFileSystem();
  const text = dockerfile('FROM alpine', 'COPY conf/a.txt /a', 'COPY conf/*.txt /c/', 'COPY nope.txt /n');
  const r = analyzeIn(elsewhere, 'Dockerfile', { text, fsView, workspace: ws, restricted: true });
  const findings = r.findings;
  const res = resolveBuildContexts(r.ctx, parseDocument(text))!;
  assert.equal(res.contexts[0].sealed, true);
  assert.equal(res.projectRoot, elsewhere, 'no repository root is searched above it');
  // No folder of it was listed (the wildcard source is not looked at), no .dockerignore read.
  const dirs = [...(fsView as unknown as { dirs: Map<string, unknown> }).dirs.keys()];
  assert.deepEqual(dirs.filter((p) => p.startsWith(elsewhere)), []);
  const looked = [...(fsView as unknown as { stats: Map<string, unknown> }).stats.keys(), ...(fsView as unknown as { texts: Map<string, unknown> }).texts.keys()];
  assert.deepEqual(looked.filter((p) => p.startsWith(elsewhere) && /dockerignore/.test(p)), [], 'no .dockerignore looked at');
  assert.deepEqual(findings.filter((f) => f.code === 'copy-source-missing').map((f) => f.range.start.line), [3]);
  const md = hover(parseDocument(text), r.ctx, { line: 1, character: 7 })!.markdown;
  assert.doesNotMatch(md, new RegExp(elsewhere.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(md, /outside the workspace folder: in Restricted Mode it is not read/);
});

test('project root: the workspace folder holding the Dockerfile, the CLI projectRoot, else the repository root', () => {
  const repo = makeTree({ '.git/HEAD': '', 'a/b/Dockerfile': '' });
  const fsView = new CachedNodeFileSystem();
  assert.equal(repositoryRoot(fsView, path.join(repo, 'a/b')), repo);
  const base = { lang: 'en' as const, settings: analyzeIn(repo, 'a/b/Dockerfile', { text: '' }).ctx.settings, fs: fsView, documentPath: path.join(repo, 'a/b/Dockerfile') };
  assert.equal(projectRootOf({ ...base, workspaceFolder: path.join(repo, 'a') }, base.documentPath), path.join(repo, 'a'));
  assert.equal(projectRootOf({ ...base, workspaceFolder: null }, base.documentPath), repo);
  assert.equal(projectRootOf({ ...base, workspaceFolder: null, restricted: true }, base.documentPath), path.join(repo, 'a/b'));
  assert.equal(projectRootOf({ ...base, workspaceFolder: path.join(repo, 'a'), projectRoot: repo }, base.documentPath), repo);
});

test('the settings entry Set Build Context… writes matches exactly that Dockerfile and resolves to the folder', () => {
  const root = makeTree({ 'apps/[id] (1)/Dockerfile': '', 'apps/other/Dockerfile': '' });
  const entry = buildContextsEntry(root, path.join(root, 'apps/[id] (1)/Dockerfile'), root);
  assert.deepEqual(entry, { key: 'apps/\\[id\\] \\(1\\)/Dockerfile', value: '.' });
  assert.ok(picomatch(entry.key, { dot: true })('apps/[id] (1)/Dockerfile'));
  assert.ok(!picomatch(entry.key, { dot: true })('apps/i (1)/Dockerfile'));
  const r = analyzeIn(root, 'apps/[id] (1)/Dockerfile', { text: 'FROM alpine\n', settings: { buildContexts: { [entry.key]: entry.value } } });
  const c = resolveBuildContexts(r.ctx)!.contexts[0];
  assert.deepEqual([c.origin, c.root], ['setting', root]);
  assert.equal(buildContextsEntry(root, path.join(root, 'apps/other/Dockerfile'), path.join(root, 'apps')).value, 'apps');
});

test('the analysis cache follows a context that changes with another stage: same findings as a fresh analysis', () => {
  const saved = analysisCaching.minLines;
  analysisCaching.minLines = 0;
  try {
    const root = makeTree({ 'app/Dockerfile': '', 'app/x.txt': '', 'y.txt': '', 'z.txt': '' });
    const cache = new AnalysisCache();
    const first = dockerfile('FROM alpine AS a', 'COPY x.txt /x', 'FROM alpine AS b', 'RUN true');
    // Stage b later copies two files that exist only at the root: the inferred context moves to the root,
    // so stage a's cached "x.txt is fine" must be recomputed (x.txt is now a hint in another candidate).
    const second = dockerfile('FROM alpine AS a', 'COPY x.txt /x', 'FROM alpine AS b', 'COPY y.txt z.txt /')
    const r = analyzeIn(root, 'app/Dockerfile', { text: first });
    const codes = (text: string, withCache: boolean) =>
      analyze(parseDocument(text), r.ctx, undefined, withCache ? cache : undefined).map((f) => `${f.code}:${f.severity}:${f.range.start.line}`);
    assert.deepEqual(codes(first, true), codes(first, false));
    assert.deepEqual(codes(second, true), ['copy-source-missing:hint:1']);
    assert.deepEqual(codes(second, true), codes(second, false));
    assert.deepEqual(codes(first, true), codes(first, false));
  } finally {
    analysisCaching.minLines = saved;
  }
});

test('Restricted Mode: a workspace-relative notes path (from user settings) is not read; an absolute one is', () => {
  const root = makeTree({ 'Dockerfile': '', 'team.md': '# COPY\nfrom-the-workspace-file\n' });
  const abs = makeTree({ 'mine.md': '# COPY\nfrom-my-own-file\n' });
  const text = dockerfile('FROM alpine', 'COPY a /a');
  const notes = { notes: { language: 'en', builtin: true, paths: ['team.md', path.join(abs, 'mine.md')] } };
  const trusted = analyzeIn(root, 'Dockerfile', { text, settings: notes });
  const restricted = analyzeIn(root, 'Dockerfile', { text, settings: notes, restricted: true });
  const at = { line: 1, character: 1 };
  const md = (ctx: typeof trusted.ctx) => hover(parseDocument(text), ctx, at)!.markdown;
  assert.match(md(trusted.ctx), /from-the-workspace-file/);
  assert.doesNotMatch(md(restricted.ctx), /from-the-workspace-file/);
  assert.match(md(restricted.ctx), /from-my-own-file/);
});
