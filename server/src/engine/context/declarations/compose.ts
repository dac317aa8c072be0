// Compose files: which services build which Dockerfile with which context. Reads `build:` (a string or
// `{ context, dockerfile, additional_contexts }`), `extends` (same file or another), top-level `include`,
// anchors and merge keys, `*.override.*` files over their base, and interpolates as compose does with the
// `.env` of the project folder (an include's `env_file` for the included file).
import * as path from 'node:path';
import type { FileSystemView } from '../fs';
import { interpolate, parseDotEnv } from './interpolate';
import type { Lookup } from './interpolate';
import { isRemoteContext } from './paths';
import { readDeclarationFile } from './readFile';
import { entry, get, items, mapEntries, parseYaml, str, YamlError } from './yamlTree';
import type { YNode } from './yamlTree';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

/** The names `docker compose` finds by itself, and the override files it merges over them. */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** `compose.yaml`, `compose.*.yaml`, `docker-compose*.yml` (any `.yml` / `.yaml`). */
export function isComposeFileName(name: string): boolean {
  return /^(compose(\.[^/]+)?|docker-compose[^/]*)\.ya?ml$/i.test(name);
}

export const composeReader: DeclarationReader = {
  kind: 'compose',
  accepts: (rel) => isComposeFileName(path.posix.basename(rel)),
  read: (input) => readCompose(input),
};

interface Located {
  value: string;
  line: number;
  file: string;
  /** Folder a relative value is resolved from (the declaring file's folder). */
  baseDir: string;
}

interface BuildSpec {
  buildLine: number;
  buildFile: string;
  buildDir: string;
  context?: Located;
  dockerfile?: Located;
  inline: boolean;
  additional: Located[];
}

interface Run {
  fs: FileSystemView;
  log?: (m: string) => void;
  dependsOn?: (f: string) => void;
  /** Files already being read on this path (include / extends loops). */
  stack: Set<string>;
}

/** Declarations of one compose file (and of the files it includes). Throws YamlError on invalid YAML. */
export function readCompose(input: ReaderInput, env?: Lookup): BuildDeclaration[] {
  const run: Run = { fs: input.fs, log: input.log, dependsOn: input.dependsOn, stack: new Set([input.file]) };
  return readText(run, input.file, input.text, env ?? projectEnv(run, path.dirname(input.file)), 0);
}

function projectEnv(run: Run, projectDir: string, envFiles?: string[]): Lookup {
  const vars = new Map<string, string>();
  for (const file of envFiles ?? [path.join(projectDir, '.env')]) {
    run.dependsOn?.(file);
    const st = run.fs.stat(file);
    if (!st) continue;
    const r = readDeclarationFile(run.fs, file);
    if ('why' in r) {
      run.log?.(`${file}: ${r.why}; its variables are not used`);
      continue;
    }
    for (const [k, v] of parseDotEnv(r.text, (n) => vars.get(n))) vars.set(k, v);
  }
  return (name) => vars.get(name);
}

function readText(run: Run, file: string, text: string, env: Lookup, depth: number): BuildDeclaration[] {
  const doc = parseYaml(text);
  const dir = path.dirname(file);
  const out: BuildDeclaration[] = [];
  for (const inc of includes(doc, env)) {
    const included = path.resolve(dir, inc.path);
    run.dependsOn?.(included);
    if (run.stack.has(included) || depth > 8) continue;
    const projectDir = inc.projectDirectory ? path.resolve(dir, inc.projectDirectory) : path.dirname(included);
    const incEnv = projectEnv(run, projectDir, inc.envFiles?.map((f) => path.resolve(dir, f)));
    const sub = loadTree(run, included);
    if (!sub) continue;
    run.stack.add(included);
    try {
      out.push(...readText(run, included, sub.text, incEnv, depth + 1));
    } catch (e) {
      run.log?.(`${included} (included by ${file}): ${(e as Error).message}`);
    } finally {
      run.stack.delete(included);
    }
  }
  const base = overrideBase(run, file);
  for (const [service, e] of mapEntries(get(doc, 'services'))) {
    const spec = effectiveBuild(run, service, e.value, doc, file, env, base, 0);
    if (!spec) continue;
    const decl = declarationOf(service, spec, env, run, file);
    if (decl) out.push(decl);
  }
  return out;
}

