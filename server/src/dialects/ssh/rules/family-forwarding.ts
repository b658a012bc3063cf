// Forwarding, binds and GatewayPorts, within one file and across client and server.
import type { SshRule } from './types';

export const forwardingRules: readonly SshRule[] = [];
