/**
 * Internal access to the generated Strimzi L1 classes (imports/, one module per kind and API
 * version). Never re-exported: generated types stay out of public signatures.
 * `Shape<T>` and `l1` (lib/l1-shape.ts) let one code path feed both API versions.
 */
export * as v1Kafka from '../../imports/strimzi-v1-kafka-kafka.strimzi.io';
export * as v1NodePool from '../../imports/strimzi-v1-kafkanodepool-kafka.strimzi.io';
export * as v1Topic from '../../imports/strimzi-v1-kafkatopic-kafka.strimzi.io';
export * as v1User from '../../imports/strimzi-v1-kafkauser-kafka.strimzi.io';
export * as v1Connect from '../../imports/strimzi-v1-kafkaconnect-kafka.strimzi.io';
export * as v1Connector from '../../imports/strimzi-v1-kafkaconnector-kafka.strimzi.io';
export * as v1beta2Kafka from '../../imports/strimzi-v1beta2-kafka-kafka.strimzi.io';
export * as v1beta2NodePool from '../../imports/strimzi-v1beta2-kafkanodepool-kafka.strimzi.io';
export * as v1beta2Topic from '../../imports/strimzi-v1beta2-kafkatopic-kafka.strimzi.io';
export * as v1beta2User from '../../imports/strimzi-v1beta2-kafkauser-kafka.strimzi.io';
export * as v1beta2Connect from '../../imports/strimzi-v1beta2-kafkaconnect-kafka.strimzi.io';
export * as v1beta2Connector from '../../imports/strimzi-v1beta2-kafkaconnector-kafka.strimzi.io';

export { l1, quantity } from '../l1-shape';
export type { Shape } from '../l1-shape';
