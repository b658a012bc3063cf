// How ssh (readconf.c) and sshd (servconf.c) of OpenSSH 9.2 read each kind of value, so the
// lexicon rules reject exactly what `ssh -G` and `sshd -t` reject. Every function here follows the
// OpenSSH routine named in its comment; the behaviour was checked against ssh/sshd 9.2p1 through
// ../shared/oracles (see test/unit/ssh-rules-lexicon.test.ts for the cases).

import { a2port } from './host-port';

export const INT_MAX = 2147483647;

/** convtime(): `30`, `30s`, `5m`, `1h30m`, `2d`, `1w` (units in either case); seconds, or undefined. */
export function convtime(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    let j = i;
    let negative = false;
    if (s[j] === '+' || s[j] === '-') negative = s[j++] === '-';
    const start = j;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
    if (j === start) return undefined;
    let secs = Number(s.slice(start, j));
    if (negative && secs !== 0) return undefined;
    let mult = 1;
    if (j < s.length) {
      const unit = s[j++].toLowerCase();
      if (unit === 'm') mult = 60;
      else if (unit === 'h') mult = 3600;
      else if (unit === 'd') mult = 86400;
      else if (unit === 'w') mult = 604800;
      else if (unit !== 's') return undefined;
    }
    if (secs > Math.floor(INT_MAX / mult)) return undefined;
    secs *= mult;
    if (total > INT_MAX - secs) return undefined;
    total += secs;
    i = j;
  }
  return total;
}

/** atoi_err() = strtonum(s, 0, INT_MAX): undefined when valid, else OpenSSH's reason. */
export function atoiErr(s: string): 'invalid' | 'too small' | 'too large' | undefined {
  const m = /^[ \t]*([+-]?)(\d+)$/.exec(s);
  if (!m) return 'invalid';
  const n = Number(m[2]);
  if (m[1] === '-' && n !== 0) return 'too small';
  return n > INT_MAX ? 'too large' : undefined;
}

/** Why a port text is rejected, in words, for messages. */
export function portProblem(s: string, allowZero = false): string | undefined {
  const p = a2port(s);
  if (p > 0 || (p === 0 && allowZero)) return undefined;
  if (/^[+-]?\d+$/.test(s)) return `${s} is outside 1-65535`;
  return `"${s}" is neither a port number nor a known service name`;
}

/** scan_scaled(): `1G`, `512M`, `1.5G`, `100` (bytes); undefined when malformed. */
export function scanScaled(s: string): number | undefined {
  const m = /^[ \t]*([+-]?)(\d+)(?:\.(\d*))?([bkmgtpe]?)$/i.exec(s);
  if (!m) return undefined;
  const unit = 'bkmgtpe'.indexOf(m[4].toLowerCase());
  const value = Number(`${m[2]}.${m[3] ?? ''}0`) * 1024 ** Math.max(0, unit);
  if (!Number.isFinite(value) || value > 2 ** 63) return undefined;
  return m[1] === '-' ? -value : value;
}

// ---- addresses (addr_pton, addr_pton_cidr) ------------------------------------------------------

function ipv4Bytes(s: string): number[] | undefined {
  // Four dot-separated parts of 1 to 3 digits, each at most 255.
  const out: number[] = [];
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      n = n * 10 + (c - 48);
      continue;
    }
    if (c !== 46 || digits === 0 || n > 255 || out.length === 4) return undefined;
    out.push(n);
    n = 0;
    digits = 0;
  }
  return out.length === 4 ? out : undefined;
}

function ipv6Bytes(s: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(s) || !s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = ipv4Bytes(p);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  let all: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    all = head;
  }
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** A numeric IPv4 or IPv6 address as bytes (no scope ids), or undefined. */
export function addressBytes(s: string): number[] | undefined {
  return ipv4Bytes(s) ?? ipv6Bytes(s);
}

/**
 * addr_pton_cidr(): 0 for a valid address[/len], -1 when it is not an address at all (OpenSSH then
 * takes it as a wildcard pattern), -2 for an address whose prefix length does not fit (too long
 * for the family, or host bits set as in 192.0.2.1/24).
 */
export function addrPtonCidr(p: string): 0 | -1 | -2 {
  let addr = p;
  let len: number | undefined;
  const slash = p.indexOf('/');
  if (slash >= 0) {
    addr = p.slice(0, slash);
    const mask = p.slice(slash + 1);
    if (!/^\d+$/.test(mask) || Number(mask) > 128) return -1;
    len = Number(mask);
  }
  const bytes = addressBytes(addr);
  if (!bytes) return -1;
  const bits = bytes.length * 8;
  if (len === undefined) len = bits;
  if (len > bits) return -2;
  for (let b = len; b < bits; b++) if (bytes[b >> 3] & (0x80 >> (b & 7))) return -2;
  return 0;
}

