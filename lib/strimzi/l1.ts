/**
 * Internal access to the generated Strimzi L1 classes (imports/, one module per kind and API
 * version). Never re-exported: generated types stay out of public signatures.
 *
 * `Shape<T>` is the generated props type with enum types widened to their string literal
 * values and quantity classes to `{ value }` (what the generated `toJson_*` functions read).
 * Field names and nesting are still checked at compile time, so a misspelled field is a
 * type error; and one code path can feed both API versions where their shapes agree.
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

type IsAny<T> = 0 extends (1 & T) ? true : false;

/** Generated props type with enums widened to their literal values (see file comment). */
export type Shape<T> =
  IsAny<T> extends true ? T :
    T extends string ? `${T}` :
      T extends number | boolean ? T :
        T extends readonly (infer U)[] ? Shape<U>[] :
          T extends { readonly value: string | number } ? { readonly value: string | number } :
            T extends object ? { readonly [K in keyof T]: Shape<T[K]> } :
              T;

/** Casts a checked shape to the generated type (the runtime value is identical). */
export function l1<T>(shape: Shape<T>): T {
  return shape as unknown as T;
}

/** A quantity for generated resource maps (`{ value }`, read by the generated toJson). */
export function quantity(value: string): { readonly value: string } {
  return { value };
}
