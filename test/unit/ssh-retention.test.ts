// Nothing module-level keeps an OpenSSH or OpenVPN analysis alive once its file is gone: a held
// analysis keeps its tree and indexes, which the garbage collector then copies at every young
// collection until a full one.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { analyzeOpenvpn } from '../../server/src/dialects/openvpn/analysis';
import { analyzeSsh } from '../../server/src/dialects/ssh/analysis';
import type { LanguageId } from '../../server/src/engine/syntax';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FILES: [string, LanguageId, string][] = [
  ['/etc/ssh/ssh_config', 'ssh_config', 'IgnoreUnknown Foo*\nHost a\n  HostName 192.0.2.1\n  Port 70000\n  LocalForward 8080 localhost:80\nHost *.example\n  User x\n'],
  ['/etc/ssh/sshd_config', 'sshd_config', 'Port 22\nAllowTcpForwarding no\nMatch User bob\n  AllowTcpForwarding yes\n  PermitOpen any\n'],
  ['/etc/openvpn/server.conf', 'openvpn', 'dev tun\nserver 10.8.0.0 255.255.255.0\npush "route 10.0.0.0 255.0.0.0"\nclient-config-dir ccd\n'],
];

/** A weak reference to the analysis of `path` after linting it; the file is then removed. */
function lintAndRemove(path: string, language: LanguageId, text: string): WeakRef<object> {
  const ws = new Workspace(memoryHost({}), DIALECTS);
  const file = ws.setFile(path, text, language);
  if (!file) throw new Error(`${path} was not loaded`);
  ws.analyze(path);
  const ctx = language === 'openvpn' ? analyzeOpenvpn(file, ws) : analyzeSsh(file, ws);
  ws.removeFile(path);
  return new WeakRef(ctx);
}

describe('ssh and openvpn analyses', () => {
  for (const [path, language, text] of FILES) {
    it(`are let go with their file (${language})`, async () => {
      const ref = lintAndRemove(path, language, text);
      // A WeakRef holds its target until the current job ends.
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
      expect(ref.deref()).toBeUndefined();
    });
  }
});
