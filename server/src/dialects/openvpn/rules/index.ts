// The OpenVPN rules, one list per family.
import { lexiconRules } from './family-lexicon';
import { routingRules } from './family-routing';
import { transportRules } from './family-transport';
import type { OpenvpnRule } from './types';

export const openvpnRules: readonly OpenvpnRule[] = [...lexiconRules, ...routingRules, ...transportRules];
