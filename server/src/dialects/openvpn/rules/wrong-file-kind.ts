// Options in the wrong kind of file or place:
// - a server-only option in a client config (or any config not in server mode) and client-only
//   options in a server: openvpn refuses the file when it cross-checks the options ("--X requires
//   --mode server", "--X cannot be used with --mode server"); where it only ignores the option,
//   a warning;
// - ccd-only options (iroute, ifconfig-push, push-reset ...) in a main config, which openvpn
//   refuses, and main-config options in a ccd file, which the server rejects for that client;
// - an option a client will not take from a push;
// - an option openvpn refuses inside a <connection> block.
import type { Fix } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import { deleteDirectiveLines } from '../lexicon-edit';
import { REFUSED_IN_SERVER_MODE, REQUIRES_SERVER_MODE, setsServerMode } from '../lexicon-facts';
import { lexLines, type LexLine } from '../lexicon-lines';
import type { OpenvpnRule } from './types';

type ReportFn = Parameters<OpenvpnRule['check']>[1];

const SERVER_TRIGGERS = new Set(['server', 'server-bridge', 'server-ipv6', 'tls-server']);
const CLIENT_TRIGGERS = new Set(['client', 'pull', 'tls-client']);

/** Whether openvpn would complain about this server-only option outside server mode. */
function needsServerMode(l: LexLine): boolean {
  if (l.name === 'verify-client-cert') return (l.args[0]?.value ?? 'require') !== 'require';
  return REQUIRES_SERVER_MODE.has(l.name);
}

function top(l: LexLine): boolean {
  return !l.line.pushed && !l.line.connection && l.soft !== 'setenv-opt';
}

function removeFix(ctx: OpenvpnContext, node: Directive): Fix[] {
  return [{ title: `Remove the ${node.name} line`, edits: [deleteDirectiveLines(ctx, node)] }];
}

