// File path pieces for messages and labels. Paths reach the engine with `/` or, from Windows
// editors, `\` between folders, so both count as separators.

/** The last part of a path: `sshd_config` for `/etc/ssh/sshd_config` or `C:\ssh\sshd_config`. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
