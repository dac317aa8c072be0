import type { RuleDefinition } from './types';

/** Sentences about PID 1 that both shell-form rows use (`{pid1}`), per the image's /bin/sh. */
const pid1Sentences = {
  en: {
    'pid1.dash':
      'In `{image}`, /bin/sh is dash, which stays PID 1 while `{program}` runs as its child: `docker stop` sends SIGTERM to the shell, which does not pass it on, so the container is killed after the timeout.',
    'pid1.unknown':
      'On Debian-based images /bin/sh is dash, which stays PID 1 while `{program}` runs as its child: `docker stop` sends SIGTERM to the shell, which does not pass it on, so the container is killed after the timeout (BusyBox ash and bash would replace themselves with the command).',
    'pid1.compoundDash':
      'In `{image}`, /bin/sh is dash, which stays PID 1 while the command runs, so `docker stop` sends SIGTERM to the shell, which does not pass it on. This command needs the shell, so an exec form can only keep `/bin/sh -c` as it is: to make your program PID 1, end the command with `exec <program>`, move it into a script that does, or start the container with `docker run --init` (tini).',
    'pid1.compoundUnknown':
      'On Debian-based images /bin/sh is dash, which stays PID 1 while the command runs, so `docker stop` sends SIGTERM to the shell, which does not pass it on. This command needs the shell, so an exec form can only keep `/bin/sh -c` as it is: to make your program PID 1, end the command with `exec <program>`, move it into a script that does, or start the container with `docker run --init` (tini).',
    'pid1.execs':
      'In `{image}`, /bin/sh is {sh}, which replaces itself with `{program}`: your program is PID 1 and gets the SIGTERM of `docker stop`. What still differs from the exec form: this relies on the image\'s /bin/sh (dash, on Debian-based images, stays PID 1 instead), and BuildKit warns about the shell form (JSONArgsRecommended).',
    'pid1.compoundExecs':
      'In `{image}`, /bin/sh is {sh}, which replaces itself with the last command only for some shapes of command (not for pipes, groups or redirections), and this command needs the shell, so the shell may stay PID 1. To be sure your program is PID 1, end the command with `exec <program>`, move it into a script that does, or start the container with `docker run --init` (tini).',
    'pid1.exec':
      'The command starts with `exec`, so `{program}` replaces the shell and is PID 1. What still differs from the exec form: the text goes through the image\'s /bin/sh, and BuildKit warns about the shell form (JSONArgsRecommended).',
  },
  'zh-cn': {
    'pid1.dash':
      '在 `{image}` 中 /bin/sh 是 dash，它会一直作为 1 号进程，`{program}` 只是它的子进程：`docker stop` 的 SIGTERM 发给了 shell，而 shell 不会转交给程序，容器在超时后被强制杀掉。',
    'pid1.unknown':
      '在基于 Debian 的镜像中 /bin/sh 是 dash，它会一直作为 1 号进程，`{program}` 只是它的子进程：`docker stop` 的 SIGTERM 发给了 shell，而 shell 不会转交给程序，容器在超时后被强制杀掉（BusyBox ash 和 bash 则会用这条命令取代自己）。',
    'pid1.compoundDash':
      '在 `{image}` 中 /bin/sh 是 dash，命令运行期间它一直是 1 号进程，`docker stop` 的 SIGTERM 发给 shell 而不会被转交。这条命令需要 shell，所以 exec 形式也只能原样保留 `/bin/sh -c`：要让你的程序成为 1 号进程，可以让命令以 `exec <程序>` 结尾、把它放进一个这样结尾的脚本，或者用 `docker run --init`（tini）启动容器。',
    'pid1.compoundUnknown':
      '在基于 Debian 的镜像中 /bin/sh 是 dash，命令运行期间它一直是 1 号进程，`docker stop` 的 SIGTERM 发给 shell 而不会被转交。这条命令需要 shell，所以 exec 形式也只能原样保留 `/bin/sh -c`：要让你的程序成为 1 号进程，可以让命令以 `exec <程序>` 结尾、把它放进一个这样结尾的脚本，或者用 `docker run --init`（tini）启动容器。',
    'pid1.execs':
      '在 `{image}` 中 /bin/sh 是 {sh}，它会用 `{program}` 取代自己：你的程序就是 1 号进程，能收到 `docker stop` 的 SIGTERM。与 exec 形式仍有的区别：这依赖镜像的 /bin/sh（基于 Debian 的镜像中的 dash 会一直作为 PID 1），而且 BuildKit 会对 shell 形式给出警告（JSONArgsRecommended）。',
    'pid1.compoundExecs':
      '在 `{image}` 中 /bin/sh 是 {sh}，它只对某些形状的命令才会用最后一条命令取代自己（管道、命令组、重定向都不会），而这条命令需要 shell，所以 shell 可能一直是 1 号进程。要确保你的程序是 1 号进程，可以让命令以 `exec <程序>` 结尾、把它放进一个这样结尾的脚本，或者用 `docker run --init`（tini）启动容器。',
    'pid1.exec':
      '命令以 `exec` 开头，所以 `{program}` 会取代 shell 成为 1 号进程。与 exec 形式仍有的区别：文本要经过镜像的 /bin/sh 解析，而且 BuildKit 会对 shell 形式给出警告（JSONArgsRecommended）。',
  },
};

