// The shape of the OpenVPN 2.6 option table.
import type { Layer } from '../../engine/layers';

export type OptionValueKind =
  | 'flag' // no argument
  | 'number'
  | 'port'
  | 'address' // IPv4/IPv6 address or host name
  | 'ipv4'
  | 'netmask'
  | 'network' // address + netmask or CIDR
  | 'proto' // udp, tcp, udp4, tcp6-client, ...
  | 'enum'
  | 'path'
  | 'inline-or-path' // a file, or [[inline]] via an inline block
  | 'string'
  | 'command'
  | 'cipher-list'
  | 'time';

/** Where an option may stand. */
export type OptionScope = 'server' | 'client' | 'both' | 'ccd' | 'push-only';

export type OpenvpnRole = 'tunnel end' | 'route' | 'DNS' | 'crypto' | 'management' | 'transport' | 'session' | 'logging' | 'device' | 'auth' | 'script' | 'proxy' | 'inline';

export interface OptionSpec {
  name: string;
  minArgs: number;
  maxArgs: number;
  /** Kind of each positional argument (the last one repeats for variadic options). */
  args: OptionValueKind[];
  /** For enum arguments: the allowed words (of the first enum argument). */
  values?: string[];
  scope: OptionScope;
  /** Whether the option is allowed inside a `<connection>` block. */
  inConnection: boolean;
  /** Whether a server may push it to clients (`push "option ..."`). */
  pushable: boolean;
  /** Whether it may appear in a client-config-dir (ccd) file. */
  inCcd: boolean;
  /** Whether an inline block `<name>` may replace the file argument. */
  inline?: boolean;
  status?: 'deprecated' | 'removed';
  /** The layer it acts on; for options whose layer depends on a value (dev tun/tap), the usual one. */
  layer: Layer;
  role?: OpenvpnRole;
  default: string;
  /** One or two sentences in our own words. */
  summary: string;
}
