import type { Rule } from '../../../engine/rules';
import type { NginxContext } from '../analysis';

export type NginxRule = Rule<NginxContext>;
