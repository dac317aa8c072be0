// CMD / ENTRYPOINT rules and the exec-form conversion over the real server (stdio LSP).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { TestClient, applyTextEdits } from '../helpers/lspClient';
import { CONVERT_ALL_COMMAND, SOURCE_FIX_ALL_KIND } from '../../server/src/protocol';

let client: TestClient;
before(async () => {
  client = await TestClient.start();
});
after(async () => {
  await client.stop();
});

const has = (code: string) => (d: Array<{ code?: string | number }>) => d.some((x) => x.code === code);

test('cmd-shell-form: diagnostic, exact quick fix, diagnostic gone', async () => {
  const uri = 'untitled:Dockerfile-cmd-shell';
  const text = 'FROM debian\nCMD nginx -g "daemon off;"\n';
  await client.open(uri, text);
  const diags = await client.waitForDiagnostics(uri, has('cmd-shell-form'));
  const d = diags.find((x) => x.code === 'cmd-shell-form')!;
  assert.equal(d.severity, 2);
  assert.deepEqual(d.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 26 } });
  assert.match(d.codeDescription?.href ?? '', /docs\/rules\/cmd-shell-form\.md$/);
  const actions = await client.codeActions(uri, d.range, [d]);
  const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === 'cmd-shell-form'));
  assert.ok(fix?.edit?.changes, JSON.stringify(actions));
  assert.equal(fix.isPreferred, true);
  const fixed = applyTextEdits(text, fix.edit.changes[uri]);
  assert.equal(fixed, 'FROM debian\nCMD ["nginx", "-g", "daemon off;"]\n');
  // The same conversion as a refactor would be a duplicate menu entry next to the quick fix.
  const same = actions.filter((a) => JSON.stringify(a.edit?.changes) === JSON.stringify(fix.edit!.changes));
  assert.equal(same.length, 1, JSON.stringify(actions.map((a) => [a.kind, a.title])));
  // Asked for refactors only, the conversion is still offered.
  const refactors = await client.codeActions(uri, d.range, [d], ['refactor.rewrite']);
  assert.ok(refactors.some((a) => a.kind === 'refactor.rewrite'), JSON.stringify(refactors.map((a) => a.title)));
  await client.change(uri, fixed);
  const after = await client.waitForDiagnostics(uri);
  assert.equal(after.filter((x) => x.code === 'cmd-shell-form').length, 0);
});

test('refactor.rewrite is offered on a shell-form RUN without any diagnostic, using the stage SHELL', async () => {
  const uri = 'untitled:Dockerfile-refactor';
  const text = 'FROM alpine AS base\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nFROM base\nRUN wget -O- x | tar x\n';
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } };
  const actions = await client.codeActions(uri, range, [], ['refactor.rewrite']);
  assert.equal(actions.length, 1, JSON.stringify(actions));
  assert.equal(actions[0].kind, 'refactor.rewrite');
  const fixed = applyTextEdits(text, actions[0].edit!.changes![uri]);
  assert.equal(fixed.split('\n')[3], 'RUN ["/bin/ash", "-eo", "pipefail", "-c", "wget -O- x | tar x"]');
});

test('cmd-multiple: earlier CMD faded, related information points at the winner', async () => {
  const uri = 'untitled:Dockerfile-multiple';
  await client.open(uri, 'FROM a\nCMD ["x"]\nCMD ["y"]\n');
  const diags = await client.waitForDiagnostics(uri, has('cmd-multiple'));
  const d = diags.find((x) => x.code === 'cmd-multiple')!;
  assert.equal(d.range.start.line, 1);
  assert.deepEqual(d.tags, [1]);
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 2);
  assert.equal(d.relatedInformation?.[0].location.uri, uri);
});

test('exec-form-variable and exec-form-single-string are published with their fixes', async () => {
  const uri = 'untitled:Dockerfile-exec';
  const text = 'FROM a\nRUN ["echo", "$HOME"]\nCMD ["npm start"]\n';
  await client.open(uri, text);
  const diags = await client.waitForDiagnostics(uri, (d) => has('exec-form-variable')(d) && has('exec-form-single-string')(d));
  const single = diags.find((x) => x.code === 'exec-form-single-string')!;
  const actions = await client.codeActions(uri, single.range, [single], ['quickfix']);
  const fix = actions.find((a) => a.diagnostics?.some((x) => x.code === 'exec-form-single-string'));
  assert.ok(fix?.edit?.changes);
  assert.equal(applyTextEdits(text, fix.edit.changes[uri]).split('\n')[2], 'CMD ["npm", "start"]');
});

