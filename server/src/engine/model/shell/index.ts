export { lexWords, lexCommand, isBuiltin, isReservedWord } from './lexer';
export type { LexResult } from './lexer';
export { joinContinuations, joinContinuationsMapped, trimContinuation, goTrimSpace, goTrimLeftSpace, isGoSpace } from './continuation';
export type { EscapeChar, JoinedText } from './continuation';
