// The nginx rules, in the order they run: the lexicon first, then one list per rule family.
import { blockMismatch } from './block-mismatch';
import { bom } from './bom';
import { duplicateDirective } from './duplicate-directive';
import { duplicateListen } from './duplicate-listen';
import { notAllowedHere } from './not-allowed-here';
import { syntax } from './syntax';
import type { NginxRule } from './types';
import { unknownDirective } from './unknown-directive';
import { wrongArgCount } from './wrong-arg-count';
import { listenerRules } from './family-listeners';
import { relayTargetRules } from './family-relay-targets';
import { tlsRules } from './family-tls';
import { httpRules } from './family-http';

export const lexiconRules: readonly NginxRule[] = [
  syntax,
  bom,
  unknownDirective,
  notAllowedHere,
  wrongArgCount,
  blockMismatch,
  duplicateDirective,
  duplicateListen,
];

export const nginxRules: readonly NginxRule[] = [...lexiconRules, ...listenerRules, ...relayTargetRules, ...tlsRules, ...httpRules];
