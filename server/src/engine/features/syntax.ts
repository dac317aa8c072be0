// What each instruction accepts, as data for completion and signature help: its flags as BuildKit knows
// them today (frontend/dockerfile/instructions/parse.go, commands_run*.go), its arguments, and the note
// that explains each. Keywords are upper-case; flag names have no leading dashes.
import type { Lang } from '../types';

export interface FlagSpec {
  name: string;
  /** `<stage|image>`-style placeholder of the value; absent for a flag written without `=`. */
  value?: string;
  /** The built-in note: `flags/<note>.md`. */
  note: string;
}

export interface ParamSpec {
  label: string;
  doc: Record<Lang, string>;
}

export interface InstructionSpec {
  keyword: string;
  flags: FlagSpec[];
  /** Argument forms after the flags; the first is the one shown when the text does not decide. */
  forms: Array<{ json: boolean; params: ParamSpec[] }>;
  /** Snippet body after the keyword (`${1:…}` tab stops). */
  snippet: string;
  deprecated?: boolean;
}

const p = (label: string, en: string, zh: string): ParamSpec => ({ label, doc: { en, 'zh-cn': zh } });

const SRC = p('<src>...', 'Paths in the build context (or in the `--from` stage), wildcards allowed.', '构建上下文（或 `--from` 指定的阶段）中的路径，可以用通配符。');
const DEST = p('<dest>', 'Where the files go in the image; a relative path is joined to WORKDIR. End it with `/` for a folder.', '文件在镜像中的目标位置；相对路径以 WORKDIR 为基准。目录请以 `/` 结尾。');
const COMMAND = p('<command>', 'Shell form: run through the SHELL (default `/bin/sh -c`).', 'shell 格式：交给 SHELL（默认 `/bin/sh -c`）执行。');
const EXEC = p('["<executable>", "<param>", ...]', 'Exec form: a JSON array with double quotes, run without a shell.', 'exec 格式：用双引号的 JSON 数组，不经过 shell 直接运行。');

const CHOWN: FlagSpec = { name: 'chown', value: '<user>:<group>', note: 'chown' };
const CHMOD: FlagSpec = { name: 'chmod', value: '<perms>', note: 'chmod' };
const LINK: FlagSpec = { name: 'link', note: 'link' };
const EXCLUDE: FlagSpec = { name: 'exclude', value: '<pattern>', note: 'exclude' };

