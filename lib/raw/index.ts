// Placement: the option types and resolvePlacement; the zone helpers stay internal.
export { NodeSpread, resolvePlacement } from './placement';
export type { PodPlacementOptions, PodToleration, ResolvedPlacement } from './placement';
export * from './zookeeper-ensemble';
export * from './kafka-brokers';
export { KafkaLogLevel } from './kafka-logging';
export * from './kafka-topics-job';
export * from './kafka-test-client';
export * from './kafka-user-secret';
export { ADMIN_OF_LABEL } from './pod-helpers';
