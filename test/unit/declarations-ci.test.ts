// CI declarations on real files: GitHub Actions (build-push-action, checkout paths, run steps,
// reusable workflows, local actions, matrices), GitLab CI, Cloud Build, Skaffold, Jenkins, Azure
// Pipelines, and dev containers.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { declsOf, linesOf, scanFresh, tree } from './declarations-helpers';

const wf = (...lines: string[]): string => lines.join('\n') + '\n';

test('github: build-push-action context/file relative to the workspace; a checkout path is the repository root (loki)', () => {
  const root = tree({
    '.github/workflows/release.yml': wf(
      'env:',
      '  RELEASE_REPO: "acme/app"',
      'jobs:',
      '  image:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          path: lib',
      '          repository: acme/release-lib',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          path: release',
      '          repository: ${{ env.RELEASE_REPO }}',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: "release"',
      '          file: "release/cmd/app/Dockerfile"',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          file: cmd/app/Dockerfile.git',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: lib',
    ),
    'cmd/app/Dockerfile': '',
  });
  const { index } = scanFresh(root);
  const lines = linesOf(root, index);
  // Without .git/config, and in a folder not named `app`, neither checkout can be told to be this
  // repository: paths under either are not mapped. The git context (no `context`) is the repository.
  assert.deepEqual(lines, ['cmd/app/Dockerfile.git | . | .github/workflows/release.yml:20 workflow']);
  assert.match(declsOf(root, index, 'cmd/app/Dockerfile.git')[0].assumption ?? '', /git context/);
});

test('github: a checkout of this repository (a .git/config remote of that name, a fork counts) under a path; context elsewhere in the workspace is not this repository', () => {
  const root = tree({
    '.git/config': '[remote "origin"]\n\turl = git@github.com:me/app.git\n',
    '.github/workflows/release.yml': wf(
      'jobs:',
      '  image:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { path: release, repository: acme/app }',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: "release"',
      '          file: "release/cmd/app/Dockerfile"',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: other',
    ),
  });
  assert.deepEqual(scanFresh(root).lines, ['cmd/app/Dockerfile | . | .github/workflows/release.yml:8 workflow']);
});

test('github: run steps with working-directory (step, job defaults, workflow defaults), env, cd, multi-line commands', () => {
  const root = tree({
    '.github/workflows/ci.yml': wf(
      'defaults:',
      '  run:',
      '    working-directory: services',
      'env:',
      '  DF: api.Dockerfile',
      'jobs:',
      '  a:',
      '    defaults:',
      '      run:',
      '        working-directory: services/api',
      '    steps:',
      '      - run: docker build -t api -f $DF .',
      '      - working-directory: ${{ github.workspace }}',
      '        run: |',
      '          set -e',
      '          cd web && DOCKER_BUILDKIT=1 docker buildx build \\',
      '            --platform linux/amd64 \\',
      '            --build-context shared=../libs \\',
      '            -t web .',
      '      - run: podman build -t x ${{ matrix.dir }}',
      '  b:',
      '    steps:',
      '      - run: buildah bud -f Containerfile ../tools',
    ),
    // buildah looks for a relative -f file in the context when the current folder does not have it.
    'tools/Containerfile': '',
  });
  const { index, logs } = scanFresh(root);
  assert.deepEqual(linesOf(root, index), [
    'services/api/api.Dockerfile | services/api | .github/workflows/ci.yml:12 workflow',
    'tools/Containerfile | tools | .github/workflows/ci.yml:23 workflow',
    'web/Dockerfile | web | .github/workflows/ci.yml:16 workflow',
  ]);
  assert.deepEqual(declsOf(root, index, 'web/Dockerfile')[0].namedContexts, { shared: `${root}/libs` });
  assert.ok(logs.some((l) => /ci\.yml:20: podman build skipped: context unknown/.test(l)), logs.join('\n'));
});

test('github: a reusable workflow of this repository gets its inputs from each caller; GitHub expressions choose the context (loki operator)', () => {
  const root = tree({
    '.github/workflows/images.yml': wf(
      'jobs:',
      '  operator:',
      '    uses: ./.github/workflows/reusable.yml',
      '    with:',
      '      dockerfile: "operator/Dockerfile"',
      '      image_name: loki-operator',
      '  bundle:',
      '    uses: ./.github/workflows/reusable.yml',
      '    with:',
      '      dockerfile: operator/bundle/bundle.Dockerfile',
      '      image_name: loki-operator-bundle',
    ),
    '.github/workflows/reusable.yml': wf(
      'on:',
      '  workflow_call:',
      '    inputs:',
      '      image_name: { required: true, type: string }',
      '      dockerfile: { required: true, type: string }',
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      "          context: ${{ inputs.image_name == 'LOKI-OPERATOR-BUNDLE' && 'operator/bundle' || 'operator' }}",
      '          file: ${{ inputs.dockerfile }}',
    ),
  });
  assert.deepEqual(scanFresh(root).lines, [
    'operator/Dockerfile | operator | .github/workflows/images.yml:5 workflow',
    'operator/Dockerfile | operator | .github/workflows/reusable.yml:12 workflow',
    'operator/bundle/bundle.Dockerfile | operator/bundle | .github/workflows/images.yml:10 workflow',
    'operator/bundle/bundle.Dockerfile | operator/bundle | .github/workflows/reusable.yml:12 workflow',
  ]);
});

