// Which language a file is in, from its name first and its content when the name is ambiguous.
import type { LanguageId } from './syntax';

const NGINX_WORDS = /^\s*(server|location|upstream|http|events|stream|listen|server_name|proxy_pass|include|root|worker_processes|ssl_certificate|add_header|proxy_set_header|fastcgi_param|map|types|error_page|return|rewrite|access_log|error_log|gzip|try_files)\b[^\n]*[;{]\s*(#.*)?$/m;
const OPENVPN_WORDS = /^\s*(client|remote|dev|proto|ca|cert|key|tls-auth|tls-crypt|cipher|data-ciphers|push|ifconfig-push|iroute|topology|persist-key|persist-tun|nobind|verb|keepalive|server|port|resolv-retry|remote-cert-tls|auth-user-pass|redirect-gateway|client-config-dir|comp-lzo)(\s|$)/m;
const SSHD_WORDS = /^\s*(PermitRootLogin|PasswordAuthentication|ChallengeResponseAuthentication|KbdInteractiveAuthentication|UsePAM|Subsystem|AuthorizedKeysFile|HostKey|ListenAddress|GatewayPorts|AllowTcpForwarding|PermitOpen|PermitListen|X11Forwarding|UsePrivilegeSeparation|AllowUsers|AllowGroups|PubkeyAuthentication|PrintMotd|AcceptEnv|ClientAliveInterval|MaxAuthTries|DenyUsers|ChrootDirectory|ForceCommand|PermitTunnel|DisableForwarding|StrictModes|LoginGraceTime|SyslogFacility)\b/im;
const SSH_WORDS = /^\s*(Host|HostName|User|IdentityFile|ProxyJump|ProxyCommand|LocalForward|RemoteForward|DynamicForward|ForwardAgent|StrictHostKeyChecking|UserKnownHostsFile|ServerAliveInterval|ControlMaster|ControlPath|IdentitiesOnly|SendEnv|HashKnownHosts)\b/im;

/** Detects the language of a file, or undefined when it is none of ours. */
export function detectLanguage(path: string, text: string): LanguageId | undefined {
  const name = path.replace(/\\/g, '/').toLowerCase();
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base.endsWith('.ovpn')) return 'openvpn';
  // Client-config-dir files are named after a client's common name, with no extension.
  if (/\/ccd\/[^/]+$/.test(name) && /^\s*(iroute|ifconfig-push|push|push-reset|iroute-ipv6|ifconfig-ipv6-push|disable)\b/m.test(text)) return 'openvpn';
  if (base === 'sshd_config' || /\/sshd_config\.d\/[^/]+\.conf$/.test(name)) return 'sshd_config';
  if (base === 'ssh_config' || /\/\.ssh\/config$/.test(name) || /\/ssh_config\.d\/[^/]+\.conf$/.test(name)) return 'ssh_config';
  if (base === 'nginx.conf' || base.endsWith('.nginx') || /\/nginx\/.*\.conf$/.test(name) || /\/sites-(available|enabled)\//.test(name)) return 'nginx';
  return detectFromContent(text, base);
}

/** Content-based detection for `.conf` files and names that say nothing. */
export function detectFromContent(text: string, base = ''): LanguageId | undefined {
  const sample = leadingLines(text, 20000);
  if (/^\s*#\s*layerwise:\s*language=(nginx|ssh_config|sshd_config|openvpn)\b/m.test(sample)) {
    return /language=(\w+)/.exec(sample)![1] as LanguageId;
  }
  const scores: [LanguageId, number][] = [
    ['nginx', count(sample, NGINX_WORDS) * 2 + (/[;{}]\s*$/m.test(sample) ? 1 : 0)],
    ['openvpn', count(sample, OPENVPN_WORDS) + (/^<(ca|cert|key|tls-auth|tls-crypt|connection)>/m.test(sample) ? 3 : 0)],
    ['sshd_config', count(sample, SSHD_WORDS)],
    ['ssh_config', count(sample, SSH_WORDS)],
  ];
  scores.sort((a, b) => b[1] - a[1]);
  if (scores[0][1] > 0) return scores[0][0];
  if (/\.(conf|nginx)$/.test(base) && /;\s*$/m.test(sample)) return 'nginx';
  // Templates such as the stock ssh_config are all comments: judge the commented-out lines.
  const uncommented = sample.replace(/^[ \t]*#+[ \t]?/gm, '');
  if (uncommented !== sample) return detectFromContent(uncommented, base);
  return undefined;
}

/**
 * About the first `size` characters of a text, ending at a line break: the patterns judge whole
 * lines, and a cut in the middle of one (a config written on a single long line) hid it.
 */
function leadingLines(text: string, size: number): string {
  if (text.length <= size) return text;
  const end = text.indexOf('\n', size);
  return end < 0 ? text : text.slice(0, end);
}

function count(text: string, re: RegExp): number {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let n = 0;
  while (g.exec(text) && n < 50) n++;
  return n;
}
