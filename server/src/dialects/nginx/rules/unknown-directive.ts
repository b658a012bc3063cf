// A directive name the official reference does not know: nginx stops with "unknown directive".
import { suggest } from '../../../engine/suggest';
import { allowedAt, fullPaths } from '../context';
import { directives } from '../reference';
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

/** Well-known third-party modules: their directives are reported as a warning, not an error. */
const THIRD_PARTY = /(_by_lua(_block|_file)?$|^lua_|^more_(set|clear)_|^brotli|^headers_more|^vhost_traffic_status|^modsecurity|^pagespeed|^passenger_|^naxsi|^geoip2|^echo|^set_misc|^redis2?_|^srcache_|^js_|^perl|^rtmp|^upload_|^dav_ext_|^auth_pam|^sticky|^zstd|^opentracing|^otel_|^vod_)/;

export const unknownDirective: NginxRule = {
  id: 'nginx/unknown-directive',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A directive name that no official nginx module defines.',
  check(ctx, report) {
    const all = directives();
    // The names allowed at a block path, per path (nodes of one path share the array).
    const allowedByPath = new Map<readonly string[], string[]>();
    for (const r of lexiconCandidates(ctx).unknown) {
      if (r.specs.length || r.data || r.templated || r.node.name.startsWith('$')) continue;
      const name = r.node.name;
      let allowedHere = allowedByPath.get(r.localPath);
      if (!allowedHere) {
        const paths = fullPaths(r.localPath, ctx.context.bases);
        allowedHere = paths.length
          ? [...all.values()].filter((specs) => specs.some((s) => paths.some((p) => allowedAt(s, p)))).map((specs) => specs[0].name)
          : [...all.keys()];
        allowedByPath.set(r.localPath, allowedHere);
      }
      const guesses = suggest(name, allowedHere).concat(suggest(name, all.keys())).filter((g, i, list) => list.indexOf(g) === i).slice(0, 3);
      const thirdParty = THIRD_PARTY.test(name) && !guesses.length;
      const hint = guesses.length ? ` Did you mean "${guesses[0]}"?` : thirdParty ? ' It belongs to a third-party module: make sure that module is built in or loaded.' : ' Check the spelling, or load the module that provides it.';
      report({
        range: r.node.nameRange,
        severity: thirdParty ? 'warning' : 'error',
        message: `Unknown directive "${name}": nginx refuses to start, so nothing this file configures will listen (L4).${hint}`,
        fixes: guesses.map((g, i) => ({
          title: `Change to "${g}"`,
          preferred: i === 0 && guesses.length === 1,
          edits: [{ path: ctx.file.path, range: r.node.nameRange, newText: g }],
        })),
      });
    }
  },
};
