// Extension-host suite driver: runs the Mocha suite (e2e/exthost/*.test.ts, bundled by e2e.sh)
// inside code-server's Node extension host, with the real `vscode` API and the real language
// server as a child process. The workbench reads extensionDevelopmentPath/extensionTestsPath from
// the `payload` URL parameter (a built workbench honours it only when the server runs with
// --enable-smoke-test-driver), loads the extension from that folder, calls the tests' run(), and
// reports the host's exit through window.codeAutomationExit; console output arrives through
// window.codeAutomationLog.
// env: CS_URL, EXT_DIR (the unpacked .vsix), EXT_TESTS (bundled runner exporting run()),
//      WS_FOLDER, CHROMIUM, E2E_TIMEOUT_MS
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const { CS_URL, EXT_DIR, EXT_TESTS, WS_FOLDER } = process.env;
if (!CS_URL || !EXT_DIR || !EXT_TESTS || !WS_FOLDER) throw new Error('CS_URL, EXT_DIR, EXT_TESTS and WS_FOLDER are required');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 180_000);
const T0 = Date.now();
const log = (...a) => console.log(`[exthost ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

const remote = (p) => `vscode-remote://${new URL(CS_URL).host}${p}`;
const payload = [['extensionDevelopmentPath', remote(EXT_DIR)], ['extensionTestsPath', remote(EXT_TESTS)]];
const url = `${CS_URL}/?folder=${encodeURIComponent(WS_FOLDER)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let exitCode = 'no result';
try {
  const page = await browser.newPage();
  let done;
  const exited = new Promise((r) => (done = r));
  // The extension host's own chatter; the suite's output is everything else.
  const noise = /open-vsx|gallery|Creating a socket|connection token|Service Worker|reconnection-grace|AgentHost|AccountPolicyGate|builtin extensions cache|\[(Extension Host|renderer)\]|^%c/;
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = format(...(args ?? []));
    if (!noise.test(text)) console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  log('workbench with the development extension', EXT_DIR);
  await page.goto(url);
  const timer = setTimeout(() => done('timeout'), TIMEOUT);
  exitCode = await exited;
  clearTimeout(timer);
} finally {
  await browser.close();
}
log('extension host exited with', exitCode);
process.exit(exitCode === 0 ? 0 : 1);
