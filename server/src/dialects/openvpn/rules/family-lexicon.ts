// Lexicon: what openvpn itself rejects, and options in the wrong kind of file.
import type { OpenvpnRule } from './types';

export const lexiconRules: readonly OpenvpnRule[] = [];
