import type { Rule } from '../../../engine/rules';
import type { OpenvpnContext } from '../analysis';

export type OpenvpnRule = Rule<OpenvpnContext>;
