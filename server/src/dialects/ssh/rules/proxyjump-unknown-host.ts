// A ProxyJump hop naming a short host that no Host block of the workspace's ssh_config files
// defines: ssh then looks the word up as a host name (hosts file, DNS search domains), which is
// usually a typo for an alias. IP addresses and dotted DNS names are left alone.
import { suggest } from '../../../engine/suggest';
import { hostNamePatterns, jumpHops } from '../hosts-jump';
import { aliasesAmong, hostAliasesOf } from '../analysis';
import type { SshRule } from './types';

export const sshProxyjumpUnknownHost: SshRule = {
  id: 'ssh/proxyjump-unknown-host',
  language: 'ssh_config',
  layer: 3,
  severity: 'info',
  summary: 'A ProxyJump hop naming a short host that no Host block defines: ssh resolves it as a host name, often a typo for an alias.',
  check(ctx, report) {
    const hops = jumpHops(ctx).filter((h) => !h.hop.error && h.hop.host);
    if (!hops.length) return;
    // The aliases of the workspace's ssh_config files as they are now (reading patterns below may
    // load included files): which hop names are aliases, and all of them only for suggestions.
    const files = ctx.ws.all();
    const names = hops.map((h) => h.hop.host.toLowerCase());
    const aliased = aliasesAmong(files, new Set(names));
    let aliases: Map<string, unknown> | undefined;
    let known: ReturnType<typeof hostNamePatterns> | undefined;
    /** Per unknown name: null when a Host pattern covers it, else the did-you-mean candidates. */
    const verdicts = new Map<string, string[] | null>();
    for (let i = 0; i < hops.length; i++) {
      const h = hops[i];
      const host = names[i];
      if (aliased.has(host)) continue;
      if (host === 'localhost' || host === 'none' || host.includes('.') || host.includes(':') || /[%$]/.test(host)) continue;
      known ??= hostNamePatterns(ctx);
      if (known.canonicalizes) return;
      let close = verdicts.get(host);
      if (close === undefined) {
        close = known.covers(host) ? null : suggest(h.hop.host, (aliases ??= hostAliasesOf(files)).keys());
        verdicts.set(host, close);
      }
      if (!close) continue;
      const fixes = h.hostRange
        ? close.map((c, i) => ({ title: `Change to ${c}`, edits: [{ path: ctx.file.path, range: h.hostRange!, newText: c }], preferred: i === 0 && close.length === 1 }))
        : [];
      report({
        range: h.hostRange ?? h.range,
        message: `No Host block defines "${h.hop.host}", so ssh looks it up as a host name and fails to reach the jump host unless your resolver knows it (L3)${close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '; add a Host block for it with its HostName, or write the full name.'}`,
        fixes,
      });
    }
  },
};
