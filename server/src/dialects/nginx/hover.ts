// Hover on directives and `$variables`: layer and relay role first, then the reference's facts.
import type { Hover } from 'vscode-languageserver-types';
import { layerLabel } from '../../engine/layers';
import type { Position, Range } from '../../engine/syntax';
import { contains } from '../../engine/text';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { locate } from '../../features/locate';
import { analyzeContext } from './analysis';
import { describeContexts } from './context';
import { docUrl, familyOf, variables, type DirectiveSpec } from './reference';
import { layerFactOf, type LayerFact } from './roles';

function factLine(fact: LayerFact): string {
  const layer = fact.layer ? `**${layerLabel(fact.layer)}**` : '**no network layer** (process setting)';
  return fact.role ? `${layer} · relay role: **${fact.role}**` : layer;
}

/**
 * The reference's first paragraph, quoted and attributed: it is NGINX's own text, shown as such
 * beside the layer and role that are ours.
 */
function quotedReference(text: string): string {
  const para = (text.split(/\n\s*\n/)[0] ?? '').replace(/\n/g, ' ').trim();
  return para ? `From the NGINX reference:\n> ${para}` : '';
}

export function directiveHoverText(spec: DirectiveSpec, where?: string): string {
  const parts = [
    `\`${spec.name}\` — ${factLine(layerFactOf(spec))}`,
    where ? `in *${where}* · ${spec.module}` : spec.module,
    spec.plainSyntax.map((s) => `\`\`\`nginx\n${spec.name} ${s}${spec.isBlock || s.endsWith('{...}') ? '' : ';'}\n\`\`\``).join('\n'),
    `**Default:** ${spec.default ? `\`${spec.default}\`` : 'none'} · **Contexts:** ${describeContexts([spec])}`,
    quotedReference(spec.description),
    `[Reference on nginx.org](${docUrl(spec)})`,
  ];
  return parts.filter(Boolean).join('\n\n');
}

export function nginxHover(file: SourceFile, pos: Position, ws: Workspace): Hover | undefined {
  const hit = locate(file.parse.tree, pos);
  if (!hit) return undefined;
  const ctx = analyzeContext(file, ws, ws.contextOverride.get(file.path));
  const r = ctx.byNode.get(hit.directive);
  if (hit.onName) {
    if (!r?.spec || r.data) return undefined;
    const where = ctx.context.bases.length ? [...ctx.context.bases[0], ...r.localPath].join(' > ') || 'main' : undefined;
    return { contents: { kind: 'markdown', value: directiveHoverText(r.spec, where) }, range: hit.directive.nameRange };
  }
  if (hit.arg) return variableHover(hit.arg.text, hit.arg.range, pos);
  return undefined;
}

/** Hover on a `$variable` inside an argument. */
function variableHover(text: string, range: Range, pos: Position): Hover | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const offset = pos.character - range.start.character;
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (offset < m.index || offset > m.index + m[0].length) continue;
    const name = m[1];
    const known = variables();
    let specs = known.get(name);
    if (!specs) {
      const prefix = [...known.keys()].filter((k) => k.endsWith('_') && name.startsWith(k)).sort((a, b) => b.length - a.length)[0];
      specs = prefix ? known.get(prefix) : undefined;
    }
    if (!specs) return undefined;
    const v = specs[0];
    const fact = variableFact(name, v.module);
    const where = specs.map((s) => s.module).join(', ');
    const value = [
      `\`$${name}\` — ${factLine(fact)}`,
      `variable of ${where}`,
      quotedReference(v.description),
      `[Reference on nginx.org](${docUrl({ module: v.module, name: `var_${v.name}` })})`,
    ].join('\n\n');
    const r: Range = { start: { line: range.start.line, character: range.start.character + m.index }, end: { line: range.start.line, character: range.start.character + m.index + m[0].length } };
    if (!contains(r, pos)) continue;
    return { contents: { kind: 'markdown', value }, range: r };
  }
  return undefined;
}

function variableFact(name: string, module: string): LayerFact {
  if (/^(remote_addr|binary_remote_addr|server_addr|realip_remote_addr|proxy_protocol_addr|proxy_protocol_server_addr)$/.test(name)) return { layer: 3 };
  if (/port$/.test(name) || name === 'protocol') return { layer: 4 };
  if (name.startsWith('ssl_preread')) return { layer: 6, role: 'TLS passthrough / SNI routing' };
  if (name.startsWith('ssl_')) return { layer: 6, role: 'TLS termination' };
  if (name.startsWith('upstream_')) return { layer: familyOf(module) === 'stream' ? 4 : 7, role: 'upstream group' };
  return { layer: familyOf(module) === 'stream' ? 4 : 7 };
}
