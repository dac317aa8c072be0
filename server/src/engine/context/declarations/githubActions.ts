// GitHub Actions: workflows (`.github/workflows/*.yml`) and actions (`action.yml`, composite steps).
// - `docker/build-push-action`: `context` (default: the repository — the git context) and `file`
//   (default `<context>/Dockerfile`), both relative to the workspace, where an `actions/checkout` with a
//   `path:` puts this repository in a subfolder (`context: release` with `path: release` is the root).
// - `docker/bake-action`: `files`, `workdir`, `targets`, `set`: a bake run, evaluated by the scan.
// - `run:` steps: the commands, in `working-directory` (step, job `defaults`, workflow `defaults`).
// - a job calling a reusable workflow of this repository, or a step calling a local action, passes its
//   `with:` as `inputs`; a reusable workflow of another repository called `with: context:` is taken to
//   build that context (said in the assumption), when its Dockerfile exists.
import * as path from 'node:path';
import { substitute, evalGh, GH_UNKNOWN } from './ghExpr';
import type { GhContext, GhValue } from './ghExpr';
import { readDeclarationFile } from './readFile';
import { emitCommands, findBuildCommands } from './shellScript';
import { isInside, isRemoteContext } from './paths';
import { entry, get, items, mapEntries, parseYaml, scriptOf, str } from './yamlTree';
import type { YNode } from './yamlTree';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';
import { matrixCombos } from './ghMatrix';

export const workflowReader: DeclarationReader = {
  kind: 'workflow',
  accepts: (rel) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) || /(^|\/)action\.ya?ml$/.test(rel),
  read: (input) => readWorkflow(input, undefined, 0),
};

/** Stands for GITHUB_WORKSPACE; paths under it are mapped onto the repository at the end. */
const WORKSPACE = path.resolve('/\uE002github-workspace');

interface Call {
  inputs: Record<string, GhValue>;
  /** Declarations found through the call are also reported at this caller line. */
  caller?: { file: string; line: number };
  checkout?: Checkout | null;
}

interface Checkout {
  /** Folder under the workspace holding this repository ('' for the workspace itself). */
  path: string;
}

/** The repository root of a workflow or action file: the folder above `.github`, else the scan root. */
export function repoRootOf(file: string, root: string): string {
  const parts = file.split(path.sep);
  const k = parts.lastIndexOf('.github');
  return k > 0 ? parts.slice(0, k).join(path.sep) || path.sep : root;
}

