// Forwarding, binds and GatewayPorts, within one file and across client and server.
import { forwardDisabled } from './forward-disabled';
import { forwardExposed } from './forward-exposed';
import { forwardPortClash } from './forward-port-clash';
import { forwardingSettingIneffective } from './forwarding-setting-ineffective';
import { gatewayPortsClient } from './gateway-ports-client';
import { gatewayPortsOpen } from './gateway-ports-open';
import { privilegedForwardPort } from './privileged-forward-port';
import { remoteForwardBind } from './remote-forward-bind';
import type { SshRule } from './types';

export const forwardingRules: readonly SshRule[] = [
  remoteForwardBind,
  forwardDisabled,
  forwardExposed,
  gatewayPortsClient,
  forwardPortClash,
  privilegedForwardPort,
  gatewayPortsOpen,
  forwardingSettingIneffective,
];
