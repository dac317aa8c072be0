// Entry of dist/server.js: `--stdio` for tools and tests, `--node-ipc` for the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// A stray rejected promise must not end the server (Node exits on one by default): report it on stderr.
process.on('unhandledRejection', (e) => console.error(`dockerfile-notes: unhandled rejection: ${(e as Error)?.stack ?? e}`));

startServer(createConnection(ProposedFeatures.all));
