// Dev containers: `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json` and
// `.devcontainer.json` (JSON with comments). `build.dockerfile` (or the older top-level `dockerFile`) and
// `build.context` (or `context`) are relative to the devcontainer.json's folder; the context defaults to
// that folder. `dockerComposeFile` names compose files, which the compose reader reads.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { isRemoteContext } from './paths';
import { lineOf, lineStarts } from './readFile';
import type { BuildDeclaration, DeclarationReader, ReaderInput } from './types';

export const devcontainerReader: DeclarationReader = {
  kind: 'devcontainer',
  accepts: (rel) => /(^|\/)(\.devcontainer\/([^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/.test(rel),
  read: readDevcontainer,
};

export class JsonError extends Error {}

/** Parses JSON with comments and trailing commas; throws JsonError when it is not that. */
export function parseJsonc(text: string): JsonNode {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree || errors.length) {
    const at = errors[0] ? lineOf(lineStarts(text), errors[0].offset) : 1;
    throw new JsonError(`invalid JSON (line ${at})`);
  }
  return tree;
}

function readDevcontainer(input: ReaderInput): BuildDeclaration[] {
  const tree = parseJsonc(input.text);
  const starts = lineStarts(input.text);
  const dir = path.dirname(input.file);
  // The folder opened in the editor: the one holding `.devcontainer/` (or `.devcontainer.json`).
  const workspace = path.basename(dir) === '.devcontainer' ? path.dirname(dir) : path.basename(path.dirname(dir)) === '.devcontainer' ? path.dirname(path.dirname(dir)) : dir;
  let unknown: string | undefined;
  const at = (...keys: string[]): { value: string; line: number } | undefined => {
    const node = findNodeAtLocation(tree, keys);
    if (node?.type !== 'string' || !node.parent) return undefined;
    const value = String(node.value).replace(/\$\{(localWorkspaceFolder|containerWorkspaceFolder|[^}]*)\}/g, (m, v: string) => {
      if (v === 'localWorkspaceFolder') return workspace;
      unknown ??= m;
      return m;
    });
    return { value, line: lineOf(starts, node.parent.offset) };
  };
  const compose = findNodeAtLocation(tree, ['dockerComposeFile']);
  const composeFiles = compose?.type === 'string' ? [compose] : compose?.type === 'array' ? compose.children ?? [] : [];
  for (const c of composeFiles) if (c.type === 'string') input.composeRef?.({ file: path.resolve(dir, String(c.value)) });
  const dockerfile = at('build', 'dockerfile') ?? at('dockerFile');
  if (!dockerfile) return [];
  const context = at('build', 'context') ?? at('context');
  if (context && isRemoteContext(context.value)) return [];
  if (unknown) {
    input.log?.(`${input.file}: ${unknown} cannot be resolved here; build skipped`);
    return [];
  }
  const decl: BuildDeclaration = {
    dockerfile: path.resolve(dir, dockerfile.value),
    context: path.resolve(dir, context?.value ?? '.'),
    evidence: { file: input.file, line: (context ?? dockerfile).line, kind: 'devcontainer' },
  };
  const name = findNodeAtLocation(tree, ['name']);
  if (name?.type === 'string') decl.name = String(name.value);
  return [decl];
}
