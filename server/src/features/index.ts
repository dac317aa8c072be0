// Every LSP feature the server offers, in registration order. A new feature is a file here and a line below.
import type { Feature } from '../session';
import { diagnostics } from './diagnostics';
import { hover } from './hover';
import { folding } from './folding';
import { codeActions } from './codeActions';
import { commands } from './commands';
import { buildContext } from './buildContext';

export const FEATURES: readonly Feature[] = [diagnostics, hover, folding, codeActions, commands, buildContext];
