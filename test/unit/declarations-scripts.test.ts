// The shared command-line parser and the script readers (Makefile, shell scripts, package.json,
// justfile, Taskfile) on real files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseBuildCommand } from '../../server/src/engine/context/declarations/commandLine';
import { tokenizeShell } from '../../server/src/engine/context/declarations/shellWords';
import { expandWord } from '../../server/src/engine/context/declarations/shellExpand';
import { declsOf, linesOf, scanFresh, tree } from './declarations-helpers';

/** Parses one command line with no variables known. */
function parse(line: string, vars: Record<string, string> = {}) {
  const items = tokenizeShell(line).filter((x) => x.kind === 'cmd');
  const words = items[0].kind === 'cmd' ? items[0].cmd.words.flatMap((w) => expandWord(w, { get: (n) => vars[n] })) : [];
  return parseBuildCommand(words);
}

test('command line: builders and their subcommands', () => {
  for (const line of ['docker build .', 'docker image build .', 'docker builder build .', 'docker buildx build .', 'docker buildx b .', '/usr/bin/docker build .', 'podman build .', 'podman image build .', 'buildah bud .', 'buildah build .', 'buildah build-using-dockerfile .', 'nerdctl build .', 'docker --context remote -H tcp://x:2375 build .', 'docker buildx --builder b build .', 'sudo -E -u me docker build .', 'timeout -s KILL 600 docker build .', 'env A=1 B=2 docker build .', 'DOCKER_BUILDKIT=1 docker build .', 'if docker build .']) {
    const c = parse(line);
    assert.equal(c?.kind, 'build', line);
    assert.deepEqual(c?.kind === 'build' && c.context, { kind: 'path', value: '.' }, line);
  }
  for (const line of ['docker run -v .:/x img', 'docker compose up', 'echo docker build .', 'make build', 'docker build --help', 'go build -o bin ./cmd', 'docker push x']) {
    assert.notEqual(parse(line)?.kind, 'build', line);
  }
});

test('command line: flags that take a value are skipped, so the context is the one positional left', () => {
  const c = parse('docker build -t img:1 --tag=x --build-arg A=B --platform linux/amd64 --target dev --secret id=s,src=f --iidfile id --cache-from type=local,src=c -o out --label k=v -q --no-cache --pull -f docker/Dockerfile -m 1g ctx');
  assert.deepEqual(c?.kind === 'build' && [c.context, c.file], [{ kind: 'path', value: 'ctx' }, { kind: 'path', value: 'docker/Dockerfile' }]);
  const short = parse('docker build -fdocker/Dockerfile -tfoo .');
  assert.deepEqual(short?.kind === 'build' && short.file, { kind: 'path', value: 'docker/Dockerfile' });
  const eq = parse('docker buildx build --file=x.Dockerfile --build-context shared=../libs --build-context img=docker-image://alpine --provenance=false --load .');
  assert.deepEqual(eq?.kind === 'build' && [eq.file, eq.buildContexts], [{ kind: 'path', value: 'x.Dockerfile' }, { shared: '../libs', img: 'docker-image://alpine' }]);
});

test('command line: stdin, remote and unknown contexts or Dockerfiles are reported as such', () => {
  const ctx = (line: string, vars?: Record<string, string>) => {
    const c = parse(line, vars);
    return c?.kind === 'build' ? [c.context.kind, c.file?.kind ?? null] : null;
  };
  assert.deepEqual(ctx('docker build - < Dockerfile'), ['stdin', null]);
  assert.deepEqual(ctx('docker build -f - .'), ['path', 'stdin']);
  assert.deepEqual(ctx('docker build https://github.com/a/b.git#main:dir'), ['remote', null]);
  assert.deepEqual(ctx('docker build git@github.com:a/b.git'), ['remote', null]);
  assert.deepEqual(ctx('docker build -t x $DIR'), ['unresolved', null]);
  assert.deepEqual(ctx('docker build -t x $DIR', { DIR: 'app' }), ['path', null]);
  assert.deepEqual(ctx('docker build -f $DF .'), ['path', 'unresolved']);
  assert.deepEqual(ctx('docker build a b'), ['unresolved', null]);
  assert.deepEqual(ctx('docker build -t x'), ['missing', null]);
  // An unknown whole word is taken as options when exactly one positional is left.
  assert.deepEqual(ctx('docker build $EXTRA_ARGS -t x .'), ['path', null]);
});

