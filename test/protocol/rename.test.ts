// Rename over the real protocol: stage names everywhere they are named (`AS`, FROM, `--from`, mount
// `from=`), variables scope-correct, and refusals with a clear message for what BuildKit would reject or
// what would change the meaning of another name. LF and CRLF.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as os from 'node:os';
import { TestClient, applyTextEdits } from '../helpers/lspClient';
import { EOLS, at, textOf } from '../helpers/positions';

const LINES = [
  'ARG VERSION=1.0', // 0
  'FROM golang:1.22 AS build', // 1
  'ARG VERSION', // 2
  'RUN go build -ldflags "-X main.v=$VERSION" -o /out/app', // 3
  'FROM build AS test', // 4
  'RUN go test ./...', // 5
  'FROM alpine AS final', // 6
  'COPY --from=Build /out/app /app', // 7
  'COPY --from=0 /out/app /app2', // 8
  'RUN --mount=type=bind,from=build,target=/src true', // 9
  'ENV HOME_DIR=/home/app', // 10
  'RUN echo $HOME_DIR $PATH $TARGETPLATFORM', // 11
  'FROM alpine', // 12
];

async function expectRefusal(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.match(e.message, pattern);
    return true;
  });
}

for (const [eolName, eol] of EOLS) {
  describe(`rename (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    const text = textOf(LINES, eol);
    before(async () => {
      client = await TestClient.start({ workspaceFolder: os.tmpdir() });
      uri = client.uriFor(path.join(os.tmpdir(), 'rename-test', 'Dockerfile'));
      await client.open(uri, text);
    });
    after(() => client.stop());

    test('prepareRename gives the name under the cursor', async () => {
      assert.deepEqual(await client.prepareRename(uri, 7, at(LINES, 7, 'Build').character + 1), {
        range: { start: at(LINES, 7, 'Build'), end: at(LINES, 7, 'Build', 5) },
        placeholder: 'Build',
      });
    });

    test('a stage: AS, FROM, --from (any case) and mount from=; the index reference stays', async () => {
      const edit = await client.rename(uri, 1, at(LINES, 1, 'build').character, 'compile');
      const edits = edit!.changes![uri];
      const result = applyTextEdits(text, edits).split(eol);
      assert.equal(result[1], 'FROM golang:1.22 AS compile');
      assert.equal(result[4], 'FROM compile AS test');
      assert.equal(result[7], 'COPY --from=compile /out/app /app');
      assert.equal(result[8], 'COPY --from=0 /out/app /app2');
      assert.equal(result[9], 'RUN --mount=type=bind,from=compile,target=/src true');
      assert.equal(edits.length, 4);
    });

    test('a global ARG together with the stage line that brings it in', async () => {
      const edit = await client.rename(uri, 3, at(LINES, 3, 'VERSION').character, 'APP_VERSION');
      const result = applyTextEdits(text, edit!.changes![uri]).split(eol);
      assert.equal(result[0], 'ARG APP_VERSION=1.0');
      assert.equal(result[2], 'ARG APP_VERSION');
      assert.match(result[3], /\$APP_VERSION"/);
    });

    test('refusals: names BuildKit rejects, upper case, indexes, images, undeclared and predefined names', async () => {
      const onBuild = at(LINES, 1, 'build').character;
      await expectRefusal(client.rename(uri, 1, onBuild, '1st'), /BuildKit rejects `1st` as a stage name/);
      await expectRefusal(client.rename(uri, 1, onBuild, 'my stage'), /BuildKit rejects/);
      await expectRefusal(client.rename(uri, 1, onBuild, 'Compile'), /lower case.*StageNameCasing/);
      await expectRefusal(client.prepareRename(uri, 8, at(LINES, 8, '0').character), /Stage index 0/);
      await expectRefusal(client.prepareRename(uri, 1, at(LINES, 1, 'golang').character), /names an image/);
      await expectRefusal(client.prepareRename(uri, 11, at(LINES, 11, 'PATH').character), /base image or the build environment|BuildKit or the build environment/);
      await expectRefusal(client.prepareRename(uri, 11, at(LINES, 11, 'TARGETPLATFORM').character), /set by BuildKit|not declared/);
      await expectRefusal(client.rename(uri, 10, at(LINES, 10, 'HOME_DIR').character, 'home-dir'), /not a valid variable name/);
      await expectRefusal(client.rename(uri, 10, at(LINES, 10, 'HOME_DIR').character, 'HTTP_PROXY'), /BuildKit or the build environment sets itself/);
    });

    test('refusals: a rename that would change what another name refers to', async () => {
      // `test` is taken by another stage.
      await expectRefusal(client.rename(uri, 1, at(LINES, 1, 'build').character, 'test'), /would change what line \d+ refers to/);
      // `alpine` is an image a later FROM uses: it would become this stage.
      await expectRefusal(client.rename(uri, 1, at(LINES, 1, 'build').character, 'alpine'), /would change what line 7 refers to/);
      // HOME_DIR → PATH: `$PATH` (from the base image) would read this variable instead.
      await expectRefusal(client.rename(uri, 10, at(LINES, 10, 'HOME_DIR').character, 'PATH'), /would change which value line 12 reads/);
    });
  });
}
