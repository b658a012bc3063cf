// Our own facts that the official reference lacks: the OSI layer each nginx directive acts on,
// and its role in a relay. Modules give the default; directives override where they differ.
import type { Layer } from '../../engine/layers';
import type { DirectiveSpec } from './reference';

export type RelayRole =
  | 'listener'
  | 'L7 reverse proxy'
  | 'L4 reverse proxy'
  | 'upstream group'
  | 'TLS termination'
  | 'TLS to upstream'
  | 'TLS passthrough / SNI routing'
  | 'access control'
  | 'name resolution'
  | 'virtual host selection'
  | 'request routing'
  | 'header rewriting'
  | 'client address'
  | 'connection tuning'
  | 'logging';

export interface LayerFact {
  /** Undefined for process-level settings (user, pid, worker_processes) that act on no network layer. */
  layer?: Layer;
  role?: RelayRole;
}

const MODULES: Record<string, LayerFact> = {
  ngx_http_core_module: { layer: 7 },
  ngx_http_proxy_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_fastcgi_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_uwsgi_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_scgi_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_grpc_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_memcached_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_http_tunnel_module: { layer: 4, role: 'L4 reverse proxy' },
  ngx_http_upstream_module: { layer: 4, role: 'upstream group' },
  ngx_http_upstream_hc_module: { layer: 7, role: 'upstream group' },
  ngx_http_ssl_module: { layer: 6, role: 'TLS termination' },
  ngx_http_v2_module: { layer: 7 },
  ngx_http_v3_module: { layer: 4 },
  ngx_http_access_module: { layer: 3, role: 'access control' },
  ngx_http_geo_module: { layer: 3, role: 'access control' },
  ngx_http_geoip_module: { layer: 3, role: 'access control' },
  ngx_http_realip_module: { layer: 7, role: 'client address' },
  ngx_http_auth_basic_module: { layer: 7, role: 'access control' },
  ngx_http_auth_jwt_module: { layer: 7, role: 'access control' },
  ngx_http_auth_request_module: { layer: 7, role: 'access control' },
  ngx_http_auth_require_module: { layer: 7, role: 'access control' },
  ngx_http_oidc_module: { layer: 7, role: 'access control' },
  ngx_http_secure_link_module: { layer: 7, role: 'access control' },
  ngx_http_referer_module: { layer: 7, role: 'access control' },
  ngx_http_limit_req_module: { layer: 7, role: 'access control' },
  ngx_http_limit_conn_module: { layer: 4, role: 'access control' },
  ngx_http_headers_module: { layer: 7, role: 'header rewriting' },
  ngx_http_rewrite_module: { layer: 7, role: 'request routing' },
  ngx_http_log_module: { layer: 7, role: 'logging' },
  ngx_http_session_log_module: { layer: 7, role: 'logging' },
  ngx_stream_core_module: { layer: 4 },
  ngx_stream_proxy_module: { layer: 4, role: 'L4 reverse proxy' },
  ngx_stream_pass_module: { layer: 4, role: 'L4 reverse proxy' },
  ngx_stream_upstream_module: { layer: 4, role: 'upstream group' },
  ngx_stream_upstream_hc_module: { layer: 4, role: 'upstream group' },
  ngx_stream_ssl_module: { layer: 6, role: 'TLS termination' },
  ngx_stream_ssl_preread_module: { layer: 6, role: 'TLS passthrough / SNI routing' },
  ngx_stream_access_module: { layer: 3, role: 'access control' },
  ngx_stream_geo_module: { layer: 3, role: 'access control' },
  ngx_stream_geoip_module: { layer: 3, role: 'access control' },
  ngx_stream_limit_conn_module: { layer: 4, role: 'access control' },
  ngx_stream_realip_module: { layer: 4, role: 'client address' },
  ngx_stream_log_module: { layer: 4, role: 'logging' },
  ngx_stream_map_module: { layer: 4 },
  ngx_stream_split_clients_module: { layer: 4 },
  ngx_stream_return_module: { layer: 4 },
  ngx_stream_set_module: { layer: 4 },
  ngx_stream_js_module: { layer: 4 },
  ngx_stream_keyval_module: { layer: 4 },
  ngx_stream_mqtt_preread_module: { layer: 7 },
  ngx_stream_mqtt_filter_module: { layer: 7 },
  ngx_stream_zone_sync_module: { layer: 4 },
  ngx_mail_core_module: { layer: 7 },
  ngx_mail_proxy_module: { layer: 7, role: 'L7 reverse proxy' },
  ngx_mail_ssl_module: { layer: 6, role: 'TLS termination' },
  ngx_mail_realip_module: { layer: 4, role: 'client address' },
};

