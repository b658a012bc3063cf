// Option names openvpn 2.6 does not know: typos, wrong case (names are case-sensitive), options
// of other builds (Windows only), and options 2.4-2.6 removed. openvpn stops at the first one
// ("Unrecognized option or missing or extra parameter(s)"), unless `setenv opt`, an earlier
// `ignore-unknown-option` or `setenv FORWARD_COMPATIBLE 1` turns it into a warning. A pushed
// unknown option is the client's problem: it rejects that option and keeps the rest.
import type { Fix } from '../../../engine/rules';
import { suggest } from '../../../engine/suggest';
import { deleteDirectiveLines, replaceDirective, replaceRange } from '../lexicon-edit';
import { MISNAMED, PLATFORM_ONLY, REMOVED } from '../lexicon-facts';
import { lexLines, softenerText, type LexLine } from '../lexicon-lines';
import { allOptions } from '../schema';
import type { OpenvpnContext } from '../analysis';
import type { OpenvpnRule } from './types';

let known: string[] | undefined;
const knownNames = () => (known ??= allOptions().filter((o) => o.status !== 'removed' && !PLATFORM_ONLY[o.name] && o.name !== 'connection').map((o) => o.name));

function removedFixes(ctx: OpenvpnContext, l: LexLine): Fix[] {
  const r = REMOVED[l.spec!.name];
  if (!r || l.line.inline || l.soft === 'setenv-opt') return [];
  if (r.line) return [{ title: `Replace with \`${r.line}\``, preferred: true, edits: [replaceDirective(ctx, l.line.node, r.line)] }];
  if (r.rename) return [{ title: `Rename to ${r.rename}`, preferred: true, edits: [replaceRange(ctx, l.nameRange, r.rename)] }];
  if (r.remove) return [{ title: `Remove the ${l.name} line`, edits: [deleteDirectiveLines(ctx, l.line.node)] }];
  return [];
}

export const openvpnUnknownOption: OpenvpnRule = {
  id: 'openvpn/unknown-option',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'An option openvpn 2.6 does not know (a typo, wrong case, a Windows-only or removed option): openvpn refuses the whole file.',
  check(ctx, report) {
    const path = ctx.file.path;
    for (const l of lexLines(ctx)) {
      const spec = l.spec;
      if (!l.name) continue;
      const platform = spec ? PLATFORM_ONLY[spec.name] : undefined;
      if (spec && spec.status !== 'removed' && !platform) continue;
      if (l.line.inline && spec && !spec.inline && spec.status !== 'removed' && !platform) continue; // syntax's
      const where = l.line.pushed ? 'pushed' : l.line.inline ? 'inline' : 'plain';
      const soft = l.soft ? ` (openvpn only warns because ${softenerText(l)})` : '';
      let message: string;
      let severity: 'error' | 'warning' | 'info' = l.soft ? 'warning' : 'error';
      const fixes: Fix[] = [];
      if (platform) {
        // Known to other builds: fine where it is meant to run, refused elsewhere.
        if (l.soft) continue;
        severity = where === 'pushed' ? 'info' : 'warning';
        message = where === 'pushed'
          ? `Only ${platform} builds of openvpn know ${l.name}; other clients log an error for this pushed option and go on without it (L${spec!.layer}); fine when it is meant for ${platform} clients.`
          : `Only ${platform} builds of openvpn know ${l.name}; on other systems openvpn refuses the whole file (L4); keep it only in ${platform} profiles, or write \`setenv opt ${l.name}\` so other builds just warn.`;
        if (where === 'plain' && l.line.node.name === l.name) {
          fixes.push({ title: `Wrap in \`setenv opt\``, edits: [replaceRange(ctx, { start: l.nameRange.start, end: l.nameRange.start }, 'setenv opt ')] });
        }
      } else if (spec?.status === 'removed') {
        const r = REMOVED[spec.name];
        message = `${l.name} was removed in OpenVPN ${r?.since ?? '2.6'}, so openvpn 2.6 ${where === 'pushed' ? 'clients reject it' : 'refuses the whole file'}${soft} (L${spec.layer}); ${r?.advice ?? 'delete it'}.`;
        if (where === 'pushed') severity = 'warning';
        fixes.push(...removedFixes(ctx, l));
      } else {
        const misnamed = MISNAMED[l.name];
        const lower = l.name.toLowerCase();
        const caseFix = lower !== l.name && knownNames().includes(lower) ? lower : undefined;
        const guesses = misnamed ? [misnamed] : caseFix ? [caseFix] : suggest(l.name, knownNames());
        const hint = misnamed
          ? `openvpn 2.6 reads it as ${misnamed}`
          : caseFix
            ? `option names are lower case, so write ${caseFix}`
            : guesses.length ? `did you mean ${guesses[0]}?` : 'check the spelling against the openvpn 2.6 manual';
        const shown = l.line.inline ? `<${l.name}>` : l.name;
        if (where === 'pushed') {
          severity = 'warning';
          message = `The server pushes "${l.name}", which openvpn 2.6 does not know, so clients reject that option and do without it (L5); ${hint}`;
        } else if (l.soft) {
          // The user marked it as possibly unknown: only a hint when no build knows it.
          severity = 'info';
          message = `${shown} is not an option of any openvpn 2.6 build${soft}, so it never takes effect (L4); ${hint}`;
        } else {
          message = `${shown} is not an openvpn 2.6 option, so openvpn refuses the whole file and no tunnel starts (L4); ${hint}`;
        }
        if (!message.endsWith('?')) message += '.';
        if (!l.line.inline) guesses.forEach((g, i) => fixes.push({ title: `Change to ${g}`, preferred: i === 0 && guesses.length === 1, edits: [{ path, range: l.nameRange, newText: g }] }));
      }
      report({
        range: l.nameRange,
        severity,
        message,
        fixes,
        related: l.softBy ? [{ path, range: l.softBy.range, message: 'makes openvpn only warn about unknown options' }] : undefined,
      });
    }
  },
};
