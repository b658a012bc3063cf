// Option lookups (OpenVPN option names are case-sensitive and lower case).
import type { OptionSpec } from './option-types';
import { OPTIONS } from './options';

const INDEX = new Map(OPTIONS.map((o) => [o.name, o]));

export function optionSpec(name: string): OptionSpec | undefined {
  return INDEX.get(name);
}

export function allOptions(): readonly OptionSpec[] {
  return OPTIONS;
}
