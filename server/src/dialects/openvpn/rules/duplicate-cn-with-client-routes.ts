// `duplicate-cn` lets several clients connect with one certificate common name. ccd files are
// looked up by common name, so every device sharing the name gets the same ccd file: the same
// `ifconfig-push` address and the same `iroute` LAN. OpenVPN's routing table then points that
// address or LAN at whichever instance connected last, and the others lose their traffic.
// Warning when ccd files with iroute/ifconfig-push are in sight; info when the server has a
// client-config-dir whose files cannot be read (the hint still applies).
import { deleteLines } from '../../../engine/line-edits';
import type { Related } from '../../../engine/rules';
import { analyzeOpenvpn } from '../analysis';
import { ccdDir, ccdLabel, ccdName, serverCcdFiles } from '../routing-view';
import type { OpenvpnRule } from './types';

const PER_CLIENT = ['iroute', 'ifconfig-push'];

export const duplicateCnWithClientRoutes: OpenvpnRule = {
  id: 'openvpn/duplicate-cn-with-client-routes',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'duplicate-cn on a server whose ccd files pin an address (ifconfig-push) or a LAN (iroute) to a common name.',
  check(ctx, report) {
    if (ctx.kind !== 'server') return;
    const dup = ctx.first('duplicate-cn');
    const dir = ccdDir(ctx);
    if (!dup || !dir) return;
    const files = serverCcdFiles(ctx);
    const fix = [{ title: 'Remove duplicate-cn', edits: [deleteLines(ctx.file, dup.node.range.start.line)] }];
    if (!files.length) {
      report({
        range: dup.node.range,
        severity: 'info',
        message: `duplicate-cn lets devices share one common name, and they then share its ccd file in ${dir} too: an ifconfig-push or iroute there would send that address or LAN only to the device that connected last (L3); keep such lines out of shared names' ccd files, or give each device its own certificate.`,
        fixes: fix,
      });
      return;
    }
    const pinned: Related[] = [];
    const kinds = new Set<string>();
    for (const f of files) {
      const c = analyzeOpenvpn(f, ctx.ws);
      for (const name of PER_CLIENT) {
        for (const l of c.all(name)) {
          kinds.add(name);
          pinned.push({ path: f.path, range: l.node.range, message: `${ccdLabel(f)} pins ${name === 'iroute' ? 'a LAN' : 'an address'} to the name ${ccdName(f)}` });
        }
      }
    }
    if (!pinned.length) return;
    const what = [kinds.has('ifconfig-push') ? 'fixed addresses (ifconfig-push)' : '', kinds.has('iroute') ? 'LANs (iroute)' : ''].filter(Boolean).join(' and ');
    report({
      range: dup.node.range,
      message: `duplicate-cn lets several devices connect with one common name, but ccd files give names ${what}, so devices sharing a name share them and only the one that connected last receives that traffic (L3); give each device its own certificate, or remove duplicate-cn.`,
      related: pinned.slice(0, 10),
      fixes: fix,
    });
  },
};
