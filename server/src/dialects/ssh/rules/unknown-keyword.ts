// A keyword the table does not know: ssh says "Bad configuration option" and sshd likewise, and
// both refuse the file. ssh skips names listed in an earlier IgnoreUnknown; sshd has no such escape.
import type { Fix } from '../../../engine/rules';
import { suggest } from '../../../engine/suggest';
import { ignoreUnknownVerdict, refusal } from '../lexicon-check';
import { keywordsOf, specOf, type SshSide } from '../schema';
import type { SshRule } from './types';

/** Keywords that only one vendor's ssh build knows (lower case → whose); upstream ssh refuses them. */
const VENDOR_KEYWORDS: Record<string, string> = {
  usekeychain: "Apple's macOS ssh",
};

function make(side: SshSide): SshRule {
  const tool = side === 'client' ? 'ssh' : 'sshd';
  const other: SshSide = side === 'client' ? 'server' : 'client';
  return {
    id: side === 'client' ? 'ssh/unknown-keyword' : 'sshd/unknown-keyword',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `A keyword ${tool} does not know (a typo, a keyword of the other file, or one OpenSSH removed), which makes ${tool} refuse the whole file.`,
    check(ctx, report) {
      let names: string[] | undefined;
      for (const line of ctx.lines) {
        const { node, spec } = line;
        if (spec && spec.status !== 'removed') continue;
        if (!node.name) continue;
        const verdict = ignoreUnknownVerdict(ctx, line);
        if (verdict.ignored === 'always') continue;
        const fixes: Fix[] = [];
        const path = ctx.file.path;
        let message: string;
        if (spec?.status === 'removed') {
          message = `${spec.name} was removed from OpenSSH: ${refusal(side)}; delete the line.`;
        } else if (side === 'server' && line.key === 'host') {
          message = `Host sections belong in ssh_config, not sshd_config: ${refusal(side)}; use "Match Host" to select clients by name.`;
          fixes.push({ title: 'Change to "Match Host"', preferred: true, edits: [{ path, range: node.nameRange, newText: 'Match Host' }] });
        } else {
          const there = specOf(other, node.name);
          names ??= [...keywordsOf(side).values()].filter((k) => k.status !== 'removed').map((k) => k.name);
          const guesses = suggest(node.name, names);
          const vendor = side === 'client' ? VENDOR_KEYWORDS[line.key] : undefined;
          const hint = there
            ? `${there.name} is a ${other === 'server' ? 'sshd_config' : 'ssh_config'} keyword, so move it to that file`
            : vendor
              ? `only ${vendor} knows it, so put "IgnoreUnknown ${node.name}" at the top of the file`
              : guesses.length
              ? `did you mean "${guesses[0]}"?`
              : side === 'client'
                ? 'check the spelling, or list it in IgnoreUnknown above this line if only some ssh versions know it'
                : 'check the spelling, or remove it if this sshd is older than the keyword';
          message = verdict.ignored === 'some-hosts'
            ? `Unknown keyword "${node.name}": the IgnoreUnknown on line ${verdict.by!.nameRange.start.line + 1} only applies to the hosts of its section, so for every other host ${refusal(side)}; move IgnoreUnknown above the first Host line.`
            : `Unknown keyword "${node.name}": ${refusal(side)}; ${hint}`;
          if (!message.endsWith('?')) message += '.';
          if (vendor && !ctx.lines.some((l) => l.key === 'ignoreunknown')) {
            const top = { line: 0, character: 0 };
            fixes.push({ title: `Add "IgnoreUnknown ${node.name}" at the top`, preferred: true, edits: [{ path, range: { start: top, end: top }, newText: `IgnoreUnknown ${node.name}\n` }] });
          } else if (!there && !vendor) {
            guesses.forEach((g, i) => fixes.push({ title: `Change to "${g}"`, preferred: i === 0 && guesses.length === 1, edits: [{ path, range: node.nameRange, newText: g }] }));
          }
        }
        report({
          range: node.nameRange,
          message,
          fixes,
          related: verdict.by ? [{ path: ctx.file.path, range: verdict.by.range, message: 'IgnoreUnknown inside a Host or Match section' }] : undefined,
        });
      }
    },
  };
}

export const sshUnknownKeyword = make('client');
export const sshdUnknownKeyword = make('server');
