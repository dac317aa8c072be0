// exec-form-invalid-json: what counts as an attempt at JSON, the advice per mistake, SHELL and non-strings.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/engine/analysis/analyze';
import { classifyJsonForm } from '../../server/src/engine/parse/instruction';

const invalid = (text: string) => analyzeText(text).filter((f) => f.code === 'exec-form-invalid-json');

test("the shell's [ test command is shell form, not broken JSON", () => {
  assert.deepEqual(invalid('FROM alpine\nRUN [ -f package.json ] && echo ok\n'), []);
  assert.deepEqual(invalid('FROM alpine\nCMD [ "$MODE" = "dev" ] && exec app --dev || exec app\n'), []);
  assert.equal(classifyJsonForm('[ -f x ] && y').kind, 'shell');
});

test('lists that were meant as JSON are errors, each with its own advice', () => {
  const cases: Array<[string, RegExp]> = [
    ["CMD ['node', 'server.js']", /single quotes.*double quotes/],
    ["CMD ['app']", /single quotes/],
    ['ENTRYPOINT ["tini", "--",]', /trailing comma.*remove the comma/],
    ['CMD ["C:\\app\\run.exe"]', /invalid escape.*\\\\ for a literal backslash/],
    ['CMD ["a" "b"]', /comma is missing.*separate the elements/],
    ['CMD ["a", "b"', /not closed/],
  ];
  for (const [line, message] of cases) {
    const found = invalid(`FROM alpine\n${line}\n`);
    assert.equal(found.length, 1, line);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, message, `${line}: ${found[0].message}`);
  }
});

test('SHELL and non-string elements stop the build rather than fall back to shell form', () => {
  const shell = invalid('FROM alpine\nSHELL ["/bin/bash" "-c"]\n');
  assert.equal(shell.length, 1);
  assert.match(shell[0].message, /^SHELL takes only a JSON array.*build stops/);
  const numbers = invalid('FROM alpine\nCMD ["sleep", 5]\n');
  assert.match(numbers[0].message, /accepts only strings.*build stops/);
});

test('COPY, ADD and VOLUME read brackets that are not JSON as words, not as a shell command; commands run them in a shell', () => {
  // BuildKit parses these with parseMaybeJSONToList: invalid JSON falls back to whitespace-separated words.
  for (const line of ["COPY ['a.txt', '/app/']", "ADD ['a.txt', '/app/']", "VOLUME ['/data']"]) {
    const [f] = invalid(`FROM alpine\n${line}\n`);
    assert.match(f.message, /splits the text at spaces and the brackets and commas end up in the paths/, line);
    assert.doesNotMatch(f.message, /shell command/, line);
  }
  for (const line of ["CMD ['app']", "ENTRYPOINT ['app']", "RUN ['make']", "HEALTHCHECK CMD ['probe']"]) {
    const [f] = invalid(`FROM alpine\n${line}\n`);
    assert.match(f.message, /runs the whole text, brackets included, as a shell command/, line);
  }
});

test('messages are Chinese when the language is zh-cn', () => {
  const [f] = analyzeText("FROM alpine\nCMD ['a', 'b']\n", { lang: 'zh-cn' }).filter((x) => x.code === 'exec-form-invalid-json');
  assert.match(f.message, /单引号.*双引号/);
});

test('# check=error=true escalates every rule with a BuildKit name, JSONArgsRecommended included', () => {
  const findings = analyzeText('# check=error=true\nFROM alpine\nCMD echo hi\nCMD echo there\n');
  const byCode = (c: string) => findings.filter((f) => f.code === c).map((f) => f.severity);
  assert.ok(byCode('cmd-shell-form').length > 0);
  assert.ok(byCode('cmd-shell-form').every((s) => s === 'error'), JSON.stringify(findings.map((f) => [f.code, f.severity])));
  assert.deepEqual(byCode('cmd-multiple'), ['error']);
});
