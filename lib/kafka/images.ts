/** Default images and versions. Official upstream images only (Bitnami's moved to a frozen repo in 2025). */
export const KafkaImages = {
  /** Kafka for KRaft clusters (and the CLIs of clients). */
  KAFKA: 'apache/kafka:4.3.1',
  /** Kafka version of {@link KafkaImages.KAFKA}. */
  KAFKA_VERSION: '4.3.1',
  /** Kafka for ZooKeeper-mode clusters: 3.9 is the last Kafka line with ZooKeeper. */
  KAFKA_ZOOKEEPER_MODE: 'apache/kafka:3.9.1',
  /** Kafka version of {@link KafkaImages.KAFKA_ZOOKEEPER_MODE}. */
  KAFKA_ZOOKEEPER_MODE_VERSION: '3.9.1',
  /** Official ZooKeeper image. */
  ZOOKEEPER: 'zookeeper:3.9.3',
  /** UID/GID the official Kafka and ZooKeeper images run as. */
  UID: 1000,
} as const;
