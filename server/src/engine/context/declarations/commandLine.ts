// One command line, already split into words: is it a build (`docker build`, `docker buildx build`,
// `docker image build`, `podman build`, `buildah bud|build`, `nerdctl build`), a `docker buildx bake`, or a
// `docker compose` naming its files, and with which arguments? Knows which flags take a value, so the
// context is the one positional argument left; anything it cannot be sure of is reported, not guessed.
import * as path from 'node:path';
import type { Word } from './shellExpand';
import { UNRESOLVED } from './shellWords';
import { isRemoteContext } from './paths';

export type Arg = { kind: 'path'; value: string } | { kind: 'stdin' } | { kind: 'remote'; value: string } | { kind: 'unresolved'; why: string };

export interface BuildArgs {
  kind: 'build';
  tool: string;
  context: Arg | { kind: 'missing' };
  /** `-f` / `--file`; null when absent (the context's Dockerfile). */
  file: Arg | null;
  /** `--build-context name=value`, values as written. */
  buildContexts: Record<string, string>;
  env: Record<string, string | null>;
  assumptions: string[];
}

export interface BakeArgs {
  kind: 'bake';
  files: string[];
  filesUnresolved: boolean;
  /** A remote definition (`docker buildx bake https://…#ref:subdir`): nothing local to read. */
  remote: string | null;
  targets: string[];
  targetsUnknown: boolean;
  sets: Record<string, string>;
  env: Record<string, string | null>;
  assumptions: string[];
}

export interface ComposeArgs {
  kind: 'compose';
  files: string[];
}

export type BuildCommand = BuildArgs | BakeArgs | ComposeArgs;

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'time', '[[', 'exec', 'nohup', 'command', 'builtin', 'eval']);

/** Build flags that take a value (docker, buildx, podman, buildah, nerdctl). Others are switches. */
const BUILD_VALUE_FLAGS = new Set([
  'add-host', 'allow', 'annotation', 'arch', 'attest', 'authfile', 'build-arg', 'build-arg-file', 'build-context',
  'builder', 'cache-from', 'cache-to', 'cache-ttl', 'call', 'cap-add', 'cap-drop', 'cert-dir', 'cgroup-parent',
  'cgroupns', 'cpp-flag', 'cpu-period', 'cpu-quota', 'cpu-shares', 'cpuset-cpus', 'cpuset-mems', 'creds',
  'decryption-key', 'device', 'dns', 'dns-option', 'dns-search', 'env', 'file', 'format', 'from', 'hooks-dir',
  'iidfile', 'ignorefile', 'ipc', 'isolation', 'jobs', 'label', 'layer-label', 'logfile', 'manifest', 'memory',
  'memory-swap', 'metadata-file', 'network', 'no-cache-filter', 'os', 'os-feature', 'os-version', 'output',
  'pid', 'platform', 'progress', 'retry', 'retry-delay', 'runtime', 'runtime-flag', 'secret', 'security-opt',
  'shm-size', 'sign-by', 'signature-policy', 'source-date-epoch', 'ssh', 'tag', 'target', 'timestamp', 'ulimit',
  'unsetenv', 'unsetlabel', 'userns', 'userns-gid-map', 'userns-gid-map-group', 'userns-uid-map',
  'userns-uid-map-user', 'uts', 'variant', 'volume', 'namespace', 'slsa-provenance', 'iidfile-raw',
]);
const BUILD_SHORT_VALUE = new Set(['f', 't', 'm', 'c', 'o', 'v']);
const BAKE_VALUE_FLAGS = new Set(['file', 'set', 'builder', 'metadata-file', 'progress', 'allow', 'call', 'var']);
const COMPOSE_VALUE_FLAGS = new Set(['file', 'project-directory', 'project-name', 'env-file', 'profile', 'ansi', 'parallel', 'progress', 'context', 'host', 'log-level']);
const DOCKER_GLOBAL_VALUE = new Set(['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey', 'connection', 'url', 'identity', 'root', 'runroot', 'storage-driver', 'storage-opt', 'cgroup-manager', 'namespace', 'address', 'snapshotter', 'cni-path', 'data-root', 'module', 'registry-auth-file']);
const DOCKER_GLOBAL_SHORT_VALUE = new Set(['H', 'c', 'l', 'n', 'a']);

