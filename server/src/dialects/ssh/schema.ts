// Keyword lookups for both OpenSSH files: canonical names, case-insensitive.
import type { LanguageId } from '../../engine/syntax';
import type { KeywordSpec } from './keyword-types';
import { CLIENT_KEYWORDS } from './keywords-client';
import { SERVER_KEYWORDS } from './keywords-server';

export type SshSide = 'client' | 'server';

const index = (list: readonly KeywordSpec[]) => new Map(list.map((k) => [k.name.toLowerCase(), k]));
const CLIENT = index(CLIENT_KEYWORDS);
const SERVER = index(SERVER_KEYWORDS);

export function sideOf(language: LanguageId): SshSide {
  return language === 'sshd_config' ? 'server' : 'client';
}

export function keywordsOf(side: SshSide): ReadonlyMap<string, KeywordSpec> {
  return side === 'server' ? SERVER : CLIENT;
}

export function specOf(side: SshSide, name: string): KeywordSpec | undefined {
  return keywordsOf(side).get(name.toLowerCase());
}
