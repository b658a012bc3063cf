// The Relay paths webview's text side and page: the accessible list, the lookups behind clicks and
// code lenses, and a page that loads nothing remote and escapes what the configs say.
import { describe, expect, it } from 'vitest';
import type { GraphHop, GraphNode, RelayGraph } from '../../server/src/graph/model';
import { escapeHtml, makeNonce, relayListHtml, relayPathsPage } from '../../client/src/views/relay-paths-html';
import { hopHeadline } from '../../server/src/graph/labels';
import { itemAtLine, relayTextItems, sourceOf } from '../../client/src/views/relay-paths-text';

const P = '/w/nginx.conf';
const at = (start: number, end = start) => ({ path: P, range: { start: { line: start, character: 4 }, end: { line: end, character: 20 } } });

const nodes: GraphNode[] = [
  { id: 'client', kind: 'client', label: 'client', side: 0, findings: [] },
  { id: 'listen:443', kind: 'listener', label: '*:443', detail: 'tcp', side: 1, source: at(3), findings: [] },
  { id: 'up:app', kind: 'upstream-group', label: 'app', side: 2, source: at(10, 13), findings: [] },
  { id: 'srv:10.0.0.5:8080', kind: 'upstream-server', label: '10.0.0.5:8080', side: 3, source: at(11), findings: [
    { rule: 'nginx/x', severity: 'warning', message: 'never <answers>', path: P, range: at(11).range },
    { rule: 'nginx/y', severity: 'error', message: 'Port closed.', path: P, range: at(11).range },
  ] },
];
const hops: GraphHop[] = [
  { id: 'client->listen:443#listen', from: 'client', to: 'listen:443', layer: 4, protocol: 'tcp', port: 443, kind: 'listen', source: at(3), findings: [] },
  { id: 'listen:443->up:app#stream-proxy', from: 'listen:443', to: 'up:app', layer: 4, protocol: 'tcp', kind: 'stream-proxy', label: 'proxy_pass', source: at(5), findings: [
    { rule: 'nginx/stream-proxy-pass-unknown', severity: 'error', message: 'upstream "ap" is not defined', path: P, range: at(5).range },
    { rule: 'nginx/hint', severity: 'info', message: 'only a hint', path: P, range: at(5).range },
  ] },
  { id: 'up:app->srv#member', from: 'up:app', to: 'srv:10.0.0.5:8080', layer: 3, protocol: 'ip', kind: 'upstream-member', source: at(11), findings: [] },
  { id: 'vpn', from: 'client', to: 'ghost', layer: 5, protocol: 'udp', port: 1194, kind: 'vpn-tunnel', bidirectional: true, findings: [] },
];
const graph: RelayGraph = { nodes, hops, files: [P] };

describe('relayTextItems', () => {
  const items = relayTextItems(graph);

  it('says each hop as "L<n> protocol :port: from → to", with what breaks it', () => {
    expect(items.hops.map((h) => h.text)).toEqual([
      'L4 tcp :443: client → *:443 (tcp)',
      'L4 tcp: *:443 (tcp) → app, proxy_pass (broken: upstream "ap" is not defined.)',
      'L3 ip: app → 10.0.0.5:8080',
      'L5 udp :1194: client ↔ ghost',
    ]);
    expect(items.hops.map((h) => h.broken)).toEqual([false, true, false, false]);
    expect(items.hops[1]).toMatchObject({ what: 'L4 tcp: *:443 (tcp) → app, proxy_pass', problems: 'upstream "ap" is not defined.' });
    expect(items.hops[0].problems).toBe('');
    // The list starts each hop with the picture's own label.
    expect(items.hops[0].text.startsWith(`${hopHeadline(hops[0])}: `)).toBe(true);
  });

  it('lists endpoints from the public side inwards, warnings counting as broken', () => {
    expect(items.nodes.map((n) => n.text)).toEqual([
      'client, client',
      '*:443 (tcp), listener',
      'app, upstream group',
      '10.0.0.5:8080, upstream server (broken: never <answers>. Port closed.)',
    ]);
    expect(items.nodes.map((n) => n.broken)).toEqual([false, false, false, true]);
  });
});

describe('lookups', () => {
  it('finds the source of a node or hop by id, none for implied endpoints', () => {
    expect(sourceOf(graph, 'listen:443->up:app#stream-proxy')?.range.start.line).toBe(5);
    expect(sourceOf(graph, 'up:app')?.range.start.line).toBe(10);
    expect(sourceOf(graph, 'client')).toBeUndefined();
    expect(sourceOf(graph, 'nope')).toBeUndefined();
  });

  it('finds what a line creates: a hop starting there first, else the narrowest span around it', () => {
    expect(itemAtLine(graph, P, 3)).toBe('client->listen:443#listen');
    expect(itemAtLine(graph, P, 11)).toBe('up:app->srv#member');
    expect(itemAtLine(graph, P, 12)).toBe('up:app');
    expect(itemAtLine(graph, P, 40)).toBeUndefined();
    expect(itemAtLine(graph, '/w/other.conf', 3)).toBeUndefined();
  });
});

describe('page', () => {
  it('escapes config text in the list and makes only items with a line into buttons', () => {
    const html = relayListHtml(relayTextItems(graph));
    expect(html).toContain('never &lt;answers&gt;');
    expect(html).not.toContain('<answers>');
    expect(html).toContain('<li data-id="client"><span>client, client</span></li>');
    expect(html).toContain('app, proxy_pass <span class="lw-problem">(broken: upstream &quot;ap&quot; is not defined.)</span></button>');
    expect(html).toContain('<button type="button" class="lw-open" data-id="up:app">');
    expect(html).toMatch(/<li class="broken"><button[^>]*data-id="listen:443-&gt;up:app#stream-proxy"/);
    expect(relayListHtml({ hops: [], nodes: [] })).toContain('None.');
  });

  it('has a nonce CSP, loads nothing remote and colours only from theme variables', () => {
    const nonce = makeNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(makeNonce()).not.toBe(nonce);
    const page = relayPathsPage({ nonce, cspSource: 'vscode-resource:' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe');
    // The SVG namespace is a name, not a fetch.
    expect(page.replaceAll("'http://www.w3.org/2000/svg'", '')).not.toMatch(/https?:\/\/|\bsrc=/);
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toContain(`<style nonce="${nonce}">`);
    const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(page)![1];
    expect(style).not.toMatch(/#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(/);
    for (const v of ['--vscode-editor-foreground', '--vscode-errorForeground', '--vscode-focusBorder', '--vscode-contrastBorder']) expect(style).toContain(`var(${v}`);
    expect(page).toContain('<title>Relay paths</title>');
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