interface Include {
  path: string;
  projectDirectory?: string;
  envFiles?: string[];
}

function includes(doc: YNode | null, env: Lookup): Include[] {
  const out: Include[] = [];
  const list = get(doc, 'include');
  for (const item of list?.kind === 'seq' ? list.items : list ? [list] : []) {
    const plain = str(item);
    if (plain !== undefined) {
      out.push({ path: interpolate(plain, env).value });
      continue;
    }
    const p = get(item, 'path');
    const paths = p?.kind === 'seq' ? p.items.map(str) : [str(p)];
    const projectDirectory = str(get(item, 'project_directory'));
    const ef = get(item, 'env_file');
    const envFiles = ef === undefined ? undefined : (ef.kind === 'seq' ? ef.items.map(str) : [str(ef)]).filter((s): s is string => !!s);
    for (const one of paths) {
      if (!one) continue;
      out.push({
        path: interpolate(one, env).value,
        projectDirectory: projectDirectory && interpolate(projectDirectory, env).value,
        envFiles: envFiles?.map((f) => interpolate(f, env).value),
      });
    }
  }
  return out;
}

function loadTree(run: Run, file: string): { text: string; doc: YNode | null } | null {
  const r = readDeclarationFile(run.fs, file);
  if ('why' in r) {
    run.log?.(`${file}: ${r.why}`);
    return null;
  }
  try {
    return { text: r.text, doc: parseYaml(r.text) };
  } catch (e) {
    run.log?.(`${file}: ${(e as Error).message}`);
    return null;
  }
}

/** `compose.override.yaml` is merged over `compose.yaml` (and `docker-compose.override.yml` over `docker-compose.yml`). */
function overrideBase(run: Run, file: string): { file: string; doc: YNode | null } | null {
  const m = /^(docker-compose|compose)\.override\.ya?ml$/i.exec(path.basename(file));
  if (!m) return null;
  for (const ext of ['yaml', 'yml']) {
    const candidate = path.join(path.dirname(file), `${m[1]}.${ext}`);
    run.dependsOn?.(candidate);
    if (run.fs.stat(candidate)?.type !== 'file') continue;
    const t = loadTree(run, candidate);
    return t ? { file: candidate, doc: t.doc } : null;
  }
  return null;
}

function effectiveBuild(
  run: Run,
  service: string,
  node: YNode,
  doc: YNode | null,
  file: string,
  env: Lookup,
  implicitBase: { file: string; doc: YNode | null } | null,
  depth: number,
): BuildSpec | null {
  if (depth > 10) return null;
  const dir = path.dirname(file);
  let base: BuildSpec | null = null;
  const ext = get(node, 'extends');
  if (ext) {
    const extService = str(ext) ?? str(get(ext, 'service'));
    const extFile = str(get(ext, 'file'));
    if (extService && extFile) {
      const target = path.resolve(dir, interpolate(extFile, env).value);
      run.dependsOn?.(target);
      if (!run.stack.has(target)) {
        const t = loadTree(run, target);
        const baseNode = t && get(get(t.doc, 'services'), extService);
        if (t && baseNode) {
          run.stack.add(target);
          base = effectiveBuild(run, extService, baseNode, t.doc, target, env, null, depth + 1);
          run.stack.delete(target);
        }
      }
    } else if (extService && extService !== service) {
      const baseNode = get(get(doc, 'services'), extService);
      if (baseNode) base = effectiveBuild(run, extService, baseNode, doc, file, env, null, depth + 1);
    }
  } else if (implicitBase) {
    const baseNode = get(get(implicitBase.doc, 'services'), service);
    if (baseNode) base = effectiveBuild(run, service, baseNode, implicitBase.doc, implicitBase.file, env, null, depth + 1);
  }
  const buildEntry = entry(node, 'build');
  if (!buildEntry) return base;
  const spec: BuildSpec = base
    ? { ...base, additional: [...base.additional], buildLine: buildEntry.keyLine, buildFile: file, buildDir: dir }
    : { buildLine: buildEntry.keyLine, buildFile: file, buildDir: dir, inline: false, additional: [] };
  const b = buildEntry.value;
  const plain = str(b);
  if (plain !== undefined) {
    spec.context = { value: plain, line: buildEntry.keyLine, file, baseDir: dir };
    return spec;
  }
  if (b.kind !== 'map') return base;
  const at = (key: string): Located | undefined => {
    const e = entry(b, key);
    const v = str(e?.value);
    return e && v !== undefined ? { value: v, line: e.keyLine, file, baseDir: dir } : undefined;
  };
  spec.context = at('context') ?? spec.context;
  const dockerfile = at('dockerfile');
  if (dockerfile) {
    spec.dockerfile = dockerfile;
    spec.inline = false;
  }
  if (entry(b, 'dockerfile_inline')) spec.inline = true;
  const extra = get(b, 'additional_contexts');
  for (const [name, e] of mapEntries(extra)) {
    const v = str(e.value);
    if (v !== undefined) spec.additional.push({ value: `${name}=${v}`, line: e.keyLine, file, baseDir: dir });
  }
  for (const item of items(extra)) {
    const v = str(item);
    if (v !== undefined) spec.additional.push({ value: v, line: item.line, file, baseDir: dir });
  }
  return spec;
}

