// The OpenSSH rules of both files; each rule's language says which file it checks.
import { forwardingRules } from './family-forwarding';
import { hostRules } from './family-hosts';
import { lexiconRules } from './family-lexicon';
import type { SshRule } from './types';

export const sshRules: readonly SshRule[] = [...lexiconRules, ...forwardingRules, ...hostRules];
