// Language detection: by name where the name says it, by content for `.conf` and odd names.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../server/src/engine/detect';
import type { LanguageId } from '../../server/src/engine/syntax';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const FOLDERS: Record<string, LanguageId> = { nginx: 'nginx', openvpn: 'openvpn', ssh_config: 'ssh_config', sshd_config: 'sshd_config' };

describe('detectLanguage by name', () => {
  it.each([
    ['/etc/nginx/nginx.conf', 'nginx'],
    ['/srv/site.nginx', 'nginx'],
    ['/etc/nginx/conf.d/app.conf', 'nginx'],
    ['/etc/nginx/sites-enabled/default', 'nginx'],
    ['/home/u/.ssh/config', 'ssh_config'],
    ['/etc/ssh/ssh_config', 'ssh_config'],
    ['/etc/ssh/ssh_config.d/10-jump.conf', 'ssh_config'],
    ['/etc/ssh/sshd_config', 'sshd_config'],
    ['/etc/ssh/sshd_config.d/50-tunnel.conf', 'sshd_config'],
    ['/home/u/vpn/office.ovpn', 'openvpn'],
  ])('%s is %s', (path, lang) => {
    expect(detectLanguage(path, '')).toBe(lang);
  });
});

describe('detectLanguage by content, on the real-world corpus', () => {
  const rows: { file: string; want: LanguageId; got: LanguageId | undefined }[] = [];
  for (const [folder, want] of Object.entries(FOLDERS)) {
    for (const file of readdirSync(join(CORPUS, folder))) {
      const text = readFileSync(join(CORPUS, folder, file), 'utf8');
      // A neutral name, so that only the content decides.
      rows.push({ file: `${folder}/${file}`, want, got: detectLanguage('/tmp/detect/some.conf', text) });
    }
  }
  it('puts at least 95% of the corpus in the right language, and never nginx/OpenVPN/sshd in each other', () => {
    const wrong = rows.filter((r) => r.got !== r.want);
    const rate = (rows.length - wrong.length) / rows.length;
    console.log(`detector: ${rows.length - wrong.length}/${rows.length} corpus files by content alone (${(rate * 100).toFixed(1)}%)`);
    for (const w of wrong) console.log(`  ${w.file}: ${w.got ?? 'none'} (want ${w.want})`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
    const swapped = wrong.filter((w) => w.got && ['nginx', 'openvpn', 'sshd_config'].includes(w.got) && ['nginx', 'openvpn', 'sshd_config'].includes(w.want));
    expect(swapped.filter((w) => !(w.file.includes('mime.types') || w.file.includes('koi-utf') || w.file.includes('_params')))).toEqual([]);
  });
});

describe('detectLanguage on long lines', () => {
  it('judges a config written on one line longer than the sample', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `host${i}.example.test`).join(' ');
    const text = `http { server { listen 80; server_name ${names}; } }\n`;
    expect(text.length).toBeGreaterThan(20000);
    expect(detectLanguage('/tmp/detect/one-line.conf', text)).toBe('nginx');
  });
});
