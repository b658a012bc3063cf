// The Layers view's model: our diagnostics grouped by OSI layer, in reading order.
import { describe, expect, it } from 'vitest';
import {
  countLabel, findingLocation, findingShortLocation, groupByLayer, layerOf, type DiagnosticLike, type FileDiagnostics,
} from '../../client/src/views/layers-model';
import { LAYERS } from '../../server/src/engine/layers';

function diag(line: number, message: string, layer: number | undefined, extra: Partial<DiagnosticLike> = {}): DiagnosticLike {
  return {
    message, line, character: 4, endLine: line, endCharacter: 10, severity: 'error',
    source: layer === undefined ? 'Layerwise' : `Layerwise L${layer} ${LAYERS[layer as 1].name}`,
    code: 'nginx/some-rule', data: layer === undefined ? undefined : { layer }, ...extra,
  };
}

const FILES: FileDiagnostics[] = [
  { uri: 'file:///w/b.conf', label: 'b.conf', diagnostics: [diag(9, 'b late', 4), diag(2, 'b early', 4), diag(5, 'tls', 6)] },
  { uri: 'file:///w/a.conf', label: 'a.conf', diagnostics: [diag(7, 'a port', 4), diag(1, 'other tool', 4, { source: 'eslint' })] },
];

describe('layerOf', () => {
  it('reads data.layer first, then the L<n> in the source, and ignores other tools', () => {
    expect(layerOf({ source: 'Layerwise L4 transport', data: { layer: 6 } })).toBe(6);
    expect(layerOf({ source: 'Layerwise L3 network', data: undefined })).toBe(3);
    expect(layerOf({ source: 'Layerwise L3 network', data: { layer: 9 } })).toBe(3);
    expect(layerOf({ source: 'nginx-lint L4', data: { layer: 4 } })).toBeUndefined();
    expect(layerOf({ source: undefined, data: { layer: 4 } })).toBeUndefined();
    expect(layerOf({ source: 'Layerwise', data: undefined })).toBeUndefined();
  });
});

describe('groupByLayer', () => {
  it('always lists layers 1 to 7 with their label and reminder', () => {
    const groups = groupByLayer([]);
    expect(groups.map((g) => g.layer)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(groups[3].label).toBe('L4 transport');
    expect(groups[3].check).toBe(LAYERS[4].check);
    expect(groups.every((g) => g.findings.length === 0)).toBe(true);
  });

  it('puts each of our findings under its layer, sorted by file then line, and drops other tools', () => {
    const groups = groupByLayer(FILES);
    const l4 = groups.find((g) => g.layer === 4)!;
    expect(l4.findings.map((f) => `${f.fileLabel}:${f.line} ${f.message}`)).toEqual(['a.conf:7 a port', 'b.conf:2 b early', 'b.conf:9 b late']);
    expect(groups.find((g) => g.layer === 6)!.findings.map((f) => f.message)).toEqual(['tls']);
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(4);
    expect(l4.findings[0]).toMatchObject({ uri: 'file:///w/a.conf', rule: 'nginx/some-rule', character: 4, endCharacter: 10, severity: 'error' });
  });

  it('keeps one file when asked', () => {
    const groups = groupByLayer(FILES, 'file:///w/b.conf');
    expect(groups.flatMap((g) => g.findings.map((f) => f.message))).toEqual(['b early', 'b late', 'tls']);
    expect(groupByLayer(FILES, 'file:///w/none.conf').every((g) => g.findings.length === 0)).toBe(true);
  });

  it('reads rule ids given as { value } objects', () => {
    const groups = groupByLayer([{ uri: 'u', label: 'u', diagnostics: [diag(0, 'x', 3, { code: { value: 'ssh/x' } })] }]);
    expect(groups[2].findings[0].rule).toBe('ssh/x');
  });

  it('puts errors before warnings at the same place', () => {
    const groups = groupByLayer([{ uri: 'u', label: 'u', diagnostics: [diag(0, 'warn', 7, { severity: 'warning' }), diag(0, 'err', 7)] }]);
    expect(groups[6].findings.map((f) => f.message)).toEqual(['err', 'warn']);
  });
});

it('labels counts and locations for people (1-based lines)', () => {
  expect([countLabel(0), countLabel(1), countLabel(3)]).toEqual(['no findings', '1 finding', '3 findings']);
  expect(findingLocation(groupByLayer(FILES)[3].findings[0])).toBe('a.conf:8');
  const deep = groupByLayer([{ uri: 'u', label: 'examples/ssh/bastion/ssh_config', diagnostics: [diag(14, 'x', 4)] }])[3].findings[0];
  expect([findingLocation(deep), findingShortLocation(deep)]).toEqual(['examples/ssh/bastion/ssh_config:15', 'ssh_config:15']);
  expect(findingShortLocation({ ...deep, fileLabel: 'C:\\etc\\nginx.conf' })).toBe('nginx.conf:15');
});
