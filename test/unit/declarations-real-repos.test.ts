// Ground truth: seven real repository layouts in ../shared/repos, with every (Dockerfile, context) pair
// labelled in CONTEXTS.tsv and the file:line that declares it. The scan must find every labelled pair
// whose declaration has content there, cite the same lines, and map no labelled Dockerfile to a context
// the labels do not list. Script and README lines are empty placeholders in that layout, so the command
// lines of BUILD-COMMANDS.tsv are parsed on their own, as if in their file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { addBakeFile, DEFAULT_BAKE_FILES, emptyBake, evaluateBake } from '../../server/src/engine/context/declarations/bake';
import { makeVariables, recipeLineBuilds } from '../../server/src/engine/context/declarations/makefile';
import { emitCommands, findBuildCommands } from '../../server/src/engine/context/declarations/shellScript';
import type { BakeRun, BuildDeclaration, ReaderInput } from '../../server/src/engine/context/declarations/types';
import { rel, scanFresh } from './declarations-helpers';

const SHARED = path.resolve(__dirname, '../../../shared/repos');
const present = fs.existsSync(path.join(SHARED, 'CONTEXTS.tsv'));
const skip = present ? false : `../shared/repos (expected at ${SHARED}) is absent: the ground-truth layouts are not on this machine`;

interface Row {
  repo: string;
  folder: string;
  dockerfile: string;
  context: string;
  evidence: string[];
  note: string;
}

