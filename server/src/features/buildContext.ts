// The build context of a Dockerfile for the client: what the status bar shows and the folder picker offers
// (dockerfileNotes/buildContext), and the settings entry that makes a chosen folder the context
// (dockerfileNotes/buildContextSetting; the client writes it, the server then validates again).
import * as path from 'node:path';
import type { AnalysisContext } from '../engine/context';
import { buildContextsEntry, resolveBuildContexts } from '../engine/context/buildContext';
import type { BuildContext } from '../engine/context/buildContext';
import { shownPath } from '../engine/features/hover/copyTarget';
import { originSentence } from '../engine/rules/copy-add-context';
import { BUILD_CONTEXT_REQUEST, BUILD_CONTEXT_SETTING_REQUEST } from '../protocol';
import type { BuildContextEntry, BuildContextInfo, BuildContextParams, BuildContextSetting, BuildContextSettingParams } from '../protocol';
import type { Feature, ServerSession } from '../session';
import { pathToUri, uriToPath } from '../uri';

export const buildContext: Feature = {
  register(session) {
    session.connection.onRequest(BUILD_CONTEXT_REQUEST, async (params: BuildContextParams, token): Promise<BuildContextInfo | null> => {
      if (typeof params?.uri !== 'string') return null;
      const settings = await session.settingsFor(params.uri);
      if (token.isCancellationRequested) return null;
      return session.runSafe(() => describe(session, params.uri, session.contextFor(params.uri, settings, token)), null, 'buildContext');
    });
    session.connection.onRequest(BUILD_CONTEXT_SETTING_REQUEST, (params: BuildContextSettingParams): BuildContextSetting | null => {
      const dockerfile = typeof params?.uri === 'string' ? uriToPath(params.uri) : null;
      if (!dockerfile || typeof params.folder !== 'string' || !path.isAbsolute(params.folder)) return null;
      const folder = session.workspaceFolderOf(dockerfile);
      if (!folder) return null;
      return { scopeUri: pathToUri(folder), ...buildContextsEntry(folder, dockerfile, path.resolve(params.folder)) };
    });
  },
};

function describe(session: ServerSession, uri: string, ctx: AnalysisContext): BuildContextInfo | null {
  const open = session.documents.get(uri);
  const resolution = resolveBuildContexts(ctx, open ? session.cache.get(open) : undefined, { candidates: true });
  if (!resolution) return null;
  const entry = (c: BuildContext): BuildContextEntry => {
    const d = c.declarations?.[0];
    return {
      root: c.sealed ? '' : c.root,
      label: c.sealed ? '' : shownPath(c.root, ctx.workspaceFolder),
      origin: c.origin,
      certain: c.certain,
      description: originSentence(ctx, c),
      evidence: d ? { file: d.evidence.file, line: d.evidence.line, kind: d.evidence.kind, ...(d.name ? { name: d.name } : {}) } : null,
      sealed: c.sealed,
    };
  };
  const contexts = resolution.contexts.map(entry);
  return {
    uri,
    ...contexts[0],
    contexts,
    candidates: resolution.candidates.map((c) => ({ root: c.root, label: shownPath(c.root, ctx.workspaceFolder), found: c.found })),
    sources: resolution.sources,
    workspaceFolder: session.workspaceFolderOf(ctx.documentPath),
    restricted: !!ctx.restricted,
  };
}
