import type { Rule } from '../../../engine/rules';
import type { SshContext } from '../analysis';

export type SshRule = Rule<SshContext>;