const isAssignment = (w: Word): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text);
const known = (w: Word | undefined): boolean => !!w && w.unresolved.length === 0;
const wholeUnknown = (w: Word): boolean => w.unresolved.length > 0 && new RegExp(`^(${UNRESOLVED}[^\\uE001]*\\uE001)+$`).test(w.text);

export function parseBuildCommand(words: Word[]): BuildCommand | null {
  if (words.some((w) => w.text === '--help' || w.text === '-h')) return null;
  let i = 0;
  const env: Record<string, string | null> = {};
  const assumptions: string[] = [];
  // Prefixes: assignments, reserved words, wrappers.
  for (;;) {
    const w = words[i];
    if (!w) return null;
    if (known(w) && RESERVED.has(w.text)) i++;
    else if (isAssignment(w)) {
      const eq = w.text.indexOf('=');
      env[w.text.slice(0, eq)] = w.unresolved.length ? null : w.text.slice(eq + 1);
      i++;
    } else if (known(w) && ['sudo', 'doas', 'env', 'timeout', 'nice', 'stdbuf', 'ionice', 'xargs'].includes(path.posix.basename(w.text))) {
      i = skipWrapper(words, i);
    } else break;
  }
  const cmd = words[i];
  const rest = words.slice(i + 1);
  if (!cmd) return null;
  if (known(cmd)) {
    const tool = path.posix.basename(cmd.text);
    switch (tool) {
      case 'docker':
      case 'podman':
      case 'nerdctl':
        return subcommand(tool, rest, env, assumptions);
      case 'docker-buildx':
        return subcommand('docker', [{ text: 'buildx', unresolved: [] }, ...rest], env, assumptions);
      case 'buildah':
        return /^(bud|build|build-using-dockerfile)$/.test(rest[0]?.text ?? '') ? build(tool, rest.slice(1), env, assumptions) : null;
      case 'docker-compose':
      case 'podman-compose':
        return compose(rest);
      case 'executor':
        return cmd.text.includes('kaniko') || cmd.text === 'executor' ? kaniko(rest, env, assumptions) : null;
    }
    // A wrapper named for buildx (`buildxCmd bake …`, a shell function around `docker buildx`).
    if (/buildx/i.test(tool) && /^(bake|build)$/.test(rest[0]?.text ?? '')) {
      assumptions.push(`${tool} taken as docker buildx`);
      return subcommand('docker', [{ text: 'buildx', unresolved: [] }, ...rest], env, assumptions);
    }
    return null;
  }
  if (!wholeUnknown(cmd)) return null;
  // An unknown command: `$(OCI_RUNTIME) build …`, `$(DOCKER) buildx build`, `$dbuild -t x -f y .`,
  // `buildxCmd bake` never reach here (known word); `${CONTAINER_TOOL} build`.
  const name = cmd.unresolved[0].replace(/^\$\(?|\)$/g, '');
  const next = rest[0]?.text;
  if (/docker|podman|buildah|nerdctl|oci|container|engine|runtime|cli|tool/i.test(name) && /^(build|buildx|image|builder|bud)$/.test(next ?? '')) {
    assumptions.push(`${cmd.unresolved[0]} taken as a container CLI (docker, podman…)`);
    return next === 'bud' ? build('buildah', rest.slice(1), env, assumptions) : subcommand('docker', rest, env, assumptions);
  }
  if (/build/i.test(name) && !/^(build|buildx|bake|image|builder)$/.test(next ?? '') && rest.some((w) => /^(-t|--tag|-f|--file)(=|$)/.test(w.text))) {
    assumptions.push(`${cmd.unresolved[0]} taken as a build command (docker build …)`);
    return build('docker', rest, env, assumptions);
  }
  return null;
}

