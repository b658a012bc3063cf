// "Show relay paths" lenses on the lines that open a relay: ssh `Host` sections, nginx `server`
// blocks and `listen` lines, OpenVPN `server` and `remote` lines.
import type { CodeLens } from 'vscode-languageserver-types';
import { walk, type Directive, type LanguageId } from '../engine/syntax';

/** The VS Code command the lens runs; the client registers it. Arguments: document URI, 0-based line. */
export const SHOW_RELAY_PATHS_COMMAND = 'layerwise.showRelayPaths';
const TITLE = 'Show relay paths';

/** Whether a directive starts a relay in this language. */
function opensRelay(language: LanguageId, d: Directive): boolean {
  switch (language) {
    case 'ssh_config':
      return d.name.toLowerCase() === 'host';
    case 'nginx':
      // An upstream's `server` member has no block; a virtual server has one.
      return (d.name === 'server' && d.children !== undefined) || d.name === 'listen';
    case 'openvpn':
      return d.name === 'server' || d.name === 'remote';
    default:
      return false;
  }
}

/** The directives that get a lens, in document order. */
export function relayLensDirectives(language: LanguageId, tree: readonly Directive[]): Directive[] {
  return [...walk(tree)].filter((d) => opensRelay(language, d));
}

/** One lens per such directive, on its name. */
export function relayCodeLenses(uri: string, language: LanguageId, tree: readonly Directive[]): CodeLens[] {
  return relayLensDirectives(language, tree).map((d) => ({
    range: d.nameRange,
    command: { title: TITLE, command: SHOW_RELAY_PATHS_COMMAND, arguments: [uri, d.nameRange.start.line] },
  }));
}
