// The hover's own sentences, in both languages. `{name}` placeholders are filled by `say`.
import type { Lang } from '../../types';

const EN = {
  yourNotes: 'From your notes — {file}',
  fullNote: 'Full note',
  reference: 'Dockerfile reference',
  rulePage: 'Rule: {code}',
  runs: 'The command the container will actually run',
  runsStage: 'The command the container will actually run (stage {stage})',
  runsPartialEntrypoint: 'No ENTRYPOINT in this stage{elsewhere}: the base image `{image}` may have one, which would come first.',
  runsPartialCmd: 'No CMD in this stage{elsewhere}: the base image `{image}` may supply one.',
  runsNothing: 'Neither ENTRYPOINT nor CMD in this stage{elsewhere}; the base image `{image}` decides.',
  onbuildTitle: 'ONBUILD trigger: {keyword} of a child image',
  onbuildCommand:
    'This {keyword} does not apply to this image or its containers. It is stored as a trigger and runs in the build of an image built `FROM` this one (a later stage of this Dockerfile built `FROM` this stage included), right after that FROM, where it sets the child image\'s {keyword}; the child\'s own later CMD or ENTRYPOINT can still replace it.',
  runsEmpty: 'Neither ENTRYPOINT nor CMD in this stage{elsewhere}: the container has no command to run (`docker run` must give one).',
  elsewhereOne: ' (stage {stages} sets one)',
  elsewhereMany: ' (stages {stages} set one)',
  shellWrapped: 'The shell form on line {line} is run through `{shell}`, so the main process is the shell, not your program.',
  shellWrappedExecs: 'The shell form on line {line} is run through `{shell}`; in this image /bin/sh is {sh}, which replaces itself with `{program}`, so your program is the main process.',
  shellWrappedNone: 'The shell form on line {line} needs `/bin/sh`, which `{image}` does not have: the container cannot start.',
  shellUnknown:
    'The shell form on line {line} is run through `{shell}`, and which shell `/bin/sh` is in `{image}` is not known here: dash (Debian, Ubuntu) stays PID 1 while the command runs, BusyBox ash (Alpine) and bash (Fedora, RHEL) replace themselves with a single command.',
  shellWrappedArgs:
    'The shell-form CMD on line {line} becomes arguments of the exec-form ENTRYPOINT (line {entrypoint}): `{program}` is the main process and receives `{shell}` and the text, which run only if it executes its arguments (as tini and gosu do).',
  heredocNotRead:
    'Line {line} uses a here-document, which BuildKit reads only for RUN, COPY and ADD: the {keyword} is only the text shown above, and the lines below it are parsed as instructions of their own, so the build fails.',
  invalidJson: 'Line {line} starts with `[` but is not a valid JSON array of strings, so Docker treats it as a shell form.',
  cmdIgnored: 'The ENTRYPOINT on line {line} runs a `sh -c` script that never reads its arguments: the CMD is appended after it (as `$0`, `$1`…) and dropped.',
  cmdIgnoredFirst: 'The ENTRYPOINT on line {line} runs a `sh -c` script that reads `"$@"`, but the first CMD word lands in `$0` and is dropped.',
  cmdIgnoredBase: 'The ENTRYPOINT on line {line} is in shell form, so any CMD is ignored.',
  cmdReset: 'The ENTRYPOINT on line {line} resets the CMD inherited from the parent (`{parent}`); set CMD again after it if you need one.',
  overridden: 'This {keyword} has no effect: the {keyword} on line {line} of the same stage replaces it.',
  inherited: '{keyword} comes from stage `{stage}` (line {line}), which this stage is built from.',
  notFinalStage: 'Applies when stage `{stage}` is the image you run (the last stage, or `--target {stage}`).',
  dockerRunArgs: 'Arguments after the image name in `docker run` replace CMD; `--entrypoint` replaces ENTRYPOINT.',
  variable: '`{name}` at this line',
  varArg: 'Build argument (ARG) declared on line {line}.',
  varArgGlobal: 'Global build argument (ARG before the first FROM), line {line}. Visible to FROM lines only, unless a stage redeclares it with `ARG {name}`.',
  varArgFromGlobal: 'Declared on line {line} without a value, so it takes the default of the global ARG on line {global}.',
  varEnv: 'Environment variable (ENV) set on line {line}; it stays set in the image and in running containers.',
  varInheritedStage: 'Inherited from stage `{stage}` (line {line}), which this stage is built from.',
  varInheritedChain: 'Inherited from stage `{stage}` (line {line}) through {via}.',
  varEnvRunOverride: 'A container starts with this value; `docker run -e {name}=…` (or `--env`) overrides it.',
  varStartEnv: 'The shell expands it when the container starts, so `docker run -e {name}=…` (or `--env`) changes what it sees here.',
  varStartArg: 'A build argument is gone once the image is built: when the container starts, the shell sees `{name}` only if ENV sets it, the base image has it, or `docker run -e {name}=…` passes it.',
  varLiteral: 'The exec form starts the program without a shell, so the program receives `${name}` as written, not its value.',
  varBuildEnv: 'The builder fills in the value while building; `docker run -e {name}=…` changes the environment of a container, not this line.',
  varUnknownStart: '`{name}` is not set by an ARG or ENV before this line. When the container starts it comes from the base image or from `docker run -e {name}=…` (or `--env`); otherwise the shell expands it to an empty string.',
  varValue: 'Value: {value}',
  varNoDefault: 'No default value: it is empty unless the build passes `--build-arg {name}=…`.',
  varPartial: 'Depends on variables whose value is not known in the Dockerfile (build arguments or the base image).',
  varOverride: 'A build can change it with `--build-arg {name}=…`.',
  varPredefinedPlatform: 'Predefined platform argument, filled in by BuildKit (for example `linux/amd64`).',
  varPredefinedPlatformStage: 'Predefined by BuildKit, but inside a stage it is only visible after `ARG {name}`.',
  varPredefinedProxy: 'Predefined proxy argument: usable without an ARG line; its value comes from `--build-arg` only.',
  varUnknown: '`{name}` is not set by an ARG or ENV before this line. It may come from the base image; otherwise it expands to an empty string.',
  varGlobalNotRedeclared: 'A global ARG `{name}` exists (line {line}), but this stage does not redeclare it with `ARG {name}`, so here it is empty.',
  sourceTitle: 'Source `{src}`',
  sourceContext: 'Build context: `{root}`{origin}',
  originSetting: ' (from `dockerfileNotes.buildContexts`)',
  originCli: ' (from `--context`)',
  originCompose: ' (from {detail})',
  sourceResolves: 'Resolves to `{path}` in the build context.',
  sourceExistsFile: 'It exists (a file).',
  sourceExistsDir: 'It exists (a folder: its contents are copied, not the folder itself).',
  sourceExistsLink: 'It exists (a symbolic link).',
  sourceMatches: 'Matches in the build context: {count}, for example {examples}.',
  sourceMissing: 'Nothing by that name exists in the build context: the build will fail here.',
  sourceMissingPattern: 'Nothing in the build context matches this pattern. BuildKit copies nothing for it and goes on; the classic builder fails only when no source of the instruction matches.',
  sourceExcluded: 'It is excluded by `{ignore}` (pattern `{pattern}`, line {line}), so it is not sent with the build context and the build cannot see it.',
  sourceUnknown: 'Whether it exists cannot be told here ({why}).',
  sourceOutside: '`{src}` is outside the build context. A build can only read what was sent with the context (`{root}`); move or copy the file into it, or make the context a parent folder.',
  sourceAbsolute: 'A leading `/` means the root of the build context, not of your computer.',
  sourceGlobalArg: 'It uses the global ARG `{name}` (line {line}), which this stage does not redeclare with `ARG {name}`: here it is empty.',
  sourceVariable: 'The path uses a variable whose value is not known here.',
  sourceNoContext: 'This Dockerfile is not saved yet, so its build context folder is unknown.',
  sourceFromStage: 'With `--from={from}`, the source is read from stage `{from}` (line {line}), not from the build context.',
  sourceFromImage: 'With `--from={from}`, the source is read from the image or named context `{from}`, not from the build context.',
  sourceUrl: 'A URL: ADD downloads it at build time as a file with {mode}; an archive stays packed (only `--unpack=true` unpacks it).',
  sourceUrlUnpack: 'A URL: ADD downloads it at build time and, with `--unpack=true`, unpacks it when it is a tar archive; anything else stays a file with {mode}.',
  urlMode600: 'mode 600 (only root can read it)',
  urlModeChmod: 'mode `{mode}` (from `--chmod`)',
  urlModeWindows: 'no Unix mode (a Windows image)',
  sourceGit: 'A Git repository: ADD clones it at build time, without the `.git` folder (`--keep-git-dir=true` keeps it).',
  sourceGitKeep: 'A Git repository: ADD clones it at build time, `.git` folder included (`--keep-git-dir`).',
  sourceOtherScheme: 'BuildKit downloads only `http://` and `https://` URLs and clones Git addresses; this source is read as a path in the build context.',
  destTitle: 'Destination `{dest}`',
  destResolves: 'In the image: `{path}`',
  destExample: 'For example `{src}` becomes `{path}`.',
  destWorkdir: 'Relative to WORKDIR `{workdir}` (line {line}).',
  destWorkdirDefault: 'Relative to the working directory `/` (no WORKDIR in this stage before this line).',
  destWorkdirBase: 'Relative to the working directory, which is `/` unless the base image `{image}` sets another.',
  destDir: 'Ends with `/`: a folder; missing folders are created.',
  destMustBeDir: 'With several sources or a wildcard, the destination must be a folder ending in `/`.',
  destVariable: 'The path uses a variable whose value is not known here.',
  workdirResolves: 'From here on the working directory is `{path}`; relative paths of RUN, CMD, ENTRYPOINT, COPY and ADD start there, and the folder is created if it is missing.',
  directive: 'Parser directive',
  fromStage: 'Built from stage `{stage}` (line {line}) of this Dockerfile: it inherits its files, ENV, ARG, WORKDIR, SHELL, ENTRYPOINT and CMD.',
  fromImage: 'Base image `{image}`.',
  fromImageResolved: 'Base image `{resolved}` (written `{image}`, with the ARG defaults filled in).',
  fromImageUnresolved: 'Base image `{image}`; a build argument in the name has no value known here.',
  copyFromContext: 'From the build context `{root}`',
  copyFromContextUnknown: 'From the build context (its folder is known once the Dockerfile is saved)',
  copyFromStage: 'From stage `{from}`',
  copyFromImage: 'From the image or named context `{from}`',
  into: ' into `{dest}`.',
  intoUnknown: ' into a destination that depends on a variable not known here.',
  destIs: 'Destination: `{dest}`.',
  fromScratch: '`scratch` is the empty image: the stage starts with no files at all.',
} as const;

