// Transport, exposure and crypto (L4-L6), and client/server pairing.
import type { OpenvpnRule } from './types';

export const transportRules: readonly OpenvpnRule[] = [];
