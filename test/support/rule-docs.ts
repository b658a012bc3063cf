// Reads the rule doc pages (docs/rules/<id>.md) and extracts their bad and good examples.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RuleDoc {
  id: string;
  path: string;
  text: string;
  sections: Map<string, string>;
  bad: string[];
  good: string[];
}

export const DOCS_DIR = join(__dirname, '..', '..', 'docs', 'rules');

/** `<BOM>` in an example stands for the invisible byte order mark. */
function decode(code: string): string {
  return code.replace(/<BOM>/g, '\uFEFF');
}

function codeBlocks(section: string | undefined): string[] {
  if (!section) return [];
  const out: string[] = [];
  const re = /```[a-z_]*\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(section))) out.push(decode(m[1]));
  return out;
}

export function readRuleDoc(id: string): RuleDoc | undefined {
  const path = join(DOCS_DIR, `${id}.md`);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const sections = new Map<string, string>();
  for (const part of text.split(/^## /m).slice(1)) {
    const nl = part.indexOf('\n');
    sections.set(part.slice(0, nl).trim().toLowerCase(), part.slice(nl + 1));
  }
  return { id, path, text, sections, bad: codeBlocks(sections.get('bad')), good: codeBlocks(sections.get('good')) };
}
