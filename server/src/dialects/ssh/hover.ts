// Hover on OpenSSH keywords: layer and relay role first, then value kind, default, Match rules.
import type { Hover } from 'vscode-languageserver-types';
import { layerLabel } from '../../engine/layers';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { locate } from '../../features/locate';
import type { KeywordSpec } from './keyword-types';
import { sideOf, specOf, type SshSide } from './schema';

const KIND_TEXT: Record<string, string> = {
  yesno: 'yes | no',
  port: 'a port number (1-65535)',
  number: 'a number',
  time: 'a time (seconds, or with units: 30s, 5m, 1h)',
  size: 'a size (with K, M or G)',
  string: 'text',
  path: 'a path (`~` and `%` tokens allowed)',
  command: 'a command line',
  host: 'a host name or address',
  address: 'an address',
  'listen-address': 'host, IPv4 or [IPv6] address, optionally :port',
  'host-patterns': 'host patterns (`*`, `?`, `!negation`)',
  match: 'Match criteria',
  'local-forward': '[bind_address:]port host:hostport',
  'remote-forward': '[bind_address:]port [host:hostport]',
  'dynamic-forward': '[bind_address:]port',
  jump: 'none, or [user@]host[:port] hops separated by commas (or ssh:// URIs)',
  'permit-open': 'host:port ... | any | none',
  'permit-listen': '[host:]port ... | any | none',
  algorithms: 'a comma-separated list (prefix +, - or ^ to edit the default)',
  list: 'a list of words',
  env: 'NAME=value ...',
  'log-level': 'QUIET | FATAL | ERROR | INFO | VERBOSE | DEBUG | DEBUG1-3',
  facility: 'a syslog facility',
};

export function manUrl(side: SshSide, name: string): string {
  return `https://man.openbsd.org/${side === 'server' ? 'sshd_config' : 'ssh_config'}#${name}`;
}

export function keywordHoverText(spec: KeywordSpec, side: SshSide): string {
  const layer = `**${layerLabel(spec.layer)}**`;
  const head = `\`${spec.name}\` — ${spec.role ? `${layer} · relay role: **${spec.role}**` : layer}`;
  const value = spec.kind === 'enum' && spec.values ? spec.values.join(' | ') : KIND_TEXT[spec.kind] ?? spec.kind;
  const facts = [`**Value:** ${value}`, `**Default:** ${spec.default ? `\`${spec.default}\`` : 'none'}`];
  facts.push(spec.repeatable ? 'every occurrence adds to the list' : 'the first value obtained wins; later ones are ignored');
  if (side === 'server') facts.push(spec.matchAllowed ? 'allowed inside `Match`' : 'not allowed inside `Match`');
  const status = spec.status ? `\n\n⚠ ${spec.status} in OpenSSH 9.x` : '';
  return `${head}${status}\n\n${facts.join(' · ')}\n\n${spec.summary}\n\n[${side === 'server' ? 'sshd_config' : 'ssh_config'} manual](${manUrl(side, spec.name)})`;
}

export function sshHover(file: SourceFile, pos: Position, _ws: Workspace): Hover | undefined {
  const hit = locate(file.parse.tree, pos);
  if (!hit?.onName) return undefined;
  const side = sideOf(file.language);
  const spec = specOf(side, hit.directive.name);
  if (!spec) return undefined;
  return { contents: { kind: 'markdown', value: keywordHoverText(spec, side) }, range: hit.directive.nameRange };
}
