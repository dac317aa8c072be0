// What this project knows about well-known base images, from their reference alone: the operating system,
// which shell `/bin/sh` is, and whether the image sets an ENTRYPOINT of its own. Unknown stays unknown
// (null): the callers then say "on Debian-based images" or keep the shell, never guess.
//
// /bin/sh per family (checked against the images' Dockerfiles and by running the shells):
//  - Debian and Ubuntu, and the official images built on them (python, node, golang, ruby, php, openjdk,
//    eclipse-temurin, nginx, postgres, redis, …): dash, which stays the parent of the command it runs;
//  - Alpine, BusyBox and every `*-alpine*` tag: BusyBox ash, which replaces itself with the last simple
//    command of the script;
//  - Fedora, CentOS, RHEL/UBI, Amazon Linux, Rocky, Alma, Oracle Linux, openSUSE: bash, which does too;
//  - distroless (not `:debug`), scratch, Chainguard's static: no shell at all.

export type ShFlavour = 'dash' | 'ash' | 'bash' | 'none';

export interface ImageRef {
  /** Registry host when the reference names one (`mcr.microsoft.com`), else null (Docker Hub). */
  registry: string | null;
  /** Repository path, lower-cased, without `docker.io/` and `library/`: `python`, `gcr.io/distroless/static` → `distroless/static`. */
  repo: string;
  /** Tag, lower-cased ('' when absent). */
  tag: string;
}

export function parseImageRef(reference: string): ImageRef | null {
  let ref = reference.trim().toLowerCase();
  if (!ref || ref.includes('$')) return null;
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  let tag = '';
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  let registry: string | null = null;
  const first = ref.split('/')[0];
  if (ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    ref = ref.slice(first.length + 1);
  }
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = null;
  if (registry === null && ref.startsWith('library/')) ref = ref.slice('library/'.length);
  return { registry, repo: ref, tag };
}

/** Tag words (`3.12-slim-bookworm` → 3.12, slim, bookworm). */
function tagWords(tag: string): string[] {
  return tag.split(/[-_.]/).filter(Boolean);
}

const WINDOWS_TAG = /(^|[-_.])(windowsservercore|nanoserver|servercore|ltsc20\d\d|windowsserver)([-_.]|$)/;
const WINDOWS_REPOS = new Set([
  'microsoft/iis', 'microsoft/windowsservercore', 'microsoft/nanoserver', 'microsoft/dotnet-framework',
  'microsoft/aspnet', 'microsoft/wcf', 'microsoft/mssql-server-windows', 'microsoft/mssql-server-windows-developer',
  'microsoft/mssql-server-windows-express', 'microsoft/dotnet-framework-samples', 'microsoft/powershell:nanoserver',
]);

/** The image is a Windows one by its name: mcr windows/*, .NET Framework, the old microsoft/* Windows repos, Windows tags. */
export function isWindowsImage(reference: string): boolean {
  const ref = parseImageRef(reference);
  if (!ref) return false;
  if (WINDOWS_TAG.test(ref.tag)) return true;
  if (ref.registry === 'mcr.microsoft.com') {
    return ref.repo === 'windows' || ref.repo.startsWith('windows/') || ref.repo.startsWith('dotnet/framework/');
  }
  return ref.registry === null && WINDOWS_REPOS.has(ref.repo);
}

const DASH_REPOS = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk',
  'eclipse-temurin', 'nginx', 'httpd', 'postgres', 'redis', 'mongo', 'rabbitmq', 'memcached', 'tomcat',
  'wordpress', 'gcc', 'maven', 'gradle', 'julia', 'r-base', 'haskell', 'elixir', 'erlang', 'swift', 'drupal',
]);
const ASH_REPOS = new Set(['alpine', 'busybox', 'docker']);
const BASH_REPOS = new Set([
  'fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux', 'amazoncorretto', 'archlinux',
  'photon', 'redhat/ubi8', 'redhat/ubi9', 'redhat/ubi8-minimal', 'redhat/ubi9-minimal', 'rockylinux/rockylinux',
  'opensuse/leap', 'opensuse/tumbleweed', 'centos/centos', 'fedora/fedora',
]);
const DEBIAN_TAG_WORDS = new Set([
  'slim', 'bookworm', 'bullseye', 'buster', 'stretch', 'trixie', 'jammy', 'focal', 'noble', 'bionic', 'xenial',
]);
const BASH_TAG_WORDS = /^(ubi\d*|oracle|oraclelinux\d*|amazoncorretto|al2\d*|centos\d*|fedora\d*|rockylinux\d*|almalinux\d*|azurelinux\d*|cbl|mariner\d*)$/;

