// Raw flavour: Kafka and ZooKeeper as StatefulSets (re-exports only; layout, scripts and renderers stay internal).
export { NodeSpread } from './placement';
export type { PodPlacementOptions } from './placement';
export * from './zookeeper-ensemble';
export * from './kafka-brokers-props';
export { KafkaBrokers } from './kafka-brokers';
export { KafkaLogLevel } from './kafka-logging';
export * from './kafka-topics-job';
export * from './kafka-test-client';
export * from './kafka-user-secret';
export { ADMIN_OF_LABEL } from './pod-helpers';
