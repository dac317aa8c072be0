import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyze, codeActions } from '../../server/src/engine/analysis/analyze';
import { parseDocument } from '../../server/src/engine/parse/document';
import { applyEdits } from '../../server/src/engine/features/edits';
import { DEFAULT_SETTINGS, type AnalysisContext } from '../../server/src/engine/context';
import { CachedNodeFileSystem } from '../../server/src/engine/context/fs';
import { commandInfo } from '../../server/src/engine/model/commands';
import type { Finding } from '../../server/src/engine/types';

const ctx: AnalysisContext = {
  lang: 'en',
  settings: DEFAULT_SETTINGS,
  fs: new CachedNodeFileSystem(),
  documentPath: null,
  workspaceFolder: null,
};

function findings(text: string, code: string): Finding[] {
  return analyze(parseDocument(text), ctx).filter((f) => f.code === code);
}

function fixed(text: string, code: string): string {
  const doc = parseDocument(text);
  const f = findings(text, code);
  assert.ok(f.length > 0, `expected ${code}`);
  const fix = codeActions(doc, ctx, f[0].range, [f[0]]).find((x) => x.kind === 'quickfix' && x.fixes?.code === code);
  assert.ok(fix, `no fix for ${code}`);
  return applyEdits(doc, fix.edits);
}

function execArgs(text: string, line: number): string[] {
  const doc = parseDocument(text);
  const info = commandInfo(doc, doc.instructionAtLine(line)!);
  assert.equal(info?.form, 'exec');
  return info!.args!;
}

test('exec-form-variable: reported for CMD, ENTRYPOINT, RUN and HEALTHCHECK CMD', () => {
  for (const line of ['CMD ["java", "-jar", "$APP_HOME/app.jar"]', 'ENTRYPOINT ["run", "${PORT}"]', 'RUN ["echo", "$HOME"]',
    'HEALTHCHECK CMD ["curl", "localhost:$PORT"]']) {
    const f = findings(`FROM a\n${line}\n`, 'exec-form-variable');
    assert.equal(f.length, 1, line);
    assert.match(f[0].message, /\$\{?[A-Z_]+/);
  }
});

test('exec-form-variable: not reported without variables, for shells, or for shell form', () => {
  for (const line of ['CMD ["echo", "price: 5$"]', 'CMD ["sh", "-c", "echo $HOME"]', 'CMD ["/bin/bash", "-c", "x ${A}"]',
    'CMD echo $HOME', 'CMD ["echo", "$$"]']) {
    assert.deepEqual(findings(`FROM a\n${line}\n`, 'exec-form-variable'), [], line);
  }
});

test('exec-form-variable fix: the shell expands the variables and gets the same words otherwise', () => {
  const text = 'FROM a\nCMD ["java", "-Dx=a b", "$APP_HOME/app \\"q\\".jar", "`x`"]\n';
  const out = fixed(text, 'exec-form-variable');
  const args = execArgs(out, 1);
  assert.deepEqual(args.slice(0, 2), ['/bin/sh', '-c']);
  // Run the script (minus `exec java`) through a real shell with an argv printer.
  const script = args[2].replace(/^exec java/, "printf '%s\\0'");
  const r = spawnSync('/bin/sh', ['-c', script], { env: { PATH: '/usr/bin:/bin', APP_HOME: '/opt/my app' } });
  assert.deepEqual(r.stdout.toString().split('\0').slice(0, -1), ['-Dx=a b', '/opt/my app/app "q".jar', '`x`']);
  assert.deepEqual(findings(out, 'exec-form-variable'), []);
});

test('exec-form-variable fix for ENTRYPOINT keeps passing the CMD on', () => {
  const out = fixed('FROM a\nENTRYPOINT ["app", "--port", "$PORT"]\n', 'exec-form-variable');
  const args = execArgs(out, 1);
  assert.deepEqual(args, ['/bin/sh', '-c', 'exec app --port "$PORT" "$@"', 'app']);
  const r = spawnSync(args[0], [...args.slice(1).map((a, i) => (i === 1 ? a.replace(/^exec app/, "printf '%s\\0'") : a)), 'cmd1', 'cmd 2'],
    { env: { PATH: '/usr/bin:/bin', PORT: '8080' } });
  assert.deepEqual(r.stdout.toString().split('\0').slice(0, -1), ['--port', '8080', 'cmd1', 'cmd 2']);
});

test('exec-form-single-string: reported, split into words or wrapped in the shell', () => {
  assert.equal(findings('FROM a\nCMD ["npm start"]\n', 'exec-form-single-string').length, 1);
  assert.deepEqual(execArgs(fixed('FROM a\nCMD ["npm start"]\n', 'exec-form-single-string'), 1), ['npm', 'start']);
  assert.deepEqual(execArgs(fixed('FROM a\nRUN ["make && make install"]\n', 'exec-form-single-string'), 1),
    ['/bin/sh', '-c', 'make && make install']);
  const out = fixed('FROM a\nCMD ["npm start"]\n', 'exec-form-single-string');
  assert.deepEqual(findings(out, 'exec-form-single-string'), []);
});

test('exec-form-single-string: not reported for one word, several strings, or a CMD that feeds an ENTRYPOINT', () => {
  assert.deepEqual(findings('FROM a\nCMD ["npm"]\n', 'exec-form-single-string'), []);
  assert.deepEqual(findings('FROM a\nCMD ["npm", "run start"]\n', 'exec-form-single-string'), []);
  assert.deepEqual(findings('FROM a\nENTRYPOINT ["/init"]\nCMD ["--opt value"]\n', 'exec-form-single-string'), []);
});
