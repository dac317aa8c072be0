// The first line of the "Dockerfile Notes" output channel: which server runs (version, Node), the settings
// it works with, and the builds it found declared in the workspace, so a user (or a bug report) can tell at a
// glance what the hovers and checks are based on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineSettings } from '../engine/context';
import { resolveLang } from '../engine/context';
import { scanDeclarations } from '../engine/context/declarations';
import { packageRoot } from '../engine/notes/pages';
import type { ServerSession } from '../session';
import { pathToUri } from '../uri';

/** Called once the client is initialized; the line follows shortly, after the editor's first requests. */
export function scheduleStartLine(session: ServerSession): void {
  // The workspace scan must not delay the first diagnostics.
  setTimeout(() => void logStart(session).catch((e) => session.log(`start summary failed: ${(e as Error)?.message ?? e}`)), 50);
}

async function logStart(session: ServerSession): Promise<void> {
  const folder = session.workspaceFolders[0];
  const settings = await session.settingsFor(folder ? pathToUri(path.join(folder, 'Dockerfile')) : 'untitled:Dockerfile');
  session.connection.console.info(startLine(session, settings));
}

/** `Dockerfile Notes 0.1.0 on Node v20.11.1 · language en (auto) · …` */
export function startLine(session: ServerSession, settings: EngineSettings): string {
  const { notes } = settings;
  const lang = resolveLang(notes.language, session.uiLocale);
  const parts = [
    `Dockerfile Notes ${packageVersion()} started on Node ${process.version}`,
    `language ${lang}${notes.language === 'auto' ? ` (auto, editor ${session.uiLocale ?? 'unknown'})` : ''}`,
    `built-in notes ${notes.builtin ? 'on' : 'off'}`,
    `notes paths ${notes.paths.length}`,
    `rule levels set ${Object.keys(settings.rules).length}`,
    `buildContexts entries ${Object.keys(settings.buildContexts).length}`,
    `workspace folders ${session.workspaceFolders.length}`,
    buildsFound(session),
  ];
  return parts.join(' · ');
}

/** `declared builds: 3 Dockerfiles with a context (2 compose files)`, over every workspace folder. */
function buildsFound(session: ServerSession): string {
  let dockerfiles = 0;
  let files = 0;
  let skipped = 0;
  for (const folder of session.workspaceFolders) {
    const index = scanDeclarations(session.fileSystem, folder);
    dockerfiles += index.byDockerfile.size;
    files += index.files.length;
    skipped += index.skipped.length;
  }
  const partial = skipped ? ', scan stopped early' : '';
  return `declared builds: ${dockerfiles} Dockerfile${dockerfiles === 1 ? '' : 's'} with a context (${files} compose file${files === 1 ? '' : 's'}${partial})`;
}

function packageVersion(): string {
  const root = packageRoot();
  try {
    const version = root ? (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown }).version : null;
    return typeof version === 'string' ? version : 'unknown version';
  } catch {
    return 'unknown version';
  }
}
