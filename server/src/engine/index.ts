// The engine's public surface: pure functions from a parsed Dockerfile and a small context to plain results.
export * from './types';
export { parseDocument } from './document';
export type { ParsedDocument, Stage } from './document';
export { analyze, analyzeText, codeActions } from './analyze';
export { hover } from './hover';
export type { HoverResult } from './hover';
export { parseSettings, resolveLang, DEFAULT_SETTINGS } from './context';
export type { AnalysisContext, EngineSettings } from './context';
export { RULES, getRule, findRule, docsUrl } from './catalog';
export { CachedNodeFileSystem } from './fs';
export type { FileSystemView } from './fs';
