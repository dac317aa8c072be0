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
  originSetting: 'from the dockerfileNotes.buildContexts entry "{detail}"',
  originCli: 'from --context',
  /** Short forms for the messages; the hover and the status bar give the reason. */
  originBriefInferred: 'inferred',
  originBriefDefault: 'assumed',
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
  originSetting: '来自设置 dockerfileNotes.buildContexts 的“{detail}”',
  originCli: '来自 --context',
  originBriefInferred: '推断',
  originBriefDefault: '假定',
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
      'zh-cn': 'COPY/ADD 的源路径位于构建上下文之外',
    },
    messages: {
      en: {
        default:
          '"{source}" climbs out of the build context "{context}", and as the build sees only the context, BuildKit looks for "{inside}" at its root instead.',
        defaultCli:
          '"{source}" climbs out of the build context "{context}", and as the build sees only the context, BuildKit looks for "{inside}" at its root instead (set --context to a folder that holds it).',
        unsaved:
          '"{source}" climbs out of the build context, and as the build sees only the context, BuildKit looks for "{inside}" at its root instead.',
      },
      'zh-cn': {
        default: '“{source}”超出了构建上下文“{context}”，而构建只能看到上下文中的文件，因此 BuildKit 会改为在上下文根目录查找“{inside}”。',
        defaultCli:
          '“{source}”超出了构建上下文“{context}”，而构建只能看到上下文中的文件，因此 BuildKit 会改为在上下文根目录查找“{inside}”（可用 --context 指定包含它的目录）。',
        unsaved: '“{source}”超出了构建上下文，而构建只能看到上下文中的文件，因此 BuildKit 会改为在上下文根目录查找“{inside}”。',
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
          '"{source}" is an absolute path, but COPY and ADD never read the host: BuildKit reads "{relative}" from the root of the build context.',
        atRoot:
          '"{source}" is read as "{relative}" from the root of the build context "{context}", where it exists, so writing "{relative}" says what happens.',
        fix: 'Make the source relative to the build context: {relative}',
        globalArg:
          '"{source}" uses the global ARG {name}, which this stage does not redeclare, so unless the base image sets {name} the source is "{value}", read as "{relative}" from the context root; add ARG {name} to this stage.',
        fixGlobalArg: 'Redeclare the global ARG in this stage: ARG {name}',
      },
      'zh-cn': {
        default: '“{source}”是绝对路径，但 COPY 和 ADD 从不读取宿主机的文件：BuildKit 会从构建上下文根目录读取“{relative}”。',
        atRoot: '“{source}”会被当作构建上下文“{context}”根目录下的“{relative}”读取，那里确实有它，写成“{relative}”才符合实际。',
        fix: '改为相对于构建上下文的路径：{relative}',
        globalArg:
          '“{source}”用到了本阶段没有重新声明的全局 ARG {name}，除非基础镜像设置了 {name}，源路径就是“{value}”，即上下文根目录下的“{relative}”；请在本阶段加上 ARG {name}。',
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
        default: '"{source}" matches nothing in the build context "{context}" ({origin}), so the build will stop with "not found".',
        wildcard:
          '"{source}" matches no file in the build context "{context}" ({origin}) and no other source of the instruction copies anything, so BuildKit copies nothing here (the classic builder stops).',
        wildcardFolder:
          '"{source}" matches no file in the build context "{context}" ({origin}), and the build stops if the folder "{folder}" is missing or nothing in it is sent; for an optional file, write "{example}".',
        nowhere:
          '"{source}" matches nothing in the build context "{context}" ({origin}) nor in any folder above it up to "{top}", so a build from any of them will stop with "not found".',
        unlocated:
          '"{source}" is not in "{context}" ({origin}), where no local source of this Dockerfile exists, so the folder it is built from is unknown; set its build context to have its sources checked.',
        candidate:
          '"{source}" is not in the build context "{context}" ({origin}) but exists in "{found}", so if this Dockerfile is built from there, set that folder as its build context.',
        candidateCli:
          '"{source}" is not in the build context "{context}" ({origin}) but exists in "{found}", so if this Dockerfile is built from there, check it with --context set to that folder.',
        fixSetContext: 'Build this Dockerfile from {folder} (saved in the workspace settings)',
        fixPickContext: 'Set the build context of this Dockerfile…',
        globalArg:
          '"{source}" uses the global ARG {name}, which this stage does not redeclare, so unless the base image sets {name} the source is "{value}", which matches nothing in the build context "{context}"; add ARG {name} to this stage.',
        fixGlobalArg: 'Redeclare the global ARG in this stage: ARG {name}',
        ...ORIGIN_EN,
      },
      'zh-cn': {
        default: '“{source}”在构建上下文“{context}”（{origin}）中找不到，构建会以“not found”失败。',
        wildcard:
          '“{source}”在构建上下文“{context}”（{origin}）中匹配不到任何文件，这条指令的其他源也没有可复制的内容，因此 BuildKit 在这一步什么也不复制（经典构建器会失败）。',
        wildcardFolder:
          '“{source}”在构建上下文“{context}”（{origin}）中匹配不到任何文件，若目录“{folder}”不存在或没有内容被发送，构建就会失败，可选文件请写成“{example}”。',
        nowhere: '“{source}”在构建上下文“{context}”（{origin}）及其上层直到“{top}”的各级目录中都找不到，从其中任何一级构建都会以“not found”失败。',
        unlocated:
          '“{source}”不在“{context}”（{origin}）中，这个 Dockerfile 的本地源文件在那里一个都没有，无法确定它从哪个目录构建；请设置它的构建上下文，以便检查源文件。',
        candidate:
          '“{source}”不在构建上下文“{context}”（{origin}）中，但存在于“{found}”；如果这个 Dockerfile 是从那里构建的，请把那个目录设为它的构建上下文。',
        candidateCli:
          '“{source}”不在构建上下文“{context}”（{origin}）中，但存在于“{found}”；如果这个 Dockerfile 是从那里构建的，请用 --context 指定那个目录再检查。',
        fixSetContext: '从 {folder} 构建这个 Dockerfile（保存到工作区设置）',
        fixPickContext: '设置这个 Dockerfile 的构建上下文…',
        globalArg:
          '“{source}”用到了本阶段没有重新声明的全局 ARG {name}，除非基础镜像设置了 {name}，源路径就是“{value}”，在构建上下文“{context}”中匹配不到任何文件；请在本阶段加上 ARG {name}。',
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
          '"{source}" is excluded by {ignoreFile} (line {line}: "{pattern}"), so the build will stop with "not found" unless you narrow that pattern or add "!{relative}".',
        wildcard:
          'Every file "{source}" matches is excluded by {ignoreFile} (for example "{relative}", by line {line}: "{pattern}"), so the pattern copies nothing.',
      },
      'zh-cn': {
        default: '“{source}”被 {ignoreFile} 排除（第 {line} 行：“{pattern}”），构建会以“not found”失败，除非收窄这条规则或加上“!{relative}”。',
        wildcard: '“{source}”匹配到的文件全部被 {ignoreFile} 排除（例如“{relative}”，由第 {line} 行“{pattern}”排除），这个模式什么也复制不到。',
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
        default: '{count} sources are copied to "{dest}", which with several sources has to be a folder written with a trailing /.',
        wildcard: '"{source}" matches {count} files in the build context, so the destination "{dest}" has to be a folder written with a trailing /.',
        fix: 'Add a trailing / to {dest}',
      },
      'zh-cn': {
        default: '{count} 个源被复制到“{dest}”，源多于一个时，目标必须是以 / 结尾的目录。',
        wildcard: '“{source}”在构建上下文中匹配到 {count} 个文件，因此目标“{dest}”必须是以 / 结尾的目录。',
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
        default: 'This ADD only copies local files and folders, exactly as COPY does, so use COPY and keep ADD for downloads and archives.',
        fix: 'Replace ADD with COPY',
      },
      'zh-cn': {
        default: '这条 ADD 只是复制本地文件和目录，与 COPY 完全相同，请改用 COPY，把 ADD 留给下载和解压归档。',
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
          'ADD saves "{url}" with mode 600, readable only by its owner, and does not unpack it; download it in a RUN step instead, or add --chmod=644 (and --unpack=true for a tar archive).',
        fixCurl: 'Download with curl in a RUN (the image must have curl)',
        fixWget: 'Download with wget in a RUN (busybox wget)',
        fixChmod: 'Keep ADD and add --chmod={mode}',
        windows:
          'ADD downloads "{url}" but does not unpack this archive; in this Windows image, unpack it in a RUN step (tar.exe or Expand-Archive) and delete it in the same step.',
      },
      'zh-cn': {
        default: 'ADD 下载的“{url}”权限为 600（只有属主可读），也不会被解压；请改在 RUN 中下载，或加上 --chmod=644（tar 归档再加 --unpack=true）。',
        fixCurl: '改为在 RUN 中用 curl 下载（镜像里需要有 curl）',
        fixWget: '改为在 RUN 中用 wget 下载（busybox 的 wget）',
        fixChmod: '保留 ADD，加上 --chmod={mode}',
        windows: 'ADD 会下载“{url}”，但不会解压这个归档；在这个 Windows 镜像中，请在 RUN 中解压（tar.exe 或 Expand-Archive），并在同一步删除它。',
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
        default: '"{source}" is a tar archive, so ADD unpacks its content into "{dest}" instead of copying the file; use COPY to keep the archive itself.',
        wildcard: 'ADD unpacks the tar archives that "{source}" matches into "{dest}" instead of copying them; use COPY to keep them as files.',
      },
      'zh-cn': {
        default: '“{source}”是 tar 归档，ADD 会把其中的内容解压到“{dest}”，而不是复制文件本身；要保留归档文件，请用 COPY。',
        wildcard: 'ADD 会把“{source}”匹配到的 tar 归档解压到“{dest}”，而不是复制它们；要保留归档文件，请用 COPY。',
      },
    },
  },
];
