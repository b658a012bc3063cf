// Escaping for each output format: text from configs (server names, messages) reaches them all.

/** XML text and attribute values. */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text inside a Mermaid `"..."` label: entity codes for what Mermaid would read as syntax. */
export function mermaid(text: string): string {
  return text.replace(/[#"<>|&`\\]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\n/g, '<br/>');
}

/** A DOT double-quoted string (DOT reads `\\n` as a centred line break). */
export function dot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
