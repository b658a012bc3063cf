// Old keywords: ones ssh/sshd still read under a newer name (aliases), and ones they accept but
// ignore (deprecated, or unsupported with a notice). Neither refuses the file, but an ignored
// setting never takes effect, and aliases may disappear in a later release.
import type { Fix } from '../../../engine/rules';
import { aliasesOf } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

/** What replaced an ignored keyword, where there is a successor (lower-case name → keyword). */
const SUCCESSORS: Record<SshSide, Record<string, string>> = {
  client: {
    cipher: 'Ciphers',
    globalknownhostsfile2: 'GlobalKnownHostsFile',
    kerberosauthentication: 'GSSAPIAuthentication',
    kerberostgtpassing: 'GSSAPIDelegateCredentials',
    rhostsrsaauthentication: 'HostbasedAuthentication',
    rsaauthentication: 'PubkeyAuthentication',
    userknownhostsfile2: 'UserKnownHostsFile',
  },
  server: {
    authorizedkeysfile2: 'AuthorizedKeysFile',
    reversemappingcheck: 'UseDNS',
    rhostsrsaauthentication: 'HostbasedAuthentication',
    rsaauthentication: 'PubkeyAuthentication',
    verifyreversemapping: 'UseDNS',
  },
};

/** Client keywords only Debian's ssh knows; other builds refuse the whole file over them. */
const DEBIAN_ONLY = new Set(['protocolkeepalives', 'setuptimeout', 'useblacklistedkeys']);

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  return {
    id: side === 'client' ? 'ssh/deprecated-keyword' : 'sshd/deprecated-keyword',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 7,
    severity: 'warning',
    summary: `An old keyword: an alias ${tool} still reads under a newer name, or one it accepts but ignores, so the setting never takes effect.`,
    check(ctx, report) {
      // Only keywords with a spec are looked up, so no name of Object.prototype comes here.
      const aliases = new Map(Object.entries(aliasesOf(side)));
      for (const { node, key, spec } of ctx.lines) {
        if (!spec || spec.status === 'removed') continue;
        const path = ctx.file.path;
        const alias = aliases.get(key);
        if (alias) {
          report({
            range: node.nameRange,
            layer: spec.layer,
            severity: spec.status ? 'warning' : 'info',
            message: side === 'client' && DEBIAN_ONLY.has(key)
              ? `${node.name} is a Debian-only name for ${alias}: other ssh builds refuse the whole file over it (L4); rename it to ${alias}.`
              : `${node.name} is an old name for ${alias}: ${tool} still applies it, but later releases may refuse it; rename it to ${alias}.`,
            fixes: [{ title: `Rename to ${alias}`, preferred: true, edits: [{ path, range: node.nameRange, newText: alias }] }],
          });
          continue;
        }
        if (!spec.status) continue;
        const removeLine: Fix = {
          title: `Remove the ${node.name} line`,
          edits: [{ path, range: { start: { line: node.nameRange.start.line, character: 0 }, end: node.nameRange.start.line + 1 < ctx.file.lines.lineCount ? { line: node.nameRange.start.line + 1, character: 0 } : node.range.end }, newText: '' }],
        };
        if (side === 'server' && key === 'rdomain') {
          report({
            range: node.nameRange,
            layer: spec.layer,
            severity: 'error',
            message: 'RDomain works only on OpenBSD: sshd on other systems refuses the file and does not start, so nothing accepts connections (L4); remove it.',
            fixes: [removeLine],
          });
          continue;
        }
        const successor = SUCCESSORS[side][key];
        const how = spec.status === 'unsupported'
          ? `${tool} ignores it and only prints "Unsupported option"`
          : side === 'client' && DEBIAN_ONLY.has(key) ? "Debian's ssh ignores it and other builds refuse the whole file over it" : `${tool} ignores it`;
        report({
          range: node.nameRange,
          layer: spec.layer,
          message: `${node.name} has no effect: ${how}, so this setting never applies; ${successor ? `use ${successor} instead` : 'remove the line'}.`,
          fixes: [removeLine],
        });
      }
    },
  };
}

export const sshDeprecatedKeyword = make('client');
export const sshdDeprecatedKeyword = make('server');
