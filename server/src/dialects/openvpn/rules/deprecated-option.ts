// Deprecated options and settings openvpn 2.6 still reads but warns about, ignores, or will drop:
// the options marked deprecated in the table (comp-lzo, secret, ncp-ciphers, ns-cert-type ...),
// and three deprecated uses of valid options: `topology net30` (explicit, or the default under
// `server` on dev tun), `cipher` naming a cipher that data-ciphers does not list (openvpn ignores
// it for negotiation), and an all-lower-case x509-username-field that openvpn upper-cases.
import { lineBreakOf } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import type { OpenvpnContext } from '../analysis';
import { deleteDirectiveLines, replaceRange } from '../lexicon-edit';
import { DEPRECATED, setsServerMode } from '../lexicon-facts';
import { lexLines, type LexLine } from '../lexicon-lines';
import type { OpenvpnRule } from './types';

type ReportFn = Parameters<OpenvpnRule['check']>[1];

const DEFAULT_DATA_CIPHERS = ['AES-256-GCM', 'AES-128-GCM', 'CHACHA20-POLY1305'];

function optionFixes(ctx: OpenvpnContext, l: LexLine): Fix[] {
  const d = DEPRECATED[l.spec!.name];
  if (!d || l.line.inline) return [];
  if (d.rename) return [{ title: `Rename to ${d.rename}`, preferred: true, edits: [replaceRange(ctx, l.nameRange, d.rename)] }];
  if (d.remove && !l.line.pushed && l.soft !== 'setenv-opt') return [{ title: `Remove the ${l.name} line`, edits: [deleteDirectiveLines(ctx, l.line.node)] }];
  return [];
}

function topologyNet30(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  if (ctx.kind !== 'server') return;
  const tops = lines.filter((l) => !l.line.pushed && !l.line.connection);
  const server = tops.find((l) => l.name === 'server' && l.args.length >= 2);
  const serverMode = tops.some((l) => setsServerMode(l.name, l.args[0]?.value));
  const dev = tops.find((l) => l.name === 'dev')?.args[0]?.value ?? '';
  const devType = tops.find((l) => l.name === 'dev-type')?.args[0]?.value;
  if (!(devType ?? dev).startsWith('tun') || !serverMode) return;
  const topology = tops.filter((l) => l.name === 'topology').pop();
  if (topology) {
    const arg = topology.args[0];
    if (arg?.value !== 'net30') return;
    report({
      range: arg.range,
      layer: 3,
      message: 'topology net30 (one /30 per client) is deprecated for servers and goes in a future release (L3); switch to `topology subnet`, and adjust ifconfig-push lines in ccd files to address plus netmask.',
      fixes: [{ title: 'Change to subnet', edits: [replaceRange(ctx, arg.range, 'subnet')] }],
    });
  } else if (server) {
    const at = server.line.node.range.end;
    report({
      range: server.nameRange,
      layer: 3,
      message: 'Without a topology line this server uses net30 (one /30 per client), which is deprecated for servers and goes in a future release (L3); add `topology subnet` (and use address plus netmask in ccd ifconfig-push lines).',
      fixes: [{ title: 'Add `topology subnet`', edits: [{ path: ctx.file.path, range: { start: at, end: at }, newText: `${lineBreakOf(ctx.file)}topology subnet` }] }],
    });
  }
}

function cipherWithoutDataCiphers(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  const tops = lines.filter((l) => !l.line.pushed && !l.line.connection);
  if (tops.some((l) => l.name === 'secret')) return; // static-key mode: cipher is the cipher
  const cipher = tops.filter((l) => l.name === 'cipher').pop();
  const arg = cipher?.args[0];
  if (!cipher || !arg || arg.value.toLowerCase() === 'none') return;
  const list = tops.filter((l) => l.name === 'data-ciphers' || l.name === 'ncp-ciphers').pop()?.args[0]?.value;
  const names = (list ? list.split(':') : DEFAULT_DATA_CIPHERS).map((c) => c.replace(/^\?/, '').toUpperCase());
  if (names.includes(arg.value.toUpperCase())) return;
  const fallback = tops.some((l) => l.name === 'data-ciphers-fallback');
  report({
    range: arg.range,
    layer: 6,
    message: `cipher ${arg.value} is not in data-ciphers (${names.join(':')}), so openvpn 2.6 ignores it when the peers negotiate and uses a data-ciphers entry instead (L6); add ${arg.value} to data-ciphers if old peers need it${fallback ? '' : ', or rename this line to data-ciphers-fallback'}.`,
    fixes: fallback ? [] : [{ title: 'Rename to data-ciphers-fallback', edits: [replaceRange(ctx, cipher.nameRange, 'data-ciphers-fallback')] }],
  });
}

function usernameField(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  for (const l of lines) {
    if (l.name !== 'x509-username-field' || l.line.pushed) continue;
    for (const a of l.args) {
      if (a.value.startsWith('ext:') || a.value !== a.value.toLowerCase() || !/[a-z]/.test(a.value)) continue;
      report({
        range: a.range,
        layer: 7,
        message: `openvpn upper-cases the all-lower-case field name "${a.value}" to ${a.value.toUpperCase()}, a conversion that is deprecated and will stop (L7); write ${a.value.toUpperCase()}.`,
        fixes: [{ title: `Change to ${a.value.toUpperCase()}`, preferred: true, edits: [replaceRange(ctx, a.range, a.value.toUpperCase())] }],
      });
    }
  }
}

export const openvpnDeprecatedOption: OpenvpnRule = {
  id: 'openvpn/deprecated-option',
  language: 'openvpn',
  layer: 6,
  severity: 'warning',
  summary: 'A deprecated option or setting openvpn 2.6 ignores, warns about or will drop (comp-lzo, secret, ncp-ciphers, topology net30 ...), with its replacement.',
  check(ctx, report) {
    const lines = lexLines(ctx);
    for (const l of lines) {
      const spec = l.spec;
      if (!spec || spec.status !== 'deprecated') continue;
      // Real compression has its own rule (openvpn/compression-enabled); framing-only forms stay here.
      const arg = l.args[0]?.value;
      if ((spec.name === 'comp-lzo' && arg !== 'no') || (spec.name === 'compress' && /^(lz4|lz4-v2|lzo)$/.test(arg ?? ''))) continue;
      const d = DEPRECATED[spec.name];
      const where = l.line.pushed ? 'pushed to clients, ' : '';
      report({
        range: l.nameRange,
        layer: spec.layer,
        message: `${l.name} is deprecated in OpenVPN 2.6: ${where}${d?.effect ?? 'it will be removed'} (L${spec.layer}); ${d?.advice ?? 'remove it'}.`,
        fixes: optionFixes(ctx, l),
      });
    }
    topologyNet30(ctx, lines, report);
    cipherWithoutDataCiphers(ctx, lines, report);
    usernameField(ctx, lines, report);
  },
};
