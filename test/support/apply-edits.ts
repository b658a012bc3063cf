// Applies the edits of a fix that all touch one text, as an editor would.
import type { TextEdit } from '../../server/src/engine/rules';
import { LineIndex } from '../../server/src/engine/text';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = text;
  // Last edit first, so the offsets of the earlier ones still hold.
  const byStart = [...edits].sort((a, b) => index.offset(b.range.start) - index.offset(a.range.start));
  for (const e of byStart) out = out.slice(0, index.offset(e.range.start)) + e.newText + out.slice(index.offset(e.range.end));
  return out;
}
