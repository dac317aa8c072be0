// Names shared by the server, the client and the tests.
export const SOURCE = 'dockerfile-notes';
/** Server-side command; the client's `dockerfileNotes.convertAllToExecForm` calls it with the active document. */
export const CONVERT_ALL_COMMAND = 'dockerfileNotes.server.convertAllToExecForm';
export const SOURCE_FIX_ALL_KIND = 'source.fixAll.dockerfileNotes';
/**
 * Node options the client starts the server with (the benchmark uses the same). Semi-spaces of up to 8 MB
 * instead of Node's default 16 MB: about 10 MB less resident at the peak with many documents open than
 * the default; 2 MB saved 10 MB more but made every keystroke on a large file about 10 % slower (more
 * scavenges of the objects each new version keeps) — docs/performance.md. V8 reads it only at start-up.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];
/** The client command that opens a bundled note or rule page; links in hovers and rule codes run it. */
export { OPEN_PAGE_COMMAND, pageFile } from './engine/notes/pageIds';

/** Client command (status bar, quick fix): save the build context of a Dockerfile in the workspace settings. Arguments: `[uri?, folder?]`. */
export const SET_BUILD_CONTEXT_COMMAND = 'dockerfileNotes.setBuildContext';

/** Request: the build context of a Dockerfile (open or saved), for the status bar and the folder picker. */
export const BUILD_CONTEXT_REQUEST = 'dockerfileNotes/buildContext';
export interface BuildContextParams {
  uri: string;
}
export interface BuildContextFolder {
  /** Absolute path. */
  root: string;
  /** As the user sees it: relative to the workspace folder (`.` for it), else absolute. */
  label: string;
}
export interface BuildContextEntry extends BuildContextFolder {
  /** `setting`, `cli`, `declared`, `inferred` or `default`. */
  origin: string;
  /** Said by the user or a declaration file; otherwise a guess. */
  certain: boolean;
  /** How it was found, one plain sentence in the user's language ("the context of service api, declared in compose.yaml:12"). */
  description: string;
  /** The declaring file and line, for `declared`. */
  evidence: { file: string; line: number; kind: string; name?: string } | null;
  /** Restricted Mode and outside the workspace folder: not read (`root` and `label` are then empty). */
  sealed: boolean;
}
/** Null for an unsaved document. */
export interface BuildContextInfo extends BuildContextEntry {
  uri: string;
  /** Every context the Dockerfile is checked against, the first being the one above. */
  contexts: BuildContextEntry[];
  /** The folders a context may be picked from, nearest first, with how many local sources exist in each. */
  candidates: Array<BuildContextFolder & { found: number }>;
  /** Local COPY/ADD sources counted by inference. */
  sources: number;
  /** The workspace folder holding the Dockerfile, if any. */
  workspaceFolder: string | null;
  restricted: boolean;
}

/** Request: the `dockerfileNotes.buildContexts` entry that makes `folder` the context of the Dockerfile. */
export const BUILD_CONTEXT_SETTING_REQUEST = 'dockerfileNotes/buildContextSetting';
export interface BuildContextSettingParams {
  uri: string;
  /** Absolute path of the chosen folder. */
  folder: string;
}
/** Null when the Dockerfile is in no workspace folder (there is no workspace setting to write). */
export interface BuildContextSetting {
  /** The workspace folder whose settings get the entry. */
  scopeUri: string;
  /** Glob matching exactly this Dockerfile, relative to the workspace folder. */
  key: string;
  /** The folder, relative to the workspace folder (`.` for it), or absolute when outside it. */
  value: string;
}

/**
 * Extensions that run a Dockerfile language server of their own (Microsoft's Docker and Container Tools
 * extensions, and Docker DX, all bundle dockerfile-language-server-nodejs). The client reports which are
 * active, in `initializationOptions.otherDockerfileExtensions` and then with this notification.
 */
export const OTHER_DOCKERFILE_EXTENSIONS: readonly string[] = ['ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers', 'docker.docker'];
export const OTHER_EXTENSIONS_NOTIFICATION = 'dockerfileNotes/otherDockerfileExtensions';

/** The optional editor features, by the names `dockerfileNotes.features` lists. */
export const OPTIONAL_FEATURES: readonly string[] = [
  'completion',
  'signatureHelp',
  'symbols',
  'definition',
  'references',
  'highlight',
  'rename',
  'formatting',
  'links',
  'inlayHints',
  'folding',
];

/** What dockerfile-language-server-nodejs (inside those extensions) already provides. */
export const PROVIDED_BY_OTHER_SERVER: readonly string[] = ['completion', 'signatureHelp', 'symbols', 'definition', 'highlight', 'rename', 'formatting', 'links', 'folding'];