test('github: a reusable workflow of another repository called with context (voting app), only when its Dockerfile exists', () => {
  const root = tree({
    '.github/workflows/call.yaml': wf('jobs:', '  call:', '    uses: acme/.github/.github/workflows/docker.yaml@main', '    with:', '      context: result', '  other:', '    uses: acme/.github/.github/workflows/docker.yaml@main', '    with:', '      context: nowhere'),
    'result/Dockerfile': '',
  });
  const { index, lines } = scanFresh(root);
  assert.deepEqual(lines, ['result/Dockerfile | result | .github/workflows/call.yaml:5 workflow']);
  assert.match(declsOf(root, index, 'result/Dockerfile')[0].assumption ?? '', /another repository/);
});

test('github: composite actions, local actions called with inputs, and a matrix written out', () => {
  const root = tree({
    '.github/actions/build/action.yml': wf(
      'inputs:',
      '  dir: { default: app }',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - shell: bash',
      '      run: docker build -t x ${{ inputs.dir }}',
    ),
    '.github/workflows/use.yml': wf(
      'jobs:',
      '  one:',
      '    steps:',
      '      - uses: ./.github/actions/build',
      '        with:',
      '          dir: tools',
      '  many:',
      '    strategy:',
      '      matrix:',
      '        svc: [a, b]',
      '        include:',
      '          - svc: c',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: services/${{ matrix.svc }}',
    ),
  });
  assert.deepEqual(scanFresh(root).lines, [
    'app/Dockerfile | app | .github/actions/build/action.yml:7 workflow',
    'services/a/Dockerfile | services/a | .github/workflows/use.yml:16 workflow',
    'services/b/Dockerfile | services/b | .github/workflows/use.yml:16 workflow',
    'services/c/Dockerfile | services/c | .github/workflows/use.yml:16 workflow',
    'tools/Dockerfile | tools | .github/actions/build/action.yml:7 workflow',
    'tools/Dockerfile | tools | .github/workflows/use.yml:4 workflow',
  ]);
});

test('gitlab: script lines with variables, extends, default before_script, kaniko, local includes', () => {
  const root = tree({
    '.gitlab-ci.yml': wf(
      'include:',
      '  - local: ci/more.yml',
      'variables:',
      '  IMAGE_DIR: backend',
      '.docker: &docker',
      '  script:',
      '    - docker build -f $IMAGE_DIR/Dockerfile $CI_PROJECT_DIR',
      'build:',
      '  extends: .docker',
      'kaniko:',
      '  script:',
      '    - >-',
      '      /kaniko/executor --context "${CI_PROJECT_DIR}/web" --dockerfile "web/Dockerfile.prod"',
      '    - - cd tools',
      '      - docker build .',
      'after:',
      '  before_script: [cd far]',
      '  script: [echo]',
      '  after_script: [docker build -f x.Dockerfile .]',
    ),
    'ci/more.yml': wf('lint:', '  script: [ "docker build -t lint -f lint.Dockerfile ." ]'),
    'web/Dockerfile.prod': '',
  });
  assert.deepEqual(scanFresh(root).lines, [
    'backend/Dockerfile | . | .gitlab-ci.yml:7 gitlab-ci',
    'lint.Dockerfile | . | ci/more.yml:2 gitlab-ci',
    'tools/Dockerfile | tools | .gitlab-ci.yml:15 gitlab-ci',
    'web/Dockerfile.prod | web | .gitlab-ci.yml:13 gitlab-ci',
    'x.Dockerfile | . | .gitlab-ci.yml:19 gitlab-ci',
  ]);
});

