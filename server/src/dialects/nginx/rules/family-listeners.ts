// Listener reachability and socket collisions (L3/L4).
import type { NginxRule } from './types';

export const listenerRules: readonly NginxRule[] = [];
