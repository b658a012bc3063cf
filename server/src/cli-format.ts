// Output formats of `layerwise lint`: text for people, JSON for scripts, SARIF for code scanning.
import { LAYERS, layerLabel, type Layer } from './engine/layers';
import type { Finding, RuleMeta } from './engine/rules';
import type { LanguageId } from './engine/syntax';

export interface FileReport {
  /** As shown to the user: relative to the working directory when inside it. */
  path: string;
  absPath: string;
  language: LanguageId;
  findings: Finding[];
}

export function formatJson(files: FileReport[]): string {
  return JSON.stringify({
    files: files.map((f) => ({
      path: f.path,
      language: f.language,
      findings: f.findings.map((x) => ({
        rule: x.rule,
        severity: x.severity,
        layer: x.layer,
        line: x.range.start.line + 1,
        column: x.range.start.character + 1,
        endLine: x.range.end.line + 1,
        endColumn: x.range.end.character + 1,
        message: x.message,
      })),
    })),
  }, null, 2);
}

/** ANSI colour codes of the severities. */
const SEVERITY_COLOR: Record<string, string> = { error: '31', warning: '33', info: '36', hint: '2' };

const painter = (color: boolean) => (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);

/** Control characters (C0, DEL, C1): a message quoting a damaged file may hold them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal: control characters shown as `\u001b`-style escapes, so that words quoted
 * from a damaged or binary file cannot move the cursor, change colours or break lines.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatText(files: FileReport[], color: boolean): string {
  const paint = painter(color);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const f of files) {
    if (!f.findings.length) continue;
    out.push(paint('1;4', printable(f.path)) + paint('2', ` (${f.language})`));
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
      else others++;
      const where = `${x.range.start.line + 1}:${x.range.start.character + 1}`.padEnd(8);
      out.push(`  ${where}${paint(SEVERITY_COLOR[x.severity], x.severity.padEnd(8))}${paint('35', layerLabel(x.layer).padEnd(16))}${printable(x.message)}  ${paint('2', x.rule)}`);
    }
    out.push('');
  }
  const total = errors + warnings + others;
  out.push(total
    ? `${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} info) in ${files.length} file${files.length === 1 ? '' : 's'}`
    : `No findings in ${files.length} file${files.length === 1 ? '' : 's'}.`);
  return out.join('\n');
}

function counts(findings: readonly Finding[]): string {
  const n = (sev: string) => findings.filter((f) => f.severity === sev).length;
  const errors = n('error');
  const warnings = n('warning');
  const others = findings.length - errors - warnings;
  const parts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`, others && `${others} info`].filter(Boolean);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/**
 * The findings again, by OSI layer from the bottom up (only layers that have some): connectivity
 * is debugged that way, since a broken route makes every problem above it moot. Empty when
 * there are no findings.
 */
export function formatByLayer(files: FileReport[], color: boolean): string {
  const paint = painter(color);
  const byLayer = new Map<Layer, { file: FileReport; finding: Finding }[]>();
  for (const file of files) {
    for (const finding of file.findings) {
      const list = byLayer.get(finding.layer);
      if (list) list.push({ file, finding });
      else byLayer.set(finding.layer, [{ file, finding }]);
    }
  }
  if (!byLayer.size) return '';
  const out = [paint('1', 'By layer, bottom up:')];
  for (const layer of [...byLayer.keys()].sort((a, b) => a - b)) {
    const items = byLayer.get(layer)!;
    out.push('', `${paint('1;35', layerLabel(layer))}  ${counts(items.map((i) => i.finding))}`);
    out.push(paint('2', `  ${LAYERS[layer].check}`));
    for (const { file, finding } of items) {
      const where = `${printable(file.path)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      out.push(`  ${paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(8))}${where}  ${paint('2', finding.rule)}`);
    }
  }
  return out.join('\n');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(files: FileReport[], rules: readonly RuleMeta[], toUri: (file: FileReport) => string, version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Layerwise',
          version,
          informationUri: 'https://example.invalid/layerwise',
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.summary },
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            properties: { layer: r.layer, layerName: layerLabel(r.layer) },
          })),
        },
      },
      results: files.flatMap((f) => f.findings.map((x) => ({
        ruleId: x.rule,
        ...(index.has(x.rule) ? { ruleIndex: index.get(x.rule) } : {}),
        level: SARIF_LEVEL[x.severity],
        message: { text: x.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toUri(f) },
            region: {
              startLine: x.range.start.line + 1,
              startColumn: x.range.start.character + 1,
              endLine: x.range.end.line + 1,
              endColumn: x.range.end.character + 1,
            },
          },
        }],
        properties: { layer: x.layer },
      }))),
    }],
  }, null, 2);
}