test('command line: bake (files, targets, --set, remote definitions) and compose files', () => {
  const b = parse('docker buildx bake -f a.hcl --file=b.hcl --set "*.platform=linux/arm64" --set app.context=./src --push app tests');
  assert.deepEqual(b?.kind === 'bake' && [b.files, b.targets, b.sets, b.remote], [['a.hcl', 'b.hcl'], ['app', 'tests'], { 'app.context': './src' }, null]);
  const r = parse('docker buildx bake https://github.com/moby/buildkit.git#master:examples/create-certs');
  assert.equal(r?.kind === 'bake' && r.remote, 'https://github.com/moby/buildkit.git#master:examples/create-certs');
  const c = parse('docker compose -f deploy/compose.yml --file=other.yml -p x build');
  assert.deepEqual(c?.kind === 'compose' && c.files, ['deploy/compose.yml', 'other.yml']);
  assert.deepEqual(parse('docker-compose -f x.yml up')?.kind, 'compose');
});

test('command line: wrappers named after the tool (assumption said)', () => {
  for (const [line, assumption] of [
    ['$(OCI_RUNTIME) build -t x .', '$(OCI_RUNTIME) taken as a container CLI'],
    ['${CONTAINER_TOOL} build -t x .', '$CONTAINER_TOOL taken as a container CLI'],
    ['$dbuild -t x -f y .', '$dbuild taken as a build command'],
    ['buildxCmd bake integration-tests', 'buildxCmd taken as docker buildx'],
  ]) {
    const c = parse(line);
    assert.ok(c && c.kind !== 'compose' && c.assumptions.some((a) => a.startsWith(assumption)), `${line}: ${JSON.stringify(c)}`);
  }
  assert.equal(parse('$GO build -o x ./cmd'), null);
  assert.equal(parse('$(BUILD) --verbose ./cmd'), null);
});

