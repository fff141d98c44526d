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
