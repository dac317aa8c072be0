import type { RuleDefinition } from './types';

/**
 * The clause about PID 1 that both shell-form rows insert (`{pid1}`), per the image's /bin/sh: dash stays
 * PID 1, BusyBox ash and bash replace themselves with a single command, unknown images are told "on
 * Debian-based images". A clause, not a sentence: the row's template makes the one sentence.
 */
const pid1Clauses = {
  en: {
    'pid1.dash':
      'in "{image}" /bin/sh is dash, which stays PID 1, so "{program}" never gets docker stop\'s SIGTERM and is killed after the timeout; use the exec form (JSON array)',
    'pid1.unknown':
      'on Debian-based images /bin/sh is dash, which stays PID 1, so "{program}" never gets docker stop\'s SIGTERM and is killed after the timeout; use the exec form (JSON array)',
    'pid1.compoundDash':
      'in "{image}" /bin/sh is dash, which stays PID 1 and keeps docker stop\'s SIGTERM from your program, and this command needs the shell, so end it with exec <program> where you can',
    'pid1.compoundUnknown':
      'on Debian-based images /bin/sh is dash, which stays PID 1 and keeps docker stop\'s SIGTERM from your program, and this command needs the shell, so end it with exec <program> where you can',
    'pid1.execs':
      'in "{image}" /bin/sh is {sh}, which replaces itself with "{program}", so your program is PID 1, but on Debian-based images dash would stay PID 1 instead',
    'pid1.compoundExecs':
      'in "{image}" /bin/sh is {sh}, which replaces itself only for some shapes of command (not pipes, groups or redirections), so the shell may stay PID 1 unless the command ends with exec <program>',
    'pid1.exec':
      'the command starts with exec, so "{program}" replaces the shell and is PID 1, though the text still goes through the image\'s /bin/sh',
  },
  'zh-cn': {
    'pid1.dash':
      '在“{image}”中 /bin/sh 是 dash，它会一直作为 1 号进程（PID 1），“{program}”收不到 docker stop 的 SIGTERM，超时后被强制杀掉；请改用 exec 形式（JSON 数组）',
    'pid1.unknown':
      '在基于 Debian 的镜像中 /bin/sh 是 dash，它会一直作为 1 号进程（PID 1），“{program}”收不到 docker stop 的 SIGTERM，超时后被强制杀掉；请改用 exec 形式（JSON 数组）',
    'pid1.compoundDash':
      '在“{image}”中 /bin/sh 是 dash，它会一直作为 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM；这条命令离不开 shell，请尽量让它以 exec <程序> 结尾',
    'pid1.compoundUnknown':
      '在基于 Debian 的镜像中 /bin/sh 是 dash，它会一直作为 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM；这条命令离不开 shell，请尽量让它以 exec <程序> 结尾',
    'pid1.execs':
      '在“{image}”中 /bin/sh 是 {sh}，它会用“{program}”取代自己，你的程序就是 1 号进程（PID 1），但在基于 Debian 的镜像中 dash 会一直作为 1 号进程',
    'pid1.compoundExecs':
      '在“{image}”中 /bin/sh 是 {sh}，它只对某些形状的命令才会取代自己（管道、命令组、重定向都不会），除非命令以 exec <程序> 结尾，否则 shell 可能一直是 1 号进程（PID 1）',
    'pid1.exec':
      '命令以 exec 开头，“{program}”会取代 shell 成为 1 号进程（PID 1），只是这段文本仍要经过镜像的 /bin/sh',
  },
};

