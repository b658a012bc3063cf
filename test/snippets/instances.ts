// Lays the relay snippets out on disk with their defaults accepted, the way a user would save
// them, and judges the result: the real daemon (../shared/oracles/*-check) and Layerwise itself.
// Nothing in a snippet's text is rewritten. Files a daemon opens while checking (nginx loads the
// certificate; openvpn checks that ca/cert/key files exist) are placed where the snippet's
// default relative paths point: nginx gets the oracles' self-signed test pair, openvpn empty
// placeholder files (it only checks that they can be read before the oracle stops it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DIALECTS } from '../../server/src/dialects/index';
import type { Finding } from '../../server/src/engine/rules';
import type { LanguageId } from '../../server/src/engine/syntax';
import { Workspace } from '../../server/src/engine/workspace';
import { RELAY_SNIPPETS, type RelaySnippet } from '../../server/src/features/snippet-catalogue';
import { nodeHost } from '../../server/src/node-host';
import { oracleDir } from '../support/oracle';
import { runOracle, type OracleVerdict } from '../support/oracles';

const TLS_PAIR = join(oracleDir, 'test', 'nginx', 'tls');

/** Where each language's snippet is saved in its folder. */
const FILE_NAME: Record<LanguageId, string> = {
  nginx: 'nginx.conf', ssh_config: 'ssh_config', sshd_config: 'sshd_config', openvpn: 'openvpn.conf',
};

/**
 * Snippets that are two or more files of one pattern, saved side by side as their comments tell
 * (Layerwise pairs them: client with server config, server with its ccd folder).
 */
export const SETS: Record<string, Record<string, string>> = {
  'bastion': { ssh_config: 'relay-jump-host', sshd_config: 'relay-bastion-server' },
  'bastion-chain': { ssh_config: 'relay-jump-host-multi', sshd_config: 'relay-bastion-server' },
  'reverse-tunnel': { ssh_config: 'relay-remote-forward', sshd_config: 'relay-reverse-tunnel-server' },
  'routed-vpn': { 'server.conf': 'relay-vpn-server', 'client.ovpn': 'relay-vpn-client' },
  'site-to-site-vpn': { 'server.conf': 'relay-vpn-site-server', 'ccd/branch-gw': 'relay-vpn-site-ccd', 'branch-gw.ovpn': 'relay-vpn-site-client' },
};

export function snippetByPrefix(prefix: string): RelaySnippet {
  const s = RELAY_SNIPPETS.find((x) => x.prefix === prefix);
  if (!s) throw new Error(`no snippet with prefix ${prefix}`);
  return s;
}

/** The complete nginx config around a fragment: the envelope of the context it belongs in. */
export function nginxEnvelope(context: string, text: string): string {
  const indented = text.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
  return `events {}\n\n${context} {\n${indented}\n}\n`;
}

const scratch = mkdtempSync(join(tmpdir(), 'layerwise-snippets-'));
let counter = 0;

/** A fresh folder holding `files` (relative path -> text) plus what the daemons need to read. */
export function writeFolder(files: Record<string, string>): string {
  const dir = join(scratch, String(counter++));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
    for (const ref of referencedFiles(text)) placeFixture(dir, ref);
    // OpenVPN checks that its client-config-dir exists.
    for (const m of text.matchAll(/^\s*client-config-dir\s+(\S+)/gm)) mkdirSync(join(dir, m[1]), { recursive: true });
  }
  return dir;
}

/** Relative files a config opens at check time: nginx certificates and keys, OpenVPN key material. */
function referencedFiles(text: string): { ref: string; tls: boolean }[] {
  const nginx = [...text.matchAll(/^\s*ssl_certificate(?:_key)?\s+([^\s;]+);/gm)].map((m) => ({ ref: m[1], tls: true }));
  const ovpn = [...text.matchAll(/^\s*(?:ca|cert|key|tls-crypt|tls-auth|dh|crl-verify)\s+(\S+)/gm)].map((m) => ({ ref: m[1], tls: false }));
  return [...nginx, ...ovpn].filter((r) => !r.ref.startsWith('/') && r.ref !== 'none');
}

