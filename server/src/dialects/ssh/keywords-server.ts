// The sshd_config keyword table for OpenSSH 9.2–9.9 (server side), sorted by name.
//
// Facts come from OpenSSH 9.2p1 (`sshd -t` / `sshd -T` as run by ../shared/oracles/sshd-check,
// checked by test/oracle/sshd-server-keywords.test.ts) and from the sshd_config manual for the
// keywords added after 9.2 (ChannelTimeout and UnusedConnectionTimeout are 9.2; PerSourcePenalties,
// PerSourcePenaltyExemptList and SshdSessionPath are 9.8; RefuseConnection is 9.9).
//
// Conventions:
// - `matchAllowed` is what sshd 9.2 accepts inside `Match`: the manual's list plus LogVerbose,
//   RequiredRSASize and RDomain (accepted, though the 9.2 manual omits them), the old aliases and
//   deprecated names sshd still takes there, Match itself, and RefuseConnection (9.9, made for Match).
//   Subsystem is top-level only in 9.2; later releases also take it inside Match.
// - `repeatable: false` also covers the few keywords where sshd 9.2 lets a *later* line override an
//   earlier one (FingerprintHash, IPQoS, MaxStartups, PerSourceMaxStartups, PerSourceNetBlockSize,
//   StreamLocalBindMask); their summaries say so.
// - Old spellings that sshd still honours as aliases (KeepAlive, ChallengeResponseAuthentication, ...)
//   carry no `status`, because sshd applies them without a warning; their summaries name the
//   current keyword. `status` is set only where sshd 9.2 ignores the keyword with a "Deprecated
//   option" / "Unsupported option" notice (Protocol is ignored silently) or cannot use it.
// - GSSAPIKeyExchange, GSSAPIKexAlgorithms, GSSAPIStoreCredentialsOnRekey and DebianBanner come from
//   distribution patches (Debian/Ubuntu; the GSSAPI key-exchange patch also ships in Fedora/RHEL);
//   upstream OpenSSH rejects them.
// - Path defaults are those of a typical Linux build (sysconfdir /etc/ssh).
import type { KeywordSpec } from './keyword-types';

const DEFAULT_CIPHERS =
  'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com';
const DEFAULT_MACS =
  'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,' +
  'hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1';
const DEFAULT_KEX =
  'sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,' +
  'ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,' +
  'diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256';
const DEFAULT_CA_SIGS =
  'ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,' +
  'sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256';
const DEFAULT_KEY_ALGS =
  'ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,' +
  'ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,' +
  'rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,' +
  'ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256';
const DEFAULT_GSS_KEX =
  'gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-';

const FORWARD_MODES = ['yes', 'all', 'no', 'local', 'remote'];
const LOG_LEVELS = ['QUIET', 'FATAL', 'ERROR', 'INFO', 'VERBOSE', 'DEBUG', 'DEBUG1', 'DEBUG2', 'DEBUG3'];
const FACILITIES = ['DAEMON', 'USER', 'AUTH', 'AUTHPRIV', 'LOCAL0', 'LOCAL1', 'LOCAL2', 'LOCAL3', 'LOCAL4', 'LOCAL5', 'LOCAL6', 'LOCAL7'];
const DSCP = [
  'af11', 'af12', 'af13', 'af21', 'af22', 'af23', 'af31', 'af32', 'af33', 'af41', 'af42', 'af43',
  'cs0', 'cs1', 'cs2', 'cs3', 'cs4', 'cs5', 'cs6', 'cs7', 'ef', 'le', 'lowdelay', 'throughput', 'reliability', 'none',
];

const INF = Infinity;

