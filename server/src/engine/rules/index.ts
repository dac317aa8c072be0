// Every rule family the engine runs, in reporting order.
import type { RuleFamily } from './rule';
import { jsonFormFamily } from './json-form';
import { limitsFamily } from './limits';
import { cmdEntrypointFamily } from './cmd-entrypoint';
import { execFormFamily } from './exec-form';
import { copyAddFamily } from './copy-add';

export const RULE_FAMILIES: readonly RuleFamily[] = [limitsFamily, jsonFormFamily, cmdEntrypointFamily, execFormFamily, copyAddFamily];
