// Host sections, first-value-wins shadowing, jump hosts and exposure settings.
import type { SshRule } from './types';

export const hostRules: readonly SshRule[] = [];