export const SERVER_KEYWORDS: readonly KeywordSpec[] = [
  {
    name: 'AcceptEnv', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'environment',
    summary: 'Names (wildcards allowed) of environment variables a client may pass into its session with SendEnv/SetEnv; nothing is taken over unless listed here.',
  },
  {
    name: 'AddressFamily', kind: 'enum', values: ['any', 'inet', 'inet6'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'any',
    layer: 4, role: 'bind',
    summary: 'Restricts the listening sockets to IPv4 (inet), IPv6 (inet6) or both (any); ListenAddress entries of the other family are then not bound.',
  },
  {
    name: 'AFSTokenPassing', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, role: 'authentication', status: 'unsupported',
    summary: 'Leftover from SSH protocol 1 for handing AFS tokens to the server; sshd reports it as unsupported and ignores it.',
  },
  {
    name: 'AllowAgentForwarding', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'forwarding policy',
    summary: 'Whether a client may forward its ssh-agent into the session, letting onward SSH hops authenticate with the client\'s keys.',
  },
  {
    name: 'AllowGroups', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'access control',
    summary: 'Once set, only users belonging (primary or supplementary) to one of these group patterns may log in; checked after DenyGroups.',
  },
  {
    name: 'AllowStreamLocalForwarding', kind: 'enum', values: FORWARD_MODES, minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 4, role: 'forwarding policy',
    summary: 'Which Unix-domain socket forwardings clients may set up: all (yes/all), none (no), only client-side -L style (local) or only server-side -R style (remote).',
  },
  {
    name: 'AllowTcpForwarding', kind: 'enum', values: FORWARD_MODES, minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 4, role: 'forwarding policy',
    summary: 'Which TCP port forwardings clients may request: all (yes/all), none (no), only -L/-D style (local) or only -R style (remote).',
  },
  {
    name: 'AllowUsers', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'access control',
    summary: 'Once set, only matching user names may log in; a USER@HOST pattern also pins the client host or CIDR range. Checked after DenyUsers.',
  },
  {
    name: 'AuthenticationMethods', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'any',
    layer: 7, role: 'authentication',
    summary: 'Space-separated alternatives, each a comma-separated chain of methods the user must all pass (e.g. publickey,password); any means one method suffices.',
  },
  {
    name: 'AuthorizedKeysCommand', kind: 'command', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'authentication',
    summary: 'Root-owned program run to print extra authorized_keys lines for the user, consulted when the key files give no match; needs AuthorizedKeysCommandUser.',
  },
  {
    name: 'AuthorizedKeysCommandUser', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'authentication',
    summary: 'Account that AuthorizedKeysCommand runs as; sshd will not start if the command is set and this is not.',
  },
  {
    name: 'AuthorizedKeysFile', kind: 'path', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: '.ssh/authorized_keys .ssh/authorized_keys2',
    layer: 7, role: 'authentication',
    summary: 'Files (relative paths start in the user\'s home; %h, %u, %U expand) holding the public keys accepted for that user; none disables file lookups.',
  },
  {
    name: 'AuthorizedKeysFile2', kind: 'path', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'authentication', status: 'deprecated',
    summary: 'Old second key-file setting; sshd logs it as deprecated and ignores it. List extra files in AuthorizedKeysFile instead.',
  },
  {
    name: 'AuthorizedPrincipalsCommand', kind: 'command', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'authentication',
    summary: 'Root-owned program that prints the certificate principals allowed for the user; needs AuthorizedPrincipalsCommandUser.',
  },
  {
    name: 'AuthorizedPrincipalsCommandUser', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'authentication',
    summary: 'Account that AuthorizedPrincipalsCommand runs as; required whenever that command is set.',
  },
  {
    name: 'AuthorizedPrincipalsFile', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'authentication',
    summary: 'Per-user file of principal names a TrustedUserCAKeys certificate must contain; without it the certificate must name the user itself.',
  },
  {
    name: 'Banner', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7,
    summary: 'File whose text is shown to the client before it authenticates; none shows nothing.',
  },
  {
    name: 'CASignatureAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: DEFAULT_CA_SIGS,
    layer: 6, role: 'crypto',
    summary: 'Signature algorithms a certificate authority may have used on user or host certificates; certificates signed otherwise are refused.',
  },
  {
    name: 'ChallengeResponseAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Older name for KbdInteractiveAuthentication; sshd still applies it silently, so it switches keyboard-interactive (PAM prompt) logins on or off.',
  },
  {
    name: 'ChannelTimeout', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 5, role: 'session',
    summary: 'type=interval pairs (e.g. session=30m, direct-tcpip=5m) that close channels of that type after they carry no traffic for the interval; unset means channels never idle out.',
  },
  {
    name: 'CheckMail', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, role: 'session', status: 'deprecated',
    summary: 'Old new-mail notice at login; sshd logs it as deprecated and ignores it.',
  },
  {
    name: 'ChrootDirectory', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'access control',
    summary: 'After login the session is confined to this directory (%h, %u expand); every path component must be root-owned and not writable by others or the login fails.',
  },
  {
    name: 'Ciphers', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: DEFAULT_CIPHERS,
    layer: 6, role: 'crypto',
    summary: 'Symmetric ciphers offered for the connection; a leading +, - or ^ edits the default list. No overlap with the client\'s list aborts the handshake.',
  },
  {
    name: 'ClientAliveCountMax', kind: 'number', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '3',
    layer: 4, role: 'connection',
    summary: 'How many unanswered ClientAliveInterval probes sshd tolerates before dropping the connection; 0 never drops.',
  },
  {
    name: 'ClientAliveInterval', kind: 'time', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '0',
    layer: 4, role: 'connection',
    summary: 'Seconds of client silence after which sshd sends an encrypted probe; together with ClientAliveCountMax it detects dead peers and keeps NAT state alive. 0 disables.',
  },
  {
    name: 'Compression', kind: 'enum', values: ['yes', 'delayed', 'no'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 6, role: 'crypto',
    summary: 'Whether zlib compression may be negotiated; it only starts after authentication (delayed is the same as yes).',
  },
  {
    name: 'DebianBanner', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 6,
    summary: 'Debian/Ubuntu patch: whether the distribution suffix is appended to the version string sshd sends first on every connection. Upstream sshd rejects it.',
  },
  {
    name: 'DenyGroups', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'access control',
    summary: 'Users in any matching group (primary or supplementary) are refused login; evaluated before AllowGroups.',
  },
  {
    name: 'DenyUsers', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'access control',
    summary: 'Matching user names (or USER@HOST patterns with optional CIDR) are refused login; evaluated before AllowUsers.',
  },
  {
    name: 'DisableForwarding', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 4, role: 'forwarding policy',
    summary: 'yes turns off every kind of forwarding (TCP, Unix socket, agent, X11) regardless of the individual Allow*/X11Forwarding settings.',
  },
  {
    name: 'DSAAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Old alias of PubkeyAuthentication that sshd still applies silently: no disables all public-key logins, not just DSA keys.',
  },
  {
    name: 'ExposeAuthInfo', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Writes the methods and public keys used to log in to a temporary file and points SSH_USER_AUTH at it inside the session.',
  },
  {
    name: 'FingerprintHash', kind: 'enum', values: ['md5', 'sha256'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'sha256',
    layer: 7, role: 'logging',
    summary: 'Hash used when sshd logs key fingerprints. In 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'ForceCommand', kind: 'command', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'session',
    summary: 'Runs this command for every shell, exec or subsystem request instead of what the client asked for (original in SSH_ORIGINAL_COMMAND); internal-sftp gives an SFTP-only account.',
  },
  {
    name: 'GatewayPorts', kind: 'enum', values: ['yes', 'no', 'clientspecified'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 4, role: 'bind',
    summary: 'Where -R forwarded ports listen: no binds them to loopback only, yes to all addresses, clientspecified honours the bind address the client sends.',
  },
  {
    name: 'GSSAPIAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Allows Kerberos/GSSAPI single sign-on logins (gssapi-with-mic).',
  },
  {
    name: 'GSSAPICleanupCredentials', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Deletes the user\'s delegated GSSAPI credential cache when the session ends.',
  },
  {
    name: 'GSSAPIKexAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: DEFAULT_GSS_KEX,
    layer: 6, role: 'crypto',
    summary: 'Distribution GSSAPI key-exchange patch: which gss-* key exchange methods are offered when GSSAPIKeyExchange is on. Upstream sshd rejects it.',
  },
  {
    name: 'GSSAPIKeyExchange', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 6, role: 'crypto',
    summary: 'Distribution GSSAPI key-exchange patch: lets Kerberos authenticate the server during key exchange instead of a host key. Upstream sshd rejects it.',
  },
  {
    name: 'GSSAPIStoreCredentialsOnRekey', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Distribution GSSAPI key-exchange patch: accepts renewed delegated credentials from the client when the connection re-keys. Upstream sshd rejects it.',
  },
  {
    name: 'GSSAPIStrictAcceptorCheck', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'yes requires the client to have a ticket for this host\'s own service name; no accepts any key in the keytab, which helps multi-homed hosts.',
  },
  {
    name: 'HostbasedAcceptedAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: DEFAULT_KEY_ALGS,
    layer: 6, role: 'crypto',
    summary: 'Signature algorithms accepted for host-based client authentication; +, - or ^ edit the default list.',
  },
  {
    name: 'HostbasedAcceptedKeyTypes', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: DEFAULT_KEY_ALGS,
    layer: 6, role: 'crypto',
    summary: 'Older name for HostbasedAcceptedAlgorithms, still applied silently.',
  },
  {
    name: 'HostbasedAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Allows logins vouched for by a trusted client host key plus .shosts/hosts.equiv style trust files.',
  },
  {
    name: 'HostbasedUsesNameFromPacketOnly', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 3, role: 'name resolution',
    summary: 'yes trusts the host name the client states for host-based authentication; no makes sshd reverse-resolve the connecting address instead.',
  },
  {
    name: 'HostCertificate', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: true, matchAllowed: false, default: '',
    layer: 6, role: 'host key',
    summary: 'Host certificate to present; its public key must belong to one of the HostKey keys. Each line adds one.',
  },
  {
    name: 'HostDSAKey', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: true, matchAllowed: false, default: '',
    layer: 6, role: 'host key',
    summary: 'Old alias of HostKey, still accepted: loads a host private key of any type.',
  },
  {
    name: 'HostKey', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: true, matchAllowed: false,
    default: '/etc/ssh/ssh_host_rsa_key /etc/ssh/ssh_host_ecdsa_key /etc/ssh/ssh_host_ed25519_key',
    layer: 6, role: 'host key',
    summary: 'Private (or, with HostKeyAgent, public) host key file; each line adds one. Clients pin these keys, so replacing them triggers host-key warnings. Defaults apply only when none is given.',
  },
  {
    name: 'HostKeyAgent', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '',
    layer: 6, role: 'host key',
    summary: 'Unix socket of an agent that holds the host private keys (SSH_AUTH_SOCK reads the environment variable).',
  },
  {
    name: 'HostKeyAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: DEFAULT_KEY_ALGS,
    layer: 6, role: 'host key',
    summary: 'Host-key signature algorithms the server offers; keys whose type is not listed are not used.',
  },
  {
    name: 'IgnoreRhosts', kind: 'enum', values: ['yes', 'no', 'shosts-only'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'For host-based logins, whether users\' own ~/.rhosts and ~/.shosts are ignored (yes), only ~/.shosts is read (shosts-only) or both are read (no).',
  },
  {
    name: 'IgnoreUserKnownHosts', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'yes makes host-based authentication trust only the system-wide known-hosts file, not the user\'s ~/.ssh/known_hosts.',
  },
  {
    name: 'Include', kind: 'path', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'include',
    summary: 'Reads further config files (globs allowed, relative paths under /etc/ssh) at this point; inside Match they apply only when the block matches.',
  },
  {
    name: 'IPQoS', kind: 'list', values: DSCP, minArgs: 1, maxArgs: 2, repeatable: false, matchAllowed: true, default: 'af21 cs1',
    layer: 3, role: 'connection',
    summary: 'DSCP/ToS marking for the connection\'s IP packets: one value for all, or two for interactive and bulk sessions. Debian builds default to lowdelay throughput; in 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'KbdInteractiveAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Allows keyboard-interactive logins, which is how PAM prompts (passwords, OTP codes) reach the client when UsePAM is on.',
  },
  {
    name: 'KeepAlive', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 4, role: 'connection',
    summary: 'Older name for TCPKeepAlive, still applied silently.',
  },
  {
    name: 'KerberosAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Checks passwords given for PasswordAuthentication against the Kerberos KDC (needs a host keytab).',
  },
  {
    name: 'KerberosGetAFSToken', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 7, role: 'authentication', status: 'unsupported',
    summary: 'Fetches an AFS token from the user\'s Kerberos ticket before the home directory is used; only builds with AFS support honour it, others report it as unsupported.',
  },
  {
    name: 'KerberosOrLocalPasswd', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'When Kerberos rejects a password, whether the local password database is tried next.',
  },
  {
    name: 'KerberosTGTPassing', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, role: 'authentication', status: 'unsupported',
    summary: 'Leftover from SSH protocol 1 for passing Kerberos tickets; sshd reports it as unsupported and ignores it.',
  },
  {
    name: 'KerberosTicketCleanup', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Deletes the user\'s Kerberos ticket cache when the session ends.',
  },
  {
    name: 'KexAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: DEFAULT_KEX,
    layer: 6, role: 'crypto',
    summary: 'Key exchange methods offered; +, - or ^ edit the default list (9.9 adds mlkem768x25519-sha256 to it). No overlap with the client aborts the handshake.',
  },
  {
    name: 'KeyRegenerationInterval', kind: 'time', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 6, role: 'crypto', status: 'deprecated',
    summary: 'SSH protocol 1 server-key lifetime; sshd logs it as deprecated and ignores it.',
  },
  {
    name: 'ListenAddress', kind: 'listen-address', minArgs: 1, maxArgs: 3, repeatable: true, matchAllowed: false, default: '',
    layer: 4, role: 'bind',
    summary: 'Local address (optionally :port, and rdomain NAME on OpenBSD) to accept connections on; each line adds a listener, and without a port every Port is used. Unset means all addresses.',
  },
  {
    name: 'LoginGraceTime', kind: 'time', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '120',
    layer: 4, role: 'connection',
    summary: 'Time a connection may take to finish authenticating before sshd drops it; 0 means no limit. Unfinished logins also count against MaxStartups.',
  },
  {
    name: 'LogLevel', kind: 'log-level', values: LOG_LEVELS, minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'INFO',
    layer: 7, role: 'logging',
    summary: 'How much sshd logs; VERBOSE adds key fingerprints and connection details, the DEBUG levels expose private data.',
  },
  {
    name: 'LogVerbose', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'logging',
    summary: 'file:function:line patterns for which sshd logs at full detail regardless of LogLevel; a debugging aid.',
  },
  {
    name: 'MACs', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: DEFAULT_MACS,
    layer: 6, role: 'crypto',
    summary: 'Message authentication codes offered (used when the cipher is not an AEAD one); +, - or ^ edit the default list.',
  },
  {
    name: 'Match', kind: 'match', minArgs: 1, maxArgs: INF, repeatable: true, matchAllowed: true, default: '',
    layer: 7, role: 'section',
    summary: 'Starts a block of overrides that apply when all criteria (User, Group, Host, LocalAddress, LocalPort, Address, RDomain or All) fit the connection; it runs to the next Match.',
  },
  {
    name: 'MaxAuthTries', kind: 'number', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '6',
    layer: 7, role: 'authentication',
    summary: 'Failed authentication attempts allowed per connection before sshd disconnects; clients offering many keys can hit it before the right one.',
  },
  {
    name: 'MaxSessions', kind: 'number', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '10',
    layer: 5, role: 'session',
    summary: 'Shell, command or subsystem sessions allowed at once over one multiplexed connection; 1 disables multiplexing, 0 allows only forwarding.',
  },
  {
    name: 'MaxStartups', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '10:30:100',
    layer: 4, role: 'connection',
    summary: 'Limit on connections still authenticating: a single number, or start:rate:full to drop new ones randomly from start and always at full. In 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'ModuliFile', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '/etc/ssh/moduli',
    layer: 6, role: 'crypto',
    summary: 'File of Diffie-Hellman groups used by the diffie-hellman-group-exchange key exchange methods.',
  },
  {
    name: 'PasswordAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Allows the plain password method; with UsePAM, keyboard-interactive can still prompt for passwords when this is no.',
  },
  {
    name: 'PermitEmptyPasswords', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Whether accounts with an empty password may log in by password.',
  },
  {
    name: 'PermitListen', kind: 'permit-listen', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'any',
    layer: 4, role: 'forwarding policy',
    summary: '[host:]port list of where -R forwardings may listen (any or none as a whole); the first line wins. GatewayPorts can narrow the address further.',
  },
  {
    name: 'PermitOpen', kind: 'permit-open', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: 'any',
    layer: 4, role: 'forwarding policy',
    summary: 'host:port list of destinations -L/-D forwardings may connect to (* wildcards, any or none); names are compared literally, not resolved. The first line wins.',
  },
  {
    name: 'PermitRootLogin', kind: 'enum', values: ['yes', 'prohibit-password', 'without-password', 'forced-commands-only', 'no'], minArgs: 1, maxArgs: 1,
    repeatable: false, matchAllowed: true, default: 'prohibit-password',
    layer: 7, role: 'authentication',
    summary: 'Whether root may log in: fully (yes), without password/keyboard-interactive (prohibit-password, older spelling without-password), only with a key restricted to a forced command, or not at all.',
  },
  {
    name: 'PermitTTY', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'session',
    summary: 'Whether sessions may get a pseudo-terminal; no leaves forwarding and plain command execution working but breaks interactive shells.',
  },
  {
    name: 'PermitTunnel', kind: 'enum', values: ['yes', 'point-to-point', 'ethernet', 'no'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 4, role: 'forwarding policy',
    summary: 'Whether clients may open tun/tap devices (ssh -w): routed IP tunnels (point-to-point), bridged Ethernet (ethernet), both (yes) or none.',
  },
  {
    name: 'PermitUserEnvironment', kind: 'list', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 7, role: 'environment',
    summary: 'Whether ~/.ssh/environment and environment= key options are applied: yes, no, or a pattern list of variable names to accept.',
  },
  {
    name: 'PermitUserRC', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'environment',
    summary: 'Whether the user\'s ~/.ssh/rc script runs at session start (it typically sets up X11 authentication).',
  },
  {
    name: 'PerSourceMaxStartups', kind: 'number', values: ['none'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'none',
    layer: 4, role: 'connection',
    summary: 'Cap on unauthenticated connections from one source block (see PerSourceNetBlockSize), on top of MaxStartups; none means no per-source cap. In 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'PerSourceNetBlockSize', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '32:128',
    layer: 3, role: 'connection',
    summary: 'IPv4[:IPv6] prefix lengths that group client addresses for PerSourceMaxStartups and PerSourcePenalties; 32:128 treats each address alone. In 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'PerSourcePenalties', kind: 'list', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 4, role: 'connection',
    summary: 'OpenSSH 9.8+: temporarily refuses sources (grouped by PerSourceNetBlockSize) after crashes, failed or missing authentication, grace timeouts; tunables like authfail:5s, min:, max:, or no to disable. On by default.',
  },
  {
    name: 'PerSourcePenaltyExemptList', kind: 'list', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '',
    layer: 3, role: 'access control',
    summary: 'OpenSSH 9.8+: comma-separated addresses/CIDR ranges never penalised by PerSourcePenalties, e.g. monitoring hosts or a NAT gateway.',
  },
  {
    name: 'PidFile', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '/var/run/sshd.pid',
    layer: 7,
    summary: 'Where the listening daemon writes its process ID (many distributions use /run/sshd.pid); none writes no file.',
  },
  {
    name: 'Port', kind: 'port', minArgs: 1, maxArgs: 1, repeatable: true, matchAllowed: false, default: '22',
    layer: 4, role: 'bind',
    summary: 'TCP port sshd listens on; each line adds a port, used by every ListenAddress that names none.',
  },
  {
    name: 'PrintLastLog', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'session',
    summary: 'Shows the time and origin of the previous login when an interactive session starts.',
  },
  {
    name: 'PrintMotd', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'session',
    summary: 'Shows /etc/motd when an interactive session starts (PAM often does this instead on Linux).',
  },
  {
    name: 'Protocol', kind: 'string', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 6, role: 'crypto', status: 'deprecated',
    summary: 'Selected SSH protocol 1 or 2 in old releases; sshd now speaks only version 2 and ignores this line without any message.',
  },
  {
    name: 'PubkeyAcceptedAlgorithms', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: DEFAULT_KEY_ALGS,
    layer: 6, role: 'crypto',
    summary: 'Signature algorithms accepted for public-key logins; keys or certificates of other types are refused (ssh-rsa SHA-1 is not in the default).',
  },
  {
    name: 'PubkeyAcceptedKeyTypes', kind: 'algorithms', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: DEFAULT_KEY_ALGS,
    layer: 6, role: 'crypto',
    summary: 'Older name for PubkeyAcceptedAlgorithms, still applied silently.',
  },
  {
    name: 'PubkeyAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Allows logins with keys from AuthorizedKeysFile/AuthorizedKeysCommand or with user certificates.',
  },
  {
    name: 'PubkeyAuthOptions', kind: 'enum', values: ['none', 'touch-required', 'verify-required'], minArgs: 1, maxArgs: INF,
    repeatable: false, matchAllowed: true, default: 'none',
    layer: 7, role: 'authentication',
    summary: 'Extra demands on FIDO security-key logins: touch-required insists on proof of user presence, verify-required on PIN/biometric verification.',
  },
  {
    name: 'RDomain', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '',
    layer: 3, role: 'connection', status: 'unsupported',
    summary: 'OpenBSD only: routing domain (or %D for the one the connection arrived in) used after login. Other platforms reject the line and sshd does not start.',
  },
  {
    name: 'RefuseConnection', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'access control',
    summary: 'OpenSSH 9.9+: yes (normally inside Match) drops the connection at its first authentication request; PerSourcePenalties can then penalise the source.',
  },
  {
    name: 'RekeyLimit', kind: 'size', minArgs: 1, maxArgs: 2, repeatable: false, matchAllowed: true, default: 'default none',
    layer: 6, role: 'crypto',
    summary: 'Renegotiates session keys after this much data (K/M/G suffixes; default follows the cipher) and optionally after a time interval.',
  },
  {
    name: 'RequiredRSASize', kind: 'number', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '1024',
    layer: 6, role: 'crypto',
    summary: 'Smallest RSA key, in bits, accepted for user or host-based authentication; it can only be raised above 1024.',
  },
  {
    name: 'ReverseMappingCheck', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 3, role: 'name resolution', status: 'deprecated',
    summary: 'Old forward/reverse DNS consistency check; sshd logs it as deprecated and ignores it (see UseDNS).',
  },
  {
    name: 'RevokedKeys', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 6, role: 'crypto',
    summary: 'File of revoked public keys or a KRL; listed keys and certificates are refused. If the file cannot be read, all public-key logins fail.',
  },
  {
    name: 'RhostsAuthentication', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, role: 'authentication', status: 'deprecated',
    summary: 'Old trust-by-source-address login; sshd logs it as deprecated and ignores it.',
  },
  {
    name: 'RhostsRSAAuthentication', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'authentication', status: 'deprecated',
    summary: 'SSH protocol 1 host-based login; sshd logs it as deprecated and ignores it (see HostbasedAuthentication).',
  },
  {
    name: 'RSAAuthentication', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'authentication', status: 'deprecated',
    summary: 'SSH protocol 1 RSA login; sshd logs it as deprecated and ignores it (see PubkeyAuthentication).',
  },
  {
    name: 'SecurityKeyProvider', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'internal',
    layer: 6, role: 'crypto',
    summary: 'Library used to reach FIDO authenticator-hosted keys instead of the built-in USB HID support.',
  },
  {
    name: 'ServerKeyBits', kind: 'number', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 6, role: 'crypto', status: 'deprecated',
    summary: 'SSH protocol 1 server key size; sshd logs it as deprecated and ignores it.',
  },
  {
    name: 'SetEnv', kind: 'env', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: true, default: '',
    layer: 7, role: 'environment',
    summary: 'NAME=VALUE pairs set in every session, overriding client-sent and user-file variables; only the first SetEnv line counts.',
  },
  {
    name: 'SkeyAuthentication', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Old alias of KbdInteractiveAuthentication that sshd still applies silently.',
  },
  {
    name: 'SshdSessionPath', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '/usr/libexec/sshd-session',
    layer: 7,
    summary: 'OpenSSH 9.8+: location of the sshd-session helper that handles each accepted connection (distributions may install it elsewhere).',
  },
  {
    name: 'StreamLocalBindMask', kind: 'string', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '0177',
    layer: 4, role: 'bind',
    summary: 'Octal umask for Unix sockets sshd creates for forwardings; 0177 lets only the owner connect. In 9.2 a later line overrides an earlier one.',
  },
  {
    name: 'StreamLocalBindUnlink', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 4, role: 'bind',
    summary: 'Removes a stale Unix socket file before binding a forwarding to it; with no, a leftover file makes the forwarding fail.',
  },
  {
    name: 'StrictModes', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 7, role: 'authentication',
    summary: 'Refuses key-file logins when the user\'s home, ~/.ssh or key files are writable by others, a common cause of "key rejected".',
  },
  {
    name: 'Subsystem', kind: 'command', minArgs: 2, maxArgs: INF, repeatable: true, matchAllowed: false, default: '',
    layer: 7, role: 'session',
    summary: 'Maps a subsystem name (e.g. sftp) to the command serving it, or internal-sftp; each name once. Top level only in 9.2; newer releases also accept it inside Match.',
  },
  {
    name: 'SyslogFacility', kind: 'facility', values: FACILITIES, minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'AUTH',
    layer: 7, role: 'logging',
    summary: 'Syslog facility sshd logs under, which decides the log file the messages land in.',
  },
  {
    name: 'TCPKeepAlive', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'yes',
    layer: 4, role: 'connection',
    summary: 'Turns on kernel TCP keepalives so dead clients are eventually noticed; unlike ClientAlive probes they are unencrypted and can drop sessions during brief outages.',
  },
  {
    name: 'TrustedUserCAKeys', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 6, role: 'crypto',
    summary: 'File of CA public keys whose user certificates are accepted for any principal they list (narrowed by AuthorizedPrincipalsFile).',
  },
  {
    name: 'UnusedConnectionTimeout', kind: 'time', values: ['none'], minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'none',
    layer: 5, role: 'session',
    summary: 'Closes an authenticated connection that has had no open channels for this long; listening -R forwards do not count as channels.',
  },
  {
    name: 'UseDNS', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 3, role: 'name resolution',
    summary: 'Reverse-resolves client addresses and checks they resolve back; needed for host names in Match Host and from= patterns, and slow DNS then delays logins.',
  },
  {
    name: 'UseLogin', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, role: 'session', status: 'deprecated',
    summary: 'Used login(1) for interactive sessions in old releases; sshd logs it as deprecated and ignores it.',
  },
  {
    name: 'UsePAM', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: 'no',
    layer: 7, role: 'authentication',
    summary: 'Runs PAM account and session modules for every login and PAM authentication through keyboard-interactive/password. Most distributions ship yes.',
  },
  {
    name: 'UsePrivilegeSeparation', kind: 'enum', values: ['yes', 'no', 'sandbox'], minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 7, status: 'deprecated',
    summary: 'Privilege separation is always on now; sshd logs this as deprecated and ignores it.',
  },
  {
    name: 'VerifyReverseMapping', kind: 'yesno', minArgs: 0, maxArgs: INF, repeatable: false, matchAllowed: false, default: '',
    layer: 3, role: 'name resolution', status: 'deprecated',
    summary: 'Old forward/reverse DNS consistency check; sshd logs it as deprecated and ignores it (see UseDNS).',
  },
  {
    name: 'VersionAddendum', kind: 'string', minArgs: 1, maxArgs: INF, repeatable: false, matchAllowed: false, default: 'none',
    layer: 6,
    summary: 'Text appended to the version string sshd sends first on every connection (rest of the line); none adds nothing.',
  },
  {
    name: 'X11DisplayOffset', kind: 'number', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: '10',
    layer: 7, role: 'forwarding policy',
    summary: 'First X display number sshd uses for forwarded X11, so it does not collide with local X servers (display N listens on TCP 6000+N).',
  },
  {
    name: 'X11Forwarding', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'no',
    layer: 7, role: 'forwarding policy',
    summary: 'Whether clients may forward X11 (ssh -X/-Y); sshd then runs a proxy display and sets DISPLAY in the session.',
  },
  {
    name: 'X11UseLocalhost', kind: 'yesno', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: true, default: 'yes',
    layer: 4, role: 'bind',
    summary: 'Binds the X11 proxy display to loopback (yes) or to all addresses (no), which exposes it to other hosts but suits some old X clients.',
  },
  {
    name: 'XAuthLocation', kind: 'path', minArgs: 1, maxArgs: 1, repeatable: false, matchAllowed: false, default: '/usr/bin/xauth',
    layer: 7, role: 'forwarding policy',
    summary: 'Path of the xauth program used to install X11 cookies for forwarded displays; none disables it, and a wrong path breaks X11 forwarding.',
  },
];
