// Every rule family the engine runs, in reporting order.
import type { RuleFamily } from './rule';
import { jsonFormFamily } from './json-form';

export const RULE_FAMILIES: readonly RuleFamily[] = [jsonFormFamily];
