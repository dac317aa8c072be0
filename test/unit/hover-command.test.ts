// The command the container will actually run: ENTRYPOINT + CMD composition, SHELL wrapping, inheritance.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { stageCommand, overriddenBy } from '../../server/src/engine/model/commandLine';

function last(text: string) {
  const doc = parseDocument(text);
  return { doc, stage: doc.stages[doc.stages.length - 1], cmd: stageCommand(doc, doc.stages[doc.stages.length - 1]) };
}

test('shell-form CMD is wrapped in /bin/sh -c', () => {
  const { cmd } = last('FROM alpine\nCMD echo $HOME\n');
  assert.deepEqual(cmd.argv, ['/bin/sh', '-c', 'echo $HOME']);
  assert.equal(cmd.cmd?.form, 'shell');
  assert.equal(cmd.entrypointFromBase, true, 'alpine may have its own ENTRYPOINT');
});

test('exec ENTRYPOINT gets CMD appended; a shell CMD is wrapped first', () => {
  const { cmd } = last('FROM scratch\nENTRYPOINT ["tini", "--"]\nCMD npm start\n');
  assert.deepEqual(cmd.argv, ['tini', '--', '/bin/sh', '-c', 'npm start']);
  assert.equal(cmd.cmdIgnored, false);
  assert.equal(cmd.entrypointFromBase, false);
});

test('a shell-form ENTRYPOINT gets the CMD appended, as $0, $1 …, and its script ignores it', () => {
  // The ENTRYPOINT resets an inherited CMD; a CMD set in the same stage before it stays.
  const { cmd } = last('FROM scratch\nCMD ["--port", "80"]\nENTRYPOINT exec server\n');
  assert.deepEqual(cmd.argv, ['/bin/sh', '-c', 'exec server', '--port', '80']);
  assert.equal(cmd.cmdIgnored, true);
  assert.equal(cmd.cmdDropped, 'all');
});

test('SHELL changes the wrapper of later shell forms only', () => {
  const { cmd } = last('FROM scratch\nCMD a\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nENTRYPOINT b\n');
  assert.deepEqual(cmd.entrypoint?.argv, ['/bin/bash', '-eo', 'pipefail', '-c', 'b']);
});

test('continuations are joined in a shell form', () => {
  const { cmd } = last('FROM scratch\nCMD echo a \\\n  && echo b\n');
  assert.deepEqual(cmd.argv, ['/bin/sh', '-c', 'echo a   && echo b']);
});

test('single-quoted JSON is not JSON: it runs as a shell form', () => {
  const { cmd } = last("FROM scratch\nCMD ['npm', 'start']\n");
  assert.equal(cmd.cmd?.form, 'invalid');
  assert.deepEqual(cmd.argv, ['/bin/sh', '-c', "['npm', 'start']"]);
});

test('a later CMD overrides an earlier one in the same stage', () => {
  const { doc, stage, cmd } = last('FROM scratch\nCMD ["a"]\nCMD ["b"]\n');
  assert.deepEqual(cmd.argv, ['b']);
  assert.equal(overriddenBy(doc, stage, 'CMD', 1), 2);
  assert.equal(overriddenBy(doc, stage, 'CMD', 2), null);
});

test('a child stage inherits ENTRYPOINT, CMD and SHELL from FROM <stage>', () => {
  const { cmd } = last(
    'FROM scratch AS base\nSHELL ["/bin/ash", "-c"]\nENTRYPOINT ["/init"]\nCMD ["serve"]\nFROM base\nCMD run here\n',
  );
  assert.deepEqual(cmd.argv, ['/init', '/bin/ash', '-c', 'run here']);
  assert.equal(cmd.entrypoint?.stage, 0);
  assert.equal(cmd.cmd?.stage, 1);
});

test("a child's ENTRYPOINT resets the inherited CMD", () => {
  const { cmd } = last('FROM scratch AS base\nCMD ["serve"]\nFROM base\nENTRYPOINT ["/app"]\n');
  assert.deepEqual(cmd.argv, ['/app']);
  assert.equal(cmd.cmd, null);
  assert.equal(cmd.cmdResetBy?.line, 3);
});

test('a CMD set in the same stage before ENTRYPOINT survives it', () => {
  const { cmd } = last('FROM scratch AS base\nCMD ["old"]\nFROM base\nCMD ["new"]\nENTRYPOINT ["/app"]\n');
  assert.deepEqual(cmd.argv, ['/app', 'new']);
  assert.equal(cmd.cmdResetBy, null);
});

test('CRLF gives the same argv', () => {
  const { cmd } = last('FROM scratch\r\nENTRYPOINT ["tini", "--"]\r\nCMD npm start\r\n');
  assert.deepEqual(cmd.argv, ['tini', '--', '/bin/sh', '-c', 'npm start']);
});
