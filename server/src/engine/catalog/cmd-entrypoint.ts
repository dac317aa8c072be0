import type { RuleDefinition } from './types';

const convertFix = {
  en: 'Convert to exec form (same argv)',
  'zh-cn': '转换为 exec 形式（argv 不变）',
};

/** Variants that CMD and ENTRYPOINT share word for word (`{keyword}` names the instruction). */
const sharedShellFormMessages = {
  en: {
    heredoc:
      '{keyword} does not take a here-document: BuildKit reads heredocs only for RUN, COPY and ADD. The command is just `{text}` (run as a shell form), and the lines below it, up to `{delimiter}`, are read as instructions of their own, so the build stops with "unknown instruction". Put the script in a file (COPY it, then run it), or use RUN for build-time scripts.',
    unknownFlag:
      'BuildKit reads `{flag}` at the start of {keyword} as an option of the {keyword} instruction itself, and {keyword} has none: the build stops with "unknown flag". To pass `{flag}` as an argument, write the exec form (JSON array).',
    fixFlag: 'Write it in exec form (changes what runs): {preview}',
    fix: convertFix.en,
  },
  'zh-cn': {
    heredoc:
      '{keyword} 不支持 here-document：BuildKit 只为 RUN、COPY 和 ADD 读取 heredoc。这里的命令只是 `{text}`（按 shell 形式执行），而它下面直到 `{delimiter}` 的各行会被当作独立的指令来解析，构建会以 “unknown instruction” 报错停止。请把脚本写进文件（先 COPY 进镜像再运行），构建时要执行的脚本则用 RUN。',
    unknownFlag:
      'BuildKit 会把 {keyword} 开头的 `{flag}` 当作 {keyword} 指令本身的选项，而 {keyword} 没有任何选项：构建会以 “unknown flag” 报错停止。要把 `{flag}` 作为参数传入，请写成 exec 形式（JSON 数组）。',
    fixFlag: '改写为 exec 形式（会改变实际执行的内容）：{preview}',
    fix: convertFix['zh-cn'],
  },
};

