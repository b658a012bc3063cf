// What the Layers view shows, computed from plain diagnostics: one group per OSI layer with its
// reminder, its findings and their count. Free of the vscode module so that it is unit-tested.
import { LAYERS, layerLabel, type Layer } from '../../../server/src/engine/layers';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

/** The parts of a diagnostic the view needs, as VS Code hands them over. */
export interface DiagnosticLike {
  message: string;
  source?: string;
  code?: string | number | { value: string | number };
  severity: FindingSeverity;
  /** 0-based. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** Extra data the server attaches (`{ layer }`). */
  data?: unknown;
}

export interface FileDiagnostics {
  /** Full URI string of the file. */
  uri: string;
  /** Path shown to the user (relative to the workspace when possible). */
  label: string;
  diagnostics: readonly DiagnosticLike[];
}

export interface LayerFinding {
  uri: string;
  fileLabel: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  message: string;
  rule?: string;
  severity: FindingSeverity;
}

export interface LayerGroup {
  layer: Layer;
  /** "L4 transport". */
  label: string;
  /** One line: what to check at this layer. */
  check: string;
  findings: LayerFinding[];
}

const SOURCE_PREFIX = 'Layerwise';
const ALL_LAYERS: Layer[] = [1, 2, 3, 4, 5, 6, 7];

function isLayer(n: unknown): n is Layer {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 7;
}

/**
 * The layer of one of our diagnostics: the server's `data.layer`, else the `L<n>` in the
 * source ("Layerwise L4 transport"). Undefined for diagnostics from other tools.
 */
export function layerOf(d: Pick<DiagnosticLike, 'source' | 'data'>): Layer | undefined {
  if (!d.source?.startsWith(SOURCE_PREFIX)) return undefined;
  const fromData = (d.data as { layer?: unknown } | undefined)?.layer;
  if (isLayer(fromData)) return fromData;
  const m = /\bL([1-7])\b/.exec(d.source);
  return m ? (Number(m[1]) as Layer) : undefined;
}

function ruleOf(code: DiagnosticLike['code']): string | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Findings in reading order: file, then line and column; errors first at the same spot. */
function compareFindings(a: LayerFinding, b: LayerFinding): number {
  return a.fileLabel.localeCompare(b.fileLabel) || a.uri.localeCompare(b.uri)
    || a.line - b.line || a.character - b.character
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/**
 * Groups our diagnostics by layer. Every layer 1 to 7 is present (empty ones too), so the view
 * always shows the full stack. `onlyUri` keeps one file's findings.
 */
export function groupByLayer(files: readonly FileDiagnostics[], onlyUri?: string): LayerGroup[] {
  const groups = new Map<Layer, LayerGroup>(ALL_LAYERS.map((layer) => [layer, {
    layer, label: layerLabel(layer), check: LAYERS[layer].check, findings: [],
  }]));
  for (const file of files) {
    if (onlyUri !== undefined && file.uri !== onlyUri) continue;
    for (const d of file.diagnostics) {
      const layer = layerOf(d);
      if (!layer) continue;
      groups.get(layer)!.findings.push({
        uri: file.uri,
        fileLabel: file.label,
        line: d.line,
        character: d.character,
        endLine: d.endLine,
        endCharacter: d.endCharacter,
        message: d.message,
        rule: ruleOf(d.code),
        severity: d.severity,
      });
    }
  }
  const out = [...groups.values()];
  for (const g of out) g.findings.sort(compareFindings);
  return out;
}

/** "3 findings" / "1 finding" / "no findings". */
export function countLabel(n: number): string {
  return n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`;
}

/** Where a finding is: "nginx/l4/nginx.conf:12" (1-based line). */
export function findingLocation(f: LayerFinding): string {
  return `${f.fileLabel}:${f.line + 1}`;
}

/** The same with the file name only ("nginx.conf:12"), short enough to lead a tree row. */
export function findingShortLocation(f: LayerFinding): string {
  return `${f.fileLabel.split(/[\\/]/).pop()}:${f.line + 1}`;
}
