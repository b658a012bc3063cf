// Transport, exposure and crypto (L4-L6), and client/server pairing.
import { clientFixedPort } from './client-fixed-port';
import { clientNoServerVerification } from './client-no-server-verification';
import { compressionEnabled } from './compression-enabled';
import { httpProxyNeedsTcp } from './http-proxy-needs-tcp';
import { keyDirectionMismatch } from './key-direction-mismatch';
import { localUnreachable } from './local-unreachable';
import { managementExposed } from './management-exposed';
import { noControlChannelProtection } from './no-control-channel-protection';
import { nonAeadCipher } from './non-aead-cipher';
import { pairingControlChannel } from './pairing-control-channel';
import { pairingDataChannel } from './pairing-data-channel';
import { pairingTransport } from './pairing-transport';
import type { OpenvpnRule } from './types';

export const transportRules: readonly OpenvpnRule[] = [
  localUnreachable,
  managementExposed,
  clientFixedPort,
  httpProxyNeedsTcp,
  pairingTransport,
  noControlChannelProtection,
  keyDirectionMismatch,
  pairingControlChannel,
  clientNoServerVerification,
  nonAeadCipher,
  compressionEnabled,
  pairingDataChannel,
];