/** addr_match_list(NULL, list) as sshd checks Match Address/LocalAddress: the first bad entry, or undefined. */
export function badAddressListEntry(list: string): string | undefined {
  for (const raw of list.split(',')) {
    const entry = raw.startsWith('!') ? raw.slice(1) : raw;
    if (entry === '') return raw === '' ? '(an empty entry)' : raw;
    if (addrPtonCidr(entry) === -2) return raw;
  }
  return undefined;
}

// ---- forwarding specifications (parse_fwd_field, parse_forward) ---------------------------------

interface FwdField {
  arg: string;
  ispath: boolean;
}

/** Splits a forwarding spec into at most 4 fields the way parse_fwd_field() does; undefined on trailing garbage. */
function fwdFields(spec: string): FwdField[] | undefined {
  // Leading white space goes (every \s character is a control or non-ASCII one).
  const c0 = spec.charCodeAt(0);
  const s = c0 <= 32 || c0 >= 127 ? spec.replace(/^\s+/, '') : spec;
  const len = s.length;
  const out: FwdField[] = [];
  /** Where the unread rest starts; `ended` once nothing was left to read. */
  let pos = 0;
  let ended = false;
  for (let i = 0; i < 4; i++) {
    if (pos >= len) {
      ended = true;
      break;
    }
    if (s.charCodeAt(pos) === 91) { // [
      let e = pos + 1;
      let ispath = false;
      while (e < len && s.charCodeAt(e) !== 93) {
        if (s.charCodeAt(e) === 47) ispath = true;
        e++;
      }
      if (e >= len || (e + 1 < len && s.charCodeAt(e + 1) !== 58)) break;
      out.push({ arg: s.slice(pos + 1, e), ispath });
      pos = e + 2;
      continue;
    }
    let ispath = false;
    let escaped = false;
    let bad = false;
    let done = false;
    let k = pos;
    for (; k < len; k++) {
      const c = s.charCodeAt(k);
      if (c === 92) { // backslash: the next character is taken as it is
        if (k + 1 >= len) {
          bad = true;
          break;
        }
        escaped = true;
        if (s.charCodeAt(++k) === 47) ispath = true;
        continue;
      }
      if (c === 47) ispath = true;
      if (c === 58) {
        done = true;
        break;
      }
    }
    if (bad) break;
    let arg = s.slice(pos, k);
    if (escaped) {
      let plain = '';
      for (let j = 0; j < arg.length; j++) plain += arg[j] === '\\' ? arg[++j] : arg[j];
      arg = plain;
    }
    out.push({ arg, ispath });
    pos = done ? k + 1 : len;
  }
  if (!ended && pos < len) return undefined;
  return out;
}

export type ForwardKind = 'local' | 'remote' | 'dynamic';

/** Which part of a forward is wrong: the listen side (first argument) or the target (second). */
export interface ForwardProblem {
  part: 'listen' | 'target' | 'whole';
  message: string;
}

/**
 * parse_forward() on the spec ssh builds from the keyword's arguments (`arg1:arg2` for local and
 * remote forwards). Returns why ssh says "Bad forwarding specification", or undefined when it
 * accepts the spec. `${VAR}` specs depend on the environment and are accepted here.
 */
