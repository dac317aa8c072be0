// Skaffold: `build.artifacts[]` (and those of `profiles[]`) in every document of `skaffold*.yaml`.
// `context` is relative to the skaffold.yaml (default `.`), `docker.dockerfile` (or `kaniko.dockerfile`)
// relative to the context (default `Dockerfile`). Artifacts built by jib, buildpacks, bazel, ko or a
// custom script have no Dockerfile. Configs named by `requires[].path` are read too.
import * as path from 'node:path';
import { readDeclarationFile } from './readFile';
import { entry, get, items, parseYamlDocuments, str } from './yamlTree';
import type { YNode } from './yamlTree';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

const accepts = (rel: string): boolean => /(^|\/)skaffold[^/]*\.ya?ml$/.test(rel);

export const skaffoldReader: DeclarationReader = {
  kind: 'skaffold',
  accepts,
  read: (input) => readSkaffold(input, 0, new Set([input.file])),
};

const NOT_DOCKERFILE = ['jib', 'buildpacks', 'bazel', 'ko', 'custom'];

function readSkaffold(input: ReaderInput, depth: number, seen: Set<string>): BuildDeclaration[] {
  const dir = path.dirname(input.file);
  const out: BuildDeclaration[] = [];
  for (const doc of parseYamlDocuments(input.text)) {
    for (const a of items(get(get(doc, 'build'), 'artifacts'))) push(a, undefined);
    for (const p of items(get(doc, 'profiles'))) {
      const profile = str(get(p, 'name'));
      for (const a of items(get(get(p, 'build'), 'artifacts'))) push(a, profile);
    }
    for (const r of items(get(doc, 'requires'))) {
      const p = str(get(r, 'path'));
      if (!p || depth >= 3 || p.includes('{{')) continue;
      let target = path.resolve(dir, p);
      if (input.fs.stat(target)?.type === 'dir') target = path.join(target, 'skaffold.yaml');
      input.dependsOn?.(target);
      // A required file the scan finds by its name is read on its own.
      if (seen.has(target) || accepts(path.basename(target))) continue;
      seen.add(target);
      const r2 = readDeclarationFile(input.fs, target);
      if ('why' in r2) continue;
      try {
        out.push(...readSkaffold({ ...input, file: target, text: r2.text }, depth + 1, seen));
      } catch (e) {
        input.log?.(`${target} (required by ${input.file}): ${(e as Error).message}`);
      }
    }
  }
  return out;

  function push(artifact: YNode, profile: string | undefined): void {
    if (artifact.kind !== 'map' || NOT_DOCKERFILE.some((k) => artifact.entries.has(k))) return;
    const ctx = entry(artifact, 'context');
    const ctxText = str(ctx?.value) ?? '.';
    const builder = get(artifact, 'docker') ?? get(artifact, 'kaniko');
    const dfText = str(get(builder, 'dockerfile')) ?? 'Dockerfile';
    if (ctxText.includes('{{') || dfText.includes('{{')) {
      input.log?.(`${input.file}:${artifact.line}: skaffold artifact skipped: a template in its context or dockerfile`);
      return;
    }
    const context = path.resolve(dir, ctxText);
    const image = str(get(artifact, 'image'));
    const decl: BuildDeclaration = {
      dockerfile: path.resolve(context, dfText),
      context,
      evidence: { file: input.file, line: ctx?.keyLine ?? artifact.line, kind: 'skaffold' },
    };
    if (image) decl.name = profile ? `${image} (profile ${profile})` : image;
    out.push(decl);
  }
}