export const cmdEntrypointRules: RuleDefinition[] = [
  {
    code: 'cmd-shell-form',
    severity: 'warning',
    aliases: ['JSONArgsRecommended', 'DL3025'],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'CMD in shell form makes /bin/sh the main process',
      'zh-cn': 'shell 形式的 CMD 让 /bin/sh 成为主进程',
    },
    messages: {
      en: {
        default:
          'CMD in shell form runs as `/bin/sh -c "…"`: where /bin/sh is dash (Debian, Ubuntu) the shell stays PID 1, so `docker stop` sends SIGTERM to the shell, not to your program, and the container is killed after the timeout. Use the exec form (JSON array); the quick fix keeps the exact same command.',
        noFix:
          'CMD in shell form runs as `/bin/sh -c "…"`: where /bin/sh is dash (Debian, Ubuntu) the shell stays PID 1, so `docker stop` sends SIGTERM to the shell, not to your program, and the container is killed after the timeout. Use the exec form (JSON array).',
        windows:
          'CMD in shell form runs as `cmd /S /C "…"` in this Windows image: cmd.exe becomes the main process and your program only its child. Prefer the exec form (JSON array). No automatic conversion is offered here: Docker hands a shell-form command line to cmd.exe exactly as written, while the elements of a JSON array are quoted again when Windows joins them, so the result could differ.',
        entrypointExec:
          'With the exec-form ENTRYPOINT on line {line}, this CMD is not run by a shell of its own: `{program}` is the main process and gets `{shell}` and the CMD text appended to its arguments. That is only right when `{program}` runs its arguments as a command (as tini or gosu do); to pass the words themselves, write `{suggestion}`.',
        entrypointExecScript:
          'With the exec-form ENTRYPOINT on line {line}, this CMD is not run by a shell of its own: `{program}` is the main process and gets `{shell}` and the CMD text appended to its arguments. That is only right when `{program}` runs its arguments as a command (as tini or gosu do); otherwise write the CMD as a JSON array of the arguments `{program}` should get.',
        ...sharedShellFormMessages.en,
        fixArgs: 'Pass the words to {program} as arguments (changes what runs): {preview}',
      },
      'zh-cn': {
        default:
          'shell 形式的 CMD 实际以 `/bin/sh -c "…"` 运行：/bin/sh 是 dash（Debian、Ubuntu）时 1 号进程是 shell，`docker stop` 发出的 SIGTERM 到不了你的程序，超时后容器被强制杀掉。请改用 exec 形式（JSON 数组）；快速修复会保持完全相同的命令。',
        noFix:
          'shell 形式的 CMD 实际以 `/bin/sh -c "…"` 运行：/bin/sh 是 dash（Debian、Ubuntu）时 1 号进程是 shell，`docker stop` 发出的 SIGTERM 到不了你的程序，超时后容器被强制杀掉。请改用 exec 形式（JSON 数组）。',
        windows:
          '在这个 Windows 镜像里，shell 形式的 CMD 实际以 `cmd /S /C "…"` 运行：主进程是 cmd.exe，你的程序只是它的子进程。建议改用 exec 形式（JSON 数组）。这里不提供自动转换：Docker 会把 shell 形式的命令行原样交给 cmd.exe，而 JSON 数组的各个元素在 Windows 拼接命令行时会被重新加引号，结果可能不同。',
        entrypointExec:
          '第 {line} 行的 ENTRYPOINT 是 exec 形式，所以这条 CMD 不会由 shell 来执行：主进程是 `{program}`，`{shell}` 和 CMD 的文本会被追加到它的参数后面。只有当 `{program}` 会把参数当作命令来执行时（像 tini、gosu 那样）这才是对的；如果想传入的是这些单词本身，请写成 `{suggestion}`。',
        entrypointExecScript:
          '第 {line} 行的 ENTRYPOINT 是 exec 形式，所以这条 CMD 不会由 shell 来执行：主进程是 `{program}`，`{shell}` 和 CMD 的文本会被追加到它的参数后面。只有当 `{program}` 会把参数当作命令来执行时（像 tini、gosu 那样）这才是对的；否则请把 CMD 写成 `{program}` 应该收到的参数组成的 JSON 数组。',
        ...sharedShellFormMessages['zh-cn'],
        fixArgs: '把这些单词作为参数传给 {program}（会改变实际执行的内容）：{preview}',
      },
    },
  },
  {
    code: 'entrypoint-shell-form',
    severity: 'warning',
    aliases: ['JSONArgsRecommended', 'DL3025'],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'ENTRYPOINT in shell form ignores CMD and `docker run` arguments',
      'zh-cn': 'shell 形式的 ENTRYPOINT 会忽略 CMD 和 `docker run` 的参数',
    },
    messages: {
      en: {
        default:
          'ENTRYPOINT in shell form runs as `/bin/sh -c "…"`: where /bin/sh is dash (Debian, Ubuntu) the shell stays PID 1 and does not forward signals, and the CMD and any `docker run` arguments are silently dropped. Use the exec form (JSON array).',
        windows:
          'ENTRYPOINT in shell form runs as `cmd /S /C "…"` in this Windows image: cmd.exe becomes the main process and your program only its child. Prefer the exec form (JSON array), which makes your program the main process and passes it the CMD as arguments. No automatic conversion is offered here: Docker hands a shell-form command line to cmd.exe exactly as written, while the elements of a JSON array are quoted again when Windows joins them, so the result could differ.',
        ...sharedShellFormMessages.en,
      },
      'zh-cn': {
        default:
          'shell 形式的 ENTRYPOINT 实际以 `/bin/sh -c "…"` 运行：/bin/sh 是 dash（Debian、Ubuntu）时 1 号进程是 shell，不会转发信号，而且 CMD 和 `docker run` 后面的参数都会被悄悄丢掉。请改用 exec 形式（JSON 数组）。',
        windows:
          '在这个 Windows 镜像里，shell 形式的 ENTRYPOINT 实际以 `cmd /S /C "…"` 运行：主进程是 cmd.exe，你的程序只是它的子进程。建议改用 exec 形式（JSON 数组），这样你的程序就是主进程，CMD 会作为它的参数传入。这里不提供自动转换：Docker 会把 shell 形式的命令行原样交给 cmd.exe，而 JSON 数组的各个元素在 Windows 拼接命令行时会被重新加引号，结果可能不同。',
        ...sharedShellFormMessages['zh-cn'],
      },
    },
  },
  {
    code: 'cmd-ignored-by-shell-entrypoint',
    severity: 'warning',
    aliases: [],
    family: 'cmd-entrypoint',
    fixable: false,
    title: {
      en: 'A shell-form ENTRYPOINT never receives the CMD',
      'zh-cn': 'shell 形式的 ENTRYPOINT 永远收不到 CMD',
    },
    messages: {
      en: {
        default:
          'This CMD is never used: the ENTRYPOINT of this stage is in shell form, and `/bin/sh -c` does not pass the CMD on. Write the ENTRYPOINT in exec form so that the CMD becomes its arguments.',
        entrypoint: 'The shell-form ENTRYPOINT that drops the CMD',
      },
      'zh-cn': {
        default:
          '这条 CMD 不会生效：本阶段的 ENTRYPOINT 是 shell 形式，`/bin/sh -c` 不会把 CMD 传下去。把 ENTRYPOINT 改成 exec 形式，CMD 才会成为它的参数。',
        entrypoint: '丢弃 CMD 的 shell 形式 ENTRYPOINT',
      },
    },
  },
  {
    code: 'cmd-background-service',
    severity: 'warning',
    aliases: [],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'The main process starts a daemon and exits, so the container stops',
      'zh-cn': '主进程启动后台服务后就退出，容器随之停止',
    },
    messages: {
      en: {
        default:
          '`{what}` starts {service} in the background and returns at once. A container lives only as long as its main process, so it exits right away. Run the service in the foreground instead.',
        ampersand:
          'The trailing `&` sends the command to the background and the shell, the main process, exits immediately, which stops the container. Run it in the foreground.',
        fix: 'Run {service} in the foreground: {preview}',
        fixAmpersand: 'Remove the trailing `&`',
      },
      'zh-cn': {
        default:
          '`{what}` 会在后台启动 {service} 并立即返回。容器只在主进程运行期间存在，所以它会马上退出。请让服务在前台运行。',
        ampersand: '末尾的 `&` 把命令放到后台，作为主进程的 shell 随即退出，容器也就停止了。请在前台运行。',
        fix: '在前台运行 {service}：{preview}',
        fixAmpersand: '去掉末尾的 `&`',
      },
    },
  },
  {
    code: 'cmd-multiple',
    severity: 'warning',
    aliases: ['DL4003', 'MultipleInstructionsDisallowed'],
    family: 'cmd-entrypoint',
    fixable: true,
    unnecessary: true,
    title: {
      en: 'Only the last CMD of a stage takes effect',
      'zh-cn': '一个阶段中只有最后一条 CMD 生效',
    },
    messages: {
      en: {
        default: 'This CMD has no effect: a later CMD in the same stage (line {line}) replaces it.',
        winner: 'This CMD wins',
        fix: 'Remove the overridden CMD',
      },
      'zh-cn': {
        default: '这条 CMD 不起作用：同一阶段后面的 CMD（第 {line} 行）会覆盖它。',
        winner: '生效的是这条 CMD',
        fix: '删除被覆盖的 CMD',
      },
    },
  },
  {
    code: 'entrypoint-multiple',
    severity: 'warning',
    aliases: ['DL4004', 'MultipleInstructionsDisallowed'],
    family: 'cmd-entrypoint',
    fixable: true,
    unnecessary: true,
    title: {
      en: 'Only the last ENTRYPOINT of a stage takes effect',
      'zh-cn': '一个阶段中只有最后一条 ENTRYPOINT 生效',
    },
    messages: {
      en: {
        default: 'This ENTRYPOINT has no effect: a later ENTRYPOINT in the same stage (line {line}) replaces it.',
        winner: 'This ENTRYPOINT wins',
        fix: 'Remove the overridden ENTRYPOINT',
      },
      'zh-cn': {
        default: '这条 ENTRYPOINT 不起作用：同一阶段后面的 ENTRYPOINT（第 {line} 行）会覆盖它。',
        winner: '生效的是这条 ENTRYPOINT',
        fix: '删除被覆盖的 ENTRYPOINT',
      },
    },
  },
];