test('source.fixAll converts shell-form CMD and ENTRYPOINT exactly', async () => {
  const uri = 'untitled:Dockerfile-fixall';
  const text = 'FROM a\nENTRYPOINT exec tini -- \\\n    app\nFROM b\nCMD echo $HOME && run\n';
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, has('entrypoint-shell-form'));
  const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [SOURCE_FIX_ALL_KIND]);
  assert.equal(actions.length, 1, JSON.stringify(actions));
  const fixed = applyTextEdits(text, actions[0].edit!.changes![uri]);
  assert.equal(fixed, 'FROM a\nENTRYPOINT ["tini", "--", "app"]\nFROM b\nCMD ["/bin/sh", "-c", "echo $HOME && exec run"]\n');
});

test('the convert-all command rewrites every shell-form command in the file', async () => {
  const uri = 'untitled:Dockerfile-convert-all';
  const text = 'FROM a\nRUN apt-get update && apt-get install -y curl\nHEALTHCHECK --retries=3 CMD curl -f http://x/\nCMD ["ok"]\n';
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  const before = client.appliedEdits.length;
  const result = (await client.executeCommand(CONVERT_ALL_COMMAND, [uri])) as { applied: boolean; count: number };
  assert.deepEqual(result, { applied: true, count: 2 });
  const edit = client.appliedEdits[before].edit.changes![uri];
  assert.equal(applyTextEdits(text, edit),
    'FROM a\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]\nHEALTHCHECK --retries=3 CMD ["curl", "-f", "http://x/"]\nCMD ["ok"]\n');
});

test('messages follow the Chinese locale', async () => {
  const zh = await TestClient.start({ locale: 'zh-cn' });
  try {
    const uri = 'untitled:Dockerfile-zh';
    await zh.open(uri, 'FROM a\nENTRYPOINT app\nCMD ["x"]\n');
    const diags = await zh.waitForDiagnostics(uri, has('cmd-ignored-by-shell-entrypoint'));
    assert.match(diags.find((x) => x.code === 'cmd-ignored-by-shell-entrypoint')!.message, /这条 CMD 会被丢掉/);
  } finally {
    await zh.stop();
  }
});

test('fix kinds over LSP: a change is never preferred nor in source.fixAll; a refused fix is disabled with its reason', async () => {
  const disabling = await TestClient.start({ codeActionDisabledSupport: true });
  try {
    const uri = 'untitled:Dockerfile-fix-kinds';
    const text = 'FROM python:3.12\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\nFROM node:20\nENTRYPOINT [${NPM_CLI_PACKAGE}]\n';
    await disabling.open(uri, text);
    const diags = await disabling.waitForDiagnostics(uri, has('exec-form-invalid-json'));
    const ignored = diags.find((d) => d.code === 'cmd-ignored-by-shell-entrypoint')!;
    const pass = (await disabling.codeActions(uri, ignored.range, [ignored])).find((a) => /changes what runs/.test(a.title));
    assert.ok(pass?.edit, 'the "pass the CMD" fix is offered');
    assert.notEqual(pass.isPreferred, true);
    const invalid = diags.find((d) => d.code === 'exec-form-invalid-json')!;
    const refused = (await disabling.codeActions(uri, invalid.range, [invalid])).find((a) => a.disabled);
    assert.ok(refused, 'a disabled action');
    assert.equal(refused.edit, undefined);
    assert.match(refused.disabled!.reason, /variable/);
    const [all] = await disabling.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [SOURCE_FIX_ALL_KIND]);
    const fixed = applyTextEdits(text, all.edit!.changes![uri]);
    assert.equal(fixed, 'FROM python:3.12\nENTRYPOINT ["/bin/sh", "-c", "exec python app.py"]\nCMD ["--port", "8080"]\nFROM node:20\nENTRYPOINT [${NPM_CLI_PACKAGE}]\n');
    // A client that cannot show disabled actions does not get them.
    await client.open(uri, text);
    const plain = await client.waitForDiagnostics(uri, has('exec-form-invalid-json'));
    const inv = plain.find((d) => d.code === 'exec-form-invalid-json')!;
    assert.deepEqual((await client.codeActions(uri, inv.range, [inv])).filter((a) => a.disabled || a.diagnostics?.some((x) => x.code === 'exec-form-invalid-json')), []);
  } finally {
    await disabling.stop();
  }
});