test('cloud build: docker and kaniko steps (args, dir, substitutions), bash -c; skaffold: artifacts, profiles, requires', () => {
  const root = tree({
    'cloudbuild.yaml': wf(
      'substitutions:',
      '  _SVC: api',
      'steps:',
      "  - name: gcr.io/cloud-builders/docker",
      "    args: ['build', '-t', 'gcr.io/$PROJECT_ID/x', '-f', 'services/${_SVC}/Dockerfile', 'services/$_SVC']",
      '  - name: gcr.io/cloud-builders/docker',
      '    dir: web',
      '    args:',
      '      - build',
      '      - .',
      '  - name: gcr.io/kaniko-project/executor:latest',
      '    args: ["--context=dir:///workspace/k", "--dockerfile=k.Dockerfile"]',
      '  - name: ubuntu',
      '    entrypoint: bash',
      '    args: ["-c", "docker build -t y ./bashy"]',
    ),
    'deploy/skaffold.yaml': wf(
      'apiVersion: skaffold/v4beta1',
      'build:',
      '  artifacts:',
      '    - image: app',
      '      context: ../app',
      '      docker:',
      '        dockerfile: build/Dockerfile',
      '    - image: java',
      '      jib: {}',
      'profiles:',
      '  - name: dev',
      '    build:',
      '      artifacts:',
      '        - image: dev',
      'requires:',
      '  - path: ../e2e/e2e-config.yaml',
      '---',
      'build:',
      '  artifacts:',
      '    - image: second',
      '      context: ../second',
    ),
    'e2e/e2e-config.yaml': wf('build:', '  artifacts:', '    - image: e2e', '      context: .'),
    // kaniko finds a relative --dockerfile in the context when it is not in the current folder.
    'k/k.Dockerfile': '',
  });
  assert.deepEqual(scanFresh(root).lines, [
    'app/build/Dockerfile | app | deploy/skaffold.yaml:5 skaffold',
    'bashy/Dockerfile | bashy | cloudbuild.yaml:15 cloudbuild',
    'deploy/Dockerfile | deploy | deploy/skaffold.yaml:14 skaffold',
    'e2e/Dockerfile | e2e | e2e/e2e-config.yaml:4 skaffold',
    'k/k.Dockerfile | k | cloudbuild.yaml:12 cloudbuild',
    'second/Dockerfile | second | deploy/skaffold.yaml:21 skaffold',
    'services/api/Dockerfile | services/api | cloudbuild.yaml:5 cloudbuild',
    'web/Dockerfile | web | cloudbuild.yaml:9 cloudbuild',
  ]);
});

test('jenkins: sh steps in dir blocks, docker.build, agent dockerfile; Groovy interpolation is unknown', () => {
  const root = tree({
    Jenkinsfile: [
      'pipeline {',
      '  agent { dockerfile { filename "Dockerfile.ci"; dir "ci" } }',
      '  stages {',
      "    stage('b') {",
      '      steps {',
      "        dir('services/api') {",
      "          sh 'docker build -t api .'",
      '        }',
      '        sh """',
      '          docker build \\\\',
      '            -f web/Dockerfile web',
      '        """',
      '        sh "docker build ${env.DIR}"',
      '        script { docker.build("img:1", "-f tools/Dockerfile.tools tools") }',
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(scanFresh(root).lines, [
    'ci/Dockerfile.ci | ci | Jenkinsfile:2 jenkinsfile',
    'services/api/Dockerfile | services/api | Jenkinsfile:7 jenkinsfile',
    'tools/Dockerfile.tools | tools | Jenkinsfile:14 jenkinsfile',
    'web/Dockerfile | web | Jenkinsfile:10 jenkinsfile',
  ]);
});

test('azure pipelines: Docker@2 (buildContext, ** = the Dockerfile folder, patterns skipped), script steps with workingDirectory', () => {
  const root = tree({
    'azure-pipelines.yml': wf(
      'variables:',
      '  dir: api',
      'stages:',
      '  - stage: build',
      '    jobs:',
      '      - job: j',
      '        steps:',
      '          - task: Docker@2',
      '            inputs:',
      '              command: buildAndPush',
      '              Dockerfile: $(Build.SourcesDirectory)/$(dir)/Dockerfile',
      '          - task: Docker@2',
      '            inputs:',
      '              command: build',
      '              Dockerfile: docker/web.Dockerfile',
      '              buildContext: .',
      '          - task: Docker@2',
      '            inputs:',
      '              Dockerfile: "**/Dockerfile"',
      '          - script: docker build -t t .',
      '            workingDirectory: tools',
    ),
  });
  assert.deepEqual(scanFresh(root).lines, [
    'api/Dockerfile | api | azure-pipelines.yml:11 azure-pipelines',
    'docker/web.Dockerfile | . | azure-pipelines.yml:16 azure-pipelines',
    'tools/Dockerfile | tools | azure-pipelines.yml:20 azure-pipelines',
  ]);
});

test('devcontainer: build.dockerfile / legacy dockerFile, context default, comments and trailing commas, compose files', () => {
  const root = tree({
    '.devcontainer/devcontainer.json': '{\n  // the image\n  "name": "dev",\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": "..",\n  },\n}\n',
    '.devcontainer/py/devcontainer.json': '{ "dockerFile": "py.Dockerfile" }',
    'sub/.devcontainer.json': '{ "build": { "dockerfile": "d/Dockerfile", "context": "${localWorkspaceFolder}/d" } }',
    'svc/.devcontainer/devcontainer.json': '{ "dockerComposeFile": ["../dev-compose.yml"], "service": "app" }',
    'svc/dev-compose.yml': 'services:\n  app:\n    build: ./app\n',
    'bad/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": ',
  });
  const { lines, index } = scanFresh(root);
  assert.deepEqual(lines, [
    '.devcontainer/Dockerfile | . | .devcontainer/devcontainer.json:6 devcontainer',
    '.devcontainer/py/py.Dockerfile | .devcontainer/py | .devcontainer/py/devcontainer.json:1 devcontainer',
    'sub/d/Dockerfile | sub/d | sub/.devcontainer.json:1 devcontainer',
    'svc/app/Dockerfile | svc/app | svc/dev-compose.yml:3 compose',
  ]);
  assert.deepEqual(index.skipped.map((s) => s.why), ['invalid JSON (line 1)']);
});
