// Every dialect the engine knows, by language id.
import type { Dialect } from '../engine/dialect';
import type { LanguageId } from '../engine/syntax';
import { nginxDialect } from './nginx/index';
import { openvpnDialect } from './openvpn/index';
import { sshConfigDialect, sshdConfigDialect } from './ssh/index';

export const DIALECTS: ReadonlyMap<LanguageId, Dialect> = new Map<LanguageId, Dialect>([
  ['nginx', nginxDialect],
  ['ssh_config', sshConfigDialect],
  ['sshd_config', sshdConfigDialect],
  ['openvpn', openvpnDialect],
]);
