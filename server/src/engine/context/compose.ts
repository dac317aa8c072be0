// Compose files: which services build which Dockerfile with which context.
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileSystemView } from './fs';

export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

export interface ComposeBuild {
  service: string;
  context: string;
  dockerfile: string;
}

const composeCache = new Map<string, { text: string; builds: ComposeBuild[] }>();

/** `services.*.build` of one compose file, parsed once per content. */
export function composeBuilds(fs: FileSystemView, composeFile: string): ComposeBuild[] {
  const text = fs.readText(composeFile, 1024 * 1024);
  if (text === null) {
    composeCache.delete(composeFile);
    return [];
  }
  const hit = composeCache.get(composeFile);
  if (hit && hit.text === text) return hit.builds;
  const builds: ComposeBuild[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    doc = null;
  }
  const services = isObject(doc) && isObject(doc.services) ? doc.services : {};
  const dir = path.dirname(composeFile);
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const build = service.build;
    let context: unknown;
    let dockerfile: unknown;
    if (typeof build === 'string') context = build;
    else if (isObject(build)) {
      context = build.context ?? '.';
      dockerfile = build.dockerfile;
    } else continue;
    if (typeof context !== 'string' || context.includes('$') || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(context)) continue;
    if (dockerfile !== undefined && (typeof dockerfile !== 'string' || dockerfile.includes('$'))) continue;
    const contextDir = path.resolve(dir, context);
    builds.push({ service: name, context: contextDir, dockerfile: path.resolve(contextDir, (dockerfile as string | undefined) ?? 'Dockerfile') });
  }
  composeCache.set(composeFile, { text, builds });
  return builds;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
