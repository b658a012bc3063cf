// Relay targets and included fragments (L3/L4).
import { emptyUpstream } from './empty-upstream';
import { includeCycle } from './include-cycle';
import { includeNotFound } from './include-not-found';
import { proxyLoop } from './proxy-loop';
import { streamProxyPassScheme } from './stream-proxy-pass-scheme';
import { targetWithoutPort } from './target-without-port';
import type { NginxRule } from './types';
import { undefinedUpstream } from './undefined-upstream';
import { variableTargetWithoutResolver } from './variable-target-without-resolver';

export const relayTargetRules: readonly NginxRule[] = [
  includeNotFound,
  includeCycle,
  streamProxyPassScheme,
  targetWithoutPort,
  undefinedUpstream,
  emptyUpstream,
  proxyLoop,
  variableTargetWithoutResolver,
];
