// Rules, findings, severity settings and suppression comments: the machinery every dialect shares.
import type { Layer } from './layers';
import type { Comment, LanguageId, Range, Severity } from './syntax';

export interface TextEdit {
  path: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor may apply on its own (e.g. a single did-you-mean). */
  preferred?: boolean;
}

export interface Related {
  path: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  layer: Layer;
  path: string;
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: Related[];
}

/** What a rule reports; the runner fills in rule id, path and default severity and layer. */
export interface Report {
  range: Range;
  message: string;
  severity?: Severity;
  layer?: Layer;
  fixes?: Fix[];
  related?: Related[];
  /** Report into another file (an included fragment) instead of the one being checked. */
  path?: string;
}

export interface RuleMeta {
  id: string;
  language: LanguageId;
  layer: Layer;
  severity: Severity;
  /** One line for docs and settings. */
  summary: string;
}

export interface Rule<C> extends RuleMeta {
  check(ctx: C, report: (r: Report) => void): void;
}

export type RuleSetting = 'off' | Severity;
export type RuleSettings = Record<string, RuleSetting>;

/** Runs rules against one context and applies the rule's defaults to each report. */
export function runRules<C>(rules: readonly Rule<C>[], ctx: C, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    rule.check(ctx, (r) => {
      const f: Finding = {
        rule: rule.id,
        severity: r.severity ?? rule.severity,
        layer: r.layer ?? rule.layer,
        path: r.path ?? path,
        range: r.range,
        message: r.message,
      };
      if (r.fixes?.length) f.fixes = r.fixes;
      if (r.related?.length) f.related = r.related;
      findings.push(f);
    });
  }
  return findings;
}

const DISABLE = /layerwise-disable-next-line\b(.*)$/;

/**
 * Applies per-rule settings and `# layerwise-disable-next-line [rule-id ...]` comments.
 * A suppression comment applies to the next line that holds code.
 */
export function applySettings(findings: Finding[], settings: RuleSettings, comments: readonly Comment[], codeLines?: (line: number) => boolean): Finding[] {
  const suppressed = new Map<number, Set<string> | 'all'>();
  for (const c of comments) {
    const m = DISABLE.exec(c.text);
    if (!m) continue;
    let target = c.range.start.line + 1;
    if (codeLines) for (let guard = 0; guard < 1000 && !codeLines(target); guard++) target++;
    const ids = m[1].split(/[\s,]+/).filter(Boolean);
    suppressed.set(target, ids.length ? new Set(ids) : 'all');
  }
  const out: Finding[] = [];
  for (const f of findings) {
    const s = suppressed.get(f.range.start.line);
    if (s === 'all' || s?.has(f.rule)) continue;
    const setting = settings[f.rule];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function sortFindings(findings: Finding[]): Finding[] {
  // Equal strings compare as 0 without asking the collator (most findings share their path).
  return findings.sort((a, b) =>
    (a.path === b.path ? 0 : a.path.localeCompare(b.path)) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule === b.rule ? 0 : a.rule.localeCompare(b.rule)));
}
