// Path helpers every reader shares.
import * as path from 'node:path';

/** A build context that is not a folder on this machine: a URL, a git address, stdin. */
export function isRemoteContext(s: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ||
    /^git@/i.test(s) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(s) ||
    /\.git(#.*)?$/i.test(s)
  );
}

/** `to` inside `base` (or equal to it). */
export function isInside(base: string, to: string): boolean {
  const rel = path.relative(base, to);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Path relative to the root with forward slashes, for `accepts` and messages. */
export function relPosix(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** Base names a Dockerfile gets by default in a context: `Dockerfile` (docker), `Containerfile` first (podman, buildah). */
export function defaultDockerfile(context: string, preferContainerfile: boolean, exists: (p: string) => boolean): string {
  if (preferContainerfile) {
    const containerfile = path.join(context, 'Containerfile');
    if (exists(containerfile)) return containerfile;
  }
  return path.join(context, 'Dockerfile');
}