test('shell scripts: from the script folder, else from the repository root (said); cd, subshells, dirname "$0", variables, heredocs', () => {
  const root = tree({
    'scripts/build.sh': [
      '#!/bin/sh',
      'set -e',
      'docker build -f docker/app.Dockerfile .',
      'dbuild="docker build"',
      '$dbuild -t x local',
      '(cd tools && docker build -t t .)',
      'cat <<EOF > /dev/null',
      'docker build -t never heredoc',
      'EOF',
      '# docker build -t never commented',
      'cd "$(dirname "$0")/.."',
      'docker build -t y api',
    ].join('\n'),
    'scripts/local/Dockerfile': '',
    'docker/app.Dockerfile': '',
    'tools/Dockerfile': '',
    'api/Dockerfile': '',
    'bin/release': '#!/usr/bin/env bash\ndocker build -t z api\n',
    'bin/data': 'not a script docker build -t q .\n',
  });
  const { index, lines } = scanFresh(root);
  assert.deepEqual(lines, [
    'api/Dockerfile | api | bin/release:2 script',
    'api/Dockerfile | api | scripts/build.sh:12 script',
    'docker/app.Dockerfile | . | scripts/build.sh:3 script',
    'scripts/local/Dockerfile | scripts/local | scripts/build.sh:5 script',
    'tools/Dockerfile | tools | scripts/build.sh:6 script',
  ]);
  assert.match(declsOf(root, index, 'docker/app.Dockerfile')[0].assumption ?? '', /run from the repository root \(the script's own folder does not hold app\.Dockerfile\)/);
  assert.match(declsOf(root, index, 'scripts/local/Dockerfile')[0].assumption ?? '', /run from scripts/);
  const fromDirname = declsOf(root, index, 'api/Dockerfile').find((d) => d.evidence.line === 12)!;
  assert.equal(fromDirname.assumption, undefined);
});

test('Makefile: variables, ifeq branches and $(MAKE) VAR=… overrides varied where they matter, define, continuations, cd', () => {
  const root = tree({
    'ops/Makefile': [
      'DOCKER ?= docker',
      'IMAGE := acme/app',
      'VARIANT ?= community',
      'BUNDLE_DIR = ./bundle/$(VARIANT)',
      'ifeq ($(CI),true)',
      '\tBUILD := $(DOCKER) buildx build --platform linux/amd64',
      'else',
      '\tBUILD := $(DOCKER) build',
      'endif',
      'TOOLS := $(shell ls)',
      '',
      'image:',
      '\t@$(BUILD) -t $(IMAGE) \\',
      '\t\t-f app/Dockerfile \\',
      '\t\t.',
      '',
      'bundles:',
      '\t$(MAKE) bundle VARIANT=openshift',
      '',
      'bundle:',
      '\t-$(DOCKER) build -f $(BUNDLE_DIR)/bundle.Dockerfile $(BUNDLE_DIR)',
      '',
      'define in_tools',
      '\tcd tools && $(DOCKER) build -t tools .',
      'endef',
      '',
      'auto:',
      '\t$$(which docker) build $(TOOLS)',
    ].join('\n'),
  });
  const { lines, logs } = scanFresh(root);
  assert.deepEqual(lines, [
    'ops/app/Dockerfile | ops | ops/Makefile:13 script',
    'ops/bundle/community/bundle.Dockerfile | ops/bundle/community | ops/Makefile:21 script',
    'ops/bundle/openshift/bundle.Dockerfile | ops/bundle/openshift | ops/Makefile:21 script',
    'ops/tools/Dockerfile | ops/tools | ops/Makefile:24 script',
  ]);
  assert.ok(!logs.some((l) => /Makefile:13/.test(l)), logs.join('\n'));
});

test('package.json scripts, justfile recipes and Taskfile tasks run in their own folders', () => {
  const root = tree({
    'web/package.json': JSON.stringify({ name: 'web', scripts: { 'docker:build': 'docker build -t web -f docker/Dockerfile .', test: 'jest' } }, null, 2),
    justfile: ['img := "api"', '', '# build it', 'build:', '    @docker build -t x {{img}}', '', '[working-directory: "tools"]', 'tools:', '  docker build .', '', 'shebang:', '  #!/usr/bin/env bash', '  cd worker', '  docker build .', ''].join('\n'),
    'Taskfile.yml': ['version: "3"', 'vars:', '  SVC: jobs', 'tasks:', '  image:', '    dir: services', '    cmds:', '      - docker build -t {{.SVC}} {{.SVC}}', '      - cmd: podman build -f Containerfile .', ''].join('\n'),
  });
  assert.deepEqual(scanFresh(root).lines, [
    'api/Dockerfile | api | justfile:5 script',
    'services/Containerfile | services | Taskfile.yml:9 script',
    'services/jobs/Dockerfile | services/jobs | Taskfile.yml:8 script',
    'tools/Dockerfile | tools | justfile:9 script',
    'web/docker/Dockerfile | web | web/package.json:4 script',
    'worker/Dockerfile | worker | justfile:14 script',
  ]);
});

test('a build whose folder is unknown after cd is skipped with a log line, not guessed', () => {
  const root = tree({ 'x.sh': 'cd "$SOMEWHERE"\ndocker build .\n' });
  const { lines, logs } = scanFresh(root);
  assert.deepEqual(lines, []);
  assert.ok(logs.some((l) => /x\.sh:2: docker build skipped: the folder it runs in is unknown/.test(l)), logs.join('\n'));
});

test('linesOf is stable', () => {
  const root = tree({ 'a.sh': 'docker build -t a .\n', Dockerfile: '' });
  assert.deepEqual(linesOf(root, scanFresh(root).index), ['Dockerfile | . | a.sh:1 script']);
});