function placeFixture(dir: string, { ref, tls }: { ref: string; tls: boolean }): void {
  const target = join(dir, ref);
  mkdirSync(dirname(target), { recursive: true });
  if (tls) copyFileSync(join(TLS_PAIR, ref.endsWith('.key') ? 'test-only.key' : 'test-only.crt'), target);
  // openvpn warns about private keys others may read, as it should.
  else writeFileSync(target, '# placeholder: the check only opens this file\n', { mode: ref.endsWith('.key') ? 0o600 : 0o644 });
}

export interface Judged {
  /** The file the oracle and Layerwise looked at. */
  path: string;
  text: string;
  /** undefined when the daemon has no offline check for this kind of file (OpenVPN ccd files: see live-vpn.test.ts). */
  oracle?: OracleVerdict;
  findings: Finding[];
}

const ORACLE_OF: Record<LanguageId, 'nginx' | 'ssh' | 'sshd' | 'openvpn'> = {
  nginx: 'nginx', ssh_config: 'ssh', sshd_config: 'sshd', openvpn: 'openvpn',
};

/** Layerwise's findings on every file of a folder analysed together, by path. */
export function lintFolder(dir: string, files: Record<string, LanguageId>, context?: Record<string, string>): Map<string, Finding[]> {
  const ws = new Workspace(nodeHost(), DIALECTS);
  for (const [rel, language] of Object.entries(files)) {
    ws.load(join(dir, rel), language);
    if (context?.[rel]) ws.contextOverride.set(join(dir, rel), context[rel]);
  }
  return new Map(Object.keys(files).map((rel) => [rel, ws.analyze(join(dir, rel))]));
}

/**
 * One snippet on its own: instantiated `text` saved as its language's file (nginx inside the
 * envelope of its context), checked by its oracle and by Layerwise. Also lints the bare nginx
 * fragment with its context declared, which is how a `conf.d` file holding it is seen.
 */
export function judgeAlone(snippet: RelaySnippet, text: string): Judged & { fragmentFindings?: Finding[] } {
  const name = isCcd(snippet) ? 'ccd/branch-gw' : FILE_NAME[snippet.language];
  const full = snippet.language === 'nginx' ? nginxEnvelope(snippet.context!, text) : text;
  const dir = writeFolder({ [name]: full });
  const path = join(dir, name);
  const oracle = isCcd(snippet) ? undefined : runOracle(ORACLE_OF[snippet.language], [path]);
  const findings = lintFolder(dir, { [name]: snippet.language }).get(name)!;
  let fragmentFindings: Finding[] | undefined;
  if (snippet.language === 'nginx') {
    const fdir = writeFolder({ 'fragment.conf': text });
    fragmentFindings = lintFolder(fdir, { 'fragment.conf': 'nginx' }, { 'fragment.conf': snippet.context! }).get('fragment.conf')!;
  }
  return { path, text: full, oracle, findings, fragmentFindings };
}

export function isCcd(snippet: RelaySnippet): boolean {
  return snippet.prefix === 'relay-vpn-site-ccd';
}

/** Findings Layerwise must not report on a snippet: warnings and errors (info is allowed). */
export function blocking(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.range.start.line + 1}: ${f.rule} ${f.severity}: ${f.message}`);
}

export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}: ${f.rule} ${f.severity}: ${f.message}`);
}

/** `sshd -T` for one connection (`user=...,host=...,addr=...`): each keyword's effective values. */
export function sshdEffective(path: string, spec: string): Map<string, string[]> {
  const r = spawnSync('bash', [join(oracleDir, 'sshd-check'), '--dump', path, spec], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`sshd-check --dump ${path} ${spec} failed (${r.status}): ${r.stdout}${r.stderr}`);
  const out = new Map<string, string[]>();
  for (const line of r.stdout.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key) out.set(key, [...(out.get(key) ?? []), rest.join(' ')]);
  }
  return out;
}
