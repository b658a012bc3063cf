// The shape of the OpenSSH keyword tables (client: ssh_config, server: sshd_config).
import type { Layer } from '../../engine/layers';

/** What a keyword's value is; rules and completion use it to check and suggest values. */
export type ValueKind =
  | 'yesno' // yes | no
  | 'enum' // one of `values`
  | 'port' // 1..65535
  | 'number'
  | 'time' // sshd/ssh time format: 30, 5m, 1h30m
  | 'size' // 10M, 1G
  | 'string'
  | 'path'
  | 'command' // a shell command line (rest of the line)
  | 'host' // a host name or address
  | 'address' // an IP address (optionally with port for ListenAddress)
  | 'listen-address' // sshd ListenAddress host|IPv4|[IPv6][:port] [rdomain d]
  | 'host-patterns' // Host / pattern lists
  | 'match' // Match criteria
  | 'local-forward' // [bind:]port host:hostport | unix sockets
  | 'remote-forward' // [bind:]port [host:hostport]
  | 'dynamic-forward' // [bind:]port
  | 'jump' // ProxyJump: none | [user@]host[:port][,...] | ssh:// URIs
  | 'permit-open' // PermitOpen host:port ... | any | none
  | 'permit-listen' // PermitListen [host:]port ... | any | none
  | 'algorithms' // comma lists with optional +, -, ^ prefix
  | 'list' // space or comma separated words
  | 'env' // SetEnv NAME=VALUE ...
  | 'log-level'
  | 'facility';

export type SshRole =
  | 'jump host'
  | 'local forward'
  | 'remote forward'
  | 'dynamic forward'
  | 'bind'
  | 'forwarding policy'
  | 'authentication'
  | 'crypto'
  | 'host key'
  | 'session'
  | 'connection'
  | 'name resolution'
  | 'access control'
  | 'logging'
  | 'environment'
  | 'section'
  | 'include';

export interface KeywordSpec {
  /** Canonical spelling, as the manual writes it (keywords are case-insensitive). */
  name: string;
  kind: ValueKind;
  /** For `enum` (and for yes/no keywords that accept more words, e.g. `ask`, `accept-new`). */
  values?: string[];
  /** Minimum and maximum argument count (Infinity for lists). */
  minArgs: number;
  maxArgs: number;
  /**
   * true when every occurrence adds to a list (IdentityFile, LocalForward, ...); false when the
   * first obtained value wins and later ones are ignored.
   */
  repeatable: boolean;
  /** sshd only: whether the keyword is accepted inside a `Match` block. */
  matchAllowed?: boolean;
  /** Default value as OpenSSH 9.x uses it, in the file's own syntax ('' when there is none). */
  default: string;
  layer: Layer;
  role?: SshRole;
  /** One or two sentences in our own words: what it does for connectivity. */
  summary: string;
  /** Set when OpenSSH 9.x still accepts the keyword but ignores it or warns ('deprecated'), or rejects it ('removed'). */
  status?: 'deprecated' | 'removed' | 'unsupported';
}
