// Lexicon: what ssh -G and sshd -t reject or warn about.
import { sshBadForward } from './bad-forward';
import { sshdBadPermit } from './bad-permit';
import { sshBadValue, sshdBadValue } from './bad-value';
import { sshDeprecatedKeyword, sshdDeprecatedKeyword } from './deprecated-keyword';
import { sshIncludeNotFound, sshdIncludeNotFound } from './include-not-found';
import { sshMatchSyntax, sshdMatchSyntax } from './match-syntax';
import { sshMissingValue, sshdMissingValue } from './missing-value';
import { sshdNotAllowedInMatch } from './not-allowed-in-match';
import { sshPortRange, sshdPortRange } from './port-range';
import { sshSyntax, sshdSyntax } from './syntax';
import { sshUnknownKeyword, sshdUnknownKeyword } from './unknown-keyword';
import type { SshRule } from './types';

export const lexiconRules: readonly SshRule[] = [
  sshSyntax,
  sshdSyntax,
  sshUnknownKeyword,
  sshdUnknownKeyword,
  sshMissingValue,
  sshdMissingValue,
  sshBadValue,
  sshdBadValue,
  sshPortRange,
  sshdPortRange,
  sshBadForward,
  sshdBadPermit,
  sshdNotAllowedInMatch,
  sshMatchSyntax,
  sshdMatchSyntax,
  sshDeprecatedKeyword,
  sshdDeprecatedKeyword,
  sshIncludeNotFound,
  sshdIncludeNotFound,
];
