// nginx directive facts, from NGINX's official machine-readable reference (@nginx/reference-lib).
// This file only indexes that data and derives what the reference implies (arity, enum values,
// block or not, which top-level block a module belongs to); nothing here is hand-written fact.
import { Format, getDirectives, getVariables } from '@nginx/reference-lib';

/** The top-level block a module's directives live under; 'any' for core and cross-cutting modules. */
export type Family = 'http' | 'stream' | 'mail' | 'any';

export interface DirectiveSpec {
  name: string;
  module: string;
  family: Family;
  /** Reference contexts: bare block names, 'main', 'if in location', or '' for anywhere. */
  contexts: string[];
  syntax: string[];
  /** Syntax with the Markdown markup removed, for display. */
  plainSyntax: string[];
  isBlock: boolean;
  default: string;
  description: string;
  minArgs: number;
  maxArgs: number;
  /** Literal values when every argument form is a fixed word (e.g. on | off). */
  enumValues: string[];
}

export interface VariableSpec {
  name: string;
  module: string;
  description: string;
}

export function familyOf(module: string): Family {
  if (module.startsWith('ngx_http_')) return 'http';
  if (module.startsWith('ngx_stream_')) return 'stream';
  if (module.startsWith('ngx_mail_')) return 'mail';
  return 'any';
}

/** Removes the reference's Markdown emphasis: *`name`* and `literal` become plain words. */
export function plain(syntax: string): string {
  return syntax.replace(/\*`([^`]*)`\*/g, '$1').replace(/`([^`]*)`/g, '$1').replace(/\s+/g, ' ').trim();
}

/** Placeholders that stand for any number of words. */
const MANY = new Set(['parameters', 'params', 'options', 'flags', 'arguments', 'args']);

interface Arity {
  min: number;
  max: number;
}

/** Derives the argument count a syntax line allows: `[...]` is optional, `|` alternatives, `...` repeats. */
export function arityOf(syntax: string): Arity {
  const tokens = tokenizeSyntax(plain(syntax));
  let i = 0;
  const seq = (): Arity => {
    const alts: Arity[] = [];
    let cur: Arity = { min: 0, max: 0 };
    while (i < tokens.length) {
      const t = tokens[i];
      if (t === ']') break;
      i++;
      if (t === '|') {
        alts.push(cur);
        cur = { min: 0, max: 0 };
        continue;
      }
      if (t === '...') {
        cur.max = Infinity;
        continue;
      }
      if (t === '{...}') continue;
      if (t === '[') {
        const inner = seq();
        if (tokens[i] === ']') i++;
        cur.max += inner.max;
        continue;
      }
      cur.min += 1;
      cur.max += MANY.has(t) ? Infinity : 1;
    }
    alts.push(cur);
    return { min: Math.min(...alts.map((a) => a.min)), max: Math.max(...alts.map((a) => a.max)) };
  };
  return seq();
}

/** Splits a plain syntax line into words, `[`, `]`, `|`, `...` and `{...}`; brackets glued to a word stay in it. */
function tokenizeSyntax(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ') {
      i++;
      continue;
    }
    if (s.startsWith('{...}', i)) {
      out.push('{...}');
      i += 5;
      continue;
    }
    if (s.startsWith('...', i)) {
      out.push('...');
      i += 3;
      continue;
    }
    if (c === '[' || c === ']' || c === '|') {
      out.push(c);
      i++;
      continue;
    }
    let j = i;
    let depth = 0;
    while (j < s.length) {
      const d = s[j];
      if (d === '[') depth++;
      else if (d === ']') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (d === ' ' || d === '|')) break;
      else if (depth === 0 && s.startsWith('...', j)) break;
      j++;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** Literal values when each alternative of every syntax line is one fixed word. */
function enumValuesOf(plainSyntax: string[]): string[] {
  const values: string[] = [];
  for (const s of plainSyntax) {
    const parts = s.split('|').map((p) => p.trim());
    if (parts.length < 2) return [];
    for (const p of parts) {
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(p) || /^(time|size|number|string|name|path|file|level|address|uri|url|value|text|code)$/.test(p)) return [];
      values.push(p);
    }
  }
  return values;
}

