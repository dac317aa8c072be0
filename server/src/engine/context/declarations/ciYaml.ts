// CI systems written in YAML whose jobs run shell lines or a docker builder image:
// - GitLab CI (`.gitlab-ci.yml`, `*.gitlab-ci.yml`, files under `.gitlab/`, local `include`s): `script`,
//   `before_script`, `after_script` (with `extends`), `variables`; lines run in the project folder.
// - Cloud Build (`cloudbuild*.yaml`, files in a `cloudbuild/` folder): `args` of docker and kaniko steps,
//   `bash -c` steps and `script`, in `dir` under the source root, with `substitutions` defaults.
// - Azure Pipelines (`azure-pipelines*.yml`, `.azure-pipelines/`): `Docker@2` (`Dockerfile`,
//   `buildContext`, `**` meaning the Dockerfile's folder), `script` / `bash` steps with `workingDirectory`.
import * as path from 'node:path';
import { parseBuildCommand } from './commandLine';
import { readDeclarationFile } from './readFile';
import { emitCommands, findBuildCommands } from './shellScript';
import type { FoundCommand } from './shellScript';
import { unresolvedMarker } from './shellWords';
import { MENTIONS_BUILD } from './scripts';
import { get, items, mapEntries, parseYaml, scriptOf, str } from './yamlTree';
import type { YNode } from './yamlTree';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

export const gitlabReader: DeclarationReader = {
  kind: 'gitlab-ci',
  accepts: (rel) => /(^|\/|\.)gitlab-ci\.ya?ml$/.test(rel) || /(^|\/)\.gitlab\/.+\.ya?ml$/.test(rel),
  read: (input) => readGitlab(input, 0),
};

const GITLAB_RESERVED = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'spec', 'pages']);

function literalVars(node: YNode | undefined): Map<string, string> {
  const vars = new Map<string, string>();
  for (const [k, e] of mapEntries(node)) {
    const v = str(e.value) ?? str(get(e.value, 'value'));
    if (v !== undefined) vars.set(k, v);
  }
  for (const item of items(node)) {
    const k = str(get(item, 'name'));
    const v = str(get(item, 'value'));
    if (k && v !== undefined) vars.set(k, v);
  }
  return vars;
}

