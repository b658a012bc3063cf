// Listener reachability and socket collisions (L3/L4).
import { defaultServerConflict } from './default-server-conflict';
import { httpStreamSocketClash } from './http-stream-socket-clash';
import { listenIpv6Only } from './listen-ipv6-only';
import { listenLoopbackOnly } from './listen-loopback-only';
import { listenPortRange } from './listen-port-range';
import { listenUnownedAddress } from './listen-unowned-address';
import { privilegedPort } from './privileged-port';
import { streamSocketShared } from './stream-socket-shared';
import type { NginxRule } from './types';

export const listenerRules: readonly NginxRule[] = [
  listenLoopbackOnly,
  listenUnownedAddress,
  listenIpv6Only,
  listenPortRange,
  privilegedPort,
  httpStreamSocketClash,
  streamSocketShared,
  defaultServerConflict,
];
