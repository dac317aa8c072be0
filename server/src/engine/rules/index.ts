// Every rule family the engine runs, in reporting order.
import type { RuleFamily } from './rule';
import { jsonFormFamily } from './json-form';
import { copyAddFamily } from './copy-add';
import { limitsFamily } from '../limits';

export const RULE_FAMILIES: readonly RuleFamily[] = [limitsFamily, jsonFormFamily, copyAddFamily];