/** Text a workflow must contain to build anything (a cheap test before parsing YAML). */
const MAY_BUILD = /docker|podman|buildah|nerdctl|kaniko|buildx|bake|uses:\s*["']?\.\//i;

export function readWorkflow(input: ReaderInput, call: Call | undefined, depth: number): BuildDeclaration[] {
  if (!MAY_BUILD.test(input.text)) return [];
  const doc = parseYaml(input.text);
  const repo = repoRootOf(input.file, input.root);
  const isAction = !!get(doc, 'runs');
  const inputDefs = isAction ? get(doc, 'inputs') : get(get(get(doc, 'on'), 'workflow_call'), 'inputs') ?? get(get(get(doc, 'on'), 'workflow_dispatch'), 'inputs');
  const inputs: Record<string, GhValue> = {};
  for (const [k, e] of mapEntries(inputDefs)) {
    const d = get(e.value, 'default');
    inputs[k] = d?.kind === 'scalar' ? d.value : GH_UNKNOWN;
  }
  Object.assign(inputs, call?.inputs ?? {});
  const base: GhContext = { inputs, env: {}, workspace: WORKSPACE, actionPath: isAction ? path.dirname(input.file) : undefined };
  const wfEnv = envOf(get(doc, 'env'), base);
  const wfWd = str(get(get(get(doc, 'defaults'), 'run'), 'working-directory'));
  const out: BuildDeclaration[] = [];
  const jobs: Array<[string, YNode]> = isAction ? [['', get(doc, 'runs')!]] : mapEntries(get(doc, 'jobs')).map(([k, e]) => [k, e.value]);
  for (const [jobName, job] of jobs) {
    const jobCtxBase: GhContext = { ...base, env: { ...wfEnv } };
    Object.assign(jobCtxBase.env, envOf(get(job, 'env'), jobCtxBase));
    const combos = buildUsesMatrix(job) ? matrixCombos(get(get(job, 'strategy'), 'matrix'), jobCtxBase) : [undefined];
    for (const matrix of combos.length ? combos : [undefined]) {
      const ctx: GhContext = { ...jobCtxBase, matrix };
      const jobUses = entry(job, 'uses');
      if (jobUses) {
        out.push(...callReusable(input, repo, str(jobUses.value) ?? '', jobUses.keyLine, get(job, 'with'), ctx, depth));
        continue;
      }
      const wd = str(get(get(get(job, 'defaults'), 'run'), 'working-directory')) ?? wfWd;
      out.push(...readSteps(input, repo, items(get(job, 'steps')), ctx, wd, jobName || undefined, call, depth));
    }
  }
  return out;
}

const MATRIX = /\$\{\{[^}]*\bmatrix\./;

/** Whether a build in this job depends on `matrix.*`: only then is the job read once per combination. */
function buildUsesMatrix(job: YNode): boolean {
  const mentions = (n: YNode | undefined): boolean => !!n && (n.kind === 'scalar' ? MATRIX.test(String(n.value)) : n.kind === 'map' ? [...n.entries.values()].some((e) => mentions(e.value)) : n.items.some(mentions));
  if (get(job, 'uses')) return mentions(get(job, 'with'));
  return items(get(job, 'steps')).some((step) => {
    const uses = str(get(step, 'uses')) ?? '';
    if (/^docker\/(build-push|bake)-action@/i.test(uses) || uses.startsWith('./')) return mentions(get(step, 'with'));
    const run = str(get(step, 'run')) ?? '';
    return /docker|podman|buildah|nerdctl|kaniko/.test(run) && (MATRIX.test(run) || mentions(get(step, 'working-directory')) || mentions(get(step, 'env')));
  });
}

function envOf(node: YNode | undefined, ctx: GhContext): Record<string, GhValue> {
  const env: Record<string, GhValue> = {};
  for (const [k, e] of mapEntries(node)) {
    const s = str(e.value);
    if (s === undefined) continue;
    const r = substitute(s, ctx);
    env[k] = r.unknown.length ? GH_UNKNOWN : r.text;
  }
  return env;
}

function readSteps(input: ReaderInput, repo: string, steps: YNode[], ctx: GhContext, jobWd: string | undefined, name: string | undefined, call: Call | undefined, depth: number): BuildDeclaration[] {
  const out: BuildDeclaration[] = [];
  let checkout: Checkout | null | undefined = call?.checkout;
  // Checkouts whose repository cannot be told apart: one is taken to be this repository, two are ambiguous.
  let guessed = 0;
  let known = false;
  const toRepo = (dir: string): string | null => {
    if (!isInside(WORKSPACE, dir)) return isInside(repo, dir) ? dir : null;
    const rel = path.relative(WORKSPACE, dir);
    const at = checkout?.path ?? '';
    if (checkout === null) return null;
    if (at === '') return path.resolve(repo, rel);
    if (rel === at || rel.startsWith(at + path.sep)) return path.resolve(repo, path.relative(at, rel));
    return null;
  };
  const addCaller = (decls: BuildDeclaration[]): BuildDeclaration[] => {
    if (!call?.caller) return decls;
    const extra = decls.map((d) => ({ ...d, evidence: { ...d.evidence, file: call.caller!.file, line: call.caller!.line } }));
    return [...decls, ...extra];
  };
  for (const step of steps) {
    const stepCtx: GhContext = { ...ctx, env: { ...ctx.env } };
    Object.assign(stepCtx.env, envOf(get(step, 'env'), stepCtx));
    const usesEntry = entry(step, 'uses');
    const uses = str(usesEntry?.value) ?? '';
    const w = get(step, 'with');
    const withText = (k: string): { value: GhValue; line: number } | undefined => {
      const e = entry(w, k);
      const s = str(e?.value);
      if (!e || s === undefined) return undefined;
      const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(s);
      const value = whole ? evalGh(whole[1], stepCtx) : (() => { const r = substitute(s, stepCtx); return r.unknown.length ? GH_UNKNOWN : r.text; })();
      return { value, line: e.keyLine };
    };
    if (/^actions\/checkout@/i.test(uses)) {
      const p = withText('path');
      const repository = withText('repository');
      const rawRepo = str(get(w, 'repository'));
      const mine = !repository || !rawRepo || /github\.repository\b/.test(rawRepo) ? true : isThisRepo(repository.value, input, repo);
      // Another repository's checkout does not move this one.
      if (mine === false || (mine === null && known)) continue;
      const at = p?.value;
      const here = at === GH_UNKNOWN ? null : { path: path.normalize(String(at ?? '')).replace(/^\.$|\/$/g, '') };
      if (mine === true) {
        known = true;
        checkout = here;
      } else checkout = ++guessed === 1 ? here : null;
      continue;
    }
    if (/^docker\/build-push-action@/i.test(uses)) {
      const d = buildPush(input, repo, withText, toRepo, usesEntry!.keyLine, name);
      if (d) out.push(...addCaller([d]));
      continue;
    }
    if (/^docker\/bake-action@/i.test(uses) && !/subaction/.test(uses)) {
      bakeAction(input, withText, toRepo, usesEntry!.keyLine, name, stepCtx);
      continue;
    }
    if (uses.startsWith('./') && depth < 3) {
      out.push(...callLocalAction(input, repo, uses, usesEntry!.keyLine, w, stepCtx, checkout, depth));
      continue;
    }
    const run = scriptOf(get(step, 'run'));
    const shell = str(get(step, 'shell'));
    if (!run || (shell && !/^(bash|sh)\b/.test(shell))) continue;
    const wd = str(get(step, 'working-directory')) ?? jobWd;
    let dir = WORKSPACE;
    if (wd !== undefined) {
      const r = substitute(wd, stepCtx);
      if (r.unknown.length) {
        if (/docker|podman|buildah|nerdctl/.test(run.text)) input.log?.(`${input.file}:${run.lineOf(0)}: run step skipped: working-directory ${wd} cannot be evaluated here`);
        continue;
      }
      dir = path.resolve(WORKSPACE, r.text);
    }
    const vars = new Map<string, string>([['GITHUB_WORKSPACE', WORKSPACE]]);
    for (const [k, v] of Object.entries(stepCtx.env)) if (v !== GH_UNKNOWN && v !== null) vars.set(k, String(v));
    const text = substitute(run.text, stepCtx).text;
    const found = findBuildCommands(text, { cwd: { dir, definite: true }, vars, root: repo, scriptPath: input.file });
    out.push(...addCaller(emitCommands(found, run.lineOf, { input, kind: 'workflow', name, mapDir: toRepo })));
  }
  return out;
}

/**
 * Whether a checkout's `repository:` is this repository: true, false, or null when it cannot be told.
 * The names are compared, not the owners, so that a fork's clone still recognises its workflows.
 */
function isThisRepo(value: GhValue, input: ReaderInput, repo: string): boolean | null {
  if (value === GH_UNKNOWN || value === null || value === '') return null;
  const name = String(value).toLowerCase().split('/').pop()!.replace(/\.git$/, '');
  const remotes = gitRemoteNames(input, repo);
  if (remotes.length) return remotes.includes(name);
  // Without a git remote to compare with, the folder's own name decides (`loki` for grafana/loki).
  const folder = path.basename(repo).toLowerCase();
  return folder === name || folder.endsWith('__' + name) ? true : null;
}

/** Repository names of the remotes in `.git/config` (`loki` for git@github.com:grafana/loki.git). */
function gitRemoteNames(input: ReaderInput, repo: string): string[] {
  const config = path.join(repo, '.git', 'config');
  if (input.fs.stat(config)?.type !== 'file') return [];
  const r = readDeclarationFile(input.fs, config, 256 * 1024);
  if ('why' in r) return [];
  return [...r.text.matchAll(/^[ \t]*url[ \t]*=[ \t]*(\S+?)[ \t]*$/gm)].map((m) => m[1].toLowerCase().replace(/\/$/, '').split(/[/:]/).pop()!.replace(/\.git$/, ''));
}

type WithText = (k: string) => { value: GhValue; line: number } | undefined;

function buildPush(input: ReaderInput, repo: string, withText: WithText, toRepo: (d: string) => string | null, usesLine: number, name: string | undefined): BuildDeclaration | null {
  const ctx = withText('context');
  const file = withText('file');
  if (ctx?.value === GH_UNKNOWN || file?.value === GH_UNKNOWN) {
    input.log?.(`${input.file}:${(ctx ?? file)!.line}: docker/build-push-action skipped: ${ctx?.value === GH_UNKNOWN ? 'context' : 'file'} cannot be evaluated here`);
    return null;
  }
  const ctxText = ctx?.value === undefined || ctx.value === null || ctx.value === '' ? null : String(ctx.value);
  if (ctxText && (isRemoteContext(ctxText) || ctxText.includes('{{'))) return null;
  // No context: the git context, i.e. the repository itself; `file` is then relative to it.
  const context = ctxText === null ? repo : toRepo(path.resolve(WORKSPACE, ctxText));
  if (!context) return null;
  const fileText = file?.value === undefined || file.value === null || file.value === '' ? null : String(file.value);
  const dockerfile = fileText === null ? path.join(context, 'Dockerfile') : ctxText === null ? path.resolve(context, fileText) : toRepo(path.resolve(WORKSPACE, fileText));
  if (!dockerfile) return null;
  const decl: BuildDeclaration = { dockerfile, context, evidence: { file: input.file, line: (ctx ?? file)?.line ?? usesLine, kind: 'workflow' } };
  if (name) decl.name = name;
  if (ctxText === null) decl.assumption = 'no context: the git context, the repository root';
  return decl;
}

function bakeAction(input: ReaderInput, withText: WithText, toRepo: (d: string) => string | null, usesLine: number, name: string | undefined, ctx: GhContext): void {
  const list = (k: string): string[] | null => {
    const v = withText(k);
    if (!v) return [];
    if (v.value === GH_UNKNOWN) return null;
    return String(v.value ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  };
  const source = withText('source');
  if (source && (source.value === GH_UNKNOWN || (typeof source.value === 'string' && source.value !== '.' && isRemoteContext(source.value)))) return;
  const workdir = withText('workdir');
  if (workdir?.value === GH_UNKNOWN) return;
  const dir = toRepo(path.resolve(WORKSPACE, String(workdir?.value ?? '.')));
  const files = list('files');
  const targets = list('targets');
  if (!dir || files === null) return;
  const sets: Record<string, string> = {};
  for (const s of list('set') ?? []) {
    const m = /^([^=]+)\.(context|dockerfile)=(.*)$/.exec(s);
    if (m) sets[`${m[1]}.${m[2]}`] = m[3];
  }
  const env: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(ctx.env)) env[k] = v === GH_UNKNOWN ? null : v === null ? '' : String(v);
  input.bakeRun?.({
    files: files.map((f) => path.resolve(dir, f)),
    cwd: dir,
    targets: targets ?? [],
    targetsUnknown: targets === null,
    env,
    sets,
    evidence: { file: input.file, line: withText('files')?.line ?? withText('targets')?.line ?? usesLine, kind: 'workflow' },
    name,
  });
}

function callReusable(input: ReaderInput, repo: string, uses: string, line: number, withNode: YNode | undefined, ctx: GhContext, depth: number): BuildDeclaration[] {
  const inputs: Record<string, GhValue> = {};
  const lines: Record<string, number> = {};
  for (const [k, e] of mapEntries(withNode)) {
    const s = str(e.value);
    const whole = s === undefined ? undefined : /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(s);
    inputs[k] = s === undefined ? (e.value.kind === 'scalar' ? e.value.value : GH_UNKNOWN) : whole ? evalGh(whole[1], ctx) : (() => { const r = substitute(s, ctx); return r.unknown.length ? GH_UNKNOWN : r.text; })();
    lines[k] = e.keyLine;
  }
  const callerLine = lines.context ?? lines.file ?? lines.dockerfile ?? line;
  if (uses.startsWith('./')) {
    if (depth >= 3) return [];
    const callee = path.resolve(repo, uses.replace(/@.*$/, ''));
    input.dependsOn?.(callee);
    const r = readDeclarationFile(input.fs, callee);
    if ('why' in r) return [];
    try {
      return readWorkflow({ ...input, file: callee, text: r.text }, { inputs, caller: { file: input.file, line: callerLine } }, depth + 1);
    } catch (e) {
      input.log?.(`${callee} (called from ${input.file}): ${(e as Error).message}`);
      return [];
    }
  }
  // A workflow of another repository: `with: context:` is taken to be a docker build context.
  const context = inputs.context;
  if (typeof context !== 'string' || isRemoteContext(context)) return [];
  const ctxAbs = path.resolve(repo, context);
  const file = inputs.file ?? inputs.dockerfile;
  const candidates = typeof file === 'string' && file ? [path.resolve(repo, file), path.resolve(ctxAbs, file)] : [path.join(ctxAbs, 'Dockerfile')];
  const dockerfile = candidates.find((f) => input.fs.stat(f)?.type === 'file');
  if (!dockerfile || !isInside(repo, ctxAbs)) return [];
  return [{ dockerfile, context: ctxAbs, evidence: { file: input.file, line: callerLine, kind: 'workflow' }, assumption: `${uses.replace(/@.*$/, '')} (another repository) taken to build \`context\` with docker` }];
}

function callLocalAction(input: ReaderInput, repo: string, uses: string, line: number, withNode: YNode | undefined, ctx: GhContext, checkout: Checkout | null | undefined, depth: number): BuildDeclaration[] {
  const folder = path.resolve(repo, uses);
  const file = ['action.yml', 'action.yaml'].map((n) => path.join(folder, n)).find((f) => input.fs.stat(f)?.type === 'file');
  input.dependsOn?.(path.join(folder, 'action.yml'));
  if (!file) return [];
  const r = readDeclarationFile(input.fs, file);
  if ('why' in r) return [];
  const inputs: Record<string, GhValue> = {};
  for (const [k, e] of mapEntries(withNode)) {
    const s = str(e.value);
    if (s === undefined) continue;
    const t = substitute(s, ctx);
    inputs[k] = t.unknown.length ? GH_UNKNOWN : t.text;
  }
  try {
    return readWorkflow({ ...input, file, text: r.text }, { inputs, caller: { file: input.file, line }, checkout: checkout ?? undefined }, depth + 1);
  } catch (e) {
    input.log?.(`${file} (used by ${input.file}): ${(e as Error).message}`);
    return [];
  }
}
