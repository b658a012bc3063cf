// The Layerwise views in the workbench: the Layers tree (layers 1 to 7, findings under them,
// opening a finding, the active-file toggle), the Relay paths webview (the diagram, broken hops
// and their hover text, the text list, opening a line by click and by keyboard, the light, dark
// and high-contrast themes) and the "Show relay paths" code lens. Saves layers-view.png and
// relay-paths.png for the README.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SQUIGGLE = '.squiggly-error, .squiggly-warning, .squiggly-info';
const WAIT = 30_000;
const BASTION = 'examples/ssh/bastion/broken/ssh_config';
const L4_PROXY = 'examples/nginx/l4-proxy/broken/nginx.conf';
const VPN_SERVER = 'examples/openvpn/broken/server.conf';

/**
 * Starts from a quiet workbench whatever the previous test left: the examples as shipped, no
 * quick input, no panel (the views need the room, and the screenshots should show them).
 */
async function settle(wb, ctx) {
  // Earlier tests edit examples (a quick fix on the bastion); start from the project's copies.
  for (const f of [BASTION, L4_PROXY, VPN_SERVER]) writeFileSync(join(ctx.workspace, f), readFileSync(join(ctx.project, f)));
  const quickInput = wb.page.locator('.quick-input-widget');
  for (let i = 0; i < 3 && (await quickInput.isVisible()); i++) await wb.page.keyboard.press('Escape');
  if (await wb.page.locator('.part.panel').isVisible()) {
    await wb.page.keyboard.press('Control+J');
    await wb.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: WAIT }).catch(() => {});
  }
}

/** Shows the Layerwise side bar with the Layers view. */
async function showLayers(wb) {
  await wb.command('Layerwise: Focus on Layers View');
  await layersPane(wb).waitFor({ timeout: WAIT });
}

/** Opens a file and waits until the server's findings are drawn in it. */
async function openWithFindings(wb, file) {
  await wb.open(file);
  await wb.editor().locator(SQUIGGLE).first().waitFor({ timeout: 60_000 });
}

