// The Docker documentation page for each note: the section of the Dockerfile reference for an
// instruction, flag or directive, and the closest official page for a topic. Every anchor below is one
// the Dockerfile reference itself links to (frontend/dockerfile/docs/reference.md in moby/buildkit).
import type { NoteKind } from './builtin';

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** Flags whose section is under ADD or RUN rather than COPY; every other COPY/ADD flag is under COPY. */
const FLAG_SECTIONS: Readonly<Record<string, string>> = {
  from: 'copy---from',
  chown: 'copy---chown',
  chmod: 'copy---chmod',
  link: 'copy---link',
  parents: 'copy---parents',
  exclude: 'copy---exclude',
  checksum: 'add---checksum',
  'keep-git-dir': 'add---keep-git-dir',
  unpack: 'add---unpack',
  mount: 'run---mount',
  network: 'run---network',
  security: 'run---security',
  platform: 'from',
};

const TOPIC_PAGES: Readonly<Record<string, string>> = {
  'build-context': 'https://docs.docker.com/build/building/context/',
  dockerignore: 'https://docs.docker.com/build/building/context/#dockerignore-files',
  'shell-vs-exec': `${REFERENCE}#shell-and-exec-form`,
  'entrypoint-cmd': `${REFERENCE}#understand-how-cmd-and-entrypoint-interact`,
  'foreground-process': `${REFERENCE}#entrypoint`,
  'docker-run': 'https://docs.docker.com/reference/cli/docker/container/run/',
  'load-vs-import': 'https://docs.docker.com/reference/cli/docker/image/load/',
};

export function referenceUrl(kind: NoteKind, name: string): string | null {
  switch (kind) {
    case 'instructions':
      return `${REFERENCE}#${name === 'maintainer' ? 'maintainer-deprecated' : name}`;
    case 'directives':
      return `${REFERENCE}#${name}`;
    case 'flags':
      if (name.startsWith('healthcheck-')) return `${REFERENCE}#healthcheck`;
      return FLAG_SECTIONS[name] ? `${REFERENCE}#${FLAG_SECTIONS[name]}` : null;
    case 'topics':
      return TOPIC_PAGES[name] ?? null;
  }
}
