// The small context every engine function receives: settings, language, a read-only file-system view.
import type { Lang, PageLinkStyle, RuleLevel } from './types';
import type { FileSystemView } from './context/fs';

export type NotesLanguage = 'auto' | 'en' | 'zh-cn';

export interface EngineSettings {
  /** Per-rule level by code or alias: `off`, `hint`, `info`, `warning`, `error`. */
  rules: Record<string, RuleLevel>;
  /** `{ "<glob of Dockerfile paths>": "<context folder>" }`, relative to the workspace folder. */
  buildContexts: Record<string, string>;
  /** 'cli' when the CLI runs the analysis: contexts come from `--context`, and messages name that flag, not the editor setting. */
  buildContextsFrom?: 'cli';
  notes: {
    language: NotesLanguage;
    /** Markdown files or folders with the user's own notes. */
    paths: string[];
    builtin: boolean;
  };
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  buildContexts: {},
  notes: { language: 'auto', paths: [], builtin: true },
};

export interface AnalysisContext {
  lang: Lang;
  settings: EngineSettings;
  fs: FileSystemView;
  /** Absolute file-system path of the Dockerfile; null for unsaved (untitled) documents. */
  documentPath: string | null;
  /** Absolute path of the workspace folder holding the Dockerfile, when there is one. */
  workspaceFolder: string | null;
  /**
   * Where build declarations are looked for and how far up context inference climbs: the CLI sets the
   * repository root; unset, the workspace folder holding the Dockerfile (buildContext.ts, projectRootOf).
   */
  projectRoot?: string | null;
  /**
   * Restricted Mode (an untrusted workspace): a build context outside the workspace folder that a file of the
   * workspace declares is not used, and no folder outside it is listed or described.
   */
  restricted?: boolean;
  /** Diagnostics about the engine itself (a rule that threw, an unreadable notes file). */
  log?: (message: string) => void;
  /** How hovers link to the bundled pages (notes, rule pages); `file` URLs when absent. */
  pageLinks?: PageLinkStyle;
  /** Polled by long work; when it returns true the work stops early. */
  isCancelled?: () => boolean;
}

const LEVELS: ReadonlySet<string> = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Turns raw settings (from LSP configuration or a CLI file) into EngineSettings, ignoring bad values. */
export function parseSettings(raw: unknown): EngineSettings {
  const r = isObject(raw) ? raw : {};
  const rules: Record<string, RuleLevel> = {};
  if (isObject(r.rules)) {
    for (const [name, level] of Object.entries(r.rules)) {
      const l = typeof level === 'string' ? level.toLowerCase() : '';
      if (LEVELS.has(l)) rules[name] = (l === 'information' ? 'info' : l) as RuleLevel;
    }
  }
  const buildContexts: Record<string, string> = {};
  if (isObject(r.buildContexts)) {
    for (const [glob, dir] of Object.entries(r.buildContexts)) {
      if (typeof dir === 'string' && dir.trim()) buildContexts[glob] = dir;
    }
  }
  const notesRaw = isObject(r.notes) ? r.notes : {};
  const language: NotesLanguage =
    notesRaw.language === 'en' || notesRaw.language === 'zh-cn' ? notesRaw.language : 'auto';
  const paths = Array.isArray(notesRaw.paths)
    ? notesRaw.paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  const builtin = notesRaw.builtin === false ? false : true;
  const settings: EngineSettings = { rules, buildContexts, notes: { language, paths, builtin } };
  if (r.buildContextsFrom === 'cli') settings.buildContextsFrom = 'cli';
  return settings;
}

/** The notes and message language: the setting, else Chinese for a `zh*` UI locale, else English. */
export function resolveLang(setting: NotesLanguage, uiLocale: string | undefined | null): Lang {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return uiLocale && /^zh/i.test(uiLocale) ? 'zh-cn' : 'en';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
