import { IConstruct } from 'constructs';
import { fail } from './errors';

/** Replication settings of a cluster's internal and default topics. */
export interface ReplicationOptions {
  /**
   * `default.replication.factor` for auto-created topics and topics created without a factor.
   * @default min(3, brokers)
   */
  readonly defaultReplicationFactor?: number;
  /**
   * `min.insync.replicas`.
   * @default min(2, defaultReplicationFactor)
   */
  readonly minInsyncReplicas?: number;
  /**
   * `offsets.topic.replication.factor` (consumer offsets).
   * @default min(3, brokers)
   */
  readonly offsetsTopicReplicationFactor?: number;
  /**
   * `transaction.state.log.replication.factor`.
   * @default min(3, brokers)
   */
  readonly transactionStateLogReplicationFactor?: number;
  /**
   * `transaction.state.log.min.isr`.
   * @default min(2, transactionStateLogReplicationFactor)
   */
  readonly transactionStateLogMinIsr?: number;
}

/** Fully resolved replication settings. */
export interface ReplicationSettings {
  readonly defaultReplicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly offsetsTopicReplicationFactor: number;
  readonly transactionStateLogReplicationFactor: number;
  readonly transactionStateLogMinIsr: number;
}

/** Validates that `value` is an integer ≥ `min`. */
export function validateInteger(scope: IConstruct, field: string, value: number, min: number, max?: number, fix?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    const allowed = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    fail(scope, field, value, allowed, fix ?? `set ${field} to ${max === undefined ? `at least ${min}` : `a value between ${min} and ${max}`}`);
  }
  return value;
}

/**
 * Derives replication defaults from the broker count and validates overrides: factors in
 * 1..brokers, min ISR in 1..factor. The same rules serve raw and Strimzi clusters.
 */
export function resolveReplication(scope: IConstruct, brokers: number, options: ReplicationOptions = {}, fieldPrefix = 'replication'): ReplicationSettings {
  const base = Math.min(3, brokers);
  const rf = (field: keyof ReplicationOptions, dflt: number) => {
    const value = options[field] ?? dflt;
    validateInteger(scope, `${fieldPrefix}.${field}`, value, 1, undefined);
    if (value > brokers) {
      fail(scope, `${fieldPrefix}.${field}`, value,
        `at most the broker count (${brokers})`,
        `lower ${field} to ${brokers} or fewer, or add brokers`);
    }
    return value;
  };
  const isr = (field: keyof ReplicationOptions, factorField: string, factor: number) => {
    const value = options[field] ?? Math.min(2, factor);
    validateInteger(scope, `${fieldPrefix}.${field}`, value, 1, undefined);
    if (value > factor) {
      fail(scope, `${fieldPrefix}.${field}`, value,
        `at most ${factorField} (${factor})`,
        `lower ${field} to ${factor} or fewer (with min ISR above the replication factor no write can ever succeed)`);
    }
    return value;
  };
  const defaultReplicationFactor = rf('defaultReplicationFactor', base);
  const transactionStateLogReplicationFactor = rf('transactionStateLogReplicationFactor', base);
  return {
    defaultReplicationFactor,
    minInsyncReplicas: isr('minInsyncReplicas', 'defaultReplicationFactor', defaultReplicationFactor),
    offsetsTopicReplicationFactor: rf('offsetsTopicReplicationFactor', base),
    transactionStateLogReplicationFactor,
    transactionStateLogMinIsr: isr('transactionStateLogMinIsr', 'transactionStateLogReplicationFactor', transactionStateLogReplicationFactor),
  };
}

/** Broker properties for resolved replication settings. */
export function replicationConfig(r: ReplicationSettings): Record<string, number> {
  return {
    'default.replication.factor': r.defaultReplicationFactor,
    'min.insync.replicas': r.minInsyncReplicas,
    'offsets.topic.replication.factor': r.offsetsTopicReplicationFactor,
    'transaction.state.log.replication.factor': r.transactionStateLogReplicationFactor,
    'transaction.state.log.min.isr': r.transactionStateLogMinIsr,
  };
}

/**
 * How many brokers may be voluntarily disrupted at once without making any partition
 * unwritable: replication factor − min ISR, at least... never more than that.
 * Returns 0 when no disruption is safe (e.g. factor 1): the PDB then blocks evictions.
 */
export function safeBrokerDisruptions(r: ReplicationSettings): number {
  return Math.max(0, Math.min(
    r.defaultReplicationFactor - r.minInsyncReplicas,
    r.transactionStateLogReplicationFactor - r.transactionStateLogMinIsr,
  ));
}

/**
 * Most partitions one topic may ask for. Kafka itself takes up to 2^31-1, but every partition is
 * a directory and open files on each replica; past this a typo (10^12) is far likelier than intent.
 */
export const MAX_TOPIC_PARTITIONS = 100000;

/**
 * Validates a topic's replicas and min ISR against the cluster (shared by raw topic jobs and
 * Strimzi KafkaTopic).
 */
export function validateTopicReplication(scope: IConstruct, topic: string, brokers: number, replicas: number, minIsr?: number): void {
  validateInteger(scope, `topics[${topic}].replicas`, replicas, 1);
  if (replicas > brokers) {
    fail(scope, `topics[${topic}].replicas`, replicas, `at most the cluster's broker count (${brokers})`,
      `lower replicas to ${brokers} or fewer, or add brokers to the cluster`);
  }
  if (minIsr !== undefined) {
    validateInteger(scope, `topics[${topic}].config["min.insync.replicas"]`, minIsr, 1);
    if (minIsr > replicas) {
      fail(scope, `topics[${topic}].config["min.insync.replicas"]`, minIsr, `at most the topic's replicas (${replicas})`,
        `lower min.insync.replicas to ${replicas} or fewer, or raise replicas`);
    }
  }
}
