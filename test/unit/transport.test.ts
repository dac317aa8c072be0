// The stdio writer sends each message in one write (header and body together) and frames it exactly as
// the library's reader expects, Content-Length counted in bytes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { SingleWriteMessageWriter } from '../../server/src/transport';

test('one write per message, read back intact by the library reader (multi-byte text included)', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  const write = stream.write.bind(stream);
  stream.write = ((chunk: Buffer, cb?: (e?: Error | null) => void) => {
    chunks.push(Buffer.from(chunk));
    return write(chunk, cb);
  }) as typeof stream.write;
  const writer = new SingleWriteMessageWriter(stream);
  const reader = new StreamMessageReader(stream);
  const received: Message[] = [];
  const all = new Promise<void>((resolve) =>
    reader.listen((m) => {
      received.push(m);
      if (received.length === 3) resolve();
    }),
  );
  const sent: Message[] = [
    { jsonrpc: '2.0', id: 1, result: { contents: '构建上下文 — build context ✓' } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } } as Message,
    { jsonrpc: '2.0', id: 2, result: null } as Message,
  ];
  for (const m of sent) await writer.write(m);
  await all;
  assert.deepEqual(received, sent);
  assert.equal(chunks.length, 3);
  const first = chunks[0].toString('utf8');
  const length = Number(/^Content-Length: (\d+)\r\n\r\n/.exec(first)?.[1]);
  assert.equal(length, Buffer.byteLength(JSON.stringify(sent[0]), 'utf8'));
  assert.ok(length > JSON.stringify(sent[0]).length, 'bytes, not characters');
  reader.dispose();
});

test('a failed write rejects and is reported as an error of the writer', async () => {
  const stream = new PassThrough();
  stream.write = ((_chunk: unknown, cb?: (e?: Error | null) => void) => {
    cb?.(new Error('EPIPE'));
    return false;
  }) as typeof stream.write;
  const writer = new SingleWriteMessageWriter(stream);
  const errors: unknown[] = [];
  writer.onError(([e]) => errors.push(e));
  await assert.rejects(writer.write({ jsonrpc: '2.0', id: 1, result: null } as Message), /EPIPE/);
  assert.equal(errors.length, 1);
});
