// COPY and ADD rules: what the build context holds, and what ADD does beyond copying.
import type { RuleDefinition } from './types';

const family = 'copy-add';

/** How the context was chosen, shared by the context rules' messages as `{origin}`. */
const ORIGIN_EN = {
  originDefault: "the Dockerfile's folder, assumed: nothing declares how it is built and none of its sources was found in a folder above",
  originDefaultNoSources: "the Dockerfile's folder, assumed: nothing declares how it is built and it copies nothing from the context",
  originInferredOne: 'inferred: nothing declares how this Dockerfile is built, and its only local source exists there',
  originInferredAll: 'inferred: nothing declares how this Dockerfile is built, and all {total} of its local sources exist there',
  originInferredSome: 'inferred: nothing declares how this Dockerfile is built, and {found} of its {total} local sources exist there, more than anywhere else',
  originDeclared: 'declared in {file}:{line}',
  originDeclaredNamed: 'the context of {kind} {name}, declared in {file}:{line}',
  originSetting: 'from the dockerfileNotes.buildContexts entry {detail}',
  originCli: 'from --context',
  kindCompose: 'service',
  kindBake: 'bake target',
  kindDevcontainer: 'dev container',
  kindWorkflow: 'workflow job',
  kindGitlabCi: 'GitLab CI job',
  kindCloudbuild: 'Cloud Build step',
  kindSkaffold: 'Skaffold artifact',
  kindJenkinsfile: 'Jenkins stage',
  kindAzurePipelines: 'Azure Pipelines job',
  kindScript: 'script',
};
const ORIGIN_ZH = {
  originDefault: '假定为 Dockerfile 所在目录：没有任何文件声明它如何构建，上层目录里也找不到它的源文件',
  originDefaultNoSources: '假定为 Dockerfile 所在目录：没有任何文件声明它如何构建，它也不从上下文复制任何文件',
  originInferredOne: '推断所得：没有任何文件声明这个 Dockerfile 如何构建，而它唯一的本地源文件在那里',
  originInferredAll: '推断所得：没有任何文件声明这个 Dockerfile 如何构建，而它的 {total} 个本地源文件都在那里',
  originInferredSome: '推断所得：没有任何文件声明这个 Dockerfile 如何构建，它的 {total} 个本地源文件中有 {found} 个在那里，比其他目录都多',
  originDeclared: '声明于 {file}:{line}',
  originDeclaredNamed: '{kind} {name} 的上下文，声明于 {file}:{line}',
  originSetting: '来自设置 dockerfileNotes.buildContexts 的 {detail}',
  originCli: '来自 --context',
  kindCompose: '服务',
  kindBake: 'bake 目标',
  kindDevcontainer: '开发容器',
  kindWorkflow: '工作流作业',
  kindGitlabCi: 'GitLab CI 作业',
  kindCloudbuild: 'Cloud Build 步骤',
  kindSkaffold: 'Skaffold 制品',
  kindJenkinsfile: 'Jenkins 阶段',
  kindAzurePipelines: 'Azure Pipelines 作业',
  kindScript: '脚本',
};

