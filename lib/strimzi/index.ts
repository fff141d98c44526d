// Strimzi flavour: custom resources for the Strimzi operator (re-exports only).
export * from './strimzi-version';
export * from './strimzi-listener';
export * from './strimzi-authorization';
export * from './strimzi-cluster-props';
export { StrimziKraftMigration } from './strimzi-kraft-migration';
export { StrimziCluster } from './strimzi-cluster';
export * from './kafka-topic';
export * from './kafka-user';
export * from './kafka-connect';
export * from './kafka-connector';
export * from './mirror-cluster';
export * from './kafka-mirror-maker2';
export * from './kafka-bridge';
export * from './kafka-rebalance';
