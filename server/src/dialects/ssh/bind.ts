// Where a forward's listening socket really binds, as OpenSSH decides it
// (channel_fwd_bind_addr in channels.c): the requested address and the GatewayPorts setting.
export type GatewayPorts = 'no' | 'yes' | 'clientspecified';

export interface Bind {
  scope: 'loopback' | 'all interfaces' | 'address';
  address?: string;
}

const LOCALHOST_LITERALS = new Set(['127.0.0.1', '::1']);

/** The address a client sends for a RemoteForward: none -> "localhost", '' or '*' -> "". */
export function requestedRemoteAddress(host: string | undefined): string {
  if (host === undefined) return 'localhost';
  if (host === '' || host === '*') return '';
  return host;
}

/** The server side of a remote forward (-R), given sshd's GatewayPorts. */
export function serverBind(requested: string, gatewayPorts: GatewayPorts): Bind {
  if (gatewayPorts === 'yes') return { scope: 'all interfaces' };
  if (gatewayPorts === 'clientspecified') {
    if (requested === '' || requested === '*' || requested === '0.0.0.0' || requested === '::') return { scope: 'all interfaces' };
    if (requested === 'localhost') return { scope: 'loopback' };
    if (LOCALHOST_LITERALS.has(requested)) return { scope: 'loopback', address: requested };
    return { scope: 'address', address: requested };
  }
  // GatewayPorts no: only an explicit IPv4/IPv6 loopback literal is kept; anything else is loopback.
  return LOCALHOST_LITERALS.has(requested) ? { scope: 'loopback', address: requested } : { scope: 'loopback' };
}

/** The client side of a local or dynamic forward (-L/-D), given ssh_config's GatewayPorts. */
export function clientBind(host: string | undefined, gatewayPortsYes: boolean): Bind {
  if (host === undefined) return gatewayPortsYes ? { scope: 'all interfaces' } : { scope: 'loopback' };
  if (host === '' || host === '*') return { scope: 'all interfaces' };
  if (host === 'localhost' || LOCALHOST_LITERALS.has(host) || /^127\./.test(host)) return { scope: 'loopback', address: host === 'localhost' ? undefined : host };
  if (host === '0.0.0.0' || host === '::') return { scope: 'all interfaces' };
  return { scope: 'address', address: host };
}

/** Whether a requested bind asks to be reachable from other machines. */
export function asksForPublic(host: string | undefined): boolean {
  if (host === undefined) return false;
  return !(host === 'localhost' || LOCALHOST_LITERALS.has(host) || /^127\./.test(host));
}
