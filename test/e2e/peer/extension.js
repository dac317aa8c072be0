// The e2e stand-in for Microsoft's Docker extension (ms-azuretools.vscode-docker): for Dockerfiles that
// extension ran dockerfile-language-server-nodejs (`docker-langserver --stdio`) through
// vscode-languageclient, and so does this. Bundled by build.mjs; never part of our .vsix.
const path = require('node:path');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

exports.activate = async function activate(context) {
  const module = context.asAbsolutePath(path.join('server', 'docker-langserver.js'));
  const server = { module, transport: TransportKind.stdio };
  client = new LanguageClient('dockerfile-langserver-stand-in', 'Docker (e2e stand-in)', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'dockerfile' }],
  });
  await client.start();
};

exports.deactivate = function deactivate() {
  return client?.stop();
};
