import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const grammar = 'syntaxes/nginx.tmLanguage.json';
const fixtureDir = join(repoRoot, 'test', 'grammar', 'nginx');
const sshGrammar = 'syntaxes/ssh_config.tmLanguage.json';
const sshdGrammar = 'syntaxes/sshd_config.tmLanguage.json';
const isWindows = process.platform === 'win32';
const cli = join(repoRoot, 'node_modules', '.bin', isWindows ? 'vscode-tmgrammar-test.cmd' : 'vscode-tmgrammar-test');

interface CliResult {
  status: number | null;
  output: string;
}

/** Runs vscode-tmgrammar-test from the repository root against the given fixture glob. */
function runGrammarTests(fixtureGlob: string, grammarPath: string = grammar): CliResult {
  const result = spawnSync(cli, ['-g', grammarPath, fixtureGlob], {
    cwd: repoRoot,
    encoding: 'utf8',
    shell: isWindows,
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  const output = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  return { status: result.status, output };
}

/** The CLI hands the glob to node-glob, which wants forward slashes. */
function toGlob(path: string): string {
  return path.replace(/\\/g, '/');
}

describe('nginx TextMate grammar', () => {
  it('passes every fixture in test/grammar/nginx', () => {
    const fixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.conf'));
    expect(fixtures.length).toBeGreaterThanOrEqual(5);

    const { status, output } = runGrammarTests('test/grammar/nginx/*.conf');

    expect(output).not.toMatch(/failed/);
    expect(status, output).toBe(0);
    // Every fixture was actually picked up by the glob and run.
    expect(output.match(/run successfuly/g)?.length, output).toBe(fixtures.length);
  }, 60_000);

  it('fails when a fixture asserts a scope the grammar does not produce', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-grammar-'));
    try {
      const fixture = join(dir, 'wrong-scope.conf');
      writeFileSync(
        fixture,
        [
          '# SYNTAX TEST "source.nginx" "deliberately wrong assertion"',
          'worker_processes auto;',
          '# <---------------- keyword.other.directive.nginx',
          '#                ^^^^ comment.line.number-sign.nginx',
          '',
        ].join('\n'),
      );

      const { status, output } = runGrammarTests(toGlob(fixture));

      expect(status, output).not.toBe(0);
      expect(output).toMatch(/missing required scopes: comment\.line\.number-sign\.nginx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails when a prohibited scope is present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-grammar-'));
    try {
      const fixture = join(dir, 'prohibited-scope.conf');
      writeFileSync(
        fixture,
        [
          '# SYNTAX TEST "source.nginx" "deliberately wrong negative assertion"',
          'gzip on; # trailing comment',
          '#         ^ - comment.line.number-sign.nginx',
          '',
        ].join('\n'),
      );

      const { status, output } = runGrammarTests(toGlob(fixture));

      expect(status, output).not.toBe(0);
      expect(output).toMatch(/prohibited scopes: comment\.line\.number-sign\.nginx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Fixture run plus one deliberately failing fixture for an OpenSSH grammar. */
function describeSshGrammar(options: {
  title: string;
  grammarPath: string;
  fixtureFolder: string;
  scopeName: string;
  suffix: string;
  sampleLine: string;
}): void {
  const { title, grammarPath, fixtureFolder, scopeName, suffix, sampleLine } = options;
  const escapedSuffix = suffix.replace(/[-.]/g, '\\$&');

  describe(title, () => {
    it(`passes every fixture in test/grammar/${fixtureFolder}`, () => {
      const dir = join(repoRoot, 'test', 'grammar', fixtureFolder);
      const fixtures = readdirSync(dir).filter((name) => name.endsWith('.conf'));
      expect(fixtures.length).toBeGreaterThanOrEqual(4);

      const { status, output } = runGrammarTests(`test/grammar/${fixtureFolder}/*.conf`, grammarPath);

      expect(output).not.toMatch(/failed/);
      expect(status, output).toBe(0);
      expect(output.match(/run successfuly/g)?.length, output).toBe(fixtures.length);
    }, 60_000);

    it('fails when a misspelt keyword is asserted to be a keyword', () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerwise-grammar-'));
      try {
        const fixture = join(dir, 'unknown-keyword.conf');
        writeFileSync(
          fixture,
          [
            `# SYNTAX TEST "${scopeName}" "deliberately wrong assertion"`,
            sampleLine,
            `# <---- keyword.other.keyword.${suffix}`,
            '',
          ].join('\n'),
        );

        const { status, output } = runGrammarTests(toGlob(fixture), grammarPath);

        expect(status, output).not.toBe(0);
        expect(output).toMatch(new RegExp(`missing required scopes: keyword\\.other\\.keyword\\.${escapedSuffix}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
}

describeSshGrammar({
  title: 'ssh_config TextMate grammar',
  grammarPath: sshGrammar,
  fixtureFolder: 'ssh_config',
  scopeName: 'source.ssh-config',
  suffix: 'ssh-config',
  sampleLine: 'Portt 22',
});

describeSshGrammar({
  title: 'sshd_config TextMate grammar',
  grammarPath: sshdGrammar,
  fixtureFolder: 'sshd_config',
  scopeName: 'source.sshd-config',
  suffix: 'sshd-config',
  sampleLine: 'Hostt example.com',
});

describe('openvpn TextMate grammar', () => {
  const openvpnGrammar = 'syntaxes/openvpn.tmLanguage.json';

  it('passes every fixture in test/grammar/openvpn', () => {
    const dir = join(repoRoot, 'test', 'grammar', 'openvpn');
    const fixtures = readdirSync(dir).filter((name) => name.endsWith('.conf'));
    expect(fixtures.length).toBeGreaterThanOrEqual(4);

    const { status, output } = runGrammarTests('test/grammar/openvpn/*.conf', openvpnGrammar);

    expect(output).not.toMatch(/failed/);
    expect(status, output).toBe(0);
    expect(output.match(/run successfuly/g)?.length, output).toBe(fixtures.length);
  }, 60_000);

  it('fails when a line inside an inline PEM block is asserted to be an option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-grammar-'));
    try {
      const fixture = join(dir, 'pem-body-option.conf');
      writeFileSync(
        fixture,
        [
          '# SYNTAX TEST "source.openvpn" "deliberately wrong assertion"',
          '<ca>',
          'remote vpn.example.com 1194',
          '# <------ keyword.other.option.openvpn',
          '</ca>',
          '',
        ].join('\n'),
      );

      const { status, output } = runGrammarTests(toGlob(fixture), openvpnGrammar);

      expect(status, output).not.toBe(0);
      expect(output).toMatch(/missing required scopes: keyword\.other\.option\.openvpn/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
