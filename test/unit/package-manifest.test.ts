// What `npm run package` puts in the .vsix and what the manifest promises, checked without an
// editor (the e2e suites check the same package inside VS Code).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listFiles, PackageManager } from '@vscode/vsce';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the packaged extension', () => {
  it('holds the two bundles, the contributions, LICENSE, README and images, and no node_modules or sources', async () => {
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/server.js', pkg.icon]));
    expect(files.filter((f) => /(^|\/)node_modules\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|mts|map)$|^(server|client|test|e2e|bench|scripts|examples|docs)\//.test(f))).toEqual([]);
    for (const contribution of [...pkg.contributes.languages, ...pkg.contributes.grammars, ...pkg.contributes.snippets]) {
      const path = String(contribution.configuration ?? contribution.path).replace(/^\.\//, '');
      expect(files, path).toContain(path);
    }
    const images = [...readFileSync(`${root}/README.md`, 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images.filter((i) => !/^https?:/.test(i))) expect(files, image).toContain(image);
  });

  it('has an icon of at least 128x128 pixels, a licence and marketplace metadata', () => {
    const { width, height } = pngSize(`${root}/${pkg.icon}`);
    expect(width).toBeGreaterThanOrEqual(128);
    expect(height).toBeGreaterThanOrEqual(128);
    expect(readFileSync(`${root}/LICENSE`, 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 The Layerwise authors/);
    expect(pkg.license).toBe('MIT');
    expect(pkg.categories.length).toBeGreaterThan(0);
    expect(pkg.keywords.length).toBeGreaterThan(0);
  });

  it('activates explicitly for every language, each of which has a configuration, and never at start-up', () => {
    for (const lang of pkg.contributes.languages) {
      expect(lang.configuration, lang.id).toBeTruthy();
      expect(pkg.activationEvents, lang.id).toContain(`onLanguage:${lang.id}`);
    }
    expect(pkg.activationEvents).not.toContain('*');
  });

  it('describes every setting and declares limited support for untrusted workspaces', () => {
    for (const [key, spec] of Object.entries<{ description?: string; markdownDescription?: string }>(pkg.contributes.configuration.properties)) {
      expect(spec.description ?? spec.markdownDescription, key).toBeTruthy();
    }
    expect(pkg.capabilities.untrustedWorkspaces).toMatchObject({ supported: 'limited', description: expect.any(String) });
  });
});