function readGitlab(input: ReaderInput, depth: number): BuildDeclaration[] {
  const doc = parseYaml(input.text);
  const project = /(^|\/)\.gitlab-ci\.ya?ml$/.test(input.file.split(path.sep).join('/')) ? path.dirname(input.file) : input.root;
  const out: BuildDeclaration[] = [];
  const inc = get(doc, 'include');
  for (const i of inc?.kind === 'seq' ? inc.items : inc ? [inc] : []) {
    const local = str(i) ?? str(get(i, 'local'));
    if (!local || /^https?:/.test(local) || /[*]/.test(local) || depth >= 3) continue;
    const target = path.join(project, local.replace(/^\//, ''));
    input.dependsOn?.(target);
    const r = readDeclarationFile(input.fs, target);
    if ('text' in r) {
      try {
        out.push(...readGitlab({ ...input, file: target, text: r.text }, depth + 1));
      } catch (e) {
        input.log?.(`${target} (included by ${input.file}): ${(e as Error).message}`);
      }
    }
  }
  const jobs = new Map(mapEntries(doc).filter(([k, e]) => !GITLAB_RESERVED.has(k) && e.value.kind === 'map'));
  const globalVars = literalVars(get(doc, 'variables'));
  // `extends`: a job takes the keys of its templates it does not set itself.
  const field = (job: string, key: string, seen = new Set<string>()): YNode | undefined => {
    const node = jobs.get(job)?.value;
    const own = get(node, key);
    if (own || seen.has(job)) return own;
    seen.add(job);
    const ext = get(node, 'extends');
    const parents = ext?.kind === 'seq' ? ext.items.map(str) : [str(ext)];
    for (const p of parents.reverse()) {
      const v = p ? field(p, key, seen) : undefined;
      if (v) return v;
    }
    return undefined;
  };
  for (const [name] of jobs) {
    if (name.startsWith('.')) continue;
    const vars = new Map([...globalVars, ...literalVars(field(name, 'variables'))]);
    vars.set('CI_PROJECT_DIR', project);
    vars.set('CI_BUILDS_DIR', path.dirname(project));
    // `before_script` and `script` run in one shell (a `cd` carries over); `after_script` in another.
    for (const keys of [['before_script', 'script'], ['after_script']]) {
      const texts: string[] = [];
      const lines: number[] = [];
      for (const key of keys) {
        const node = field(name, key) ?? (key !== 'script' ? get(get(doc, 'default'), key) ?? get(doc, key) : undefined);
        for (const item of flatScripts(node)) {
          const s = scriptOf(item);
          if (!s) continue;
          s.text.split('\n').forEach((t, k) => {
            texts.push(t);
            lines.push(s.lineOf(k));
          });
        }
      }
      if (!texts.some((t) => MENTIONS_BUILD.test(t))) continue;
      const found = findBuildCommands(texts.join('\n'), { cwd: { dir: project, definite: true }, vars, root: input.root });
      out.push(...emitCommands(found, (l) => lines[l] ?? lines[0], { input, kind: 'gitlab-ci', name }));
    }
  }
  return out;
}

function flatScripts(node: YNode | undefined): YNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.flatMap(flatScripts);
  return node.kind === 'scalar' ? [node] : [];
}

export const cloudbuildReader: DeclarationReader = {
  kind: 'cloudbuild',
  accepts: (rel) => /(^|\/)cloudbuild[^/]*\.ya?ml$/.test(rel) || /(^|\/)cloudbuild\/[^/]+\.ya?ml$/.test(rel),
  read: readCloudbuild,
};

function readCloudbuild(input: ReaderInput): BuildDeclaration[] {
  const doc = parseYaml(input.text);
  const subs = literalVars(get(doc, 'substitutions'));
  const substitute = (s: string): string =>
    s.replace(/\$\$|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string | undefined) => (m === '$$' ? '$' : subs.get(name!) ?? unresolvedMarker(`$${name}`)));
  const out: BuildDeclaration[] = [];
  // The source uploaded (or checked out by a trigger) is the repository root: /workspace.
  const source = input.root;
  for (const step of items(get(doc, 'steps'))) {
    const image = str(get(step, 'name')) ?? '';
    const dirText = str(get(step, 'dir'));
    const dir = path.resolve(source, dirText ? substitute(dirText).replace(/^\/workspace\/?/, '') : '.');
    const args = items(get(step, 'args'));
    const entrypoint = str(get(step, 'entrypoint'));
    const emit = (found: FoundCommand[], lineOf: (l: number) => number): void => {
      out.push(...emitCommands(found, lineOf, { input, kind: 'cloudbuild', name: str(get(step, 'id')) }));
    };
    const script = scriptOf(get(step, 'script'));
    if (script) {
      emit(findBuildCommands(substitute(script.text), { cwd: { dir, definite: true }, root: input.root }), script.lineOf);
      continue;
    }
    if (entrypoint && /^(ba)?sh$/.test(path.posix.basename(entrypoint)) && str(args[0]) === '-c' && args[1]) {
      const s = scriptOf(args[1]);
      if (s) emit(findBuildCommands(substitute(s.text), { cwd: { dir, definite: true }, root: input.root }), s.lineOf);
      continue;
    }
    const tool = /(^|\/)(cloud-builders\/)?docker(:[\w.-]+)?$/.test(image) && !entrypoint ? 'docker' : /kaniko-project\/executor/.test(image) ? '/kaniko/executor' : entrypoint === 'docker' ? 'docker' : null;
    if (!tool || args.length === 0) continue;
    // Paths under /workspace are the source root.
    const atSource = (a: string): string => a.replace(/^(--?[\w-]+=)?(dir:\/\/)?\/workspace(?=\/|$)/, (_, flag: string | undefined, scheme: string | undefined) => `${flag ?? ''}${scheme ?? ''}${source}`);
    const words = [tool, ...args.map((a) => atSource(substitute(str(a) ?? '')))].map((text) => ({ text, unresolved: text.includes('\uE000') ? [text] : [] }));
    const cmd = parseBuildCommand(words);
    if (cmd) emit([{ cmd, line: 0, cwd: { dir, definite: true } }], () => args[0].line);
  }
  return out;
}

