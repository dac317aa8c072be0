// Names shared by the server, the client and the tests.
export const SOURCE = 'dockerfile-notes';
/** Server-side command; the client's `dockerfileNotes.convertAllToExecForm` calls it with the active document. */
export const CONVERT_ALL_COMMAND = 'dockerfileNotes.server.convertAllToExecForm';
export const SOURCE_FIX_ALL_KIND = 'source.fixAll.dockerfileNotes';
/**
 * Node options the client starts the server with (the benchmark uses the same). A young generation of
 * 2 MB semi-spaces instead of Node's default (up to 16 MB) keeps about 20 MB less resident with many
 * documents open, at no measurable cost in latency (docs/performance.md). V8 reads it only at start-up.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

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
