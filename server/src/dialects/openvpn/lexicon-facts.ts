// Facts about how openvpn 2.6.14 judges single options, beyond the option table. Each set was
// checked against the real openvpn by test/oracle/openvpn-options.test.ts.

/** Options only some builds know; the Linux/macOS build refuses them as unknown. */
export const PLATFORM_ONLY: Readonly<Record<string, string>> = {
  'allow-nonadmin': 'Windows',
  'block-outside-dns': 'Windows',
  cryptoapicert: 'Windows',
  'dhcp-pre-release': 'Windows',
  'dhcp-release': 'Windows',
  'dhcp-renew': 'Windows',
  'ip-win32': 'Windows',
  'msg-channel': 'Windows',
  'pause-exit': 'Windows',
  'register-dns': 'Windows',
  service: 'Windows',
  'show-adapters': 'Windows',
  'show-net': 'Windows',
  'show-net-up': 'Windows',
  'show-valid-subnets': 'Windows',
  'tap-sleep': 'Windows',
  'win-sys': 'Windows',
  'windows-driver': 'Windows',
  setcon: 'SELinux-enabled',
  iproute: 'iproute2-enabled',
  'use-prediction-resistance': 'mbed TLS',
};

/** Names that are not options but that people write for one; the option openvpn reads instead. */
export const MISNAMED: Readonly<Record<string, string>> = {
  'tun-max-mtu': 'tun-mtu-max',
  'data-cipher': 'data-ciphers',
  'tls-version': 'tls-version-min',
};

export interface Replacement {
  /** What to do instead, as a short clause for a message ("use `verify-client-cert none`"). */
  advice: string;
  /** Replaces the whole line (args included) when set. */
  line?: string;
  /** Renames the option, keeping its arguments. */
  rename?: string;
  /** The line can simply go. */
  remove?: boolean;
  /** In which version it was removed or deprecated. */
  since?: string;
}

/** Removed options: when they went and what replaces them. */
export const REMOVED: Readonly<Record<string, Replacement>> = {
  'client-cert-not-required': { since: '2.5', advice: 'use `verify-client-cert none`', line: 'verify-client-cert none' },
  'compat-names': { since: '2.5', advice: 'delete it; certificate names are no longer remapped', remove: true },
  'http-proxy-fallback': { since: '2.4', advice: 'use <connection> blocks, one with http-proxy, or management-query-proxy', remove: true },
  'ifconfig-pool-linear': { since: '2.5', advice: 'use `topology p2p`, which hands out single addresses the same way', line: 'topology p2p' },
  inetd: { since: '2.6', advice: 'start openvpn from systemd or another supervisor instead', remove: true },
  'key-method': { since: '2.5', advice: 'delete it; method 2 is the only one left', remove: true },
  keysize: { since: '2.6', advice: 'delete it and pick a cipher that names its key size, such as AES-256-GCM', remove: true },
  'management-client-pf': { since: '2.6', advice: 'delete it; the packet filter is gone, filter with the host firewall or learn-address', remove: true },
  'mtu-dynamic': { since: '2.0', advice: 'use `fragment`', rename: 'fragment' },
  'ncp-disable': { since: '2.6', advice: 'delete it; limit the negotiable ciphers with data-ciphers instead', remove: true },
  'no-iv': { since: '2.5', advice: 'delete it; running without IVs was insecure', remove: true },
  'no-name-remapping': { since: '2.5', advice: 'delete it; certificate names are no longer remapped', remove: true },
  'pkcs11-id-type': { since: '2.1', advice: 'select the token object with pkcs11-id', remove: true },
  'pkcs11-sign-mode': { since: '2.1', advice: 'use pkcs11-private-mode', remove: true },
  'pkcs11-slot': { since: '2.1', advice: 'select the token object with pkcs11-id', remove: true },
  'pkcs11-slot-type': { since: '2.1', advice: 'select the token object with pkcs11-id', remove: true },
  'show-pkcs11-objects': { since: '2.1', advice: 'use show-pkcs11-ids', rename: 'show-pkcs11-ids' },
  'show-pkcs11-slots': { since: '2.1', advice: 'use show-pkcs11-ids', rename: 'show-pkcs11-ids' },
  'tls-remote': { since: '2.4', advice: 'use verify-x509-name with the certificate name (and `name` to match the CN)', rename: 'verify-x509-name' },
};