/** Variants that CMD and ENTRYPOINT share word for word (`{keyword}` names the instruction). */
const sharedShellFormMessages = {
  en: {
    heredoc:
      '{keyword} takes no here-document (BuildKit reads them only for RUN, COPY and ADD): the command is only "{text}", and the lines below up to "{delimiter}" become instructions, so the build stops with "unknown instruction".',
    unknownFlag:
      'BuildKit reads "{flag}" at the start of {keyword} as an option of {keyword} itself, which has none, so the build stops with "unknown flag"; to pass it as an argument, write the exec form (JSON array).',
    noShell:
      '"{image}" has no /bin/sh, so a shell form cannot start and the container fails with "exec: /bin/sh: no such file or directory"; write the exec form (JSON array).',
    fixFlag: 'Write it in exec form (changes what runs): {preview}',
    fixWords: 'Run the words without a shell (changes what runs: it could not start without /bin/sh): {preview}',
    ...pid1Clauses.en,
  },
  'zh-cn': {
    heredoc:
      '{keyword} 不支持 here-document（BuildKit 只为 RUN、COPY 和 ADD 读取 heredoc）：命令只有“{text}”，下面直到“{delimiter}”的各行会被当作指令，构建因“unknown instruction”报错停止。',
    unknownFlag:
      'BuildKit 会把 {keyword} 开头的“{flag}”当作 {keyword} 指令自身的选项，而该指令没有任何选项，构建因“unknown flag”报错停止；要把它作为参数传入，请写成 exec 形式（JSON 数组）。',
    noShell:
      '“{image}”中没有 /bin/sh，shell 形式根本无法启动，容器会以“exec: /bin/sh: no such file or directory”失败；请写成 exec 形式（JSON 数组）。',
    fixFlag: '改写为 exec 形式（会改变实际执行的内容）：{preview}',
    fixWords: '不经 shell 直接运行这些单词（会改变实际执行的内容：没有 /bin/sh 时它根本无法启动）：{preview}',
    ...pid1Clauses['zh-cn'],
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
        default: 'CMD in shell form: {pid1}.',
        execs: 'CMD in shell form: {pid1}.',
        windows:
          'In this Windows image a shell-form CMD runs as cmd /S /C "…", so cmd.exe, not your program, is the main process; prefer the exec form (JSON array), written by hand.',
        entrypointExec:
          'Under the exec-form ENTRYPOINT on line {line}, "{program}" is the main process and gets {shell} and this text as arguments, which run only if it executes them (as tini and gosu do); to pass the words, write {suggestion}.',
        entrypointExecScript:
          'Under the exec-form ENTRYPOINT on line {line}, "{program}" is the main process and gets {shell} and this text as arguments, which run only if it executes them (as tini and gosu do); otherwise write the CMD as a JSON array.',
        ...sharedShellFormMessages.en,
        fixArgs: 'Pass the words to {program} as arguments (changes what runs): {preview}',
        fixImage: 'Pass the words to the image\'s ENTRYPOINT (changes what runs: it gets "{program}" instead of /bin/sh first): {preview}',
      },
      'zh-cn': {
        default: 'shell 形式的 CMD：{pid1}。',
        execs: 'shell 形式的 CMD：{pid1}。',
        windows: '在这个 Windows 镜像中，shell 形式的 CMD 以 cmd /S /C 运行，主进程是 cmd.exe 而不是你的程序；建议手动改写为 exec 形式（JSON 数组）。',
        entrypointExec:
          '第 {line} 行 exec 形式的 ENTRYPOINT 让“{program}”成为主进程，{shell} 和这段文本只是它的参数，只有它会执行参数时（像 tini、gosu 那样）才会运行；要传入单词本身，请写成 {suggestion}。',
        entrypointExecScript:
          '第 {line} 行 exec 形式的 ENTRYPOINT 让“{program}”成为主进程，{shell} 和这段文本只是它的参数，只有它会执行参数时（像 tini、gosu 那样）才会运行；否则请把它应收到的参数写成 JSON 数组。',
        ...sharedShellFormMessages['zh-cn'],
        fixArgs: '把这些单词作为参数传给 {program}（会改变实际执行的内容）：{preview}',
        fixImage: '把这些单词交给镜像的 ENTRYPOINT（会改变实际执行的内容：它收到的第一个参数将是“{program}”而不是 /bin/sh）：{preview}',
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
      en: 'ENTRYPOINT in shell form ignores CMD and docker run arguments',
      'zh-cn': 'shell 形式的 ENTRYPOINT 会忽略 CMD 和 docker run 的参数',
    },
    messages: {
      en: {
        default: 'ENTRYPOINT in shell form: {args}; {pid1}.',
        'args.ignored': 'CMD and docker run arguments are ignored',
        'args.reads': 'the first word of the CMD becomes $0, which "$@" leaves out',
        windows:
          'In this Windows image a shell-form ENTRYPOINT runs as cmd /S /C "…", so cmd.exe, not your program, is the main process; prefer the exec form (JSON array), written by hand.',
        ...sharedShellFormMessages.en,
      },
      'zh-cn': {
        default: 'shell 形式的 ENTRYPOINT：{args}；{pid1}。',
        'args.ignored': 'CMD 和 docker run 的参数都会被忽略',
        'args.reads': 'CMD 的第一个单词会成为 $0，不在 "$@" 之中',
        windows:
          '在这个 Windows 镜像中，shell 形式的 ENTRYPOINT 以 cmd /S /C 运行，主进程是 cmd.exe 而不是你的程序；建议手动改写为 exec 形式（JSON 数组）。',
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
      en: 'An ENTRYPOINT that runs a sh -c script drops the CMD unless the script reads it',
      'zh-cn': '运行 sh -c 脚本的 ENTRYPOINT 会丢掉 CMD，除非脚本读取它',
    },
    messages: {
      en: {
        default:
          'This CMD is dropped: the ENTRYPOINT on line {line} runs a sh -c script that never reads its arguments ($@, $1…), so pass them on with an exec-form ENTRYPOINT or with "$@" in the script.',
        first:
          'The first word of this CMD, "{first}", is lost: the sh -c script of the ENTRYPOINT on line {line} gets it as $0, which "$@" leaves out, so put a placeholder such as -- after the script.',
        noCmd:
          'This ENTRYPOINT runs "{shell} -c" with a script that never reads its arguments ($@, $1…), so a CMD or docker run arguments would be dropped, which is fine if the image takes none.',
        entrypoint: 'The ENTRYPOINT whose script drops the CMD',
        cmd: 'The CMD it drops',
        fixPass: 'Pass the CMD and docker run arguments to {program} (changes what runs): {preview}',
        refusedCompound:
          'No automatic fix, because the ENTRYPOINT script is a compound command and only you know where its arguments belong (for example exec program "$@", with a placeholder for $0 after the script).',
        refusedTitle: 'Pass the CMD to the ENTRYPOINT',
      },
      'zh-cn': {
        default:
          '这条 CMD 会被丢掉：第 {line} 行的 ENTRYPOINT 运行的 sh -c 脚本从不读取参数（$@、$1…），请改用 exec 形式的 ENTRYPOINT 把它传下去，或在脚本中使用 "$@"。',
        first:
          '这条 CMD 的第一个单词“{first}”会丢失：第 {line} 行 ENTRYPOINT 的 sh -c 脚本把它当作 $0，而 "$@" 不包括它；请在脚本后面放一个占位参数（如 --）。',
        noCmd:
          '这个 ENTRYPOINT 用“{shell} -c”运行的脚本从不读取参数（$@、$1…），CMD 或 docker run 的参数都会被丢掉；如果镜像本来就不接受参数，这没有问题。',
        entrypoint: '其脚本丢掉 CMD 的 ENTRYPOINT',
        cmd: '被丢掉的 CMD',
        fixPass: '把 CMD 和 docker run 的参数传给 {program}（会改变实际执行的内容）：{preview}',
        refusedCompound:
          '不提供自动修复：ENTRYPOINT 的脚本是复合命令，参数该放在哪里只有你知道（例如 exec program "$@"，并在脚本后为 $0 放一个占位参数）。',
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
      en: 'A sh -c CMD or ENTRYPOINT keeps the shell as the main process',
      'zh-cn': '运行 sh -c 的 CMD 或 ENTRYPOINT 让 shell 一直是主进程',
    },
    messages: {
      en: {
        default:
          'This {keyword} runs "{shell} -c", which in "{image}" is dash and stays PID 1, so your program never gets docker stop\'s SIGTERM and is killed after the timeout; {advice}.',
        unknown:
          'This {keyword} runs "{shell} -c", which on Debian-based images is dash and stays PID 1, so your program never gets docker stop\'s SIGTERM and is killed after the timeout; {advice}.',
        dash: 'This {keyword} runs "{shell}", which stays PID 1, so your program never gets docker stop\'s SIGTERM and is killed after the timeout; {advice}.',
        execs:
          'This {keyword} runs "{shell} -c" with a command that {sh} does not replace itself with (such as a pipe, group or redirection), so the shell may stay PID 1 and keep docker stop\'s SIGTERM from your program; {advice}.',
        'advice.single': 'put exec before "{program}" so that it replaces the shell',
        'advice.compound': 'end the command with exec <program> where you can',
        fix: 'Add exec so that {program} replaces the shell (same behaviour): {preview}',
      },
      'zh-cn': {
        default:
          '这条 {keyword} 运行“{shell} -c”，它在“{image}”中是 dash，会一直作为 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM，超时后被强制杀掉；{advice}。',
        unknown:
          '这条 {keyword} 运行“{shell} -c”，它在基于 Debian 的镜像中是 dash，会一直作为 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM，超时后被强制杀掉；{advice}。',
        dash: '这条 {keyword} 运行“{shell}”，它会一直作为 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM，超时后被强制杀掉；{advice}。',
        execs:
          '这条 {keyword} 用“{shell} -c”运行一条 {sh} 不会用来取代自己的命令（如管道、命令组、重定向），shell 可能一直是 1 号进程（PID 1），你的程序收不到 docker stop 的 SIGTERM；{advice}。',
        'advice.single': '请在“{program}”前加上 exec，让它取代 shell',
        'advice.compound': '请尽量让命令以 exec <程序> 结尾',
        fix: '加上 exec，让 {program} 取代 shell（行为不变）：{preview}',
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
          '"{what}" starts {service} in the background and returns at once, so the container, which lives only as long as its main process, stops right away; run {service} in the foreground.',
        ampersand:
          'The trailing & sends the command to the background and the shell, the main process, exits at once, which stops the container; run the command in the foreground.',
        fix: 'Run {service} in the foreground (changes what runs): {preview}',
        fixAmpersand: 'Remove the trailing & (changes what runs)',
      },
      'zh-cn': {
        default: '“{what}”在后台启动 {service} 后立即返回，而容器只在主进程运行期间存在，所以会马上停止；请在前台运行 {service}。',
        ampersand: '末尾的 & 把命令放到后台，作为主进程的 shell 随即退出，容器也就停止了；请在前台运行这条命令。',
        fix: '在前台运行 {service}（会改变实际执行的内容）：{preview}',
        fixAmpersand: '去掉末尾的 &（会改变实际执行的内容）',
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
