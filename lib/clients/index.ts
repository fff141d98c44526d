export * from './kafka-client-binding';
