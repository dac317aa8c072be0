// A language server that does no work: it answers `initialize` and every `textDocument/documentSymbol`
// request with one answer read from a file at start-up. The benchmark sends it the answer our server gave,
// so the time a client observes is what that answer's size alone costs (serialising, the pipe, the client
// reading and parsing it): the floor under any server that sends the same answer.
import { readFileSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const answer: unknown = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const connection = createProtocolConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
connection.onRequest('initialize', () => ({ capabilities: { documentSymbolProvider: true } }));
connection.onRequest('textDocument/documentSymbol', () => answer);
connection.onRequest('shutdown', () => null);
connection.onNotification('exit', () => process.exit(0));
connection.listen();
