// What ADD does with a source that is not a path in the build context, told the way BuildKit decides it
// (frontend/dockerfile/dockerfile2llb/convert_copy.go and dfgitutil/git_ref.go in moby/buildkit):
// - a Git repository: `git@host:path` or `ssh://…`/`git://…`, or an `http(s)://` URL whose path (before
//   `?` and `#`) ends in `.git`, e.g. `https://github.com/org/repo.git?ref=v1` or `…/repo.git#v1:docs`;
// - a download: any other URL starting with `http://` or `https://` (lower case). Its file gets mode 600
//   unless `--chmod` is given, and an archive is unpacked only with `--unpack=true`;
// - anything else (`ftp://…` too) is a path in the build context.
import type { CopyInstruction } from '../../model/copyArgs';
import { flagValue, hasFlag } from '../../model/copyArgs';
import type { Lang } from '../../types';
import { say } from './strings';

export type RemoteKind = 'git' | 'url' | 'other-scheme' | null;

export function remoteKind(source: string): RemoteKind {
  if (/^[\w.-]+@[\w.-]+:/.test(source) && !source.includes('://')) return 'git';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(source)?.[1];
  if (!scheme) return null;
  const lower = scheme.toLowerCase();
  if (lower === 'git' || lower === 'ssh') return 'git';
  if (lower === 'http' || lower === 'https') {
    const pathPart = source.slice(scheme.length + 3).replace(/[?#].*$/, '');
    const slash = pathPart.indexOf('/');
    if (slash >= 0 && pathPart.slice(slash).endsWith('.git')) return 'git';
    // BuildKit matches the prefixes `http://` and `https://` as written: `HTTP://…` is a path.
    return scheme === lower ? 'url' : 'other-scheme';
  }
  return 'other-scheme';
}

/**
 * The hover sentence for an ADD source that BuildKit fetches (or, for another scheme, does not), or null
 * for a plain path. Mode and unpacking follow `--chmod` and `--unpack` of this instruction.
 */
export function remoteSourceLine(lang: Lang, copy: CopyInstruction, source: string, windows: boolean): string | null {
  const kind = remoteKind(source);
  if (!kind) return null;
  if (kind === 'other-scheme') return say(lang, 'sourceOtherScheme');
  if (kind === 'git') return say(lang, boolFlag(copy, 'keep-git-dir') ? 'sourceGitKeep' : 'sourceGit');
  const chmod = flagValue(copy, 'chmod');
  const unpacks = boolFlag(copy, 'unpack');
  const mode = windows ? say(lang, 'urlModeWindows') : chmod ? say(lang, 'urlModeChmod', { mode: chmod }) : say(lang, 'urlMode600');
  return say(lang, unpacks ? 'sourceUrlUnpack' : 'sourceUrl', { mode: { md: mode } });
}

/** A boolean flag: `--unpack` and `--unpack=true` are true; absent or `=false` are false. */
function boolFlag(copy: CopyInstruction, name: string): boolean {
  if (!hasFlag(copy, name)) return false;
  const value = flagValue(copy, name);
  return value === null || value === undefined || value.toLowerCase() === 'true' || value === '1';
}