function tsv(file: string): string[][] {
  return fs.readFileSync(path.join(SHARED, file), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
}

const rows: Row[] = present
  ? tsv('CONTEXTS.tsv').map(([repo, dockerfile, context, evidence, note]) => ({
      repo,
      folder: repo.replace('/', '__'),
      dockerfile,
      context,
      evidence: evidence.startsWith('default:') ? [] : evidence.split('; '),
      note: note ?? '',
    }))
  : [];
const commands = present ? tsv('BUILD-COMMANDS.tsv').map(([repo, file, line, command]) => ({ repo, file, line: Number(line), command })) : [];
const commandKeys = new Set(commands.map((c) => `${c.repo} ${c.file}:${c.line}`));

/** Evidence that the scan can read there: not a script or README line (empty placeholders) nor a comment in the Dockerfile. */
function readable(row: Row, item: string): boolean {
  const file = item.replace(/:\d+$/, '');
  return !commandKeys.has(`${row.repo} ${item}`) && file !== row.dockerfile && !file.endsWith('.md');
}

const repos = [...new Set(rows.map((r) => r.folder))];

for (const folder of repos) {
  test(`real repository ${folder}: every labelled declaration is found, with its line, and no other context`, { skip }, (t) => {
    const root = path.join(SHARED, folder);
    const { index } = scanFresh(root);
    const labelled = rows.filter((r) => r.folder === folder);
    const declared = labelled.filter((r) => r.evidence.some((e) => readable(r, e)));
    let found = 0;
    const problems: string[] = [];
    for (const row of declared) {
      const decls = (index.byDockerfile.get(path.join(root, row.dockerfile)) ?? []).filter((d) => rel(root, d.context) === row.context);
      if (!decls.length) {
        problems.push(`missing pair ${row.dockerfile} → ${row.context} (${row.evidence.join('; ')})`);
        continue;
      }
      found++;
      const cited = new Set(decls.map((d) => `${rel(root, d.evidence.file)}:${d.evidence.line}`));
      for (const item of row.evidence.filter((e) => readable(row, e))) {
        if (!cited.has(item)) problems.push(`${row.dockerfile} → ${row.context}: evidence ${item} not reported (reported: ${[...cited].join(', ')})`);
      }
    }
    // No wrong pair: a labelled Dockerfile is built only with the contexts the labels list.
    const wrong: string[] = [];
    for (const df of new Set(labelled.map((r) => r.dockerfile))) {
      const allowed = new Set(labelled.filter((r) => r.dockerfile === df).map((r) => r.context));
      for (const d of index.byDockerfile.get(path.join(root, df)) ?? []) {
        if (!allowed.has(rel(root, d.context))) wrong.push(`${df} → ${rel(root, d.context)} (${rel(root, d.evidence.file)}:${d.evidence.line}) not in the labels`);
      }
    }
    const byLine = labelled.filter((r) => r.evidence.length && !r.evidence.some((e) => readable(r, e)));
    const byCommand = byLine.filter((r) => r.evidence.some((e) => commandKeys.has(`${r.repo} ${e}`)));
    // A comment in the Dockerfile ("called from the root") is not a declaration the scan reads.
    const byComment = byLine.filter((r) => !byCommand.includes(r)).map((r) => `${r.dockerfile} (${r.evidence.join('; ')})`);
    t.diagnostic(
      `${folder}: pairs found ${found}/${declared.length} declared in readable files (+${byCommand.length} only by script/README lines, checked below; ` +
        `${byComment.length ? `not read, only a comment says so: ${byComment.join(', ')}; ` : ''}` +
        `${labelled.filter((r) => !r.evidence.length).length} default rows), wrong pairs ${wrong.length}, files read ${index.files.length}, skipped ${index.skipped.length}, entries ${index.entriesVisited}`,
    );
    assert.deepEqual([...problems, ...wrong], []);
    assert.deepEqual(index.skipped, []);
  });
}

// Values the TSV notes give for variables a command line uses (the files that set them are kept empty).
const NOTE_VALUES: Record<string, Array<Record<string, string>>> = {
  // "README command run in workstation/ with PHASE=post" / "with PHASE=pre".
  'getsentry/self-hosted workstation/README.md:127': [{ PHASE: 'pre' }, { PHASE: 'post' }],
  // "BUNDLE_DIR = ./bundle/$(VARIANT) (operator/Makefile:76), VARIANT=community|community-openshift|openshift".
  'grafana/loki operator/Makefile:218': ['community', 'community-openshift', 'openshift'].map((v) => ({ VARIANT: v, BUNDLE_DIR: './bundle/$(VARIANT)' })),
  // hack/test sources hack/util, which sets currentcontext="." (checked on the real repository).
  'moby/buildkit hack/test:115': [{ currentcontext: '.' }],
};

interface LineResult {
  decls: BuildDeclaration[];
  bakes: BakeRun[];
  logs: string[];
}

function runLine(root: string, file: string, line: number, command: string, vars: Record<string, string>): LineResult {
  const abs = path.join(root, file);
  const logs: string[] = [];
  const bakes: BakeRun[] = [];
  const input: ReaderInput = { file: abs, text: '', root, fs: new CachedNodeFileSystem(), log: (m) => logs.push(m), bakeRun: (r) => bakes.push(r) };
  if (/(^|\/)Makefile$|\.mk$/.test(file)) {
    const makeVars = makeVariables(null, abs, Object.entries(vars).map(([k, v]) => `${k} = ${v}`).join('\n'));
    return { decls: recipeLineBuilds(input, `\t${command}`, line, makeVars), bakes, logs };
  }
  // A README shows a prompt before the command.
  const text = command.replace(/^\$>?\s+/, '');
  const found = findBuildCommands(text, { cwd: { dir: path.dirname(abs), definite: false, alt: root }, root, vars: new Map(Object.entries(vars)), scriptPath: abs });
  return { decls: emitCommands(found, line, { input, kind: 'script' }), bakes, logs };
}

function bakePairs(root: string, run: BakeRun): string[] {
  const model = emptyBake();
  const files = run.files.length ? run.files : DEFAULT_BAKE_FILES.map((n) => path.join(run.cwd, n)).filter((f) => fs.existsSync(f));
  for (const f of files) addBakeFile(model, f, fs.readFileSync(f, 'utf8'));
  return evaluateBake(model, { cwd: run.cwd, targets: run.targets, env: run.env, sets: run.sets }).map((b) => `${rel(root, b.dockerfile)} | ${rel(root, b.context)}`);
}

for (const c of commands) {
  const key = `${c.repo} ${c.file}:${c.line}`;
  test(`command line ${key}: ${c.command.slice(0, 60)}`, { skip }, () => {
    const root = path.join(SHARED, c.repo.replace('/', '__'));
    const expected = rows.filter((r) => r.repo === c.repo && r.evidence.includes(`${c.file}:${c.line}`)).map((r) => `${r.dockerfile} | ${r.context}`);
    const got = new Set<string>();
    let remote = false;
    for (const vars of NOTE_VALUES[key] ?? [{}]) {
      const r = runLine(root, c.file, c.line, c.command, vars);
      for (const d of r.decls) {
        assert.equal(d.evidence.line, c.line);
        got.add(`${rel(root, d.dockerfile)} | ${rel(root, d.context)}`);
      }
      for (const b of r.bakes) {
        assert.equal(b.evidence.line, c.line);
        // Bake runs name targets: only the pairs of the labelled Dockerfiles are compared.
        for (const p of bakePairs(root, b)) if (rows.some((x) => x.repo === c.repo && p.startsWith(`${x.dockerfile} |`))) got.add(p);
      }
      remote ||= r.logs.some((l) => /remote definition/.test(l));
    }
    if (remote) {
      // A bake of a remote definition builds nothing on this disk; the bake file itself declares the pair.
      assert.deepEqual([...got], []);
      return;
    }
    assert.deepEqual([...got].sort(), [...new Set(expected)].sort());
  });
}
