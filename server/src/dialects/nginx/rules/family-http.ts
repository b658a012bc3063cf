// HTTP semantics a relay needs, and L7 directives inside L4 proxies (L7/L4).
import { l7InStream } from './l7-in-stream';
import type { NginxRule } from './types';

export const httpRules: readonly NginxRule[] = [l7InStream];
