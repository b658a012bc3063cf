// The nginx rules, in the order they run.
import { blockMismatch } from './block-mismatch';
import { bom } from './bom';
import { duplicateDirective } from './duplicate-directive';
import { duplicateListen } from './duplicate-listen';
import { notAllowedHere } from './not-allowed-here';
import { syntax } from './syntax';
import type { NginxRule } from './types';
import { unknownDirective } from './unknown-directive';
import { wrongArgCount } from './wrong-arg-count';

export const nginxRules: readonly NginxRule[] = [
  syntax,
  bom,
  unknownDirective,
  notAllowedHere,
  wrongArgCount,
  blockMismatch,
  duplicateDirective,
  duplicateListen,
];
