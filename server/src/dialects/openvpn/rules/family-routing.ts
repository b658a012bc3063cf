// Routing (L3): routes, iroutes, pushed routes, topology, redirection and DNS.
import type { OpenvpnRule } from './types';

export const routingRules: readonly OpenvpnRule[] = [];
