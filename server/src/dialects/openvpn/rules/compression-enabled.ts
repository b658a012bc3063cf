// Compression of the data channel: compressed-then-encrypted packets leak their content through
// their size (VORACLE), openvpn 2.6 only decompresses by default, and `allow-compression no` with
// a compressing setting is refused. `comp-lzo no`, `compress`, `stub`, `stub-v2` and `migrate`
// only frame packets and compress nothing.
import type { Fix } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import type { OpenvpnRule } from './types';

/** The algorithm a line really compresses with, if any. */
function compresses(d: Directive): string | undefined {
  if (d.name === 'comp-lzo') {
    const v = d.args[0]?.value.toLowerCase();
    return v === 'no' ? undefined : 'LZO';
  }
  if (d.name === 'compress') {
    const v = d.args[0]?.value.toLowerCase();
    if (v === 'lz4' || v === 'lz4-v2') return 'LZ4';
    if (v === 'lzo') return 'LZO';
  }
  return undefined;
}

/** The same packet framing without compression. */
function stubFix(ctx: OpenvpnContext, d: Directive): Fix[] {
  const v = d.args[0]?.value.toLowerCase();
  const path = ctx.file.path;
  if (d.name === 'comp-lzo') {
    const edit = d.args[0] ? { path, range: d.args[0].range, newText: 'no' } : { path, range: { start: d.nameRange.end, end: d.nameRange.end }, newText: ' no' };
    return [{ title: 'Keep the framing, stop compressing (`comp-lzo no`)', edits: [edit] }];
  }
  const stub = v === 'lz4-v2' ? 'stub-v2' : v === 'lz4' ? 'stub' : undefined;
  if (stub && d.args[0]) return [{ title: `Keep the framing, stop compressing (\`compress ${stub}\`)`, edits: [{ path, range: d.args[0].range, newText: stub }] }];
  return [];
}

export const compressionEnabled: OpenvpnRule = {
  id: 'openvpn/compression-enabled',
  language: 'openvpn',
  layer: 6,
  severity: 'warning',
  summary: 'Data-channel compression (comp-lzo, compress lz4/lzo, allow-compression yes), which leaks content and is refused with allow-compression no.',
  check(ctx, report) {
    const allow = ctx.all('allow-compression').filter((l) => !l.connection).at(-1)?.node;
    const allowValue = allow?.args[0]?.value.toLowerCase();
    for (const l of ctx.lines) {
      const d = l.node;
      if (l.inline) continue;
      if (d.name === 'allow-compression' && !l.pushed && d.args[0]?.value.toLowerCase() === 'yes') {
        const line = d.range.start.line;
        report({
          range: d.args[0].range,
          message: '`allow-compression yes` makes openvpn compress what it sends, so an attacker who can inject traffic learns secrets from packet sizes (VORACLE) (L6); remove it (openvpn 2.6 then only decompresses).',
          fixes: [{ title: 'Remove `allow-compression yes`', edits: [{ path: ctx.file.path, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }] }],
        });
        continue;
      }
      const alg = compresses(d);
      if (!alg) continue;
      const range = d.args[0]?.range ?? d.nameRange;
      if (l.pushed) {
        report({
          range,
          message: `This server pushes ${alg} compression to every client, so compressed packets leak their content through their size (VORACLE) and clients set to \`allow-compression no\` reject the pushed options (L6); push \`compress stub-v2\` (or nothing) instead.`,
        });
        continue;
      }
      if (allowValue === 'no' && allow && ctx.kind !== 'ccd') {
        report({
          range,
          severity: 'error',
          message: `${alg} compression conflicts with \`allow-compression no\` (line ${allow.range.start.line + 1}), so openvpn refuses the config (L6); use \`${d.name === 'comp-lzo' ? 'comp-lzo no' : 'compress stub-v2'}\` or drop the compression line.`,
          related: [{ path: ctx.file.path, range: allow.range, message: 'compression is forbidden here' }],
          fixes: stubFix(ctx, d),
        });
        continue;
      }
      report({
        range,
        message: `${alg} compression before encryption lets an attacker learn secrets from packet sizes (VORACLE), and openvpn 2.6 no longer compresses what it sends by default, so the setting only costs a framing byte (L6); keep the framing without compressing, or remove it on both ends together.`,
        fixes: stubFix(ctx, d),
      });
    }
  },
};