/** What a directive's syntax lines imply. The bundles' copy of the reference carries these, derived here at build time (scripts/prebuilt-reference.mjs). */
export interface SyntaxFacts {
  plainSyntax: string[];
  minArgs: number;
  maxArgs: number;
  enumValues: string[];
}

export function syntaxFacts(syntax: string[]): SyntaxFacts {
  const plainSyntax = syntax.map(plain);
  let min = Infinity;
  let max = 0;
  for (const s of syntax) {
    const a = arityOf(s);
    min = Math.min(min, a.min);
    max = Math.max(max, a.max);
  }
  if (!syntax.length) {
    min = 0;
    max = Infinity;
  }
  return { plainSyntax, minArgs: min, maxArgs: max, enumValues: enumValuesOf(plainSyntax) };
}

function toSpec(d: RawDirective): DirectiveSpec {
  const facts = d.plainSyntax ? (d as RawDirective & SyntaxFacts) : syntaxFacts(d.syntax);
  return {
    name: d.name,
    module: d.module,
    family: familyOf(d.module),
    contexts: d.contexts,
    syntax: d.syntax,
    plainSyntax: facts.plainSyntax,
    isBlock: d.isBlock,
    default: d.default,
    description: d.description,
    minArgs: facts.minArgs,
    maxArgs: facts.maxArgs,
    enumValues: facts.enumValues,
  };
}

/** An entry of the reference; a build's own copy of the reference may carry its syntax facts already. */
type RawDirective = ReturnType<typeof getDirectives>[number] & Partial<SyntaxFacts>;

/** The reference's entries by name, as given; a name's specs are derived on first use. */
let rawIndex: Map<string, RawDirective[]> | undefined;
const specIndex = new Map<string, DirectiveSpec[]>();
let allSpecs: Map<string, DirectiveSpec[]> | undefined;
const NO_SPECS: DirectiveSpec[] = [];

function raw(): Map<string, RawDirective[]> {
  if (!rawIndex) {
    rawIndex = new Map();
    for (const d of getDirectives(Format.Markdown)) {
      const list = rawIndex.get(d.name);
      if (list) list.push(d);
      else rawIndex.set(d.name, [d]);
    }
  }
  return rawIndex;
}

/** Every spec of the reference, by directive name (a name can have one spec per module). */
export function directives(): Map<string, DirectiveSpec[]> {
  if (!allSpecs) {
    allSpecs = new Map();
    for (const name of raw().keys()) allSpecs.set(name, specsOf(name));
  }
  return allSpecs;
}

/**
 * The specs of a directive name (empty when the reference does not know it). Deriving arity and
 * enum values for all ~2,000 entries is a noticeable part of a CLI run's start-up, and a config
 * uses a few dozen names: each name is worked out when first asked for.
 */
export function specsOf(name: string): DirectiveSpec[] {
  let specs = specIndex.get(name);
  if (!specs) {
    const entries = raw().get(name);
    if (!entries) return NO_SPECS;
    specIndex.set(name, (specs = entries.map(toSpec)));
  }
  return specs;
}

let variableIndex: Map<string, VariableSpec[]> | undefined;

/** Every variable of the reference, by name without `$`. Keys ending in `_` (`arg_`) are prefixes. */
export function variables(): Map<string, VariableSpec[]> {
  if (!variableIndex) {
    variableIndex = new Map();
    for (const v of getVariables(Format.Markdown)) {
      // `$http_NAME` style entries are families of variables: they are keyed by their prefix.
      const name = v.name.replace(/^\$/, '').replace(/_[A-Z]+$/, '_');
      const spec = { name, module: v.module, description: v.description };
      const list = variableIndex.get(name);
      if (list) list.push(spec);
      else variableIndex.set(name, [spec]);
    }
  }
  return variableIndex;
}

/** The reference page of a directive or variable on nginx.org. */
export function docUrl(spec: { module: string; name: string }): string {
  const module = spec.module === 'Core functionality' ? 'ngx_core_module' : spec.module;
  const family = familyOf(module);
  const dir = family === 'any' ? '' : `${family}/`;
  return `https://nginx.org/en/docs/${dir}${module}.html#${spec.name}`;
}
