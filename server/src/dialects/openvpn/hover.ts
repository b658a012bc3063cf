// Hover on OpenVPN options: layer and role first, then arguments, where it is valid, default.
import type { Hover } from 'vscode-languageserver-types';
import { layerLabel, type Layer } from '../../engine/layers';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { locate } from '../../features/locate';
import type { OptionSpec } from './option-types';
import { optionSpec } from './schema';

const SCOPE_TEXT: Record<OptionSpec['scope'], string> = {
  server: 'server configs',
  client: 'client configs',
  both: 'server and client configs',
  ccd: 'client-config-dir files',
  'push-only': 'pushed options only',
};

/** `dev tun` routes IP packets (L3); `dev tap` bridges Ethernet frames (L2). */
export function layerOf(spec: OptionSpec, firstArg?: string): Layer {
  if (spec.name === 'dev' || spec.name === 'dev-type') return firstArg?.startsWith('tap') ? 2 : 3;
  return spec.layer;
}

export function optionHoverText(spec: OptionSpec, firstArg?: string): string {
  const layer = `**${layerLabel(layerOf(spec, firstArg))}**`;
  const head = `\`${spec.name}\` — ${spec.role ? `${layer} · role: **${spec.role}**` : layer}`;
  const where = [`valid in ${SCOPE_TEXT[spec.scope]}`];
  if (spec.inConnection) where.push('inside `<connection>`');
  if (spec.pushable) where.push('can be pushed');
  if (spec.inCcd && spec.scope !== 'ccd') where.push('in ccd files');
  const args = spec.maxArgs === 0 ? 'no arguments' : spec.values ? spec.values.join(' | ') : spec.args.join(' ');
  const status = spec.status ? `\n\n⚠ ${spec.status} in OpenVPN 2.6` : '';
  return `${head}${status}\n\n**Arguments:** ${args} · **Default:** ${spec.default ? `\`${spec.default}\`` : 'none'} · ${where.join(', ')}\n\n${spec.summary}\n\n[OpenVPN 2.6 manual](https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/)`;
}

export function openvpnHover(file: SourceFile, pos: Position, _ws: Workspace): Hover | undefined {
  const hit = locate(file.parse.tree, pos);
  if (!hit?.onName) return undefined;
  const spec = optionSpec(hit.directive.name);
  if (!spec) return undefined;
  return { contents: { kind: 'markdown', value: optionHoverText(spec, hit.directive.args[0]?.value) }, range: hit.directive.nameRange };
}
