// Routing (L3): routes, iroutes, pushed routes, topology, redirection and DNS.
import { clientIgnoresRoutes } from './client-ignores-routes';
import { duplicateCnWithClientRoutes } from './duplicate-cn-with-client-routes';
import { forwardingNeedsHost } from './forwarding-needs-host';
import { pushedRouteOverlapsPool } from './pushed-route-overlaps-pool';
import { redirectWithoutDns } from './redirect-without-dns';
import { routeWithoutIroute } from './route-without-iroute';
import { topologyRouteUnreachable } from './topology-route-unreachable';
import type { OpenvpnRule } from './types';

export const routingRules: readonly OpenvpnRule[] = [
  routeWithoutIroute,
  pushedRouteOverlapsPool,
  clientIgnoresRoutes,
  duplicateCnWithClientRoutes,
  redirectWithoutDns,
  topologyRouteUnreachable,
  forwardingNeedsHost,
];
