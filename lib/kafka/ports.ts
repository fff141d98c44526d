/** Well-known ports shared by every flavour (they match Strimzi's and the Kafka images' conventions). */
export const KafkaPorts = {
  /** Client listener inside the cluster (plaintext by default). */
  CLIENT: 9092,
  /** KRaft controller listener. */
  CONTROLLER: 9093,
  /** Broker-to-broker replication listener. */
  INTERNAL: 9094,
  /** First port used by external listeners (NodePort/LoadBalancer). */
  EXTERNAL: 9095,
  /** Prometheus metrics (Strimzi reserves it: listeners may not use it). */
  METRICS: 9404,
  /** JMX (Strimzi reserves it: listeners may not use it). */
  JMX: 9999,
  ZOOKEEPER_CLIENT: 2181,
  ZOOKEEPER_PEER: 2888,
  ZOOKEEPER_ELECTION: 3888,
} as const;

/** Ports that Strimzi reserves for itself; listeners may not use them. */
export const STRIMZI_RESERVED_PORTS: readonly number[] = [KafkaPorts.METRICS, KafkaPorts.JMX];
