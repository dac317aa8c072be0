// The web page of an image reference, for the registries whose page addresses follow from the name:
// Docker Hub (`hub.docker.com/_/<name>` for official images, `hub.docker.com/r/<namespace>/<name>`),
// GitHub (`ghcr.io/<owner>/<name>` opens the package page), Quay (`quay.io/repository/<path>`) and the
// Microsoft Artifact Registry (`mcr.microsoft.com/en-us/artifact/mar/<path>`). Null for anything else.

export interface ImageName {
  /** Registry host; `docker.io` when the reference names none. */
  registry: string;
  /** Repository path without registry, tag or digest (`library/node`, `owner/app`). */
  path: string;
}

/** Splits a reference the way Docker does: a first element with `.` or `:`, or `localhost`, is a registry. */
export function parseImageName(reference: string): ImageName | null {
  let ref = reference.trim();
  if (!ref || /[\s$]/.test(ref)) return null;
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.some((p) => p === '')) return null;
  let registry = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) registry = parts.shift()!.toLowerCase();
  if (!parts.every((p) => /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(p))) return null;
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    registry = 'docker.io';
    if (parts.length === 1) parts.unshift('library');
  }
  return { registry, path: parts.join('/') };
}

export function imagePageUrl(reference: string): string | null {
  const image = parseImageName(reference);
  if (!image) return null;
  const { registry, path } = image;
  switch (registry) {
    case 'docker.io':
      return path.startsWith('library/') && path.split('/').length === 2
        ? `https://hub.docker.com/_/${path.slice('library/'.length)}`
        : `https://hub.docker.com/r/${path}`;
    case 'ghcr.io':
      return `https://ghcr.io/${path}`;
    case 'quay.io':
      return `https://quay.io/repository/${path}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/en-us/artifact/mar/${path}`;
    default:
      return null;
  }
}
