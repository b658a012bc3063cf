// Host sections, first-value-wins shadowing, jump hosts and exposure settings.
import { sshAgentForwardingEverywhere } from './agent-forwarding-everywhere';
import { sshBadJumpHop } from './bad-jump-hop';
import { sshdDuplicateSetting, sshDuplicateSetting } from './duplicate-setting';
import { sshHostKeyCheckingDisabled } from './host-key-checking-disabled';
import { sshJumpCycle } from './jump-cycle';
import { sshdListenAddressFamily } from './listen-address-family';
import { sshdMatchNeverMatches } from './match-never-matches';
import { sshProxyjumpIgnored } from './proxyjump-ignored';
import { sshProxyjumpUnknownHost } from './proxyjump-unknown-host';
import { sshShadowedSetting } from './shadowed-setting';
import type { SshRule } from './types';
import { sshdUnreachableAfterMatch, sshUnindentedInHost } from './unreachable-after-match';

export const hostRules: readonly SshRule[] = [
  sshDuplicateSetting,
  sshdDuplicateSetting,
  sshShadowedSetting,
  sshProxyjumpIgnored,
  sshBadJumpHop,
  sshProxyjumpUnknownHost,
  sshJumpCycle,
  sshAgentForwardingEverywhere,
  sshHostKeyCheckingDisabled,
  sshUnindentedInHost,
  sshdUnreachableAfterMatch,
  sshdListenAddressFamily,
  sshdMatchNeverMatches,
];
