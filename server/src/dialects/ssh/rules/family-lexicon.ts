// Lexicon: what ssh -G and sshd -t reject or warn about.
import type { SshRule } from './types';

export const lexiconRules: readonly SshRule[] = [];
