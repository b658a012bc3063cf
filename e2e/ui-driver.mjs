// UI suite driver: one headless Chromium page on one code-server (with the packaged .vsix
// installed) runs every test module in e2e/ui/*.mjs, in file-name order.
//
// To add UI checks, add a file e2e/ui/<topic>.mjs that exports
//     export const tests = [{ name: 'what it shows', async run(wb, ctx) { ... } }, ...];
// `wb` is the Workbench of e2e/lib/workbench.mjs (open, languageMode, goTo, hoverAtCursor,
// suggestLabels, command, shot, ...); `ctx` has { workspace, project, log }. Throw to fail.
// After each test the driver saves a screenshot as <artifacts>/ui/<file>-<nn>-<test>.png and
// closes every editor and the panel. No other file needs editing.
//
// env: CS_URL, WS_FOLDER, E2E_ARTIFACTS, CHROMIUM, UI_ONLY (substring of test names to run)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { Workbench } from './lib/workbench.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const { CS_URL, WS_FOLDER, E2E_ARTIFACTS } = process.env;
if (!CS_URL || !WS_FOLDER || !E2E_ARTIFACTS) throw new Error('CS_URL, WS_FOLDER and E2E_ARTIFACTS are required');
const T0 = Date.now();
const log = (...a) => console.log(`[ui ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

const modules = readdirSync(join(here, 'ui')).filter((f) => f.endsWith('.mjs')).sort();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let passed = 0, failed = 0;
try {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.on('pageerror', (e) => log('page error:', e.message.split('\n')[0]));
  const wb = new Workbench(page, { artifacts: join(E2E_ARTIFACTS, 'ui'), log });
  const ctx = { workspace: WS_FOLDER, project: join(here, '..'), log };
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS_FOLDER)}`);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
  await page.locator('.statusbar').waitFor({ timeout: 30_000 });
  log('workbench loaded;', modules.length, 'test files');
  for (const file of modules) {
    const { tests } = await import(pathToFileURL(join(here, 'ui', file)).href);
    for (const [i, test] of tests.entries()) {
      if (process.env.UI_ONLY && !test.name.includes(process.env.UI_ONLY)) continue;
      const shotName = `${file.replace(/\.mjs$/, '')}-${String(i + 1).padStart(2, '0')}-${test.name}`;
      const t = Date.now();
      try {
        await test.run(wb, ctx);
        passed++;
        log(`PASS ${file}: ${test.name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
      } catch (e) {
        failed++;
        // Playwright names the locator it waited for on the lines after the first.
        const lines = String(e?.message ?? e).replace(/\x1b\[\d+m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
        log(`FAIL ${file}: ${test.name} - ${lines[0]}${lines.find((l) => l.startsWith('- waiting for')) ? ` (${lines.find((l) => l.startsWith('- waiting for')).slice(2)})` : ''}`);
      }
      await wb.shot(shotName).catch((e) => log('screenshot failed:', e.message));
      await wb.reset().catch((e) => log('reset failed:', e.message.split('\n')[0]));
    }
  }
} catch (e) {
  failed++;
  log('FAIL setup -', String(e?.message ?? e).split('\n')[0]);
} finally {
  await browser.close();
}
console.log(`ui: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
