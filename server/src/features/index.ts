// Every LSP feature the server offers, in registration order. A new feature is a file here and a line below.
import type { Feature } from '../session';
import { diagnostics } from './diagnostics';
import { hover } from './hover';
import { folding } from './folding';
import { codeActions } from './codeActions';
import { commands } from './commands';
import { buildContext } from './buildContext';
import { completion } from './completion';
import { signatureHelp } from './signatureHelp';
import { symbols } from './symbols';
import { definition, highlight, references } from './navigation';
import { rename } from './rename';
import { formatting } from './formatting';
import { links } from './links';
import { inlayHints } from './inlayHints';

export const FEATURES: readonly Feature[] = [
  diagnostics,
  hover,
  folding,
  codeActions,
  commands,
  buildContext,
  completion,
  signatureHelp,
  symbols,
  definition,
  references,
  highlight,
  rename,
  formatting,
  links,
  inlayHints,
];
