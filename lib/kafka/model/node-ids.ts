/**
 * Node ids, one rule for both back ends (Strimzi's ranges): brokers (and combined
 * broker+controller nodes) take 0..999, dedicated KRaft controllers 1000..1999. Broker ids
 * therefore stay 0..n-1 whatever the controller count, and per-broker settings keyed by broker
 * id (advertised hosts, node ports, Strimzi `brokers[].broker`) mean the same in both flavours.
 */
export const NODE_ID_RANGES = {
  broker: { first: 0, last: 999 },
  controller: { first: 1000, last: 1999 },
} as const;

/** Most brokers a cluster can have (the size of the broker id range). */
export const MAX_BROKERS = NODE_ID_RANGES.broker.last - NODE_ID_RANGES.broker.first + 1;

/** Strimzi `strimzi.io/next-node-ids` annotation value of a range, e.g. `[1000-1999]`. */
export function nodeIdRangeAnnotation(range: { readonly first: number; readonly last: number }): string {
  return `[${range.first}-${range.last}]`;
}
