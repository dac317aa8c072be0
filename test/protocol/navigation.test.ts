// Definition, references and document highlights over the real protocol, scope-correct as BuildKit
// scopes names: a stage's `ARG NAME` that takes a global default is that global; a stage `ARG NAME=…`
// is a variable of its own; ENV wins over ARG; CMD reads only ENV at run time; `--from` names a stage
// case-insensitively while FROM needs the exact (lower-case) name. COPY sources lead to the file in the
// build context, a `--from` path to the instruction of that stage that wrote it. LF and CRLF.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lspClient';
import { EOLS, at, textOf } from '../helpers/positions';

const LINES = [
  'ARG V=1', // 0
  'ARG TAG=3.20', // 1
  'FROM alpine:$TAG AS base', // 2
  'ARG V', // 3
  'ARG X=1', // 4
  'ENV X=$X', // 5
  'RUN echo $V $X', // 6
  'WORKDIR /out', // 7
  'RUN make -o /out/app', // 8
  'COPY app.conf /etc/app.conf', // 9
  'CMD echo $X $V', // 10
  'FROM base AS child', // 11
  'RUN echo ${V:-none}', // 12
  'FROM alpine:$TAG', // 13
  'ARG V=2', // 14
  'RUN echo $V', // 15
  'COPY --from=BASE /out/app /usr/bin/app', // 16
  'COPY --from=0 /etc/app.conf /etc/', // 17
  'RUN --mount=type=cache,from=child,target=/c true', // 18
  'FROM Base', // 19
  'COPY app.conf /x', // 20
];

const lineRanges = (locations: Array<{ range: { start: { line: number; character: number } } }>) =>
  locations.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort();

let workspace: string;
before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dfn-navigation-'));
  fs.writeFileSync(path.join(workspace, 'app.conf'), 'x=1\n');
});
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

for (const [eolName, eol] of EOLS) {
  describe(`navigation (${eolName})`, () => {
    let client: TestClient;
    let uri: string;
    before(async () => {
      client = await TestClient.start({ workspaceFolder: workspace });
      uri = client.uriFor(path.join(workspace, 'Dockerfile'));
      await client.open(uri, textOf(LINES, eol));
    });
    after(() => client.stop());

    test('references of a global ARG: its FROM uses and the stages that redeclare it without a value, not a stage ARG with its own value', async () => {
      const refs = await client.references(uri, 0, 4);
      assert.deepEqual(lineRanges(refs), ['0:4', '12:11', '3:4', '6:10'].sort());
      // The same variable from a use inside the stage.
      assert.deepEqual(lineRanges(await client.references(uri, 6, 10)), lineRanges(refs));
      // Stage 2's `ARG V=2` is a variable of its own.
      assert.deepEqual(lineRanges(await client.references(uri, 15, 10)), ['14:4', '15:10']);
      // Without the declarations.
      assert.deepEqual(lineRanges(await client.references(uri, 0, 4, false)), ['12:11', '6:10'].sort());
    });

    test('global ARG in FROM lines', async () => {
      assert.deepEqual(lineRanges(await client.references(uri, 1, 4)), ['13:13', '1:4', '2:13'].sort());
    });

    test('ENV wins over ARG; `ENV X=$X` reads the ARG; CMD reads ENV only', async () => {
      // $X in RUN (line 6) and CMD (line 10) are the ENV X.
      assert.deepEqual(lineRanges(await client.references(uri, 6, 13)), ['10:10', '5:4', '6:13'].sort());
      // The $X inside the ENV line is the ARG X.
      assert.deepEqual(lineRanges(await client.references(uri, 4, 4)), ['4:4', '5:7']);
      // $V in CMD is an ARG, which a running container does not have: no reference.
      assert.deepEqual(await client.highlights(uri, 10, 13), []);
    });

    test('definition of a variable use is its declaration; of a redeclaration, the global ARG', async () => {
      const use = await client.definition(uri, 6, 10);
      assert.deepEqual(use.map((d) => d.targetSelectionRange.start), [{ line: 3, character: 4 }]);
      const redeclared = await client.definition(uri, 3, 4);
      assert.deepEqual(redeclared.map((d) => d.targetSelectionRange.start), [{ line: 0, character: 4 }]);
      const inherited = await client.definition(uri, 12, 11);
      assert.deepEqual(inherited.map((d) => d.targetSelectionRange.start), [{ line: 3, character: 4 }]);
    });

    test('stages: `AS base` ↔ `FROM base` ↔ `--from=BASE` (case-insensitive) ↔ `--from=0`; `FROM Base` is an image', async () => {
      const refs = await client.references(uri, 2, at(LINES, 2, 'base').character);
      assert.deepEqual(lineRanges(refs), ['11:5', '16:12', '17:12', '2:20'].sort());
      const def = await client.definition(uri, 16, at(LINES, 16, 'BASE').character + 1);
      assert.equal(def.length, 1);
      assert.equal(def[0].targetUri, uri);
      assert.deepEqual(def[0].targetSelectionRange.start, { line: 2, character: 20 });
      assert.deepEqual(await client.definition(uri, 19, 6), []);
      const byIndex = await client.definition(uri, 17, at(LINES, 17, '0').character);
      assert.deepEqual(byIndex[0].targetRange.start, { line: 2, character: 0 });
      const mount = await client.definition(uri, 18, at(LINES, 18, 'child').character + 1);
      assert.deepEqual(mount[0].targetSelectionRange.start, { line: 11, character: 13 });
    });

    test('highlights mark the declaration as written and the uses as read', async () => {
      const h = await client.highlights(uri, 11, 6);
      assert.deepEqual(
        h.map((x) => [x.range.start.line, x.kind]).sort(),
        [
          [11, 2],
          [16, 2],
          [17, 2],
          [2, 3],
        ].sort(),
      );
    });

    test('a COPY source leads to the file in the build context; a --from path to the instruction that wrote it', async () => {
      const file = await client.definition(uri, 9, at(LINES, 9, 'app.conf').character + 2);
      assert.equal(file.length, 1);
      assert.equal(file[0].targetUri, client.uriFor(path.join(workspace, 'app.conf')));
      const copied = await client.definition(uri, 17, at(LINES, 17, '/etc/app.conf').character + 3);
      assert.deepEqual(copied.map((d) => d.targetRange.start.line), [9]);
      const built = await client.definition(uri, 16, at(LINES, 16, '/out/app').character + 3);
      assert.deepEqual(built.map((d) => d.targetRange.start.line), [8]);
    });
  });
}

test('references on the stress file answer for a stage name used across 10,000 lines', async (t) => {
  const stress = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'stress', 'stress_10k.Dockerfile');
  if (!fs.existsSync(stress)) {
    t.skip(`the shared corpus is absent (${stress})`);
    return;
  }
  const text = fs.readFileSync(stress, 'utf8');
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => /^FROM \S+ AS \S+/i.test(l));
  const client = await TestClient.start();
  try {
    const uri = client.uriFor(stress);
    await client.open(uri, text);
    const name = /AS (\S+)/i.exec(lines[line])![1];
    const refs: Location[] = await client.references(uri, line, lines[line].lastIndexOf(name) + 1);
    assert.ok(refs.length >= 1);
    assert.ok(refs.every((r) => lines[r.range.start.line].slice(r.range.start.character, r.range.end.character).toLowerCase() === name.toLowerCase()));
  } finally {
    await client.stop();
  }
});
