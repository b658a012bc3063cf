// What an HTTP backend learns about the original request: the Host the client asked for and the
// client's address. Missing headers are a hint; passing the client's own claim on is a warning.
import type { Fix, Report, TextEdit } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import type { NginxContext } from '../analysis';
import { chainsOf, findHeader, headerCode, headerCodeOf, headerCodes, headerOfCode, hiddenHeader, httpSites, lookup, unknownHeaderNameOnChain, type Chain, type HeaderCodes, type Lookup, type Placed } from '../http-scope';
import { insertAfter, insertBefore, where } from '../directive-edits';
import { enclosing, encloses } from '../scope';
import { passesOf } from '../relay-targets';
import { isIpAddress, isLoopback, parseTarget, type Target } from '../target';
import { argValueOf } from '../tree';
import { configUpstreams } from '../upstreams';
import type { NginxRule } from './types';

const CLIMB = new Set(['if', 'limit_except']);
const ADDRESS_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];
const ADDRESS_HEADER_CODES = ADDRESS_HEADERS.map(headerCode);
/** Client-supplied request headers that carry a claimed client address. */
// Maps, not object literals: a header value such as "constructor" must not find Object's own members.
const CLAIMS = new Map([
  ['$http_x_forwarded_for', 'X-Forwarded-For'],
  ['$http_x_real_ip', 'X-Real-IP'],
  ['$http_forwarded', 'Forwarded'],
]);
const SAFE_VALUE = new Map([['x-forwarded-for', '$proxy_add_x_forwarded_for'], ['x-real-ip', '$remote_addr']]);

export const forwardingHeaders: NginxRule = {
  id: 'nginx/forwarding-headers',
  language: 'nginx',
  layer: 7,
  severity: 'info',
  summary: 'proxy_pass without Host or client-address headers for the backend, or with a client-supplied address passed on verbatim.',
  check(ctx, report) {
    spoofable(ctx, report);
    missing(ctx, report);
  },
};

/** `proxy_set_header X-Forwarded-For $http_x_forwarded_for` and the like: the client's own claim. */
function spoofable(ctx: NginxContext, report: (r: Report) => void): void {
  const sites = httpSites(ctx, 'proxy_set_header');
  const codes = headerCodes(ctx.ws);
  for (let i = 0; i < sites.length; i++) {
    const d = sites[i];
    // Most headers are not address headers: tell by the header's code, without lower-casing
    // every name; `args` is built only for the few lines reported.
    const code = headerCodeOf(codes, d);
    if (!ADDRESS_HEADER_CODES.includes(code)) continue;
    const name = headerOfCode(code)!;
    const claimed = CLAIMS.get(argValueOf(d, 1)!.toLowerCase());
    if (!claimed) continue;
    const safe = SAFE_VALUE.get(name);
    const fixes: Fix[] = safe ? [{ title: `Send ${safe} instead`, preferred: true, edits: [{ path: ctx.file.path, range: d.args[1].range, newText: safe }] }] : [];
    report({
      range: d.args[1].range,
      severity: 'warning',
      message: `${d.args[0].value} is set to the client's own ${claimed} header, which any client can fill with any address, so the backend's logs, access rules and rate limits act on a forged client address (L7); send ${safe ?? '"for=$remote_addr"'} instead.`,
      fixes,
    });
  }
}

