// The relay-pattern snippets shipped in snippets/*.json (the files VS Code reads through
// package.json), bundled into the server so that other editors get them through completion.
import type { LanguageId } from '../engine/syntax';
import contexts from '../../../snippets/contexts.json';
import nginx from '../../../snippets/nginx.json';
import openvpn from '../../../snippets/openvpn.json';
import sshConfig from '../../../snippets/ssh_config.json';
import sshdConfig from '../../../snippets/sshd_config.json';
import { bodyText } from './snippet-text';

interface SnippetJson {
  prefix: string;
  body: string | string[];
  description: string;
}

export interface RelaySnippet {
  language: LanguageId;
  /** The key in the JSON file. */
  name: string;
  prefix: string;
  description: string;
  /** The body as one string in snippet syntax. */
  body: string;
  /** For nginx: the block the snippet's top-level directives belong in (`http`, `stream`). */
  context?: string;
}

const FILES: Record<LanguageId, Record<string, SnippetJson>> = {
  nginx, ssh_config: sshConfig, sshd_config: sshdConfig, openvpn,
};

export const RELAY_SNIPPETS: readonly RelaySnippet[] = Object.entries(FILES).flatMap(([language, file]) =>
  Object.entries(file).map(([name, s]) => ({
    language: language as LanguageId,
    name,
    prefix: s.prefix,
    description: s.description,
    body: bodyText(s.body),
    context: language === 'nginx' ? (contexts as Record<string, string>)[s.prefix] : undefined,
  })));
