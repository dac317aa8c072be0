// Entry of dist/server.js: `--stdio` for tools and tests, `--node-ipc` for the VS Code client.
import { createConnection, ProposedFeatures, type Connection, type MessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';
import { SingleWriteMessageWriter } from './transport';
import { setFlagsFromString } from 'node:v8';

// V8 drops the bytecode of functions that have not run for a while, and the garbage collections of an
// idle server make that happen: the first edit after a pause then compiles the engine again (one-character
// edits of a 100,000-line file took 110–165 ms after 9 s pauses, 40–60 ms back to back; 60–100 ms with
// this). Set at run time rather than as a command-line flag: setFlagsFromString ignores a flag a future
// V8 might not know, where `node --no-flush-bytecode` would refuse to start.
setFlagsFromString('--no-flush-bytecode');

// A stray rejected promise must not end the server (Node exits on one by default): report it on stderr.
process.on('unhandledRejection', (e) => console.error(`dockerfile-notes: unhandled rejection: ${(e as Error)?.stack ?? e}`));

if (process.argv.includes('--stdio')) {
  // stdout carries the protocol: anything a library prints goes to stderr instead.
  console.log = console.info = console.warn = console.debug = console.error;
  // stdin stays a stream, so the connection still ends the process when the client closes it. The library
  // takes a stream or a reader/writer on each side; its typed overloads only name the pairs.
  const create = createConnection as unknown as (features: typeof ProposedFeatures.all, input: NodeJS.ReadableStream, output: MessageWriter) => Connection;
  startServer(create(ProposedFeatures.all, process.stdin, new SingleWriteMessageWriter(process.stdout)));
} else {
  startServer(createConnection(ProposedFeatures.all));
}
