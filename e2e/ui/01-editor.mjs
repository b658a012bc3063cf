// What a user sees of the installed extension in the editor: language modes (also for .conf files
// whose name says nothing), squiggles and Problems rows with rule ids in all four languages, a
// hover naming the OSI layer, completion that knows a stream server is not HTTP, a relay snippet
// and a quick fix. The workspace is built by e2e/e2e.sh (see "fixture" there).
// Runs first: its first test opens a .conf before anything else has activated the extension.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SQUIGGLE = '.squiggly-error, .squiggly-warning, .squiggly-info';

/** Expects every name in `wanted` among `labels` and none of `unwanted`. */
function expectLabels(labels, { wanted = [], unwanted = [] }, where) {
  const missing = wanted.filter((w) => !labels.includes(w));
  const present = unwanted.filter((u) => labels.includes(u));
  if (missing.length || present.length) {
    throw new Error(`${where}: missing [${missing}] unexpected [${present}] among [${labels.slice(0, 20)}]`);
  }
}

/** A contributed nginx relay snippet: prefix, and body lines with placeholders at their defaults. */
function relaySnippet(project) {
  const snippets = JSON.parse(readFileSync(join(project, 'snippets', 'nginx.json'), 'utf8'));
  const all = Object.values(snippets).filter((s) => String(s.prefix).startsWith('relay-'));
  const s = all.find((x) => x.prefix === 'relay-l4-proxy-tcp') ?? all[0];
  if (!s) throw new Error('snippets/nginx.json offers no relay- snippet');
  const resolve = (line) => line.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\\$/g, '$').trim();
  return { prefix: s.prefix, lines: s.body.map(resolve).filter((l) => l && !l.startsWith('#')) };
}

