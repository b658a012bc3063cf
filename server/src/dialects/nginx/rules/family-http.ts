// HTTP semantics a relay needs, and L7 directives inside L4 proxies (L7/L4).
import { forwardingHeaders } from './forwarding-headers';
import { grpcWithoutHttp2 } from './grpc-without-http2';
import { l7InStream } from './l7-in-stream';
import { realipTrustsAll } from './realip-trusts-all';
import type { NginxRule } from './types';
import { upstreamKeepaliveUnused } from './upstream-keepalive-unused';
import { websocketNeedsHttp11 } from './websocket-needs-http11';

export const httpRules: readonly NginxRule[] = [l7InStream, websocketNeedsHttp11, upstreamKeepaliveUnused, grpcWithoutHttp2, forwardingHeaders, realipTrustsAll];