/** Variants that CMD and ENTRYPOINT share word for word (`{keyword}` names the instruction). */
const sharedShellFormMessages = {
  en: {
    heredoc:
      '{keyword} does not take a here-document: BuildKit reads heredocs only for RUN, COPY and ADD. The command is just `{text}` (run as a shell form), and the lines below it, up to `{delimiter}`, are read as instructions of their own, so the build stops with "unknown instruction". Put the script in a file (COPY it, then run it), or use RUN for build-time scripts.',
    unknownFlag:
      'BuildKit reads `{flag}` at the start of {keyword} as an option of the {keyword} instruction itself, and {keyword} has none: the build stops with "unknown flag". To pass `{flag}` as an argument, write the exec form (JSON array).',
    noShell:
      '`{image}` has no /bin/sh, so a shell form cannot start at all: the container fails with "exec: /bin/sh: no such file or directory". Write the exec form (JSON array) with the program and its arguments.',
    fixFlag: 'Write it in exec form (changes what runs): {preview}',
    fixWords: 'Run the words without a shell (changes what runs: it could not start without /bin/sh): {preview}',
    ...pid1Sentences.en,
  },
  'zh-cn': {
    heredoc:
      '{keyword} 不支持 here-document：BuildKit 只为 RUN、COPY 和 ADD 读取 heredoc。这里的命令只是 `{text}`（按 shell 形式执行），而它下面直到 `{delimiter}` 的各行会被当作独立的指令来解析，构建会以 “unknown instruction” 报错停止。请把脚本写进文件（先 COPY 进镜像再运行），构建时要执行的脚本则用 RUN。',
    unknownFlag:
      'BuildKit 会把 {keyword} 开头的 `{flag}` 当作 {keyword} 指令本身的选项，而 {keyword} 没有任何选项：构建会以 “unknown flag” 报错停止。要把 `{flag}` 作为参数传入，请写成 exec 形式（JSON 数组）。',
    noShell:
      '`{image}` 里没有 /bin/sh，shell 形式根本无法启动：容器会以 “exec: /bin/sh: no such file or directory” 失败。请写成包含程序及其参数的 exec 形式（JSON 数组）。',
    fixFlag: '改写为 exec 形式（会改变实际执行的内容）：{preview}',
    fixWords: '不经 shell 直接运行这些单词（会改变实际执行的内容：没有 /bin/sh 时它根本无法启动）：{preview}',
    ...pid1Sentences['zh-cn'],
  },
};