/** Deprecated options: what openvpn 2.6 does with them and what to use instead. */
export const DEPRECATED: Readonly<Record<string, Replacement & { effect: string }>> = {
  'comp-lzo': { effect: 'compression is deprecated because it lets an observer learn encrypted content', advice: 'remove compression on both ends (`allow-compression no`), or use `compress stub-v2` while old peers remain' },
  'comp-noadapt': { effect: 'it only tunes the deprecated LZO compression', advice: 'delete it together with comp-lzo', remove: true },
  compress: { effect: 'compression is deprecated because it lets an observer learn encrypted content', advice: 'remove it on both ends, or keep only `stub-v2` framing while old peers remain' },
  'dhcp-release': { effect: 'releasing the lease on close is already the default', advice: 'delete it', remove: true },
  'disable-occ': { effect: 'it hides option mismatches between the peers', advice: 'delete it and fix the mismatches it hides', remove: true },
  'http-proxy-retry': { effect: 'it does nothing since 2.4', advice: 'use connect-retry-max to limit retries', remove: true },
  'http-proxy-timeout': { effect: 'it does nothing since 2.4', advice: 'use connect-timeout', rename: 'connect-timeout' },
  'link-mtu': { effect: 'it makes the tunnel MTU depend on cipher overhead and is deprecated', advice: 'set tun-mtu (and mssfix) instead, on both ends' },
  'max-routes': { effect: 'it is ignored; routes are unlimited since 2.4', advice: 'delete it', remove: true },
  'ncp-ciphers': { effect: 'it is the pre-2.5 name', advice: 'rename it to data-ciphers', rename: 'data-ciphers' },
  'no-replay': { effect: 'it turns off replay protection and is deprecated', advice: 'delete it', remove: true },
  'ns-cert-type': { effect: 'it relies on a certificate field modern CAs no longer set', advice: 'use remote-cert-tls with the same word', rename: 'remote-cert-tls' },
  'opt-verify': { effect: 'it is deprecated and goes in 2.7', advice: 'delete it', remove: true },
  prng: { effect: 'it is ignored; the SSL library\'s generator is always used', advice: 'delete it', remove: true },
  secret: { effect: 'static-key mode has no forward secrecy and goes in 2.7', advice: 'switch to TLS (tls-server/tls-client with certificates, or peer-fingerprint)' },
  'socks-proxy-retry': { effect: 'it does nothing since 2.4', advice: 'use connect-retry-max to limit retries', remove: true },
  'tun-ipv6': { effect: 'it is ignored; tun devices carry IPv6 without it', advice: 'delete it', remove: true },
  'verify-hash': { effect: 'it is deprecated', advice: 'use peer-fingerprint, or the CA itself as ca' },
};

/** Options openvpn refuses unless it runs in server mode (`--X requires --mode server`, and kin). */
export const REQUIRES_SERVER_MODE = new Set([
  'auth-gen-token', 'auth-user-pass-optional', 'auth-user-pass-verify', 'ccd-exclusive', 'client-config-dir', 'client-connect',
  'client-crresponse', 'client-disconnect', 'client-to-client', 'connect-freq', 'duplicate-cn', 'force-tls-key-material-export',
  'ifconfig-ipv6-pool', 'ifconfig-pool', 'ifconfig-pool-persist', 'learn-address', 'opt-verify', 'port-share', 'stale-routes-check',
  'username-as-common-name', 'vlan-tagging',
]);

/** Options openvpn refuses in server mode (`--X cannot be used with --mode server`, and kin). */
export const REFUSED_IN_SERVER_MODE = new Set([
  'allow-recursive-routing', 'auth-user-pass', 'client', 'ipchange', 'nobind', 'pull', 'redirect-gateway', 'redirect-private',
  'remote', 'route-delay', 'shaper', 'socks-proxy', 'tls-client', 'up-delay',
]);

/** Lines that put openvpn in server mode. */
export function setsServerMode(name: string, firstArg: string | undefined): boolean {
  return name === 'server' || name === 'server-bridge' || (name === 'mode' && firstArg === 'server');
}

/** Options whose word arguments openvpn checks when it reads the file (a bad word is refused). */
export const ENUM_CHECKED = new Set([
  'allow-compression', 'auth-gen-token', 'auth-retry', 'auth-user-pass-verify', 'client-nat', 'comp-lzo', 'compress', 'crl-verify',
  'dns', 'fragment', 'http-proxy-option', 'key-derivation', 'key-direction', 'management-external-key', 'mode', 'mssfix', 'mtu-disc',
  'ns-cert-type', 'proto', 'proto-force', 'protocol-flags', 'pull-filter', 'redirect-gateway', 'redirect-private', 'remap-usr1', 'remote',
  'remote-cert-tls', 'secret', 'server', 'server-bridge', 'socket-flags', 'status-version', 'tls-auth', 'tls-crypt-v2', 'tls-version-max',
  'tls-version-min', 'topology', 'verify-client-cert', 'verify-hash', 'verify-x509-name', 'vlan-accept',
]);

/** Numeric ranges openvpn enforces when it reads the file: option → [argument index, min, max]. */
export const RANGES: Readonly<Record<string, readonly [number, number, number][]>> = {
  fragment: [[0, 68, Number.POSITIVE_INFINITY]],
  'hash-size': [[0, 1, Number.POSITIVE_INFINITY], [1, 1, Number.POSITIVE_INFINITY]],
  'management-log-cache': [[0, 1, Number.POSITIVE_INFINITY]],
  'max-clients': [[0, 0, Number.POSITIVE_INFINITY]],
  shaper: [[0, 100, 100_000_000]],
  'vlan-pvid': [[0, 1, 4094]],
  'keying-material-exporter': [[1, 16, 4095]],
};

/** Scripts: openvpn refuses extra arguments and asks to quote the command instead. */
export const SCRIPT_OPTIONS = new Set([
  'up', 'down', 'ipchange', 'route-up', 'route-pre-down', 'tls-verify', 'client-connect', 'client-disconnect', 'client-crresponse', 'learn-address',
]);