function checkCcd(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  for (const l of lines) {
    if (!l.spec || l.spec.status === 'removed' || !top(l) || l.spec.inCcd) continue;
    report({
      range: l.nameRange,
      layer: l.spec.layer,
      message: `${l.name} cannot be set per client: the server rejects this line when the client connects, so it never applies (L${l.spec.layer}); put it in the server config${l.spec.pushable ? ` or send it with \`push "${l.name} ..."\`` : ''}.`,
      fixes: removeFix(ctx, l.line.node),
    });
  }
}

function checkMain(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  const tops = lines.filter((l) => top(l) && l.spec && l.spec.status !== 'removed');
  const serverBy = tops.filter((l) => setsServerMode(l.name, l.args[0]?.value));
  const serverMode = serverBy.length > 0;
  const clientBy = tops.filter((l) => CLIENT_TRIGGERS.has(l.name));
  for (const l of tops) {
    const spec = l.spec!;
    const layer = spec.layer;
    if (spec.scope === 'ccd') {
      report({ range: l.nameRange, layer, message: `${l.name} belongs in a client-config-dir file; in the main config openvpn refuses it and the whole file (L${layer}); move it to ccd/<client common name>.`, fixes: removeFix(ctx, l.line.node) });
      continue;
    }
    if (l.name === 'push-continuation') {
      report({ range: l.nameRange, layer, message: 'push-continuation is only valid in a push reply, so openvpn refuses it in a config file (L5); remove it.', fixes: removeFix(ctx, l.line.node) });
      continue;
    }
    if (ctx.kind === 'client' && (SERVER_TRIGGERS.has(l.name) || setsServerMode(l.name, l.args[0]?.value)) && (l.name !== 'tls-server' || clientBy.length)) {
      report({ range: l.nameRange, layer, message: `${l.name} is a server option; with \`${clientBy[0]?.name ?? 'client'}\` in this client config openvpn refuses the whole file (L${layer}); remove it or move it to the server config.`, fixes: removeFix(ctx, l.line.node) });
      continue;
    }
    if (ctx.kind === 'server' && CLIENT_TRIGGERS.has(l.name) && serverMode) {
      report({ range: l.nameRange, layer, message: `${l.name} is a client option; in server mode openvpn refuses the whole file (L${layer}); remove it.`, fixes: removeFix(ctx, l.line.node) });
      continue;
    }
    if (!serverMode && needsServerMode(l)) {
      const what = ctx.kind === 'client' ? 'this client config' : 'a config without `server` or `mode server`';
      report({ range: l.nameRange, layer, message: `${l.name} only works in server mode, so openvpn refuses ${what} (L${layer}); ${ctx.kind === 'client' ? 'remove it; it belongs in the server config' : 'add the server settings or remove it'}.`, fixes: removeFix(ctx, l.line.node) });
      continue;
    }
    if (serverMode && ctx.kind !== 'client' && REFUSED_IN_SERVER_MODE.has(l.name)) {
      const hint = l.name === 'redirect-gateway' || l.name === 'redirect-private' ? `send it to clients with \`push "${l.name}${l.args.length ? ` ${l.args.map((a) => a.value).join(' ')}` : ''}"\`` : 'remove it; it belongs in client configs';
      const fixes: Fix[] = [];
      if (l.name === 'redirect-gateway' || l.name === 'redirect-private') {
        const text = `push "${l.name}${l.args.length ? ` ${l.args.map((a) => a.value).join(' ')}` : ''}"`;
        fixes.push({ title: `Change to ${text}`, preferred: true, edits: [{ path: ctx.file.path, range: { start: l.nameRange.start, end: l.line.node.range.end }, newText: text }] });
      } else fixes.push(...removeFix(ctx, l.line.node));
      report({ range: l.nameRange, layer, message: `${l.name} is a client option; in server mode openvpn refuses the whole file (L${layer}); ${hint}.`, fixes });
      continue;
    }
    // Accepted but without effect.
    if (ctx.kind === 'client' && spec.scope === 'server' && !REQUIRES_SERVER_MODE.has(l.name) && !SERVER_TRIGGERS.has(l.name) && l.name !== 'mode') {
      report({ range: l.nameRange, layer, severity: 'warning', message: `${l.name} is a server option: openvpn ignores it in a client config, so it does nothing here (L${layer}); remove it or move it to the server config.`, fixes: removeFix(ctx, l.line.node) });
    } else if (serverMode && spec.scope === 'client' && !REFUSED_IN_SERVER_MODE.has(l.name)) {
      report({ range: l.nameRange, layer, severity: 'warning', message: `${l.name} is a client option: a server ignores it, so it does nothing here (L${layer}); remove it${spec.pushable ? `, or push it with \`push "${l.name} ..."\`` : ''}.`, fixes: removeFix(ctx, l.line.node) });
    }
  }
}

function checkPushed(ctx: OpenvpnContext, lines: LexLine[], report: ReportFn): void {
  for (const l of lines) {
    if (!l.line.pushed || !l.spec || l.spec.status === 'removed' || l.spec.pushable) continue;
    const layer = l.spec.layer;
    const where = l.spec.scope === 'ccd' ? 'it belongs in the client\'s ccd file' : l.spec.scope === 'server' ? 'it is a server setting' : 'set it in the client config instead';
    report({
      range: l.nameRange,
      severity: 'warning',
      layer,
      message: `Clients do not accept ${l.name} from a push: they reject it and carry on without it (L${layer}); ${where}.`,
    });
  }
}

function checkConnection(lines: LexLine[], report: ReportFn): void {
  for (const l of lines) {
    if (!l.line.connection || l.line.pushed || !l.spec || l.spec.status === 'removed' || l.spec.inConnection) continue;
    report({
      range: l.nameRange,
      layer: l.spec.layer,
      message: `openvpn refuses ${l.name} inside a <connection> block, and with it the whole file (L4); move it above the first <connection>, where it applies to every connection.`,
    });
  }
}

export const openvpnWrongFileKind: OpenvpnRule = {
  id: 'openvpn/wrong-file-kind',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'A server option in a client config (or the reverse), a ccd-only option in a main config (or the reverse), a non-pushable push, or an option not allowed in <connection>.',
  check(ctx, report) {
    const lines = lexLines(ctx);
    if (ctx.kind === 'ccd') checkCcd(ctx, lines, report);
    else checkMain(ctx, lines, report);
    checkPushed(ctx, lines, report);
    checkConnection(lines, report);
  },
};
