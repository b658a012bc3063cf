// Lexicon: what openvpn itself rejects, and options in the wrong kind of file.
import { openvpnBadValue } from './bad-value';
import { openvpnDeprecatedOption } from './deprecated-option';
import { openvpnMissingOption } from './missing-option';
import { openvpnSyntax } from './syntax';
import type { OpenvpnRule } from './types';
import { openvpnUnknownOption } from './unknown-option';
import { openvpnWrongArity } from './wrong-arity';
import { openvpnWrongFileKind } from './wrong-file-kind';

export const lexiconRules: readonly OpenvpnRule[] = [
  openvpnSyntax,
  openvpnUnknownOption,
  openvpnWrongArity,
  openvpnBadValue,
  openvpnWrongFileKind,
  openvpnMissingOption,
  openvpnDeprecatedOption,
];