/** Directive overrides, keyed by `name` or `family:name` when the families differ. */
const DIRECTIVES: Record<string, LayerFact> = {
  listen: { layer: 4, role: 'listener' },
  'http:server': { layer: 4, role: 'listener' },
  'stream:server': { layer: 4, role: 'listener' },
  'mail:server': { layer: 4, role: 'listener' },
  'upstream:server': { layer: 4, role: 'upstream group' },
  server_name: { layer: 7, role: 'virtual host selection' },
  'stream:server_name': { layer: 6, role: 'TLS passthrough / SNI routing' },
  location: { layer: 7, role: 'request routing' },
  resolver: { layer: 3, role: 'name resolution' },
  resolver_timeout: { layer: 3, role: 'name resolution' },
  http: { layer: 7 },
  stream: { layer: 4 },
  mail: { layer: 7 },
  events: { layer: 4, role: 'connection tuning' },
  worker_connections: { layer: 4, role: 'connection tuning' },
  multi_accept: { layer: 4, role: 'connection tuning' },
  use: { layer: 4, role: 'connection tuning' },
  accept_mutex: { layer: 4, role: 'connection tuning' },
  keepalive_timeout: { layer: 4, role: 'connection tuning' },
  keepalive_requests: { layer: 7, role: 'connection tuning' },
  keepalive: { layer: 4, role: 'connection tuning' },
  send_timeout: { layer: 4, role: 'connection tuning' },
  client_header_timeout: { layer: 4, role: 'connection tuning' },
  client_body_timeout: { layer: 4, role: 'connection tuning' },
  tcp_nodelay: { layer: 4, role: 'connection tuning' },
  tcp_nopush: { layer: 4, role: 'connection tuning' },
  proxy_connect_timeout: { layer: 4, role: 'connection tuning' },
  proxy_timeout: { layer: 4, role: 'connection tuning' },
  proxy_bind: { layer: 3 },
  'http:proxy_protocol': { layer: 4 },
  'stream:proxy_protocol': { layer: 4 },
  upstream: { layer: 4, role: 'upstream group' },
  proxy_http_version: { layer: 7, role: 'L7 reverse proxy' },
  grpc_pass: { layer: 7, role: 'L7 reverse proxy' },
  allow: { layer: 3, role: 'access control' },
  deny: { layer: 3, role: 'access control' },
  set_real_ip_from: { layer: 3, role: 'client address' },
};

const SSL_UPSTREAM = /^(proxy|grpc|uwsgi)_ssl_/;

/** The layer and relay role of a directive as resolved against the reference. */
export function layerFactOf(spec: Pick<DirectiveSpec, 'name' | 'module' | 'family' | 'contexts'>): LayerFact {
  if (SSL_UPSTREAM.test(spec.name)) return { layer: 6, role: 'TLS to upstream' };
  if (spec.name === 'server' && spec.contexts.includes('upstream')) return DIRECTIVES['upstream:server'];
  const byFamily = DIRECTIVES[`${spec.family}:${spec.name}`];
  if (byFamily) return byFamily;
  if (spec.name === 'server') return { layer: 4, role: 'listener' };
  const own = DIRECTIVES[spec.name];
  if (own) return own;
  if (spec.name.startsWith('ssl_')) return { layer: 6, role: spec.name === 'ssl_preread' ? 'TLS passthrough / SNI routing' : 'TLS termination' };
  return MODULES[spec.module] ?? (spec.family === 'http' ? { layer: 7 } : spec.family === 'stream' ? { layer: 4 } : {});
}
