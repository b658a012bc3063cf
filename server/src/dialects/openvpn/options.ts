// Being written: the OpenVPN 2.6 option table.
import type { OptionSpec } from './option-types';

export const OPTIONS: readonly OptionSpec[] = [];