/** Wrapper words whose own options come before the real command: `sudo -E`, `timeout 600`, `env A=b`. */
function skipWrapper(words: Word[], i: number): number {
  const name = path.posix.basename(words[i].text);
  i++;
  const valueFlags: Record<string, RegExp> = {
    sudo: /^-[ugCDhprtU]$/,
    doas: /^-[uC]$/,
    env: /^-[uCS]$/,
    timeout: /^-[sk]$/,
    nice: /^-n$/,
    stdbuf: /^-[ioe]$/,
    ionice: /^-[cnp]$/,
    xargs: /^-[IEdLnPs]$/,
  };
  while (words[i] && words[i].text.startsWith('-')) {
    if (valueFlags[name]?.test(words[i].text)) i++;
    i++;
  }
  if (name === 'env') while (words[i] && isAssignment(words[i])) i++;
  if (name === 'timeout' && words[i]) i++; // the duration
  return i;
}

function subcommand(tool: string, rest: Word[], env: BuildArgs['env'], assumptions: string[]): BuildCommand | null {
  let j = 0;
  // Global options: `docker --context x build`, `podman --remote build`.
  while (rest[j] && rest[j].text.startsWith('-')) {
    const t = rest[j].text;
    const long = /^--([^=]+)$/.exec(t)?.[1];
    if ((long && DOCKER_GLOBAL_VALUE.has(long)) || (/^-[A-Za-z]$/.test(t) && DOCKER_GLOBAL_SHORT_VALUE.has(t[1]))) j++;
    j++;
  }
  const sub = rest[j]?.text;
  const after = rest.slice(j + 1);
  if (sub === 'build') return build(tool, after, env, assumptions);
  if ((sub === 'image' || sub === 'builder') && after[0]?.text === 'build') return build(tool, after.slice(1), env, assumptions);
  if (sub === 'compose') return compose(after);
  if (sub === 'buildx') {
    let k = 0;
    while (after[k] && after[k].text.startsWith('-')) k += after[k].text === '--builder' ? 2 : 1;
    const verb = after[k]?.text;
    if (verb === 'build' || verb === 'b') return build(tool, after.slice(k + 1), env, assumptions);
    if (verb === 'bake') return bake(after.slice(k + 1), env, assumptions);
  }
  return null;
}

interface Flags {
  positionals: Word[];
  /** Whole words nobody can expand here (`$(OCI_BUILD_ARGS)`): taken as options. */
  unknown: Word[];
  values: Array<[string, Word]>;
}

function scanFlags(words: Word[], valueFlags: Set<string>, shortValue: Set<string>, shortNames: Record<string, string>): Flags {
  const out: Flags = { positionals: [], unknown: [], values: [] };
  for (let j = 0; j < words.length; j++) {
    const w = words[j];
    const t = w.text;
    if (t === '--') {
      out.positionals.push(...words.slice(j + 1));
      break;
    }
    if (wholeUnknown(w)) {
      out.unknown.push(w);
      continue;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = t.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) out.values.push([name, { text: t.slice(eq + 1), unresolved: w.unresolved }]);
      else if (valueFlags.has(name)) {
        const v = words[++j];
        if (v) out.values.push([name, v]);
      }
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      const c = t[1];
      if (shortValue.has(c)) {
        const name = shortNames[c] ?? c;
        if (t.length > 2) out.values.push([name, { text: t.slice(t[2] === '=' ? 3 : 2), unresolved: w.unresolved }]);
        else {
          const v = words[++j];
          if (v) out.values.push([name, v]);
        }
      }
      continue;
    }
    out.positionals.push(w);
  }
  return out;
}

function argOf(w: Word, allowStdin: boolean): Arg {
  if (w.unresolved.length) return { kind: 'unresolved', why: `${w.unresolved.join(', ')} unknown` };
  if (allowStdin && w.text === '-') return { kind: 'stdin' };
  if (isRemoteContext(w.text)) return { kind: 'remote', value: w.text };
  return { kind: 'path', value: w.text };
}

