// Code actions: quick fixes for the findings in the request, refactors for the range, and the
// `source.fixAll` action that applies every safe fix.
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { codeActions as engineCodeActions } from '../engine/analysis/analyze';
import { safeFixEdits } from '../engine/features/edits';
import type { Fix } from '../engine/types';
import { SET_BUILD_CONTEXT_COMMAND, SOURCE, SOURCE_FIX_ALL_KIND } from '../protocol';
import type { Feature } from '../session';
import { fromDiagnostic } from './diagnostics';

export const codeActions: Feature = {
  capabilities: {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, SOURCE_FIX_ALL_KIND] },
  },
  register(session) {
    session.connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return [];
      const settings = await session.settingsFor(document.uri);
      if (token.isCancellationRequested) return [];
      return session.runSafe(() => {
        const parsed = session.cache.get(document);
        const ctx = session.contextFor(document.uri, settings, token);
        const only = params.context.only;
        const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
        const actions: CodeAction[] = [];
        if (wants(SOURCE_FIX_ALL_KIND) && only) {
          const all = session.currentFindings(document, parsed, ctx);
          const edits = safeFixEdits(engineCodeActions(parsed, ctx, fullRange(parsed.lineCount()), all));
          if (edits.length) {
            actions.push({ title: 'Fix all safe problems (Dockerfile Notes)', kind: SOURCE_FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
          }
          return actions;
        }
        // Diagnostics from an older version (the client's view can lag) would fix the wrong text: keep only
        // those the current version still has, same code and same range.
        const current = session.currentFindings(document, parsed, ctx);
        const diagnostics = params.context.diagnostics.filter(
          (d) => d.source === SOURCE && current.some((f) => f.code === d.code && sameRange(f.range, d.range)),
        );
        const findings = diagnostics.map(fromDiagnostic);
        const fixes = engineCodeActions(parsed, ctx, params.range, findings).filter((f) => wants(f.kind));
        // A refactor that makes exactly the edits of a quick fix on offer would show twice in the menu.
        const quickFixEdits = new Set(fixes.filter((f) => f.kind === 'quickfix').map((f) => JSON.stringify(f.edits)));
        for (const fix of fixes) {
          if (fix.kind !== 'quickfix' && quickFixEdits.has(JSON.stringify(fix.edits))) continue;
          // A refused fix is only worth showing where the client can grey it out with its reason.
          if (fix.behaviour === 'refused' && !session.canShowDisabledActions) continue;
          actions.push(toCodeAction(fix, document.uri, diagnostics));
        }
        return actions;
      }, [], 'codeAction');
    });
  },
};

/**
 * One engine fix as an LSP code action. A refused fix carries no edit and `disabled.reason`; a fix that
 * changes what runs is never preferred (VS Code's "auto fix" applies preferred ones) and its title says so.
 * A fix with a command runs the client's folder picker / settings writer (client/src/buildContext.ts).
 */
export function toCodeAction(fix: Fix, uri: string, diagnostics: Diagnostic[]): CodeAction {
  const action: CodeAction = { title: fix.title, kind: fix.kind };
  if (fix.behaviour === 'refused') action.disabled = { reason: fix.disabledReason ?? fix.title };
  else if (fix.edits.length > 0 || !fix.command) action.edit = { changes: { [uri]: fix.edits } };
  if (fix.command && fix.behaviour !== 'refused') {
    action.command = { title: fix.title, command: SET_BUILD_CONTEXT_COMMAND, arguments: fix.command.folder ? [uri, fix.command.folder] : [uri] };
  }
  if (fix.isPreferred && fix.behaviour !== 'changes' && fix.behaviour !== 'refused') action.isPreferred = true;
  if (fix.fixes) {
    const target = fix.fixes;
    const matched = diagnostics.filter(
      (d) => d.code === target.code && d.range.start.line === target.range.start.line && d.range.start.character === target.range.start.character,
    );
    if (matched.length) action.diagnostics = matched;
  }
  return action;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

export function fullRange(lineCount: number) {
  return { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } };
}