export const copyAddRules: RuleDefinition[] = [
  {
    code: 'copy-outside-context',
    severity: 'error',
    aliases: [],
    family,
    fixable: false,
    title: {
      en: 'A COPY/ADD source climbs out of the build context',
      'zh-cn': 'COPY/ADD 的源路径跑到了构建上下文之外',
    },
    messages: {
      en: {
        default:
          '{source} climbs out of the build context ({context}). Only the context folder is sent to the builder, so files beside or above it do not exist for the build. BuildKit does not stop on this: it drops the ../ and silently reads whatever has that name at the context root. Move the file into the context, or build with a context that contains it (compose build.context, or the dockerfileNotes.buildContexts setting).',
        defaultCli:
          '{source} climbs out of the build context ({context}). Only the context folder is sent to the builder, so files beside or above it do not exist for the build. BuildKit does not stop on this: it drops the ../ and silently reads whatever has that name at the context root. Move the file into the context, or build with a context that contains it (compose build.context; for this check, --context <folder>).',
        unsaved:
          '{source} climbs out of the build context. Only the context folder is sent to the builder, so files beside or above it do not exist for the build. BuildKit does not stop on this: it drops the ../ and silently reads whatever has that name at the context root. Move the file into the context, or build with a context that contains it.',
      },
      'zh-cn': {
        default:
          '{source} 跑出了构建上下文（{context}）。只有上下文目录会被发送给构建器，它旁边或上层的文件在构建时根本不存在。BuildKit 不会因此报错：它会去掉 ../，悄悄读取上下文根目录下同名的东西。请把文件移进上下文目录，或换一个包含它的目录作为上下文（compose 的 build.context，或设置 dockerfileNotes.buildContexts）。',
        defaultCli:
          '{source} 跑出了构建上下文（{context}）。只有上下文目录会被发送给构建器，它旁边或上层的文件在构建时根本不存在。BuildKit 不会因此报错：它会去掉 ../，悄悄读取上下文根目录下同名的东西。请把文件移进上下文目录，或换一个包含它的目录作为上下文（compose 的 build.context；本次检查可用 --context <目录> 指定）。',
        unsaved:
          '{source} 跑出了构建上下文。只有上下文目录会被发送给构建器，它旁边或上层的文件在构建时根本不存在。BuildKit 不会因此报错：它会去掉 ../，悄悄读取上下文根目录下同名的东西。请把文件移进上下文目录，或换一个包含它的目录作为上下文。',
      },
    },
  },
  {
    code: 'copy-absolute-source',
    severity: 'warning',
    variantSeverity: { atRoot: 'hint' },
    aliases: [],
    family,
    fixable: true,
    title: {
      en: 'An absolute COPY/ADD source is read from the context root, not from the host',
      'zh-cn': 'COPY/ADD 的绝对源路径读的是上下文根目录，而不是宿主机',
    },
    messages: {
      en: {
        default:
          '{source} is written as an absolute path, but COPY and ADD never read the host file system: BuildKit strips the leading / and reads {relative} from the root of the build context instead. Write the path relative to the context, and if the file lives elsewhere on your machine, copy it into the context first.',
        atRoot:
          '{source} is written as an absolute path, which BuildKit reads as {relative} at the root of the build context {context}, where it exists; writing it as {relative} says what really happens.',
        fix: 'Make the source relative to the build context: {relative}',
        globalArg:
          '{source} uses the global ARG {name} (declared before the first FROM), which this stage does not see: a global ARG is visible inside a stage only after it is redeclared there with ARG {name}. So {name} is empty here (unless the base image sets it in its environment), the source becomes {value}, and BuildKit reads {relative} from the root of the build context. Add ARG {name} after the FROM line of this stage.',
        fixGlobalArg: 'Redeclare the global ARG in this stage: ARG {name}',
      },
      'zh-cn': {
        default:
          '{source} 写成了绝对路径，但 COPY 和 ADD 从不读取宿主机的文件系统：BuildKit 会去掉开头的 /，改为从构建上下文根目录读取 {relative}。请写成相对于上下文的路径；如果文件在本机的其他位置，先把它复制进上下文目录。',
        atRoot:
          '{source} 写成了绝对路径，BuildKit 会把它当作构建上下文 {context} 根目录下的 {relative} 来读取，而那里确实有这个路径；写成 {relative} 才符合实际发生的事。',
        fix: '改为相对于构建上下文的路径：{relative}',
        globalArg:
          '{source} 用到了全局 ARG {name}（在第一个 FROM 之前声明），但这个阶段看不到它：全局 ARG 要在阶段里用 ARG {name} 重新声明后才可见。因此这里 {name} 为空（除非基础镜像在环境变量里设置了它），源路径变成 {value}，BuildKit 会从构建上下文根目录读取 {relative}。请在这个阶段的 FROM 行之后加上 ARG {name}。',
        fixGlobalArg: '在这个阶段重新声明全局 ARG：ARG {name}',
      },
    },
  },
  {
    code: 'copy-source-missing',
    severity: 'warning',
    variantSeverity: { candidate: 'hint', candidateCli: 'hint', unlocated: 'info' },
    tentativeVariants: ['candidate', 'candidateCli', 'unlocated'],
    aliases: [],
    family,
    fixable: true,
    title: {
      en: 'A COPY/ADD source matches nothing in the build context',
      'zh-cn': 'COPY/ADD 的源路径在构建上下文中找不到',
    },
    messages: {
      en: {
        default:
          '{source} matches nothing in the build context {context} ({origin}), so the build will stop with "not found". Check the spelling, or whether this Dockerfile is built with another context.',
        wildcard:
          'The pattern {source} matches no file in the build context {context} ({origin}), and no other source of this instruction copies anything. BuildKit accepts an empty wildcard: the step copies nothing and the build goes on, so a later step that needs these files fails instead. The classic builder (DOCKER_BUILDKIT=0) stops here with "no source files were specified". Check the pattern, or whether this Dockerfile is built with another context; if the files are optional, this is fine.',
        wildcardFolder:
          'The pattern {source} matches no file in the build context {context} ({origin}). BuildKit looks for it inside the folder {folder}; when that folder is missing, or nothing in it is sent, the build stops with "no such file or directory", even if other sources of the instruction match. Check the pattern; if the file is optional, put the wildcard in the folder name as well ({example}): a pattern there may match nothing.',
        nowhere:
          '{source} matches nothing in the build context {context} ({origin}), nor in any folder above it up to {top}, so the build will stop with "not found" from whichever of these folders it runs. Check the spelling, or whether an earlier step creates the file before the build.',
        unlocated:
          '{source} is not in {context} ({origin}). Since none of the {total} local sources of this Dockerfile exists there, where it is built from is unknown (another folder, or inputs that an earlier step creates), so this is not reported as a certain failure: set its build context to have its sources checked, or check the spelling.',
        candidate:
          '{source} is not in the build context {context} ({origin}), but it exists in {found}: if this Dockerfile is built from there, set that folder as its build context (Set Build Context…, or the dockerfileNotes.buildContexts setting); otherwise the build will stop with "not found".',
        candidateCli:
          '{source} is not in the build context {context} ({origin}), but it exists in {found}: if this Dockerfile is built from there, check it with --context set to that folder; otherwise the build will stop with "not found".',
        fixSetContext: 'Build this Dockerfile from {folder} (saved in the workspace settings)',
        fixPickContext: 'Set the build context of this Dockerfile…',
        globalArg:
          '{source} uses the global ARG {name} (declared before the first FROM), which this stage does not see: a global ARG is visible inside a stage only after it is redeclared there with ARG {name}. So {name} is empty here (unless the base image sets it in its environment) and the source becomes {value}, which matches nothing in the build context {context} ({origin}). Add ARG {name} after the FROM line of this stage.',
        fixGlobalArg: 'Redeclare the global ARG in this stage: ARG {name}',
        ...ORIGIN_EN,
      },
      'zh-cn': {
        default:
          '{source} 在构建上下文 {context}（{origin}）中找不到，构建会因 "not found" 而失败。请检查拼写，或确认这个 Dockerfile 是否用别的上下文构建。',
        wildcard:
          '通配模式 {source} 在构建上下文 {context}（{origin}）中匹配不到任何文件，这条指令的其他源也都没有内容可复制。BuildKit 允许通配符为空：这一步什么也不复制，构建继续进行，于是要等到后面需要这些文件的步骤才会失败。经典构建器（DOCKER_BUILDKIT=0）则会在这里因 "no source files were specified" 而失败。请检查模式，或确认这个 Dockerfile 是否用别的上下文构建；如果这些文件本来就是可选的，那就没有问题。',
        wildcardFolder:
          '通配模式 {source} 在构建上下文 {context}（{origin}）中匹配不到任何文件。BuildKit 会在目录 {folder} 里查找它；如果这个目录不存在，或者其中没有任何内容被发送，构建会因 "no such file or directory" 而失败，即使这条指令的其他源能匹配到文件。请检查模式；如果这个文件是可选的，请把通配符也写进目录名（{example}）：那里的通配符允许一个都匹配不到。',
        nowhere:
          '{source} 在构建上下文 {context}（{origin}）中找不到，在它之上直到 {top} 的各级目录里也都找不到，因此无论从其中哪个目录构建，都会因 "not found" 而失败。请检查拼写，或确认是否有更早的步骤会在构建前生成这个文件。',
        unlocated:
          '{source} 不在 {context} 中（{origin}）。由于这个 Dockerfile 的 {total} 个本地源文件在那里一个都找不到，无法知道它是从哪里构建的（别的目录，或由更早的步骤生成输入），因此这里不把它当作必然的构建失败：请设置它的构建上下文以便检查源文件，或检查拼写。',
        candidate:
          '{source} 不在构建上下文 {context}（{origin}）中，但它存在于 {found}：如果这个 Dockerfile 是在那里构建的，请把那个目录设为它的构建上下文（“设置构建上下文…”，或设置 dockerfileNotes.buildContexts）；否则构建会因 "not found" 而失败。',
        candidateCli:
          '{source} 不在构建上下文 {context}（{origin}）中，但它存在于 {found}：如果这个 Dockerfile 是在那里构建的，请用 --context 指定那个目录再检查；否则构建会因 "not found" 而失败。',
        fixSetContext: '从 {folder} 构建这个 Dockerfile（保存到工作区设置）',
        fixPickContext: '设置这个 Dockerfile 的构建上下文…',
        globalArg:
          '{source} 用到了全局 ARG {name}（在第一个 FROM 之前声明），但这个阶段看不到它：全局 ARG 要在阶段里用 ARG {name} 重新声明后才可见。因此这里 {name} 为空（除非基础镜像在环境变量里设置了它），源路径变成 {value}，在构建上下文 {context}（{origin}）中匹配不到任何东西。请在这个阶段的 FROM 行之后加上 ARG {name}。',
        fixGlobalArg: '在这个阶段重新声明全局 ARG：ARG {name}',
        ...ORIGIN_ZH,
      },
    },
  },
  {
    code: 'copy-source-ignored',
    severity: 'warning',
    aliases: ['CopyIgnoredFile'],
    family,
    fixable: false,
    title: {
      en: 'A COPY/ADD source is excluded by .dockerignore',
      'zh-cn': 'COPY/ADD 的源路径被 .dockerignore 排除了',
    },
    messages: {
      en: {
        default:
          '{source} is excluded by {ignoreFile} (pattern {pattern}, line {line}), so it is never sent to the builder and this instruction will fail with "not found". Remove or narrow the pattern, or add an exception line !{relative}.',
        wildcard:
          'Every file the pattern {source} matches is excluded by {ignoreFile} (for example {relative}, by the pattern {pattern} on line {line}), so none of them is sent and the pattern copies nothing. BuildKit does not stop on an empty pattern (only when the folder the pattern looks in is not sent at all); the classic builder stops with "no source files were specified" when no source of the instruction matches. Remove or narrow the ignore pattern, or add an exception line !{relative}.',
      },
      'zh-cn': {
        default:
          '{source} 被 {ignoreFile} 排除了（第 {line} 行的规则 {pattern}），它不会被发送给构建器，这条指令会因 "not found" 而失败。请删除或收窄该规则，或加一行例外 !{relative}。',
        wildcard:
          '通配模式 {source} 匹配到的文件全部被 {ignoreFile} 排除了（例如 {relative}，由第 {line} 行的规则 {pattern} 排除），一个都不会被发送，这个模式什么也复制不到。BuildKit 不会因为模式为空而失败（只有模式所在的目录整个没有被发送时才会失败）；当这条指令的所有源都匹配不到文件时，经典构建器会因 "no source files were specified" 而失败。请删除或收窄忽略规则，或加一行例外 !{relative}。',
      },
    },
  },
  {
    code: 'copy-multi-source-dest',
    severity: 'error',
    aliases: ['DL3021'],
    family,
    fixable: true,
    title: {
      en: 'Several COPY/ADD sources need a destination folder ending with /',
      'zh-cn': '多个 COPY/ADD 源需要以 / 结尾的目标目录',
    },
    messages: {
      en: {
        default:
          '{count} sources are copied to {dest}, which does not end with /. With more than one source the destination has to be a folder, written with a trailing /; the classic builder refuses the instruction, and the meaning is unclear to readers. Add the /.',
        wildcard:
          '{source} matches {count} files in the build context, and the destination {dest} does not end with /. With more than one source file the destination has to be a folder written with a trailing /. Add the /.',
        fix: 'Add a trailing / to {dest}',
      },
      'zh-cn': {
        default:
          '{count} 个源被复制到 {dest}，但它没有以 / 结尾。源多于一个时，目标必须是目录，并且要以 / 结尾；经典构建器会直接拒绝这条指令，读者也看不出意图。请加上 /。',
        wildcard:
          '{source} 在构建上下文中匹配到 {count} 个文件，而目标 {dest} 没有以 / 结尾。源文件多于一个时，目标必须是以 / 结尾的目录。请加上 /。',
        fix: '给 {dest} 加上结尾的 /',
      },
    },
  },
  {
    code: 'add-prefer-copy',
    severity: 'warning',
    aliases: ['DL3020'],
    family,
    fixable: true,
    title: {
      en: 'Use COPY, not ADD, for local files and folders',
      'zh-cn': '复制本地文件和目录请用 COPY 而不是 ADD',
    },
    messages: {
      en: {
        default:
          'ADD here only copies local files, exactly as COPY would, but ADD also unpacks archives and downloads URLs, so readers must guess which one you meant. Use COPY for plain files and folders, and keep ADD for the cases that need it.',
        fix: 'Replace ADD with COPY',
      },
      'zh-cn': {
        default:
          '这里的 ADD 只是复制本地文件，和 COPY 完全一样；但 ADD 还会解压归档、下载 URL，读者只能去猜你的意图。普通文件和目录请用 COPY，把 ADD 留给真正需要它的场合。',
        fix: '把 ADD 换成 COPY',
      },
    },
  },
  {
    code: 'add-remote-url',
    severity: 'warning',
    aliases: [],
    family,
    fixable: true,
    title: {
      en: 'ADD of a URL: the file gets mode 600 and is never unpacked',
      'zh-cn': 'ADD 远程 URL：文件权限为 600，且不会被解压',
    },
    messages: {
      en: {
        default:
          'ADD downloads {url} with mode 600 (only its owner can read it) and never unpacks it, even when it is an archive; fixing either takes another layer. Prefer one RUN that downloads with curl or wget, sets the mode, unpacks and deletes what it no longer needs. If you keep ADD, add --chmod=644 for the mode, --unpack=true to unpack an archive, and --checksum to pin the content.',
        fixCurl: 'Download with curl in a RUN (the image must have curl)',
        fixWget: 'Download with wget in a RUN (busybox wget)',
        fixChmod: 'Keep ADD and add --chmod={mode}',
        windows:
          'ADD downloads {url} but never unpacks it, even though it is an archive. This stage runs a Windows image, where file modes and ADD --chmod do not apply: unpack it in a RUN step (tar.exe, or PowerShell Expand-Archive) and delete the archive in the same step, or add --checksum to pin what ADD fetches.',
      },
      'zh-cn': {
        default:
          'ADD 下载 {url} 后权限为 600（只有属主可读），而且即使是压缩包也不会解压；要改权限或解压都得再加一层。更好的做法是用一条 RUN：用 curl 或 wget 下载、设置权限、解压并删掉不再需要的文件。如果保留 ADD，请加 --chmod=644 设置权限，加 --unpack=true 解压归档，加 --checksum 固定内容。',
        fixCurl: '改为在 RUN 中用 curl 下载（镜像里需要有 curl）',
        fixWget: '改为在 RUN 中用 wget 下载（busybox 的 wget）',
        fixChmod: '保留 ADD，加上 --chmod={mode}',
        windows:
          'ADD 会下载 {url}，但不会解压它，尽管它是一个压缩包。这个阶段使用的是 Windows 镜像，文件权限和 ADD --chmod 在这里都不适用：请在 RUN 中解压（tar.exe 或 PowerShell 的 Expand-Archive），并在同一步删除压缩包；或者加 --checksum 固定 ADD 下载的内容。',
      },
    },
  },
  {
    code: 'add-archive-extracts',
    severity: 'info',
    aliases: [],
    family,
    fixable: false,
    title: {
      en: 'ADD unpacks a local tar archive',
      'zh-cn': 'ADD 会解压本地的 tar 归档',
    },
    messages: {
      en: {
        default:
          '{source} is a tar archive: ADD unpacks its content into {dest} rather than copying the file. That is what you want if you meant to unpack it; to put the archive itself in the image, use COPY.',
      },
      'zh-cn': {
        default:
          '{source} 是 tar 归档：ADD 会把里面的内容解压到 {dest}，而不是复制这个文件本身。如果你本来就想解压，这样没问题；如果想把归档文件原样放进镜像，请用 COPY。',
      },
    },
  },
];