export const azureReader: DeclarationReader = {
  kind: 'azure-pipelines',
  accepts: (rel) => /(^|\/)azure-pipelines[^/]*\.ya?ml$/.test(rel) || /(^|\/)\.azure-pipelines\/.+\.ya?ml$/.test(rel),
  read: readAzure,
};

function readAzure(input: ReaderInput): BuildDeclaration[] {
  const doc = parseYaml(input.text);
  const vars = literalVars(get(doc, 'variables'));
  const sources = input.root;
  const macro = (s: string): string =>
    s.replace(/\$\(([A-Za-z0-9_.]+)\)/g, (_, name: string) =>
      /^(Build\.SourcesDirectory|System\.DefaultWorkingDirectory|Build\.Repository\.LocalPath|Agent\.BuildDirectory)$/i.test(name) ? sources : vars.get(name) ?? unresolvedMarker(`$(${name})`),
    );
  const out: BuildDeclaration[] = [];
  const visit = (node: YNode | undefined, depth: number): void => {
    if (!node || depth > 30) return;
    if (node.kind === 'seq') node.items.forEach((n) => visit(n, depth + 1));
    if (node.kind !== 'map') return;
    const task = str(get(node, 'task')) ?? '';
    const inputs = get(node, 'inputs');
    const inputOf = (k: string): { value: string; line: number } | undefined => {
      const e = mapEntries(inputs).find(([name]) => name.toLowerCase() === k.toLowerCase())?.[1];
      const v = str(e?.value);
      return e && v !== undefined ? { value: macro(v), line: e.keyLine } : undefined;
    };
    if (/^Docker@\d+$/i.test(task)) {
      const command = (inputOf('command')?.value ?? 'buildAndPush').toLowerCase();
      const df = inputOf('Dockerfile') ?? inputOf('dockerFile');
      const ctx = inputOf('buildContext');
      if (/^(build|buildandpush|build an image)$/.test(command)) {
        const dfText = df?.value ?? '**/Dockerfile';
        if (/[*?]/.test(dfText) || dfText.includes('\uE000') || ctx?.value.includes('\uE000')) {
          input.log?.(`${input.file}:${node.line}: Docker task skipped: its Dockerfile (${dfText}) is a pattern or unknown`);
        } else {
          const dockerfile = path.resolve(sources, dfText);
          const ctxText = ctx?.value ?? '**';
          const context = ctxText === '**' ? path.dirname(dockerfile) : path.resolve(sources, ctxText);
          out.push({ dockerfile, context, evidence: { file: input.file, line: (ctx ?? df)?.line ?? node.line, kind: 'azure-pipelines' }, name: str(get(node, 'displayName')) });
        }
      }
    }
    const scriptNode = get(node, 'script') ?? get(node, 'bash') ?? (/^(Bash|CmdLine|ShellScript)@\d+$/i.test(task) ? get(inputs, 'script') : undefined);
    const script = scriptOf(scriptNode);
    if (script && !get(node, 'steps')) {
      const wd = str(get(node, 'workingDirectory')) ?? str(get(inputs, 'workingDirectory'));
      const dirText = wd ? macro(wd) : '.';
      if (!dirText.includes('\uE000')) {
        const found = findBuildCommands(macro(script.text), { cwd: { dir: path.resolve(sources, dirText), definite: true }, root: input.root });
        out.push(...emitCommands(found, script.lineOf, { input, kind: 'azure-pipelines', name: str(get(node, 'displayName')) }));
      }
    }
    for (const [, e] of mapEntries(node)) if (e.value.kind !== 'scalar') visit(e.value, depth + 1);
  };
  visit(doc ?? undefined, 0);
  return out;
}