export const tests = [
  {
    name: 'a .conf whose content is OpenVPN opens in the OpenVPN mode',
    async run(wb) {
      await wb.open('unlabelled/gateway.conf');
      await wb.languageMode('OpenVPN');
    },
  },
  {
    name: 'a .conf whose content is nginx opens in the Nginx mode',
    async run(wb) {
      await wb.open('unlabelled/edge.conf');
      await wb.languageMode('Nginx');
    },
  },
  {
    name: 'language modes of the examples in all four languages',
    async run(wb) {
      const expected = [
        ['examples/nginx/l7-reverse-proxy/broken/nginx.conf', 'Nginx'],
        ['examples/ssh/bastion/broken/ssh_config', 'SSH Config'],
        ['examples/ssh/reverse-tunnel/fixed/sshd_config', 'SSHD Config'],
        ['examples/openvpn/broken/server.conf', 'OpenVPN'],
        ['examples/openvpn/fixed/mission-control.ovpn', 'OpenVPN'],
        ['examples/openvpn/fixed/ccd/site-gw', 'OpenVPN'],
      ];
      for (const [file, mode] of expected) {
        await wb.open(file);
        await wb.languageMode(mode);
      }
    },
  },
  {
    name: 'squiggles and Problems rows with rule ids in all four languages',
    async run(wb) {
      const broken = [
        ['examples/openvpn/broken/server.conf', ['openvpn/route-without-iroute', 'openvpn/pushed-route-overlaps-pool']],
        ['examples/ssh/reverse-tunnel/broken/sshd_config', ['sshd/forwarding-setting-ineffective']],
        ['examples/ssh/bastion/broken/ssh_config', ['ssh/proxyjump-unknown-host', 'ssh/shadowed-setting']],
        ['examples/nginx/l4-proxy/broken/nginx.conf', ['nginx/l7-in-stream', 'nginx/syntax']],
      ];
      for (const [file] of broken) {
        await wb.open(file);
        await wb.editor().locator(SQUIGGLE).first().waitFor({ timeout: 60_000 });
      }
      await wb.command('View: Focus Problems (Errors, Warnings, Infos)');
      await wb.command('View: Toggle Maximized Panel');
      const panel = wb.page.locator('.markers-panel');
      for (const [file, ids] of broken) {
        for (const id of ids) {
          await panel.locator('.monaco-list-row', { hasText: id }).first().waitFor({ timeout: 30_000 })
            .catch(() => { throw new Error(`no Problems row with rule id ${id} (${file})`); });
        }
      }
      const rows = await panel.locator('.monaco-list-row').allInnerTexts();
      wb.log('problems rows:', rows.length);
      await wb.command('View: Toggle Maximized Panel');
    },
  },
  {
    name: 'hover names the OSI layer of a directive',
    async run(wb) {
      await wb.open('examples/nginx/l4-proxy/broken/nginx.conf');
      await wb.command('View: Focus Problems (Errors, Warnings, Infos)');
      await wb.open('examples/nginx/l4-proxy/broken/nginx.conf');
      await wb.goTo(13, 14); // proxy_set_header inside the stream server
      const text = await wb.hoverAtCursor('L7 application');
      if (!/proxy_set_header/.test(text)) throw new Error(`hover does not name the directive: ${text.slice(0, 200)}`);
      wb.log('hover:', text.split('\n').slice(0, 2).join(' | '));
    },
  },
  {
    name: 'completion in a stream server offers no HTTP-only directives',
    async run(wb) {
      await wb.open('unlabelled/edge.conf');
      await wb.goTo(11, 23); // end of "proxy_pass db;" in stream > server
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.press('Enter');
      const cases = [
        ['proxy_pa', { wanted: ['proxy_pass'] }],
        ['proxy_ti', { wanted: ['proxy_timeout'] }],
        ['proxy_set_h', { unwanted: ['proxy_set_header'] }],
        ['proxy_http_v', { unwanted: ['proxy_http_version'] }],
        ['add_hea', { unwanted: ['add_header'] }],
      ];
      for (const [typed, expect] of cases) {
        await wb.page.keyboard.type(typed);
        const labels = await wb.suggestLabels({ expectAny: !!expect.wanted });
        if (typed === 'proxy_pa') await wb.shot('completion-stream-server');
        expectLabels(labels, expect, `stream > server, "${typed}"`);
        await wb.page.keyboard.press('Escape');
        await wb.page.keyboard.press('Shift+Home');
        await wb.page.keyboard.press('Backspace');
      }
    },
  },
  {
    name: 'the same completion in an http location offers proxy_set_header',
    async run(wb) {
      await wb.open('examples/nginx/l7-reverse-proxy/fixed/nginx.conf');
      const text = await wb.visibleText();
      const line = text.split('\n').findIndex((l) => /^\s*proxy_pass http:\/\/app;/.test(l)) + 1;
      if (line < 1) throw new Error('no proxy_pass line in the fixed L7 example');
      await wb.goTo(line, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type('proxy_set_h');
      expectLabels(await wb.suggestLabels(), { wanted: ['proxy_set_header'] }, 'http > server > location');
    },
  },
  {
    name: 'a relay snippet is inserted from completion',
    async run(wb, { workspace, project }) {
      const { prefix, lines } = relaySnippet(project);
      writeFileSync(join(workspace, 'scratch', 'relay.nginx'), 'events {}\nstream {\n    \n}\n');
      await wb.open('scratch/relay.nginx');
      await wb.goTo(3, 5);
      await wb.page.keyboard.type(prefix);
      const labels = await wb.suggestLabels();
      if (!labels.includes(prefix)) throw new Error(`completion does not offer ${prefix}: [${labels.slice(0, 12)}]`);
      const row = wb.page.locator('.editor-widget.suggest-widget .monaco-list-row', { has: wb.page.locator('.label-name', { hasText: new RegExp(`^${prefix}$`) }) });
      await row.first().click();
      await wb.page.keyboard.press('Escape'); // leave snippet placeholder mode
      const text = (await wb.visibleText()).split('\n').map((l) => l.trim());
      const missing = lines.filter((l) => !text.includes(l));
      if (missing.length) throw new Error(`after inserting ${prefix} the editor lacks: ${missing.slice(0, 3).join(' / ')}`);
      wb.log('snippet inserted:', prefix, `(${lines.length} lines checked)`);
    },
  },
  {
    name: 'a quick fix is applied from the light bulb menu',
    async run(wb) {
      await wb.open('examples/ssh/bastion/broken/ssh_config');
      await wb.editor().locator(SQUIGGLE).first().waitFor({ timeout: 60_000 });
      await wb.goTo(15, 20); // "bastoin" in ProxyJump ops@bastoin:2222
      await wb.page.keyboard.press('Control+.');
      const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Change to bastion' });
      await action.first().waitFor({ timeout: 30_000 });
      await wb.shot('quick-fix-menu');
      await action.first().click();
      const fixed = wb.editor().locator('.view-line', { hasText: 'ProxyJump ops@bastion:2222' });
      await fixed.first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'activation time shown by Running Extensions',
    async run(wb, { log }) {
      await wb.command('Developer: Show Running Extensions');
      const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Layerwise' }).first();
      await row.waitFor({ timeout: 30_000 });
      const text = await row.innerText();
      const ms = /Activation:\s*(\d+)\s*ms/i.exec(text)?.[1];
      if (!ms) throw new Error(`no activation time in the Layerwise row: ${text.replace(/\s+/g, ' ')}`);
      writeFileSync(join(wb.artifacts, '..', 'activation-running-extensions.txt'), `${ms}\n`);
      log(`activation (Running Extensions): ${ms} ms`);
    },
  },
];
