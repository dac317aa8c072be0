export { lexWords, lexCommand, isBuiltin, isReservedWord } from './lexer';
export type { LexResult } from './lexer';
export { joinContinuations, trimContinuation, goTrimSpace, isGoSpace } from './continuation';
export type { EscapeChar } from './continuation';
