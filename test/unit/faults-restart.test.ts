// If the server process dies, the client restarts it a bounded number of times and then says so once.
// The client (client/src/extension.ts) relies on vscode-languageclient's default error handler; this test
// drives that handler, with the restart count the client configures, outside VS Code (a stub stands in for
// the `vscode` module, which the handler does not use). The in-editor check belongs to the e2e suite.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';

const REPO = path.resolve(__dirname, '..', '..');
const clientSource = fs.readFileSync(path.join(REPO, 'client', 'src', 'extension.ts'), 'utf8');

interface CloseResult {
  action: number;
  message?: string;
}

function loadLibrary(): { createHandler: (max: number | undefined) => { closed(): CloseResult }; CloseAction: { DoNotRestart: number; Restart: number } } {
  // A stand-in for the `vscode` module: every member is an inert class.
  const stub: unknown = new Proxy({}, { get: (_t, name) => (name === '__esModule' ? false : class {}) });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : original.call(this, request, ...rest);
  };
  try {
    const lib = require('vscode-languageclient/lib/common/client.js');
    return {
      createHandler: (max) => lib.BaseLanguageClient.prototype.createDefaultErrorHandler.call({ name: 'Dockerfile Notes' }, max),
      CloseAction: lib.CloseAction,
    };
  } finally {
    loader._load = original;
  }
}

function configuredRestarts(): number | undefined {
  const m = /maxRestartCount\s*:\s*(\d+)/.exec(clientSource);
  return m ? Number(m[1]) : undefined;
}

test('the client uses the default error handler (no custom one that could loop)', () => {
  // The client's own class only corrects two log lines of the library (see client/src/extension.ts).
  assert.ok(/class Client extends LanguageClient/.test(clientSource) && /new Client\(/.test(clientSource));
  assert.ok(!/errorHandler\s*:/.test(clientSource));
  // Restarts are written to the output channel only; the final give-up is the one notification.
  assert.ok(!/revealOutputChannelOn\s*:\s*RevealOutputChannelOn\.(Info|Debug)/.test(clientSource));
});

test('a crashing server is restarted at most the configured number of times in 3 minutes, then reported once', () => {
  const { createHandler, CloseAction } = loadLibrary();
  const max = configuredRestarts() ?? 4;
  const handler = createHandler(configuredRestarts());
  const results: CloseResult[] = [];
  for (let i = 0; i < max + 3; i++) results.push(handler.closed());
  const restarts = results.filter((r) => r.action === CloseAction.Restart).length;
  assert.equal(restarts, max, `restarted ${restarts} times`);
  const stop = results[max];
  assert.equal(stop.action, CloseAction.DoNotRestart);
  assert.match(stop.message ?? '', new RegExp(`Dockerfile Notes server crashed ${max + 1} times in the last 3 minutes`));
  assert.ok(max >= 1 && max <= 5, `bounded: ${max}`);
});
