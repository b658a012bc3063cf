// Relay targets and included fragments (L3/L4).
import type { NginxRule } from './types';

export const relayTargetRules: readonly NginxRule[] = [];
