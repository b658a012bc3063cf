// TLS versus ports and upstream TLS (L5-6).
import type { NginxRule } from './types';

export const tlsRules: readonly NginxRule[] = [];
