export * from './kafka-client-binding';
export * from './kafka-client-workload';