export const INSTRUCTIONS: readonly InstructionSpec[] = [
  {
    keyword: 'FROM',
    flags: [{ name: 'platform', value: '<platform>', note: 'platform' }],
    forms: [{ json: false, params: [p('<image>[:<tag>|@<digest>]', 'The base image, or an earlier stage by name.', '基础镜像，或前面某个阶段的名字。'), p('[AS <name>]', 'Names this stage for `--from` and `--target`.', '给这个阶段命名，供 `--from` 和 `--target` 使用。')] }],
    snippet: '${1:image}:${2:tag}',
  },
  {
    keyword: 'RUN',
    flags: [
      { name: 'mount', value: 'type=<bind|cache|tmpfs|secret|ssh>,...', note: 'mount' },
      { name: 'network', value: '<default|none|host>', note: 'network' },
      { name: 'security', value: '<sandbox|insecure>', note: 'security' },
    ],
    forms: [{ json: false, params: [COMMAND] }, { json: true, params: [EXEC] }],
    snippet: '${1:command}',
  },
  {
    keyword: 'CMD',
    flags: [],
    forms: [{ json: true, params: [EXEC] }, { json: false, params: [COMMAND] }],
    snippet: '["${1:executable}"${2:, "${3:param}"}]',
  },
  { keyword: 'LABEL', flags: [], forms: [{ json: false, params: [p('<key>=<value> ...', 'Metadata of the image; quote values with spaces.', '镜像的元数据；含空格的值要加引号。')] }], snippet: '${1:key}="${2:value}"' },
  { keyword: 'MAINTAINER', flags: [], forms: [{ json: false, params: [p('<name>', 'Deprecated: use `LABEL org.opencontainers.image.authors=…`.', '已弃用：请改用 `LABEL org.opencontainers.image.authors=…`。')] }], snippet: '${1:name}', deprecated: true },
  { keyword: 'EXPOSE', flags: [], forms: [{ json: false, params: [p('<port>[/<protocol>] ...', 'Documents a port the container listens on; it publishes nothing.', '声明容器监听的端口，仅作说明，并不发布端口。')] }], snippet: '${1:80}' },
  { keyword: 'ENV', flags: [], forms: [{ json: false, params: [p('<key>=<value> ...', 'Set in the image and in every container started from it.', '写入镜像，对由它启动的每个容器都生效。')] }], snippet: '${1:NAME}=${2:value}' },
  {
    keyword: 'ADD',
    flags: [CHOWN, CHMOD, LINK, { name: 'checksum', value: '<hash>', note: 'checksum' }, { name: 'keep-git-dir', note: 'keep-git-dir' }, { name: 'unpack', value: '<bool>', note: 'unpack' }, EXCLUDE],
    forms: [{ json: false, params: [p('<src>...', 'Context paths, URLs or Git repositories; local tar archives are unpacked.', '上下文路径、URL 或 Git 仓库；本地 tar 包会被解压。'), DEST] }],
    snippet: '${1:src} ${2:dest}',
  },
  {
    keyword: 'COPY',
    flags: [{ name: 'from', value: '<stage|image|context>', note: 'from' }, CHOWN, CHMOD, LINK, { name: 'parents', note: 'parents' }, EXCLUDE],
    forms: [{ json: false, params: [SRC, DEST] }],
    snippet: '${1:src} ${2:dest}',
  },
  {
    keyword: 'ENTRYPOINT',
    flags: [],
    forms: [{ json: true, params: [EXEC] }, { json: false, params: [COMMAND] }],
    snippet: '["${1:executable}"${2:, "${3:param}"}]',
  },
  { keyword: 'VOLUME', flags: [], forms: [{ json: false, params: [p('<path> ...', 'Mount points for anonymous volumes; later changes to them in the Dockerfile are lost.', '匿名卷的挂载点；之后在 Dockerfile 里对它们的修改会丢失。')] }], snippet: '${1:/data}' },
  { keyword: 'USER', flags: [], forms: [{ json: false, params: [p('<user>[:<group>]', 'Name or UID used by later RUN, CMD and ENTRYPOINT.', '之后的 RUN、CMD、ENTRYPOINT 使用的用户名或 UID。')] }], snippet: '${1:user}' },
  { keyword: 'WORKDIR', flags: [], forms: [{ json: false, params: [p('<path>', 'Working folder for the instructions after it; created when missing.', '之后指令的工作目录；不存在时自动创建。')] }], snippet: '${1:/app}' },
  { keyword: 'ARG', flags: [], forms: [{ json: false, params: [p('<name>[=<default>]', 'A build argument, set with `--build-arg`; not kept in the image.', '构建参数，用 `--build-arg` 设置；不会保留在镜像中。')] }], snippet: '${1:NAME}' },
  { keyword: 'ONBUILD', flags: [], forms: [{ json: false, params: [p('<INSTRUCTION>', 'Runs in the build of an image built FROM this one.', '在以本镜像为 FROM 的镜像构建时执行。')] }], snippet: '${1:INSTRUCTION}' },
  { keyword: 'STOPSIGNAL', flags: [], forms: [{ json: false, params: [p('<signal>', 'The signal `docker stop` sends first (default SIGTERM).', '`docker stop` 首先发送的信号（默认 SIGTERM）。')] }], snippet: '${1:SIGTERM}' },
  {
    keyword: 'HEALTHCHECK',
    flags: [
      { name: 'interval', value: '<duration>', note: 'healthcheck-interval' },
      { name: 'timeout', value: '<duration>', note: 'healthcheck-timeout' },
      { name: 'start-period', value: '<duration>', note: 'healthcheck-start-period' },
      { name: 'start-interval', value: '<duration>', note: 'healthcheck-start-interval' },
      { name: 'retries', value: '<n>', note: 'healthcheck-retries' },
    ],
    forms: [
      { json: false, params: [p('CMD <command>', 'The check: exit status 0 is healthy, 1 unhealthy.', '检查命令：退出码 0 为健康，1 为不健康。')] },
      { json: false, params: [p('NONE', 'Turns off a health check inherited from the base image.', '关闭从基础镜像继承的健康检查。')] },
    ],
    snippet: '--interval=${1:30s} CMD ${2:command}',
  },
  { keyword: 'SHELL', flags: [], forms: [{ json: true, params: [p('["<executable>", "<param>", ...]', 'The shell for the shell forms after it (default `["/bin/sh", "-c"]`).', '之后 shell 格式指令使用的 shell（默认 `["/bin/sh", "-c"]`）。')] }], snippet: '["${1:/bin/bash}", "${2:-c}"]' },
];

const BY_KEYWORD = new Map(INSTRUCTIONS.map((i) => [i.keyword, i]));

export function instructionSpec(keyword: string): InstructionSpec | undefined {
  return BY_KEYWORD.get(keyword.toUpperCase());
}

/** `COPY [--from=<stage|image|context>] [--chown=…] … <src>... <dest>` and the offsets of each part. */
export function signatureLabel(spec: InstructionSpec, form: InstructionSpec['forms'][number]): { label: string; parts: Array<[number, number]> } {
  let label = spec.keyword;
  const parts: Array<[number, number]> = [];
  for (const f of spec.flags) {
    const text = `[--${f.name}${f.value ? `=${f.value}` : ''}]`;
    label += ' ';
    parts.push([label.length, label.length + text.length]);
    label += text;
  }
  for (const param of form.params) {
    label += ' ';
    parts.push([label.length, label.length + param.label.length]);
    label += param.label;
  }
  return { label, parts };
}

/** Keywords an ONBUILD may trigger (BuildKit refuses ONBUILD, FROM and MAINTAINER there). */
export function triggerKeywords(): InstructionSpec[] {
  return INSTRUCTIONS.filter((i) => i.keyword !== 'ONBUILD' && i.keyword !== 'FROM' && i.keyword !== 'MAINTAINER');
}

/** `--mount` keys per type (commands_runmount.go), and the values BuildKit accepts for some. */
export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;
export const MOUNT_KEYS: Record<(typeof MOUNT_TYPES)[number], string[]> = {
  bind: ['target', 'source', 'from', 'readwrite'],
  cache: ['target', 'id', 'sharing', 'from', 'source', 'readonly', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};
export const MOUNT_SHARING = ['shared', 'private', 'locked'];
export const NETWORK_MODES = ['default', 'none', 'host'];
export const SECURITY_MODES = ['sandbox', 'insecure'];
export const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64'];
export const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGSTOP', 'SIGPWR', 'SIGRTMIN+3'];
export const DURATIONS = ['30s', '5s', '10s', '1m', '5m'];