/** 1-based line of the first line of a workspace file that contains `needle`. */
function lineOf(ctx, file, needle) {
  const i = readFileSync(join(ctx.workspace, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${file} has no line with "${needle}"`);
  return i + 1;
}

/** Waits until the status bar shows the cursor on `line` (1-based) of `file`'s tab. */
async function expectCursor(wb, file, line) {
  const name = file.split('/').pop();
  await wb.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  const selection = wb.page.locator('#status\\.editor\\.selection');
  try {
    await selection.filter({ hasText: new RegExp(`Ln ${line},`) }).waitFor({ timeout: WAIT });
  } catch {
    throw new Error(`cursor is at "${(await selection.innerText().catch(() => '?')).trim()}", expected line ${line} of ${file}`);
  }
}

/** Drags the side bar's right edge so long finding messages fit (for the screenshot). */
async function widenSideBar(wb, width) {
  const box = await wb.page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await wb.page.mouse.move(box.x + box.width + 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(box.x + width, y, { steps: 5 });
  await wb.page.mouse.up();
}

/**
 * Sets the colour theme through the workspace settings (the editor applies the change at once)
 * and returns a function that puts the file back as it was.
 */
function useTheme(ctx, theme) {
  const dir = join(ctx.workspace, '.vscode');
  const file = join(dir, 'settings.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify({ ...(before ? JSON.parse(before) : {}), 'workbench.colorTheme': theme }, null, 2));
  return () => (before === undefined ? rmSync(file) : writeFileSync(file, before));
}

function layersPane(wb) {
  return wb.page.locator('.part.sidebar .pane', { has: wb.page.locator('.pane-header', { hasText: /Layers/i }) });
}

/** The rows of the Layers tree, once a layer row is there. */
async function layerRows(wb) {
  const pane = layersPane(wb);
  await pane.locator('.monaco-list-row[aria-label^="L4 transport"]').waitFor({ timeout: WAIT });
  return pane.locator('.monaco-list-row');
}

/** The document inside the Relay paths webview (two nested iframes). */
function relayFrame(wb) {
  return wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Hides the side bar so that the editor and the Relay paths view share the window. */
async function hideSideBar(wb) {
  if (await wb.page.locator('.part.sidebar').isVisible()) await wb.command('View: Toggle Primary Side Bar Visibility');
  await wb.page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: WAIT });
}

async function showRelayPaths(wb) {
  await hideSideBar(wb);
  await wb.command('Layerwise: Show Relay Paths');
  const frame = relayFrame(wb);
  await frame.locator('#lw-svg svg .lw-hop').first().waitFor({ timeout: 60_000 });
  return frame;
}

export const tests = [
  {
    name: 'the Layers view lists findings under layers 1 to 7 and opens one',
    async run(wb, ctx) {
      await settle(wb, ctx);
      for (const f of [L4_PROXY, BASTION, VPN_SERVER]) await openWithFindings(wb, f);
      await showLayers(wb);
      const rows = await layerRows(wb);
      await layersPane(wb).locator('.monaco-list-row[aria-label*="server.conf"]').first().waitFor({ timeout: WAIT });
      await widenSideBar(wb, 640);
      const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        if (!labels.some((l) => l.startsWith(`L${n} `))) throw new Error(`no row for layer ${n} among ${JSON.stringify(labels)}`);
      }
      const l4 = labels.find((l) => l.startsWith('L4 transport'));
      if (!/L4 transport, \d+ findings?\. Ports/.test(l4)) throw new Error(`layer 4 row says "${l4}"`);
      const findingRows = labels.filter((l) => /^(error|warning|info|hint): /.test(l));
      if (findingRows.length < 3) throw new Error(`expected findings from three files, saw ${JSON.stringify(findingRows)}`);
      for (const file of ['nginx.conf', 'ssh_config', 'server.conf']) {
        if (!findingRows.some((l) => l.includes(file))) throw new Error(`no finding of ${file} in the tree: ${JSON.stringify(findingRows)}`);
      }
      await wb.shot('layers-view');

      // A finding of the ssh file: click it and land on its line.
      const row = layersPane(wb).locator('.monaco-list-row[aria-label*="ssh_config"]').first();
      const where = /ssh_config:(\d+)$/.exec((await row.getAttribute('aria-label')) ?? '');
      if (!where) throw new Error(`finding row without a location: ${await row.getAttribute('aria-label')}`);
      await row.click();
      await expectCursor(wb, BASTION, Number(where[1]));
      ctx.log(`layers view: ${labels.length} rows, ${findingRows.length} findings`);
    },
  },
  {
    name: 'the Layers view toggle keeps the active file only',
    async run(wb, ctx) {
      await settle(wb, ctx);
      for (const f of [L4_PROXY, BASTION]) await openWithFindings(wb, f);
      await showLayers(wb);
      await layerRows(wb);
      const pane = layersPane(wb);
      // A container with one view shows the view's title actions in the side bar's title.
      const action = (title) => wb.page.locator(`.part.sidebar .action-label[aria-label="${title}"]`).first();
      await action('Layers: Show the Active File Only').click();
      await pane.locator('.message', { hasText: 'Findings of examples/ssh/bastion/broken/ssh_config only.' }).waitFor({ timeout: WAIT });
      const only = async () => (await pane.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
        .filter((l) => /^(error|warning|info|hint): /.test(l));
      // The active editor is the ssh file: no nginx finding may remain.
      await pane.locator('.monaco-list-row[aria-label*="ssh_config"]').first().waitFor({ timeout: WAIT });
      const rows = await only();
      if (rows.some((l) => !l.includes('ssh_config'))) throw new Error(`other files still listed: ${JSON.stringify(rows)}`);
      await action('Layers: Show the Whole Workspace').click();
      await pane.locator('.monaco-list-row[aria-label*="nginx.conf"]').first().waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'the Relay paths view draws the graph with broken hops and a text list, and opens lines',
    async run(wb, ctx) {
      await settle(wb, ctx);
      await openWithFindings(wb, BASTION);
      const frame = await showRelayPaths(wb);
      const broken = frame.locator('#lw-svg .lw-hop.broken');
      if ((await broken.count()) < 1) throw new Error('no broken hop drawn for the broken bastion example');
      const hop = frame.locator('#lw-svg .lw-hop[data-line]').first();
      for (const [attr, want] of [['tabindex', /^0$/], ['role', /^button$/], ['aria-label', /L\d \w+/]]) {
        const got = (await hop.getAttribute(attr)) ?? '';
        if (!want.test(got)) throw new Error(`hop ${attr}="${got}"`);
      }
      const hover = (await frame.locator('#lw-svg .lw-hop.broken title').first().textContent()) ?? '';
      if (!/never applies|no Host/i.test(hover)) throw new Error(`a broken hop's hover text names no problem: "${hover}"`);
      const items = await frame.locator('#lw-text li').allInnerTexts();
      if (!items.some((t) => /broken: /.test(t))) throw new Error(`the text list names no broken hop: ${JSON.stringify(items)}`);
      const summary = (await frame.locator('#lw-summary').innerText()).trim();
      if (!/\d+ hops?, [1-9]\d* broken/.test(summary)) throw new Error(`summary "${summary}"`);
      // Focus and pointer away from the toolbars, so that no tooltip covers the picture.
      await frame.locator('h1').click();
      await wb.page.mouse.move(300, 650);
      await wb.shot('relay-paths');
      ctx.log(`relay paths: ${items.length} list items; ${summary}`);

      // The text list: a broken hop's button opens the line that creates it.
      const brokenButton = frame.locator('#lw-text li.broken .lw-open', { hasText: '→ bastoin' }).first();
      await brokenButton.click();
      await expectCursor(wb, BASTION, lineOf(ctx, BASTION, 'ProxyJump ops@bastoin'));

      // The picture by mouse: click a hop's label.
      await wb.page.locator('.tabs-container .tab', { hasText: 'Relay paths' }).click();
      const drawnHop = frame.locator('#lw-svg .lw-hop[data-line]').last();
      const hopLine = Number(await drawnHop.getAttribute('data-line')) + 1;
      await drawnHop.locator('text').first().click();
      await expectCursor(wb, BASTION, hopLine);

      // The picture by keyboard: focus a node that has a line, press Enter.
      await wb.page.locator('.tabs-container .tab', { hasText: 'Relay paths' }).click();
      const node = frame.locator('#lw-svg .lw-node[data-line]').first();
      const line = Number(await node.getAttribute('data-line')) + 1;
      await node.focus();
      await wb.page.keyboard.press('Enter');
      await expectCursor(wb, BASTION, line);
    },
  },
  {
    name: 'the Relay paths view follows the light, dark and high-contrast themes',
    async run(wb, ctx) {
      await settle(wb, ctx);
      await openWithFindings(wb, L4_PROXY);
      const frame = await showRelayPaths(wb);
      // Each theme: the body class VS Code sets, and which theme colour the picture must use.
      const checks = [
        ['Default Light Modern', 'vscode-light', '#lw-svg .lw-node:not(.broken) text.lw-label', 'fill', '--vscode-editor-foreground'],
        ['Default Dark Modern', 'vscode-dark', '#lw-svg .lw-node:not(.broken) text.lw-label', 'fill', '--vscode-editor-foreground'],
        ['Default Dark Modern', 'vscode-dark', '#lw-svg .lw-hop.broken path', 'stroke', '--vscode-errorForeground'],
        ['Default High Contrast', 'vscode-high-contrast', '#lw-svg .lw-node:not(.broken) rect', 'stroke', '--vscode-contrastBorder'],
      ];
      let restore = () => {};
      try {
        for (const [theme, bodyClass, selector, property, variable] of checks) {
          restore();
          restore = useTheme(ctx, theme);
          await frame.locator(`body.${bodyClass}`).waitFor({ timeout: WAIT });
          const used = await frame.locator(selector).first().evaluate((el, p) => getComputedStyle(el)[p], property);
          const expected = await frame.locator('body').evaluate((b, v) => {
            if (!getComputedStyle(b).getPropertyValue(v).trim()) return '';
            const probe = document.createElement('div');
            probe.style.color = `var(${v})`;
            b.appendChild(probe);
            const colour = getComputedStyle(probe).color;
            probe.remove();
            return colour;
          }, variable);
          if (!expected) throw new Error(`${theme}: the webview has no ${variable}`);
          if (used !== expected) throw new Error(`${theme}: ${selector} ${property} is ${used}, ${variable} is ${expected}`);
          if (bodyClass === 'vscode-high-contrast') await wb.shot('relay-paths-high-contrast');
          if (bodyClass === 'vscode-dark' && property === 'fill') await wb.shot('relay-paths-dark');
        }
      } finally {
        restore();
      }
      await frame.locator('body.vscode-light').waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'a "Show relay paths" code lens on a Host line opens the Relay paths view',
    async run(wb, ctx) {
      await settle(wb, ctx);
      await openWithFindings(wb, BASTION);
      // Three Host lines (*, bastion, db): the last lens is on `Host db`, which creates a node.
      const lenses = wb.editor().locator('.codelens-decoration a', { hasText: 'Show relay paths' });
      await lenses.nth(2).waitFor({ timeout: 60_000 });
      const lens = lenses.last();
      await lens.click();
      await wb.page.locator('.tabs-container .tab', { hasText: 'Relay paths' }).waitFor({ timeout: WAIT });
      await relayFrame(wb).locator('#lw-svg svg .lw-selected').waitFor({ timeout: 60_000 });
    },
  },
];