/** `/bin/sh` of an image by its reference (null: not known). */
export function imageSh(reference: string): ShFlavour | null {
  const ref = parseImageRef(reference);
  if (!ref) return null;
  if (ref.registry === null && ref.repo === 'scratch') return 'none';
  const words = tagWords(ref.tag);
  if (ref.registry === 'gcr.io' && ref.repo.startsWith('distroless/')) return words.includes('debug') ? 'ash' : 'none';
  if (ref.registry === 'cgr.dev' && ref.repo.startsWith('chainguard/')) {
    if (ref.repo === 'chainguard/static') return 'none';
    return words.includes('dev') ? 'ash' : null;
  }
  const known =
    (ref.registry === null && (DASH_REPOS.has(ref.repo) || ASH_REPOS.has(ref.repo) || BASH_REPOS.has(ref.repo))) ||
    (ref.registry === 'mcr.microsoft.com' && ref.repo.startsWith('dotnet/') && !ref.repo.startsWith('dotnet/framework/')) ||
    ((ref.registry === 'registry.access.redhat.com' || ref.registry === 'registry.redhat.io') && /^(ubi\d+|rhel\d+)(\/|$)/.test(ref.repo)) ||
    (ref.registry === 'quay.io' && /^centos\/centos$/.test(ref.repo));
  if (!known || isWindowsImage(reference)) return null;
  // The tag names a variant built on another distribution: python:3.12-alpine, openjdk:17-oracle.
  if (words.some((w) => w.startsWith('alpine'))) return 'ash';
  if (words.some((w) => BASH_TAG_WORDS.test(w))) return 'bash';
  if (ref.registry === null && ASH_REPOS.has(ref.repo)) return 'ash';
  if (ref.registry === null && BASH_REPOS.has(ref.repo)) return 'bash';
  if (ref.registry !== null && ref.registry !== 'mcr.microsoft.com') return 'bash';
  if (ref.registry === null && ref.repo === 'amazoncorretto') return 'bash';
  if (words.some((w) => DEBIAN_TAG_WORDS.has(w)) || ref.registry === null || ref.registry === 'mcr.microsoft.com') return 'dash';
  return null;
}

/** Official images with no ENTRYPOINT of their own (their CMD runs as it is). */
const NO_ENTRYPOINT = new Set([
  'scratch', 'debian', 'ubuntu', 'alpine', 'busybox', 'buildpack-deps', 'python', 'golang', 'ruby', 'perl', 'rust',
  'openjdk', 'gcc', 'httpd', 'tomcat', 'fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux',
  'archlinux', 'redhat/ubi8', 'redhat/ubi9', 'redhat/ubi8-minimal', 'redhat/ubi9-minimal',
]);
/** Official images whose ENTRYPOINT is a script that looks at its first argument before it runs the CMD. */
const HAS_ENTRYPOINT = new Set([
  'node', 'nginx', 'postgres', 'redis', 'mongo', 'mysql', 'mariadb', 'rabbitmq', 'memcached', 'php', 'wordpress',
  'maven', 'eclipse-temurin', 'haproxy', 'traefik', 'elasticsearch', 'docker',
]);

/**
 * Whether the image sets an ENTRYPOINT, which then receives the CMD as its arguments: 'none', 'some',
 * or null when this project does not know the image.
 */
export function imageEntrypoint(reference: string): 'none' | 'some' | null {
  const ref = parseImageRef(reference);
  if (!ref) return null;
  if (ref.registry === null && NO_ENTRYPOINT.has(ref.repo)) return 'none';
  if (ref.registry === null && HAS_ENTRYPOINT.has(ref.repo)) return 'some';
  if (ref.registry === 'mcr.microsoft.com' && /^dotnet\/(sdk|runtime|aspnet|runtime-deps)$/.test(ref.repo)) return 'none';
  if ((ref.registry === 'registry.access.redhat.com' || ref.registry === 'registry.redhat.io') && /^ubi\d+(\/ubi)?(-minimal|-micro)?$|^ubi\d+\/ubi(-minimal|-micro)?$/.test(ref.repo)) return 'none';
  return null;
}

/** How a message names a shell flavour. */
export function shName(sh: ShFlavour): string {
  return sh === 'ash' ? 'BusyBox ash' : sh;
}