/** Host and client-address headers missing from the list in effect at a proxy_pass (one finding per block). */
function missing(ctx: NginxContext, report: (r: Report) => void): void {
  // The blocks already checked whose body the walk is still in, outermost first: passes come in
  // document order, so a block is met again only before its body ends, and then it is on top.
  const open: (Directive | undefined)[] = [];
  const upstreams = configUpstreams(ctx, 'http');
  const codes = headerCodes(ctx.ws);
  const targetOf = targetsInOrder(ctx);
  const passes = httpSites(ctx, 'proxy_pass');
  for (let i = 0; i < passes.length; i++) {
    const pass = passes[i];
    const location = enclosing(pass, 'location') ?? pass.parent;
    while (open.length && !encloses(open[open.length - 1], location)) open.pop();
    if (open.length && open[open.length - 1] === location) continue;
    open.push(location);
    const value = argValueOf(pass, 0);
    if (value === undefined) continue;
    const t = targetOf(pass, value);
    if (t.variable) continue;
    // A named site outside (proxy_pass https://api.example.com) wants its own name as Host and
    // has no business with the client's address; only backends behind this proxy are checked.
    const backend = !!t.unix || upstreams.has(t.host) || !t.host.includes('.') || isIpAddress(t.host) || isLoopback(t.host);
    if (!backend) continue;
    const chains = chainsOf(ctx, ctx.file, pass.parent);
    if (requestHeadersOff(ctx, chains)) continue;
    let lacksHost = true;
    let lacksAddress = true;
    let first: { chain: Chain; headers: Lookup } | undefined;
    for (let j = 0; j < chains.length; j++) {
      const chain = chains[j];
      const headers = lookup(ctx.ws, chain, 'proxy_set_header');
      if (headers.unknown || unknownHeaderNameOnChain(ctx.ws, chain)) {
        lacksHost = lacksAddress = false;
        break;
      }
      if (sends(codes, headers.found, 'host')) lacksHost = false;
      if (sendsAddress(codes, headers.found)) lacksAddress = false;
      first ??= { chain, headers };
    }
    if ((!lacksHost && !lacksAddress) || !first) continue;

    const lines: string[] = [];
    if (lacksHost) lines.push('proxy_set_header Host $host;');
    if (lacksAddress) lines.push('proxy_set_header X-Real-IP $remote_addr;', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    const edits = headerEdits(ctx, pass, first.headers.found, lines);
    const parts: string[] = [];
    if (lacksHost) parts.push(`"Host: ${hostOf(t)}" (the proxy_pass target, nginx's default) instead of the name the client asked for, which breaks name-based virtual hosts and absolute redirects there`);
    if (lacksAddress) parts.push('no X-Forwarded-For, X-Real-IP or Forwarded header, so it sees every request coming from this proxy');
    const hidden = [lacksHost ? 'host' : '', ...(lacksAddress ? ADDRESS_HEADERS : [])]
      .map((h) => h && hiddenHeader(ctx.ws, first!.chain, first!.headers.level, h))
      .find((h): h is Placed => !!h);
    const block = first.headers.level?.block?.name ?? 'block';
    const because = hidden ? ` (the ${block}'s own proxy_set_header lines replace inherited ones such as ${where(hidden, ctx.file)})` : '';
    report({
      range: pass.nameRange,
      message: `This proxy_pass sends the backend ${parts.join(', and ')}${because} (L7); add ${lines.join(' ')}`,
      fixes: edits.length ? [{ title: 'Forward the original Host and client address', edits }] : [],
      related: hidden ? [{ path: hidden.file.path, range: hidden.node.range, message: 'not inherited: the block has its own proxy_set_header list' }] : [],
    });
  }
}

/**
 * For a walk over http proxy_pass sites in document order: the parsed target of each first argument value,
 * taken from `passesOf` (which holds every site with an argument without `${`, in the same
 * order), else parsed here. Sites are matched by identity, without comparing positions.
 */
function targetsInOrder(ctx: NginxContext): (node: Directive, value: string) => Target {
  const passes = passesOf(ctx);
  let j = 0;
  return (node, value) => {
    if (!value.includes('${')) {
      for (let k = j; k < passes.length; k++) {
        if (passes[k].node === node) {
          j = k + 1;
          return passes[k].target;
        }
      }
    }
    return parseTarget(value);
  };
}

/** Whether `proxy_pass_request_headers off` is in effect along some chain. */
function requestHeadersOff(ctx: NginxContext, chains: readonly Chain[]): boolean {
  for (let i = 0; i < chains.length; i++) {
    const found = lookup(ctx.ws, chains[i], 'proxy_pass_request_headers').found;
    if (found.length && found[found.length - 1].node.args[0]?.value === 'off') return true;
  }
  return false;
}

/** Whether the `proxy_set_header` list sends a header (lower-case name) with a value. */
function sends(codes: HeaderCodes, found: readonly Placed[], name: string): boolean {
  const header = findHeader(codes, found, name);
  return (header ? argValueOf(header.node, 1)! : '') !== '';
}

/** Whether the list sends one of the client-address headers. */
function sendsAddress(codes: HeaderCodes, found: readonly Placed[]): boolean {
  for (let i = 0; i < ADDRESS_HEADERS.length; i++) if (sends(codes, found, ADDRESS_HEADERS[i])) return true;
  return false;
}

function hostOf(t: Target): string {
  if (t.unix) return 'localhost';
  const port = t.port !== undefined && t.port !== (t.scheme === 'https' ? 443 : 80) ? `:${t.port}` : '';
  return `${t.host}${port}`;
}

/**
 * Inserts headers where they extend the list in effect (a block's own list replaces the inherited
 * one, so adding a first header to a location would drop the server's): after the last header of
 * that list, or before proxy_pass when no list is in effect.
 */
function headerEdits(ctx: NginxContext, pass: Directive, found: readonly Placed[], lines: string[]): TextEdit[] {
  if (!found.length) return [insertBefore(ctx.file, pass, lines, CLIMB)];
  const last = found[found.length - 1];
  return last.file === ctx.file ? [insertAfter(ctx.file, last.node, lines)] : [];
}
