// OSI layers as Layerwise uses them: the layer whose failure the user would debug.
export type Layer = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LayerInfo {
  layer: Layer;
  name: string;
  /** One line: what to check at this layer when traffic does not get through. */
  check: string;
}

export const LAYERS: Record<Layer, LayerInfo> = {
  1: { layer: 1, name: 'physical', check: 'Link MTU and fragmentation: do packets of this size pass at all?' },
  2: { layer: 2, name: 'data link', check: 'Bridging and TAP devices: are frames reaching the right segment?' },
  3: { layer: 3, name: 'network', check: 'Addresses, routes and name resolution: is there a path to the peer?' },
  4: { layer: 4, name: 'transport', check: 'Ports, TCP vs UDP and bind addresses: is something listening where clients connect?' },
  5: { layer: 5, name: 'session', check: 'Tunnel and control-channel sessions: do both ends agree on keys and keepalives?' },
  6: { layer: 6, name: 'presentation', check: 'TLS and SSH crypto: certificates, verification, protocol versions, ciphers.' },
  7: { layer: 7, name: 'application', check: 'HTTP: locations, headers, upgrades, protocol versions, authentication.' },
};

export function layerLabel(layer: Layer): string {
  return `L${layer} ${LAYERS[layer].name}`;
}