function build(tool: string, words: Word[], env: BuildArgs['env'], assumptions: string[]): BuildArgs {
  const f = scanFlags(words, BUILD_VALUE_FLAGS, BUILD_SHORT_VALUE, { f: 'file', t: 'tag', o: 'output' });
  let context: BuildArgs['context'];
  if (f.positionals.length === 1) context = argOf(f.positionals[0], true);
  else if (f.positionals.length > 1) context = { kind: 'unresolved', why: `more than one argument could be the context (${f.positionals.map((w) => w.text).join(', ')})` };
  else if (f.unknown.length) context = { kind: 'unresolved', why: `the context could be in ${f.unknown.map((w) => w.unresolved[0]).join(', ')}` };
  else context = tool === 'buildah' || tool === 'podman' ? { kind: 'path', value: '.' } : { kind: 'missing' };
  let file: Arg | null = null;
  const buildContexts: Record<string, string> = {};
  for (const [name, v] of f.values) {
    if (name === 'file') file = argOf(v, true);
    else if (name === 'build-context' && !v.unresolved.length) {
      const eq = v.text.indexOf('=');
      if (eq > 0) buildContexts[v.text.slice(0, eq)] = v.text.slice(eq + 1);
    }
  }
  if (f.unknown.length && f.positionals.length === 1) assumptions.push(`${f.unknown.map((w) => w.unresolved[0]).join(', ')} taken as options`);
  return { kind: 'build', tool, context, file, buildContexts, env, assumptions };
}

function bake(words: Word[], env: BakeArgs['env'], assumptions: string[]): BakeArgs {
  const f = scanFlags(words, BAKE_VALUE_FLAGS, new Set(['f']), { f: 'file' });
  const files: string[] = [];
  let filesUnresolved = false;
  const sets: Record<string, string> = {};
  for (const [name, v] of f.values) {
    if (name === 'file') {
      if (v.unresolved.length) filesUnresolved = true;
      else files.push(v.text);
    } else if (name === 'set' && !v.unresolved.length) {
      const m = /^([^=]+)\.(context|dockerfile)=(.*)$/.exec(v.text);
      if (m) sets[`${m[1]}.${m[2]}`] = m[3];
    }
  }
  let remote: string | null = null;
  const targets: string[] = [];
  let targetsUnknown = false;
  f.positionals.forEach((w, k) => {
    if (k === 0 && known(w) && isRemoteContext(w.text)) remote = w.text;
    else if (known(w)) targets.push(w.text);
    else targetsUnknown = true;
  });
  return { kind: 'bake', files, filesUnresolved, remote, targets, targetsUnknown, sets, env, assumptions };
}

function compose(words: Word[]): ComposeArgs {
  const f = scanFlags(words, COMPOSE_VALUE_FLAGS, new Set(['f', 'p']), { f: 'file', p: 'project-name' });
  return { kind: 'compose', files: f.values.filter(([n, v]) => n === 'file' && known(v)).map(([, v]) => v.text) };
}

/** Kaniko's executor: `--context` (`-c`, `dir://` prefix allowed) and `--dockerfile` (`-f`). */
function kaniko(words: Word[], env: BuildArgs['env'], assumptions: string[]): BuildArgs {
  const f = scanFlags(words, new Set(['context', 'dockerfile', 'destination', 'build-arg', 'cache-repo', 'target', 'tar-path', 'label', 'digest-file', 'image-name-with-digest-file', 'snapshot-mode', 'verbosity', 'context-sub-path', 'custom-platform', 'kaniko-dir', 'registry-mirror', 'ignore-path', 'cache-dir', 'cache-ttl', 'git', 'oci-layout-path', 'image-name-tag-with-digest-file', 'registry-certificate', 'registry-client-cert', 'skip-tls-verify-registry', 'insecure-registry', 'push-retry', 'image-fs-extract-retry', 'compressed-caching', 'compression', 'compression-level']), new Set(['c', 'f', 'd']), { c: 'context', f: 'dockerfile', d: 'destination' });
  let context: BuildArgs['context'] = { kind: 'path', value: '/workspace' };
  let file: Arg | null = null;
  let subPath = '';
  for (const [name, v] of f.values) {
    if (name === 'context') context = v.text.startsWith('dir://') ? argOf({ ...v, text: v.text.slice(6) }, false) : argOf(v, false);
    else if (name === 'dockerfile') file = argOf(v, false);
    else if (name === 'context-sub-path' && !v.unresolved.length) subPath = v.text;
  }
  if (!f.values.some(([n]) => n === 'context')) assumptions.push('kaniko without --context builds /workspace');
  if (subPath && context.kind === 'path') context = { kind: 'path', value: path.posix.join(context.value, subPath) };
  return { kind: 'build', tool: 'kaniko', context, file, buildContexts: {}, env, assumptions };
}
