import { IConstruct } from 'constructs';
import { fail } from './errors';
import { validateInteger } from './replication';

/** Well-known ports shared by every flavour (they match Strimzi's and the Kafka images' conventions). */
export const KafkaPorts = {
  /** The default client listener (`plain`, plaintext; Strimzi's `plain` listener too). */
  CLIENT: 9092,
  /** Strimzi's default `tls` client listener. */
  TLS_CLIENT: 9093,
  /** KRaft controller listener of raw nodes (the quorum's traffic). */
  CONTROLLER: 9093,
  /** Broker-to-broker replication listener of raw brokers (also the admin Jobs' endpoint). */
  REPLICATION: 9094,
  /** Prometheus metrics (Strimzi reserves it: listeners may not use it). */
  METRICS: 9404,
  /** JMX (Strimzi reserves it: listeners may not use it). */
  JMX: 9999,
  /** ZooKeeper client port. */
  ZOOKEEPER_CLIENT: 2181,
  /** ZooKeeper follower-to-leader port. */
  ZOOKEEPER_PEER: 2888,
  /** ZooKeeper leader election port. */
  ZOOKEEPER_ELECTION: 3888,
} as const;

/** Ports that Strimzi reserves for itself; listeners may not use them. */
export const STRIMZI_RESERVED_PORTS: readonly number[] = [KafkaPorts.METRICS, KafkaPorts.JMX];

/** The default NodePort range of a Kubernetes API server (`--service-node-port-range`). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A NodePort a cluster's Services would take, with the prop that sets it (for messages). */
export interface NodePortUse {
  readonly port: number;
  readonly field: string;
}

/**
 * Refuses a NodePort outside the range or taken twice: a NodePort is unique across the whole
 * Kubernetes cluster, so the API server refuses the second Service and the listener never comes up.
 */
export function checkNodePorts(scope: IConstruct, uses: readonly NodePortUse[]): void {
  const taken = new Map<number, string>();
  for (const { port, field } of uses) {
    validateInteger(scope, field, port, NODE_PORT_RANGE.min, NODE_PORT_RANGE.max,
      `pick a port from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the API server's NodePort range), or leave it out and let Kubernetes assign one`);
    const first = taken.get(port);
    if (first !== undefined) {
      fail(scope, field, port, `a NodePort no other Service of this cluster takes (${first} takes it; NodePorts are unique per Kubernetes cluster)`,
        'give each bootstrap and broker Service its own nodePort');
    }
    taken.set(port, field);
  }
}
