// TLS versus ports and upstream TLS (L5-6).
import { sslListenWithoutCertificate } from './ssl-listen-without-certificate';
import { sslPrereadOff } from './ssl-preread-off';
import { streamTlsThenPlaintext } from './stream-tls-then-plaintext';
import { tlsPortWithoutSsl } from './tls-port-without-ssl';
import { tlsSchemePortMismatch } from './tls-scheme-port-mismatch';
import type { NginxRule } from './types';
import { upstreamTlsUnverified } from './upstream-tls-unverified';
import { weakTlsProtocols } from './weak-tls-protocols';

export const tlsRules: readonly NginxRule[] = [
  sslListenWithoutCertificate,
  tlsPortWithoutSsl,
  tlsSchemePortMismatch,
  sslPrereadOff,
  streamTlsThenPlaintext,
  upstreamTlsUnverified,
  weakTlsProtocols,
];