export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  yourNotes: '来自你的笔记：{file}',
  fullNote: '完整笔记',
  reference: 'Dockerfile 参考',
  rulePage: '规则：{code}',
  runs: '容器实际运行的命令',
  runsStage: '容器实际运行的命令（阶段 {stage}）',
  runsPartialEntrypoint: '本阶段没有 ENTRYPOINT{elsewhere}：基础镜像 `{image}` 可能带有一个，它会排在最前面。',
  runsPartialCmd: '本阶段没有 CMD{elsewhere}：基础镜像 `{image}` 可能提供一个。',
  runsNothing: '本阶段既没有 ENTRYPOINT 也没有 CMD{elsewhere}，由基础镜像 `{image}` 决定。',
  onbuildTitle: 'ONBUILD 触发器：子镜像的 {keyword}',
  onbuildCommand:
    '这条 {keyword} 对本镜像及其容器不起作用。它被保存为触发器，在以本镜像为基础（`FROM` 本镜像）构建的镜像里、紧跟在那条 FROM 之后执行，设置的是子镜像的 {keyword}（子镜像之后自己写的 CMD 或 ENTRYPOINT 仍可取代它）。本 Dockerfile 中 `FROM` 这个阶段的后续阶段同样会执行它。',
  runsEmpty: '本阶段既没有 ENTRYPOINT 也没有 CMD{elsewhere}：容器没有要运行的命令（只能在 `docker run` 时给出）。',
  elsewhereOne: '（阶段 {stages} 设置了）',
  elsewhereMany: '（阶段 {stages} 设置了）',
  shellWrapped: '第 {line} 行是 shell 形式，会经由 `{shell}` 执行，因此主进程是 shell，而不是你的程序。',
  shellWrappedExecs: '第 {line} 行是 shell 形式，会经由 `{shell}` 执行；这个镜像的 /bin/sh 是 {sh}，它会用 `{program}` 取代自己，所以主进程就是你的程序。',
  shellWrappedNone: '第 {line} 行的 shell 形式需要 `/bin/sh`，而 `{image}` 里没有：容器无法启动。',
  shellUnknown:
    '第 {line} 行是 shell 形式，会经由 `{shell}` 执行，而这里无法得知 `{image}` 中的 `/bin/sh` 是哪种 shell：dash（Debian、Ubuntu）在命令运行期间一直是 1 号进程（PID 1），BusyBox ash（Alpine）和 bash（Fedora、RHEL）则会用单条命令取代自己。',
  shellWrappedArgs:
    '第 {line} 行 shell 形式的 CMD 成了第 {entrypoint} 行 exec 形式 ENTRYPOINT 的参数：主进程是 `{program}`，它收到 `{shell}` 和这段文本，只有当它会执行自己的参数时（像 tini、gosu 那样）这段文本才会运行。',
  heredocNotRead: '第 {line} 行用了 here-document，而 BuildKit 只为 RUN、COPY 和 ADD 读取 heredoc：这条 {keyword} 只有上面显示的文本，下面的各行会被当作独立的指令来解析，构建因此失败。',
  invalidJson: '第 {line} 行以 `[` 开头，但不是合法的 JSON 字符串数组，Docker 会把它当作 shell 形式。',
  cmdIgnored: '第 {line} 行的 ENTRYPOINT 运行的 `sh -c` 脚本从不读取参数：CMD 会被追加在它后面（作为 `$0`、`$1`…）然后被丢掉。',
  cmdIgnoredFirst: '第 {line} 行的 ENTRYPOINT 运行的 `sh -c` 脚本读取 `"$@"`，但 CMD 的第一个单词落在 `$0` 里被丢掉。',
  cmdIgnoredBase: '第 {line} 行的 ENTRYPOINT 是 shell 形式，任何 CMD 都会被忽略。',
  cmdReset: '第 {line} 行的 ENTRYPOINT 会清空从父阶段（`{parent}`）继承来的 CMD；如仍需要，请在它之后重新写 CMD。',
  overridden: '这条 {keyword} 不起作用：同一阶段第 {line} 行的 {keyword} 会取代它。',
  inherited: '{keyword} 来自阶段 `{stage}`（第 {line} 行），本阶段是基于它构建的。',
  notFinalStage: '只有当阶段 `{stage}` 就是要运行的镜像时才生效（最后一个阶段，或使用 `--target {stage}`）。',
  dockerRunArgs: '`docker run` 中镜像名之后的参数会取代 CMD；`--entrypoint` 会取代 ENTRYPOINT。',
  variable: '此行处的 `{name}`',
  varArg: '构建参数（ARG），在第 {line} 行声明。',
  varArgGlobal: '全局构建参数（第一个 FROM 之前的 ARG），第 {line} 行。只在 FROM 行中可见，除非阶段内用 `ARG {name}` 重新声明。',
  varArgFromGlobal: '第 {line} 行声明时没有给值，因此取第 {global} 行全局 ARG 的默认值。',
  varEnv: '环境变量（ENV），在第 {line} 行设置；它会保留在镜像里，运行中的容器也能看到。',
  varInheritedStage: '继承自阶段 `{stage}`（第 {line} 行），本阶段是基于它构建的。',
  varInheritedChain: '继承自阶段 `{stage}`（第 {line} 行），途经 {via}。',
  varEnvRunOverride: '容器启动时带着这个值；`docker run -e {name}=…`（或 `--env`）可以覆盖它。',
  varStartEnv: '容器启动时由 shell 展开，所以 `docker run -e {name}=…`（或 `--env`）会改变这里看到的值。',
  varStartArg: '构建参数在镜像构建完成后就不存在了：容器启动时，只有 ENV 设置了它、基础镜像带有它，或者 `docker run -e {name}=…` 传入它，shell 才能看到 `{name}`。',
  varLiteral: 'exec 形式不经过 shell 直接启动程序，程序收到的是原样的 `${name}`，而不是它的值。',
  varBuildEnv: '构建器在构建时就代入了这个值；`docker run -e {name}=…` 改变的是容器的环境，改不了这一行。',
  varUnknownStart: '在此行之前没有 ARG 或 ENV 设置 `{name}`。容器启动时它只能来自基础镜像或 `docker run -e {name}=…`（或 `--env`），否则 shell 会把它展开为空字符串。',
  varValue: '值：{value}',
  varNoDefault: '没有默认值：除非构建时传入 `--build-arg {name}=…`，否则为空。',
  varPartial: '依赖于在 Dockerfile 中无法得知取值的变量（构建参数或基础镜像中的变量）。',
  varOverride: '构建时可以用 `--build-arg {name}=…` 改变它。',
  varPredefinedPlatform: '预定义的平台参数，由 BuildKit 自动填入（例如 `linux/amd64`）。',
  varPredefinedPlatformStage: '由 BuildKit 预定义，但在阶段内部要先写 `ARG {name}` 才能看到。',
  varPredefinedProxy: '预定义的代理参数：不写 ARG 也能用，取值只来自 `--build-arg`。',
  varUnknown: '在此行之前没有 ARG 或 ENV 设置 `{name}`。它可能来自基础镜像，否则会展开为空字符串。',
  varGlobalNotRedeclared: '存在全局 ARG `{name}`（第 {line} 行），但本阶段没有用 `ARG {name}` 重新声明，所以这里它是空的。',
  sourceTitle: '源路径 `{src}`',
  sourceContext: '构建上下文：`{root}`{origin}',
  originSetting: '（来自 `dockerfileNotes.buildContexts`）',
  originCli: '（来自 `--context`）',
  originCompose: '（来自 {detail}）',
  sourceResolves: '对应构建上下文中的 `{path}`。',
  sourceExistsFile: '它存在（一个文件）。',
  sourceExistsDir: '它存在（一个目录：复制的是目录里的内容，而不是目录本身）。',
  sourceExistsLink: '它存在（一个符号链接）。',
  sourceMatches: '该模式匹配到 {count} 项，例如 {examples}。',
  sourceMissing: '构建上下文中不存在这个路径：构建会在这里失败。',
  sourceMissingPattern: '构建上下文中没有任何东西匹配这个模式。BuildKit 对它什么也不复制并继续构建；经典构建器只在整条指令的源都匹配不到时才失败。',
  sourceExcluded: '它被 `{ignore}` 排除（第 {line} 行的规则 `{pattern}`），不会随构建上下文发送，构建时看不到它。',
  sourceUnknown: '这里无法判断它是否存在（{why}）。',
  sourceOutside: '`{src}` 在构建上下文之外。构建只能读取随上下文发送的内容（`{root}`）；请把文件移动或复制进来，或者把上下文设为更上层的目录。',
  sourceAbsolute: '开头的 `/` 指的是构建上下文的根目录，而不是你电脑的根目录。',
  sourceGlobalArg: '它用到了全局 ARG `{name}`（第 {line} 行），但本阶段没有用 `ARG {name}` 重新声明，所以这里它是空的。',
  sourceVariable: '路径中用到的变量在这里无法得知取值。',
  sourceNoContext: '这个 Dockerfile 还没有保存，无法知道它的构建上下文目录。',
  sourceFromStage: '使用了 `--from={from}`：源路径从阶段 `{from}`（第 {line} 行）读取，而不是从构建上下文读取。',
  sourceFromImage: '使用了 `--from={from}`：源路径从镜像或命名上下文 `{from}` 读取，而不是从构建上下文读取。',
  sourceUrl: '这是一个 URL：ADD 在构建时把它下载为一个文件，{mode}；即使是压缩包也不会解开（只有 `--unpack=true` 才会解包）。',
  sourceUrlUnpack: '这是一个 URL：ADD 在构建时下载它，因为有 `--unpack=true`，tar 归档会被解开；其他内容仍是一个文件，{mode}。',
  urlMode600: '权限为 600（只有 root 能读）',
  urlModeChmod: '权限为 `{mode}`（来自 `--chmod`）',
  urlModeWindows: '没有 Unix 权限（Windows 镜像）',
  sourceGit: '这是一个 Git 仓库：ADD 在构建时克隆它，不含 `.git` 目录（`--keep-git-dir=true` 会保留它）。',
  sourceGitKeep: '这是一个 Git 仓库：ADD 在构建时克隆它，并保留 `.git` 目录（`--keep-git-dir`）。',
  sourceOtherScheme: 'BuildKit 只下载 `http://` 和 `https://` 的 URL、克隆 Git 地址；这个源会被当作构建上下文中的路径。',
  destTitle: '目标路径 `{dest}`',
  destResolves: '镜像中的位置：`{path}`',
  destExample: '例如 `{src}` 会成为 `{path}`。',
  destWorkdir: '相对于 WORKDIR `{workdir}`（第 {line} 行）。',
  destWorkdirDefault: '相对于工作目录 `/`（此行之前本阶段没有 WORKDIR）。',
  destWorkdirBase: '相对于工作目录；除非基础镜像 `{image}` 另有设置，否则是 `/`。',
  destDir: '以 `/` 结尾：这是一个目录；缺失的目录会被自动创建。',
  destMustBeDir: '有多个源路径或使用通配符时，目标必须是以 `/` 结尾的目录。',
  destVariable: '路径中用到的变量在这里无法得知取值。',
  workdirResolves: '从这里开始，工作目录是 `{path}`；RUN、CMD、ENTRYPOINT、COPY 和 ADD 的相对路径都从这里算起，目录不存在时会自动创建。',
  directive: '解析器指令',
  fromStage: '基于本 Dockerfile 的阶段 `{stage}`（第 {line} 行）构建：继承它的文件、ENV、ARG、WORKDIR、SHELL、ENTRYPOINT 和 CMD。',
  fromImage: '基础镜像 `{image}`。',
  fromImageResolved: '基础镜像 `{resolved}`（原文为 `{image}`，已代入 ARG 的默认值）。',
  fromImageUnresolved: '基础镜像 `{image}`；名称中的构建参数在这里无法得知取值。',
  copyFromContext: '来源：构建上下文 `{root}`',
  copyFromContextUnknown: '来源：构建上下文（文件保存后才能确定其目录）',
  copyFromStage: '来源：阶段 `{from}`',
  copyFromImage: '来源：镜像或命名上下文 `{from}`',
  into: '；目标：`{dest}`。',
  intoUnknown: '；目标取决于这里无法得知的变量。',
  destIs: '目标：`{dest}`。',
  fromScratch: '`scratch` 是空镜像：这个阶段从没有任何文件开始。',
};

/** Every template of a language (for the terminology and style tests). */
export function stringTable(lang: Lang): Readonly<Record<StringKey, string>> {
  return lang === 'zh-cn' ? ZH : EN;
}

/** Markdown built by the caller (already safe), inserted as is. */
export interface Md {
  md: string;
}

/**
 * A sentence in the hover's language with `{placeholders}` filled in. Plain values are made safe for the
 * inline code spans the templates put them in (no backticks or line breaks, at most 160 characters);
 * `{ md }` values are inserted as they are.
 */
export function say(lang: Lang, key: StringKey, args: Record<string, string | number | Md> = {}): string {
  const template: string = lang === 'zh-cn' ? ZH[key] : EN[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in args)) return m;
    const v = args[name];
    return typeof v === 'object' ? v.md : plain(String(v));
  });
}

/** A pattern matching any sentence `say` makes from the template (placeholders match any text). */
export function templatePattern(lang: Lang, key: StringKey): RegExp {
  const template: string = lang === 'zh-cn' ? ZH[key] : EN[key];
  const parts = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`);
}

/** A value fit for an inline code span: backticks and line breaks replaced, long values shortened. */
export function plain(value: string): string {
  const flat = value.replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
