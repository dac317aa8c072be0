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
  /** Editor features beyond hovers and diagnostics (completion, formatting, inlay hints, …). */
  editor: EditorSettings;
}

/** Which optional editor features run: `auto` (off where another Dockerfile extension provides them), `all`, or a list. */
export type FeatureSetting = 'auto' | 'all' | string[];

export interface EditorSettings {
  /** `dockerfileNotes.features`. */
  features: FeatureSetting;
  /** Continuation-line indentation the formatter writes: the editor's (tab size, spaces or tab), a number of spaces, or a tab. */
  formatIndent: number | 'tab' | 'editor';
  inlayHints: {
    /** The argv a container of the stage runs, after its last CMD/ENTRYPOINT. */
    effectiveCommand: boolean;
    /** The absolute path of a relative COPY/ADD destination. */
    copyDestination: boolean;
    /** The value of a variable in a FROM line. */
    fromVariables: boolean;
  };
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  features: 'auto',
  formatIndent: 'editor',
  inlayHints: { effectiveCommand: true, copyDestination: false, fromVariables: false },
};

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  buildContexts: {},
  notes: { language: 'auto', paths: [], builtin: true },
  editor: DEFAULT_EDITOR_SETTINGS,
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
  /**
   * Messages about the project's files rather than this document: the build-declaration scan, which is cached
   * per project root and runs for whichever Dockerfile needs it first. `log` when absent.
   */
  logProject?: (message: string) => void;
  /** How hovers link to the bundled pages (notes, rule pages); `file` URLs when absent. */
  pageLinks?: PageLinkStyle;
  /** Polled by long work; when it returns true the work stops early. */
  isCancelled?: () => boolean;
  /**
   * A time (`Date.now()` milliseconds) after which `analyze` starts no further rule family: the ones left
   * are reported by one `analysis-incomplete` finding instead. Unset: no time budget.
   */
  deadline?: number;
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
  const settings: EngineSettings = { rules, buildContexts, notes: { language, paths, builtin }, editor: parseEditorSettings(r) };
  if (r.buildContextsFrom === 'cli') settings.buildContextsFrom = 'cli';
  return settings;
}

function parseEditorSettings(r: Record<string, unknown>): EditorSettings {
  const d = DEFAULT_EDITOR_SETTINGS;
  let features: FeatureSetting = d.features;
  if (r.features === 'all' || r.features === 'auto') features = r.features;
  else if (Array.isArray(r.features)) features = r.features.filter((f): f is string => typeof f === 'string');
  const format = isObject(r.format) ? r.format : {};
  let formatIndent: EditorSettings['formatIndent'] = d.formatIndent;
  if (format.indent === 'tab' || format.indent === 'editor') formatIndent = format.indent;
  else if (typeof format.indent === 'number' && Number.isInteger(format.indent) && format.indent >= 1 && format.indent <= 8) formatIndent = format.indent;
  const hints = isObject(r.inlayHints) ? r.inlayHints : {};
  const flag = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  return {
    features,
    formatIndent,
    inlayHints: {
      effectiveCommand: flag(hints.effectiveCommand, d.inlayHints.effectiveCommand),
      copyDestination: flag(hints.copyDestination, d.inlayHints.copyDestination),
      fromVariables: flag(hints.fromVariables, d.inlayHints.fromVariables),
    },
  };
}

/** The notes and message language: the setting, else Chinese for a `zh*` UI locale, else English. */
export function resolveLang(setting: NotesLanguage, uiLocale: string | undefined | null): Lang {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return uiLocale && /^zh/i.test(uiLocale) ? 'zh-cn' : 'en';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