export function forwardProblem(kind: ForwardKind, a1: string, a2: string | undefined): ForwardProblem | undefined {
  let dynamic = kind === 'dynamic';
  const remote = kind === 'remote';
  let spec = a1;
  if (!dynamic) {
    if (a2 === undefined || a2 === '') {
      if (remote) dynamic = true;
      else return { part: 'target', message: 'the target host:port is missing' };
    } else spec = `${a1}:${a2}`;
  }
  if (spec.includes('${')) return undefined;
  const f = fwdFields(spec);
  if (!f) return { part: 'whole', message: 'it has more parts than [bind_address:]port and host:hostport, or a stray bracket' };
  let listenHost: string | undefined;
  let listenPort = 0;
  let listenPath: string | undefined;
  let connectHost: string | undefined;
  let connectPort = 0;
  let connectPath: string | undefined;
  const n = f.length;
  if (n === 1) {
    if (f[0].ispath) listenPath = f[0].arg;
    else listenPort = a2port(f[0].arg);
    connectHost = 'socks';
  } else if (n === 2) {
    if (f[0].ispath && f[1].ispath) {
      listenPath = f[0].arg;
      connectPath = f[1].arg;
    } else if (f[1].ispath) {
      listenPort = a2port(f[0].arg);
      connectPath = f[1].arg;
    } else {
      listenHost = f[0].arg;
      listenPort = a2port(f[1].arg);
      connectHost = 'socks';
    }
  } else if (n === 3) {
    if (f[0].ispath) {
      listenPath = f[0].arg;
      connectHost = f[1].arg;
      connectPort = a2port(f[2].arg);
    } else if (f[2].ispath) {
      listenHost = f[0].arg;
      listenPort = a2port(f[1].arg);
      connectPath = f[2].arg;
    } else {
      listenPort = a2port(f[0].arg);
      connectHost = f[1].arg;
      connectPort = a2port(f[2].arg);
    }
  } else if (n === 4) {
    listenHost = f[0].arg;
    listenPort = a2port(f[1].arg);
    connectHost = f[2].arg;
    connectPort = a2port(f[3].arg);
  } else return { part: 'whole', message: 'it is empty' };

  const listenText = n === 4 || (n === 2 && !f[1].ispath && !f[0].ispath) || (n === 3 && f[2].ispath) ? f[1].arg : f[0].arg;
  if (dynamic) {
    if (n !== 1 && n !== 2) return { part: 'whole', message: 'a SOCKS forward takes only [bind_address:]port' };
  } else {
    if (n !== 3 && n !== 4 && connectPath === undefined && listenPath === undefined) {
      return { part: 'target', message: 'the target is not host:hostport' };
    }
    if (connectPort <= 0 && connectPath === undefined) {
      const text = n === 4 ? f[3].arg : f[2]?.arg ?? '';
      return { part: 'target', message: `target port ${portProblem(text) ?? `${text} is not usable`}` };
    }
  }
  if ((listenPort < 0 && listenPath === undefined) || (!remote && listenPort === 0 && listenPath === undefined)) {
    return { part: 'listen', message: `listen port ${portProblem(listenText) ?? `${listenText} is not usable`}` };
  }
  if ((connectHost?.length ?? 0) >= 1025 || (listenHost?.length ?? 0) >= 1025) return { part: 'whole', message: 'a host name is longer than 1024 characters' };
  if ((connectPath?.length ?? 0) >= 108 || (listenPath?.length ?? 0) >= 108) return { part: 'whole', message: 'a Unix socket path is longer than 107 characters' };
  return undefined;
}

// ---- algorithm names (ssh -Q) -------------------------------------------------------------------

const CIPHERS = new Set([
  '3des-cbc', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr',
  'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com',
]);
const MACS = new Set([
  'hmac-sha1', 'hmac-sha1-96', 'hmac-sha2-256', 'hmac-sha2-512', 'hmac-md5', 'hmac-md5-96', 'umac-64@openssh.com',
  'umac-128@openssh.com', 'hmac-sha1-etm@openssh.com', 'hmac-sha1-96-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com', 'hmac-md5-etm@openssh.com', 'hmac-md5-96-etm@openssh.com', 'umac-64-etm@openssh.com',
  'umac-128-etm@openssh.com',
]);
const KEX = new Set([
  'diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group14-sha256',
  'diffie-hellman-group16-sha512', 'diffie-hellman-group18-sha512', 'diffie-hellman-group-exchange-sha1',
  'diffie-hellman-group-exchange-sha256', 'ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521',
  'curve25519-sha256', 'curve25519-sha256@libssh.org', 'sntrup761x25519-sha512', 'sntrup761x25519-sha512@openssh.com',
]);
/** Names later releases added, with the release; ssh/sshd 9.2 refuse them. */
const NEWER: Record<string, string> = { 'mlkem768x25519-sha256': '9.9' };
const KEY_TYPES = [
  'ssh-ed25519', 'ssh-ed25519-cert-v01@openssh.com', 'sk-ssh-ed25519@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521', 'ecdsa-sha2-nistp521-cert-v01@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com', 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com', 'ssh-dss',
  'ssh-dss-cert-v01@openssh.com', 'ssh-rsa', 'ssh-rsa-cert-v01@openssh.com', 'rsa-sha2-256', 'rsa-sha2-256-cert-v01@openssh.com',
  'rsa-sha2-512', 'rsa-sha2-512-cert-v01@openssh.com',
];
const KEY_SET = new Set(KEY_TYPES);
/** The Debian/Fedora GSSAPI key-exchange patch: names end with `-` (the mechanism OID is appended). */
const GSS_KEX = new Set([
  'gss-gex-sha1-', 'gss-group1-sha1-', 'gss-group14-sha1-', 'gss-group14-sha256-', 'gss-group16-sha512-',
  'gss-nistp256-sha256-', 'gss-curve25519-sha256-',
]);

