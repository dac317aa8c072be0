// Sentences of the editor features (outline, rename, completion, signature help, links, inlay hints), in
// both languages. `{name}` placeholders are filled by `editorSay`.
import { fillMarkdown } from './markdown';
import type { Lang } from '../types';

const EN = {
  symbolDirective: 'parser directive',
  symbolStage: 'stage {index}',
  renameNothing: 'Only stage names and ARG or ENV variables can be renamed here.',
  renameImage: '`{name}` names an image, not a stage of this Dockerfile.',
  renameUndeclared: '`{name}` is not declared in this Dockerfile (it comes from the base image or the build environment), so there is nothing to rename.',
  renamePredefined: '`{name}` is set by BuildKit or the build environment under this exact name; renaming it would cut that link.',
  renameToPredefined: '`{name}` is a name BuildKit or the build environment sets itself; choose another name.',
  renameStageIndex: 'Stage index {index} refers to the stage by its position; give the stage a name (`AS name`) to rename it.',
  renameStageVariable: 'This FROM names the stage through a variable; rename the stage where it is declared.',
  renameStageUnnamed: 'This stage has no name; add `AS name` to its FROM line first.',
  renameStageInvalid: 'BuildKit rejects `{name}` as a stage name: it must start with a letter and contain only a-z, 0-9, `-`, `_` and `.`.',
  renameStageCase: 'Use lower case: BuildKit turns `{name}` into lower case and warns about it (StageNameCasing).',
  renameVariableInvalid: '`{name}` is not a valid variable name: use letters, digits and `_`, not starting with a digit, or `$NAME` could not refer to it.',
  renameStageConflict: 'Renaming to `{name}` would change what line {line} refers to (another stage or an image already has that name).',
  renameVariableConflict: 'Renaming to `{name}` would change which value line {line} reads (a variable of that name is already in scope there).',
  completionStage: 'stage {index}, line {line}',
  completionStageIndex: 'stage {name}, line {line}',
  completionExcluded: 'excluded by .dockerignore (line {line}): not in the build context',
  completionImagePath: 'path in the image (line {line})',
  completionFolder: 'folder in the build context',
  completionFile: 'file in the build context',
  completionNoDefault: 'no default: set with --build-arg',
  completionPredefined: 'set by BuildKit',
  completionProxy: 'set with --build-arg, without an ARG line',
  completionGlobal: 'global ARG, line {line}',
  completionArg: 'ARG, line {line}',
  completionEnv: 'ENV, line {line}',
  completionGlobalImport: 'global ARG (line {line}): redeclare it to use it in this stage',
  completionDeprecated: 'deprecated',
  completionTruncated: 'Only the first {count} entries of this folder are listed; type more letters to narrow it down.',
  inlayRuns: 'The command a container of this stage runs, as Docker composes ENTRYPOINT and CMD.',
  inlayRunsPartial: 'Parts may come from the base image `{image}`, which the Dockerfile does not show.',
  inlayDestination: 'Where this destination lands in the image.',
  inlayFromVariable: 'The image after the global ARGs are substituted (their defaults; `--build-arg` can change them).',
  linkImage: 'Open the page of image `{name}`',
  linkFile: 'Open {path} (build context)',
  linkRule: 'Open the page of rule {code}',
  linkCheck: 'Open the page of BuildKit check {code}',
  linkHadolint: 'Open the page of hadolint rule {code}',
};

const ZH: Record<keyof typeof EN, string> = {
  symbolDirective: '解析器指令',
  symbolStage: '阶段 {index}',
  renameNothing: '这里只能重命名阶段名，以及 ARG 或 ENV 变量。',
  renameImage: '`{name}` 指的是镜像，而不是本 Dockerfile 中的阶段。',
  renameUndeclared: '本 Dockerfile 没有声明 `{name}`（它来自基础镜像或构建环境），没有可以重命名的声明。',
  renamePredefined: '`{name}` 由 BuildKit 或构建环境按这个名字设置，改名会切断这层关联。',
  renameToPredefined: '`{name}` 是 BuildKit 或构建环境自己会设置的名字，请换一个。',
  renameStageIndex: '阶段序号 {index} 是按位置引用阶段的；先给该阶段起名（`AS 名字`）再重命名。',
  renameStageVariable: '这一行的 FROM 通过变量引用阶段；请在声明阶段名的地方重命名。',
  renameStageUnnamed: '这个阶段没有名字；先在它的 FROM 行加上 `AS 名字`。',
  renameStageInvalid: 'BuildKit 不接受 `{name}` 作为阶段名：必须以字母开头，只能包含 a-z、0-9、`-`、`_` 和 `.`。',
  renameStageCase: '请用小写：BuildKit 会把 `{name}` 转成小写并给出警告（StageNameCasing）。',
  renameVariableInvalid: '`{name}` 不是合法的变量名：只能用字母、数字和 `_`，且不能以数字开头，否则 `$名字` 无法引用它。',
  renameStageConflict: '改名为 `{name}` 会改变第 {line} 行引用的对象（已有同名的阶段或镜像）。',
  renameVariableConflict: '改名为 `{name}` 会改变第 {line} 行读到的值（那里已经有同名变量）。',
  completionStage: '阶段 {index}，第 {line} 行',
  completionStageIndex: '阶段 {name}，第 {line} 行',
  completionExcluded: '被 .dockerignore 排除（第 {line} 行）：不在构建上下文中',
  completionImagePath: '镜像中的路径（第 {line} 行）',
  completionFolder: '构建上下文中的文件夹',
  completionFile: '构建上下文中的文件',
  completionNoDefault: '没有默认值：用 --build-arg 设置',
  completionPredefined: '由 BuildKit 设置',
  completionProxy: '用 --build-arg 设置，无需 ARG 行',
  completionGlobal: '全局 ARG，第 {line} 行',
  completionArg: 'ARG，第 {line} 行',
  completionEnv: 'ENV，第 {line} 行',
  completionGlobalImport: '全局 ARG（第 {line} 行）：要在本阶段使用，需先重新声明',
  completionDeprecated: '已弃用',
  completionTruncated: '这个文件夹只列出了前 {count} 项；多输入几个字母可以缩小范围。',
  inlayRuns: '这个阶段的容器实际运行的命令（按 Docker 组合 ENTRYPOINT 和 CMD 的方式）。',
  inlayRunsPartial: '其中一部分可能来自基础镜像 `{image}`，Dockerfile 中看不到。',
  inlayDestination: '这个目标路径在镜像中的实际位置。',
  inlayFromVariable: '代入全局 ARG 之后的镜像（按默认值；`--build-arg` 可以改变它）。',
  linkImage: '打开镜像 `{name}` 的页面',
  linkFile: '打开 {path}（构建上下文）',
  linkRule: '打开规则 {code} 的说明页',
  linkCheck: '打开 BuildKit 检查 {code} 的说明页',
  linkHadolint: '打开 hadolint 规则 {code} 的说明页',
};

export type EditorStringKey = keyof typeof EN;

/** editorSay for markdown (completion documentation): values from the file are escaped (fillMarkdown). */
export function editorSayMarkdown(lang: Lang, key: EditorStringKey, args: Record<string, string | number> = {}): string {
  return fillMarkdown(lang === 'zh-cn' ? ZH[key] : EN[key], args);
}

export function editorSay(lang: Lang, key: EditorStringKey, args: Record<string, string | number> = {}): string {
  const template = lang === 'zh-cn' ? ZH[key] : EN[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]).replace(/[\r\n]+/g, ' ') : m));
}