function declarationOf(service: string, spec: BuildSpec, env: Lookup, run: Run, file: string): BuildDeclaration | null {
  if (spec.inline) return null;
  const missing: string[] = [];
  const expand = (s: string): string | null => {
    const r = interpolate(s, env);
    if (r.error) {
      run.log?.(`${file}: service ${service}: ${r.error}; build skipped`);
      return null;
    }
    missing.push(...r.missing);
    return r.value;
  };
  const contextText = spec.context ? expand(spec.context.value) : '.';
  if (contextText === null) return null;
  if (isRemoteContext(contextText)) return null;
  const context = path.resolve(spec.context?.baseDir ?? spec.buildDir, contextText || '.');
  const dockerfileText = spec.dockerfile ? expand(spec.dockerfile.value) : 'Dockerfile';
  if (dockerfileText === null) return null;
  const dockerfile = path.resolve(context, dockerfileText || 'Dockerfile');
  const named: Record<string, string> = {};
  for (const a of spec.additional) {
    const v = expand(a.value);
    const eq = v?.indexOf('=') ?? -1;
    if (!v || eq <= 0) continue;
    const target = v.slice(eq + 1);
    if (isRemoteContext(target) || /^[a-z-]+:/i.test(target)) continue;
    named[v.slice(0, eq)] = path.resolve(a.baseDir, target);
  }
  const decl: BuildDeclaration = {
    dockerfile,
    context,
    evidence: { file: spec.context?.file ?? spec.buildFile, line: spec.context?.line ?? spec.buildLine, kind: 'compose' },
    name: service,
  };
  const unset = [...new Set(missing)];
  if (unset.length) decl.assumption = `${unset.map((n) => '${' + n + '}').join(', ')} not set: taken as empty, as compose does`;
  if (Object.keys(named).length) decl.namedContexts = named;
  return decl;
}

export interface ComposeBuild {
  service: string;
  context: string;
  dockerfile: string;
}

const composeCache = new Map<string, { key: string; builds: ComposeBuild[] }>();

/** `services.*.build` of one compose file (with its includes), parsed once per content of the file and its `.env`. */
export function composeBuilds(fs: FileSystemView, composeFile: string): ComposeBuild[] {
  const r = readDeclarationFile(fs, composeFile);
  if ('why' in r) {
    composeCache.delete(composeFile);
    return [];
  }
  const key = `${r.text}\0${fs.readText(path.join(path.dirname(composeFile), '.env')) ?? ''}`;
  const hit = composeCache.get(composeFile);
  if (hit && hit.key === key) return hit.builds;
  let builds: ComposeBuild[] = [];
  try {
    builds = readCompose({ file: composeFile, text: r.text, root: path.dirname(composeFile), fs }).map((d) => ({
      service: d.name ?? '',
      context: d.context,
      dockerfile: d.dockerfile,
    }));
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
  }
  composeCache.set(composeFile, { key, builds });
  return builds;
}
