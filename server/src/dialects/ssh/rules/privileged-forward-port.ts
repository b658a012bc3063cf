// A forward listening below port 1024. ssh no longer checks privileged ports itself; the kernel
// does: a LocalForward/DynamicForward needs ssh to run as root on the client, and a RemoteForward
// needs the login on the server to be root (sshd's session runs as the user). With the server's
// sshd_config in the workspace, a root login refused by PermitRootLogin no is named as well.
import type { Related } from '../../../engine/rules';
import { clientView, forwardsCleared, hostLabel } from '../forwarding-client';
import { describeValue, judge, relatedFor, serverRoots } from '../forwarding-server';
import type { SshRule } from './types';

export const privilegedForwardPort: SshRule = {
  id: 'ssh/privileged-forward-port',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'A forward listening below port 1024: it needs root on the client (-L/-D) or a root login on the server (-R).',
  check(ctx, report) {
    const view = clientView(ctx);
    let servers: ReturnType<typeof serverRoots> | undefined;
    for (const f of view.forwards) {
      const port = f.spec.listen.port;
      if (f.spec.listen.socket !== undefined || port === undefined || port === 0 || port >= 1024) continue;
      const hosts = view.hostsOf(f.line.section).filter((h) => !forwardsCleared(h));
      if (!hosts.length) continue;
      const range = f.line.node.args[0].range;
      if (f.spec.kind !== 'remote') {
        report({
          range,
          message: `Port ${port} is below 1024, so this ${f.line.node.name} can only listen when ssh runs as root on this machine (or the kernel's unprivileged port range is lowered); otherwise the bind fails with "Permission denied" and the forward is missing (L4); use a port from 1024 up.`,
        });
        continue;
      }
      servers ??= serverRoots(ctx.peers(), ctx.ws);
      const seen = new Set<string>();
      for (const host of hosts) {
        const user = host.target.user;
        const label = hostLabel(host);
        if (user === 'root') {
          for (const config of servers) {
            const j = judge(config, { user: 'root' }, (eff) => eff.get('permitrootlogin'));
            const v = j.sure;
            if (v.values[0] !== 'no') continue;
            const message = `Port ${port} is below 1024, which sshd can only bind for a root login, and this host logs in as root, but ${describeValue(v, config)}, so the login itself is refused (L4); use a port from 1024 up with an ordinary user.`;
            if (seen.has(message)) continue;
            seen.add(message);
            const related: Related[] = [relatedFor(v, config, 'the server refuses root logins')];
            const userLine = host.first('user');
            if (userLine) related.push({ path: ctx.file.path, range: userLine.range, message: 'the login user' });
            report({ range, message, related });
          }
          continue;
        }
        const message = user
          ? `Port ${port} is below 1024, which sshd can only bind for a root login, and ${label ?? 'this host'} logs in as ${user}, so the server refuses the forward (L4); use a port from 1024 up.`
          : `Port ${port} is below 1024, which sshd can only bind for a root login, so the server refuses the forward unless you log in as root (L4); use a port from 1024 up.`;
        if (seen.has(message)) continue;
        seen.add(message);
        report({ range, message });
      }
    }
  },
};