export const cmdEntrypointRules: RuleDefinition[] = [
  {
    code: 'cmd-shell-form',
    severity: 'warning',
    variantSeverity: { execs: 'info', noShell: 'error' },
    aliases: ['JSONArgsRecommended', 'DL3025'],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'CMD in shell form runs through /bin/sh -c, which may stay the main process',
      'zh-cn': 'shell 形式的 CMD 经由 /bin/sh -c 运行，shell 可能一直是主进程',
    },
    messages: {
      en: {
        default: 'CMD in shell form runs as `/bin/sh -c "…"`. {pid1} Use the exec form (JSON array).',
        execs: 'CMD in shell form runs as `/bin/sh -c "…"`. {pid1}',
        windows:
          'CMD in shell form runs as `cmd /S /C "…"` in this Windows image: cmd.exe becomes the main process and your program only its child. Prefer the exec form (JSON array). No automatic conversion is offered here: Docker hands a shell-form command line to cmd.exe exactly as written, while the elements of a JSON array are quoted again when Windows joins them, so the result could differ.',
        entrypointExec:
          'With the exec-form ENTRYPOINT on line {line}, this CMD is not run by a shell of its own: `{program}` is the main process and gets `{shell}` and the CMD text appended to its arguments. That is only right when `{program}` runs its arguments as a command (as tini or gosu do); to pass the words themselves, write `{suggestion}`.',
        entrypointExecScript:
          'With the exec-form ENTRYPOINT on line {line}, this CMD is not run by a shell of its own: `{program}` is the main process and gets `{shell}` and the CMD text appended to its arguments. That is only right when `{program}` runs its arguments as a command (as tini or gosu do); otherwise write the CMD as a JSON array of the arguments `{program}` should get.',
        ...sharedShellFormMessages.en,
        fixArgs: 'Pass the words to {program} as arguments (changes what runs): {preview}',
        fixImage: 'Pass the words to the image\'s ENTRYPOINT (changes what runs: it gets `{program}` instead of `/bin/sh` first): {preview}',
      },
      'zh-cn': {
        default: 'shell 形式的 CMD 实际以 `/bin/sh -c "…"` 运行。{pid1}请改用 exec 形式（JSON 数组）。',
        execs: 'shell 形式的 CMD 实际以 `/bin/sh -c "…"` 运行。{pid1}',
        windows:
          '在这个 Windows 镜像里，shell 形式的 CMD 实际以 `cmd /S /C "…"` 运行：主进程是 cmd.exe，你的程序只是它的子进程。建议改用 exec 形式（JSON 数组）。这里不提供自动转换：Docker 会把 shell 形式的命令行原样交给 cmd.exe，而 JSON 数组的各个元素在 Windows 拼接命令行时会被重新加引号，结果可能不同。',
        entrypointExec:
          '第 {line} 行的 ENTRYPOINT 是 exec 形式，所以这条 CMD 不会由 shell 来执行：主进程是 `{program}`，`{shell}` 和 CMD 的文本会被追加到它的参数后面。只有当 `{program}` 会把参数当作命令来执行时（像 tini、gosu 那样）这才是对的；如果想传入的是这些单词本身，请写成 `{suggestion}`。',
        entrypointExecScript:
          '第 {line} 行的 ENTRYPOINT 是 exec 形式，所以这条 CMD 不会由 shell 来执行：主进程是 `{program}`，`{shell}` 和 CMD 的文本会被追加到它的参数后面。只有当 `{program}` 会把参数当作命令来执行时（像 tini、gosu 那样）这才是对的；否则请把 CMD 写成 `{program}` 应该收到的参数组成的 JSON 数组。',
        ...sharedShellFormMessages['zh-cn'],
        fixArgs: '把这些单词作为参数传给 {program}（会改变实际执行的内容）：{preview}',
        fixImage: '把这些单词交给镜像的 ENTRYPOINT（会改变实际执行的内容：它收到的第一个参数将是 `{program}` 而不是 `/bin/sh`）：{preview}',
      },
    },
  },
  {
    code: 'entrypoint-shell-form',
    severity: 'warning',
    variantSeverity: { noShell: 'error' },
    aliases: ['JSONArgsRecommended', 'DL3025'],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'ENTRYPOINT in shell form ignores CMD and `docker run` arguments',
      'zh-cn': 'shell 形式的 ENTRYPOINT 会忽略 CMD 和 `docker run` 的参数',
    },
    messages: {
      en: {
        default: 'ENTRYPOINT in shell form runs as `/bin/sh -c "…"`. {pid1} {args} Use the exec form (JSON array).',
        'args.ignored':
          'The CMD and any `docker run` arguments are appended after the script, as `$0`, `$1`…, and the script ignores them.',
        'args.reads':
          'The CMD and `docker run` arguments reach the script as `$0`, `$1`…: the first of them becomes `$0`, which `"$@"` leaves out.',
        windows:
          'ENTRYPOINT in shell form runs as `cmd /S /C "…"` in this Windows image: cmd.exe becomes the main process and your program only its child. Prefer the exec form (JSON array), which makes your program the main process and passes it the CMD as arguments. No automatic conversion is offered here: Docker hands a shell-form command line to cmd.exe exactly as written, while the elements of a JSON array are quoted again when Windows joins them, so the result could differ.',
        ...sharedShellFormMessages.en,
      },
      'zh-cn': {
        default: 'shell 形式的 ENTRYPOINT 实际以 `/bin/sh -c "…"` 运行。{pid1}{args}请改用 exec 形式（JSON 数组）。',
        'args.ignored': 'CMD 和 `docker run` 后面的参数会以 `$0`、`$1`… 的身份追加在脚本之后，而脚本会忽略它们。',
        'args.reads': 'CMD 和 `docker run` 的参数会以 `$0`、`$1`… 的身份传给脚本：其中第一个成了 `$0`，而 `"$@"` 不包括它。',
        windows:
          '在这个 Windows 镜像里，shell 形式的 ENTRYPOINT 实际以 `cmd /S /C "…"` 运行：主进程是 cmd.exe，你的程序只是它的子进程。建议改用 exec 形式（JSON 数组），这样你的程序就是主进程，CMD 会作为它的参数传入。这里不提供自动转换：Docker 会把 shell 形式的命令行原样交给 cmd.exe，而 JSON 数组的各个元素在 Windows 拼接命令行时会被重新加引号，结果可能不同。',
        ...sharedShellFormMessages['zh-cn'],
      },
    },
  },
  {
    code: 'cmd-ignored-by-shell-entrypoint',
    severity: 'warning',
    variantSeverity: { noCmd: 'info' },
    aliases: [],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'An ENTRYPOINT that runs a `sh -c` script drops the CMD unless the script reads it',
      'zh-cn': '运行 `sh -c` 脚本的 ENTRYPOINT 会丢掉 CMD，除非脚本读取它',
    },
    messages: {
      en: {
        default:
          'This CMD is never used: the ENTRYPOINT on line {line} runs `/bin/sh -c` with a script that never reads its arguments (`$@`, `$1`…), so the CMD is appended as `$0`, `$1`… and dropped. Pass it on with an exec-form ENTRYPOINT (`["program", "arg"]`), or with `"$@"` in the script.',
        first:
          'The first word of this CMD, `{first}`, is dropped: the ENTRYPOINT on line {line} runs `/bin/sh -c` with a script that reads `"$@"`, but the first argument after the script becomes `$0`, which `"$@"` leaves out. Put a placeholder for `$0` after the script (`["/bin/sh", "-c", "…", "--"]`).',
        noCmd:
          'This ENTRYPOINT runs `{shell} -c` with a script that never reads its arguments (`$@`, `$1`…): a CMD, or arguments given to `docker run`, would be dropped. That is fine if the image takes no arguments.',
        entrypoint: 'The ENTRYPOINT whose script drops the CMD',
        cmd: 'The CMD it drops',
        fixPass: 'Pass the CMD and `docker run` arguments to {program} (changes what runs): {preview}',
        refusedCompound:
          'No automatic fix: the ENTRYPOINT script is a compound command, and only you know where its arguments belong. Add `"$@"` there (for example `exec program "$@"`) and a placeholder for `$0` after the script.',
        refusedTitle: 'Pass the CMD to the ENTRYPOINT',
      },
      'zh-cn': {
        default:
          '这条 CMD 不会被用到：第 {line} 行的 ENTRYPOINT 用 `/bin/sh -c` 运行的脚本从不读取它的参数（`$@`、`$1`…），CMD 会作为 `$0`、`$1`… 追加在后面然后被丢掉。请用 exec 形式的 ENTRYPOINT（`["program", "arg"]`）把它传下去，或者在脚本里使用 `"$@"`。',
        first:
          '这条 CMD 的第一个单词 `{first}` 会被丢掉：第 {line} 行的 ENTRYPOINT 用 `/bin/sh -c` 运行的脚本读取 `"$@"`，但脚本之后的第一个参数会成为 `$0`，而 `"$@"` 不包括它。请在脚本后面为 `$0` 放一个占位参数（`["/bin/sh", "-c", "…", "--"]`）。',
        noCmd:
          '这个 ENTRYPOINT 用 `{shell} -c` 运行的脚本从不读取它的参数（`$@`、`$1`…）：CMD 或 `docker run` 后面给出的参数都会被丢掉。如果镜像本来就不接受参数，这没有问题。',
        entrypoint: '其脚本丢掉 CMD 的 ENTRYPOINT',
        cmd: '被丢掉的 CMD',
        fixPass: '把 CMD 和 `docker run` 的参数传给 {program}（会改变实际执行的内容）：{preview}',
        refusedCompound:
          '不提供自动修复：ENTRYPOINT 的脚本是复合命令，参数该放在哪里只有你知道。请在那里加上 `"$@"`（例如 `exec program "$@"`），并在脚本后面为 `$0` 放一个占位参数。',
        refusedTitle: '把 CMD 传给 ENTRYPOINT',
      },
    },
  },
  {
    code: 'shell-main-process',
    severity: 'info',
    aliases: [],
    family: 'cmd-entrypoint',
    fixable: true,
    title: {
      en: 'A `sh -c` CMD or ENTRYPOINT keeps the shell as the main process',
      'zh-cn': '`sh -c` 形式的 CMD 或 ENTRYPOINT 让 shell 一直是主进程',
    },
    messages: {
      en: {
        default:
          'This {keyword} runs `{shell} -c`, and in `{image}` /bin/sh is dash, which stays PID 1 while the command runs: `docker stop` sends SIGTERM to the shell, which does not pass it on, so the container is killed after the timeout. {advice}',
        unknown:
          'This {keyword} runs `{shell} -c`: on Debian-based images /bin/sh is dash, which stays PID 1 while the command runs, so `docker stop` sends SIGTERM to the shell, which does not pass it on, and the container is killed after the timeout. {advice}',
        dash:
          'This {keyword} runs `{shell}`, which stays PID 1 while the command runs: `docker stop` sends SIGTERM to the shell, which does not pass it on, so the container is killed after the timeout. {advice}',
        execs:
          'This {keyword} runs `{shell} -c` with a command that needs the shell; {sh} replaces itself with the last command only for some shapes of command (not for pipes, groups or redirections), so the shell may stay PID 1 and keep the SIGTERM of `docker stop` from your program. {advice}',
        'advice.single': 'Put `exec` before the last command so that `{program}` replaces the shell; the quick fix does that and changes nothing else.',
        'advice.compound':
          'The shell has to stay for this command. To make your program PID 1 anyway, end the command with `exec <program>`, move it into a script that does, or start the container with `docker run --init` (tini).',
        fix: 'Add `exec` so that {program} replaces the shell (same behaviour): {preview}',
      },
      'zh-cn': {
        default:
          '这条 {keyword} 运行 `{shell} -c`，而在 `{image}` 中 /bin/sh 是 dash，命令运行期间它一直是 1 号进程：`docker stop` 的 SIGTERM 发给了 shell，而 shell 不会转交给程序，容器在超时后被强制杀掉。{advice}',
        unknown:
          '这条 {keyword} 运行 `{shell} -c`：在基于 Debian 的镜像中 /bin/sh 是 dash，命令运行期间它一直是 1 号进程，`docker stop` 的 SIGTERM 发给了 shell 而不会被转交，容器在超时后被强制杀掉。{advice}',
        dash:
          '这条 {keyword} 运行 `{shell}`，命令运行期间它一直是 1 号进程：`docker stop` 的 SIGTERM 发给了 shell，而 shell 不会转交给程序，容器在超时后被强制杀掉。{advice}',
        execs:
          '这条 {keyword} 用 `{shell} -c` 运行一条需要 shell 的命令；{sh} 只对某些形状的命令才会用最后一条命令取代自己（管道、命令组、重定向都不会），所以 shell 可能一直是 1 号进程，你的程序收不到 `docker stop` 的 SIGTERM。{advice}',
        'advice.single': '在最后一条命令前加上 `exec`，让 `{program}` 取代 shell；快速修复正是这样做的，其他一切不变。',
        'advice.compound':
          '这条命令离不开 shell。若仍想让你的程序成为 1 号进程，可以让命令以 `exec <程序>` 结尾、把它放进一个这样结尾的脚本，或者用 `docker run --init`（tini）启动容器。',
        fix: '加上 `exec`，让 {program} 取代 shell（行为不变）：{preview}',
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