export type AlgorithmList = 'cipher' | 'mac' | 'kex' | 'key' | 'gss-kex';

/** Which list each algorithm keyword is checked against (lower-case keyword). */
export const ALGORITHM_KEYWORDS: Record<string, AlgorithmList> = {
  ciphers: 'cipher',
  macs: 'mac',
  kexalgorithms: 'kex',
  gssapikexalgorithms: 'gss-kex',
  hostkeyalgorithms: 'key',
  pubkeyacceptedalgorithms: 'key',
  pubkeyacceptedkeytypes: 'key',
  hostbasedacceptedalgorithms: 'key',
  hostbasedacceptedkeytypes: 'key',
  hostbasedkeytypes: 'key',
  casignaturealgorithms: 'key',
};

const LIST_WORDS: Record<AlgorithmList, string> = {
  cipher: 'cipher',
  mac: 'MAC',
  kex: 'key exchange algorithm',
  key: 'key or signature type',
  'gss-kex': 'GSSAPI key exchange algorithm',
};

function known(list: AlgorithmList, name: string): boolean {
  switch (list) {
    case 'cipher':
      return CIPHERS.has(name);
    case 'mac':
      return MACS.has(name);
    case 'kex':
      return KEX.has(name);
    case 'gss-kex':
      return GSS_KEX.has(name);
    case 'key': {
      if (KEY_SET.has(name)) return true;
      // sshkey_names_valid2() accepts a wildcard that matches at least one key type.
      if (!/[*?]/.test(name)) return false;
      const re = new RegExp(`^${name.replace(/^!/, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      return KEY_TYPES.some((k) => re.test(k));
    }
  }
}

export interface AlgorithmProblem {
  name: string;
  /** Set when the name exists in a later OpenSSH release. */
  newer?: string;
  message: string;
}

/**
 * ciphers_valid() / mac_valid() / kex_names_valid() / sshkey_names_valid2(): a list starting with
 * `-` is never checked; `+` and `^` are stripped; names are checked up to the first empty entry.
 */
export function algorithmProblem(list: AlgorithmList, value: string): AlgorithmProblem | undefined {
  if (value.startsWith('-')) return undefined;
  const names = value.startsWith('+') || value.startsWith('^') ? value.slice(1) : value;
  if (names === '') return { name: value, message: `"${value}" but no ${LIST_WORDS[list]} after it` };
  for (const name of names.split(',')) {
    if (name === '') break;
    if (known(list, name)) continue;
    const newer = list === 'kex' ? NEWER[name] : undefined;
    return {
      name,
      newer,
      message: newer ? `"${name}", which needs OpenSSH ${newer} or later` : `"${name}", which is not a ${LIST_WORDS[list]} this OpenSSH knows (misspelt, or removed from OpenSSH)`,
    };
  }
  return undefined;
}

/** Every known name of a list, for did-you-mean suggestions. */
export function algorithmNames(list: AlgorithmList): string[] {
  switch (list) {
    case 'cipher':
      return [...CIPHERS];
    case 'mac':
      return [...MACS];
    case 'kex':
      return [...KEX];
    case 'gss-kex':
      return [...GSS_KEX];
    case 'key':
      return KEY_TYPES;
  }
}

// ---- misc.c helpers -----------------------------------------------------------------------------

/** valid_env_name(). */
export function validEnvName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** valid_domain(): undefined when valid, else the reason. */
export function domainProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (!/^[A-Za-z0-9]/.test(name)) return 'it starts with an invalid character';
  if (name.includes('..')) return 'it contains consecutive dots';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'it contains invalid characters';
  if (name.endsWith('.')) return 'it ends with a dot';
  return undefined;
}

/** a2tun(): `any`, `N`, `N:M`, `any:M`, `N:any` with N, M in 0..2147483645. */
export function validTunnelDevice(s: string): boolean {
  const one = (t: string) => t.toLowerCase() === 'any' || (/^\d+$/.test(t) && Number(t) <= 2147483645);
  const parts = s.split(':');
  if (parts.length > 2) return false;
  return parts.every(one);
}
