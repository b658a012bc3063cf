// The Relay paths webview page: a strict Content Security Policy (one nonce for our style and
// script, nothing remote), colours only from the VS Code theme, the picture on the left and the
// text list beside it. Free of the vscode module so that it is unit-tested.
import { RELAY_PATHS_SCRIPT } from './relay-paths-script';
import type { RelayTextItem } from './relay-paths-text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A random token for the CSP nonce. */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

function itemHtml(item: RelayTextItem): string {
  const cls = item.broken ? ' class="broken"' : '';
  const what = escapeHtml(item.what);
  // The problem is part of the item's text, so a screen reader reads it with the item.
  const problem = item.broken ? ` <span class="lw-problem">(broken: ${escapeHtml(item.problems)})</span>` : '';
  if (!item.source) return `<li${cls} data-id="${escapeHtml(item.id)}"><span>${what}${problem}</span></li>`;
  return `<li${cls}><button type="button" class="lw-open" data-id="${escapeHtml(item.id)}">${what}${problem}</button></li>`;
}

/** The two lists (hops, endpoints) shown beside the picture; every item with a source line is a button. */
export function relayListHtml(items: { hops: readonly RelayTextItem[]; nodes: readonly RelayTextItem[] }): string {
  const list = (title: string, id: string, xs: readonly RelayTextItem[]) =>
    `<h2 id="${id}">${title}</h2>` + (xs.length ? `<ul aria-labelledby="${id}">${xs.map(itemHtml).join('')}</ul>` : '<p class="lw-empty">None.</p>');
  return list('Hops', 'lw-hops-title', items.hops) + list('Endpoints', 'lw-nodes-title', items.nodes);
}

const STYLE = `
:root { color-scheme: light dark; }
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0 12px 12px; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; padding: 8px 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
h1 { font-size: 1.2em; margin: 0; }
h2 { font-size: 1em; margin: 12px 0 4px; }
#lw-scope { color: var(--vscode-descriptionForeground); }
#lw-summary.broken { color: var(--vscode-errorForeground); }
header button, .lw-open { font: inherit; color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0; cursor: pointer; text-align: left; }
header button:hover, .lw-open:hover { text-decoration: underline; }
main { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
#lw-picture { flex: 3 1 480px; overflow: auto; min-width: 0; }
#lw-text { flex: 1 1 260px; max-width: 520px; }
.lw-sides { display: flex; justify-content: space-between; color: var(--vscode-descriptionForeground); font-size: 0.9em; padding: 6px 0; }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; gap: 6px; padding: 3px 0; }
li::before { content: '•'; flex: none; width: 1em; text-align: center; color: var(--vscode-descriptionForeground); }
li.broken::before { content: '✕'; color: var(--vscode-errorForeground); }
.lw-problem { display: block; color: var(--vscode-errorForeground); font-size: 0.92em; }
.lw-empty, #lw-status { color: var(--vscode-descriptionForeground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
#lw-svg svg { display: block; max-width: 100%; height: auto; }
#lw-svg.lw-actual svg { max-width: none; }
svg text { fill: var(--vscode-editor-foreground); font-family: var(--vscode-editor-font-family, monospace); }
.lw-node, .lw-hop { cursor: pointer; }
.lw-node[aria-disabled="true"] { cursor: default; }
.lw-node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1.2; }
.lw-kind-client rect, .lw-kind-vpn-client rect { stroke: var(--vscode-charts-blue, var(--vscode-foreground)); }
.lw-kind-listener rect, .lw-kind-socks rect { stroke: var(--vscode-charts-yellow, var(--vscode-foreground)); }
.lw-kind-subnet rect { stroke: var(--vscode-charts-green, var(--vscode-foreground)); }
.lw-kind-vpn-server rect, .lw-kind-upstream-group rect { stroke: var(--vscode-charts-purple, var(--vscode-foreground)); }
.lw-node .lw-detail { fill: var(--vscode-descriptionForeground); }
.lw-hop path { stroke: var(--vscode-editor-foreground); fill: none; stroke-width: 1.4; }
.lw-hop .lw-label-bg { fill: var(--vscode-editor-background); opacity: 0.9; }
.lw-hop text { fill: var(--vscode-descriptionForeground); }
.lw-arrowhead { fill: var(--vscode-editor-foreground); stroke: none; }
.lw-arrowhead-broken { fill: var(--vscode-errorForeground); }
.lw-hop.broken path { stroke: var(--vscode-errorForeground); stroke-dasharray: 6 3; stroke-width: 2; }
.lw-hop.broken text, .lw-node.broken text.lw-label { fill: var(--vscode-errorForeground); }
.lw-node.broken rect { stroke: var(--vscode-errorForeground); stroke-width: 2; stroke-dasharray: 6 3; }
.lw-node:hover rect, .lw-node:focus rect, .lw-node.lw-selected rect { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.lw-hop:hover path, .lw-hop:focus path, .lw-hop.lw-selected path { stroke-width: 3; }
.lw-node:focus, .lw-hop:focus { outline: none; }
.lw-node:focus-visible rect, .lw-hop:focus-visible path { stroke: var(--vscode-focusBorder); }
.lw-hop:focus-visible .lw-label-bg, .lw-hop.lw-selected .lw-label-bg { stroke: var(--vscode-focusBorder); stroke-width: 2; }
body.vscode-high-contrast .lw-node rect, body.vscode-high-contrast-light .lw-node rect { stroke: var(--vscode-contrastBorder); stroke-width: 2; }
body.vscode-high-contrast .lw-hop path, body.vscode-high-contrast-light .lw-hop path { stroke: var(--vscode-contrastBorder); }
body.vscode-high-contrast .lw-hop.broken path, body.vscode-high-contrast-light .lw-hop.broken path,
body.vscode-high-contrast .lw-node.broken rect, body.vscode-high-contrast-light .lw-node.broken rect { stroke: var(--vscode-errorForeground); }
body.vscode-high-contrast :focus-visible, body.vscode-high-contrast-light :focus-visible { outline: 2px solid var(--vscode-contrastActiveBorder, var(--vscode-focusBorder)); }
`;

/**
 * The page shell. Content (picture and lists) arrives by message, so that a refresh keeps the
 * scroll position and the focused item.
 */
export function relayPathsPage(options: { nonce: string; cspSource: string }): string {
  const { nonce, cspSource } = options;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Relay paths</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1>Relay paths</h1>
  <span id="lw-scope"></span>
  <button type="button" id="lw-whole" hidden>Show the whole workspace</button>
  <button type="button" id="lw-zoom" aria-pressed="false">Actual size</button>
  <span id="lw-summary" role="status" aria-live="polite"></span>
</header>
<main>
  <section id="lw-picture" aria-label="Relay diagram">
    <div class="lw-sides" aria-hidden="true"><span>← public side</span><span>private side →</span></div>
    <div id="lw-svg"><p id="lw-status">Building the relay graph…</p></div>
  </section>
  <section id="lw-text" aria-label="Relay paths as text"></section>
</main>
<script nonce="${nonce}">${RELAY_PATHS_SCRIPT}</script>
</body>
</html>`;
}
