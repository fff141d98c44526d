import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KafkaConfigValue } from './config';
import { fail } from './errors';
import { parseQuantity } from './resources';

/** How the broker stores a topic's records (`compression.type`). */
export enum TopicCompression {
  /** Keep the producer's compression. */
  PRODUCER = 'producer',
  UNCOMPRESSED = 'uncompressed',
  GZIP = 'gzip',
  SNAPPY = 'snappy',
  LZ4 = 'lz4',
  ZSTD = 'zstd',
}

/** What the broker does with old records (`cleanup.policy`). */
export enum TopicCleanupPolicy {
  /** Delete segments past the retention time or size. */
  DELETE = 'delete',
  /** Keep the last record of each key (log compaction). */
  COMPACT = 'compact',
  /** Compact, and delete past the retention time or size. */
  COMPACT_AND_DELETE = 'compact,delete',
}

/** The topic settings users touch most, typed; each sets one Kafka topic config key. */
export interface TopicSettings {
  /** How long records are kept (`retention.ms`), e.g. `Duration.days(7)`. @default the broker's (log.retention.*, 7 days unless changed) */
  readonly retention?: Duration;
  /** Size a partition may reach before its oldest segments are deleted, a quantity such as "50Gi" (`retention.bytes`). @default no size limit */
  readonly retentionSize?: string;
  /** Largest record batch the topic accepts, a quantity such as "2Mi" (`max.message.bytes`). @default the broker's (1 MiB) */
  readonly maxMessageSize?: string;
  /** Compression the broker stores (`compression.type`). @default TopicCompression.PRODUCER */
  readonly compression?: TopicCompression;
  /** Cleanup policy (`cleanup.policy`). @default TopicCleanupPolicy.DELETE */
  readonly cleanupPolicy?: TopicCleanupPolicy;
}

const KEYS: { readonly [prop in keyof TopicSettings]-?: string } = {
  retention: 'retention.ms', retentionSize: 'retention.bytes', maxMessageSize: 'max.message.bytes',
  compression: 'compression.type', cleanupPolicy: 'cleanup.policy',
};

/**
 * `config` with the config keys of the typed settings added, validated, keys sorted; refuses a
 * setting given both typed and in `config` (which one would win is not obvious). `field(prop)`
 * names the prop in messages.
 */
export function withTopicSettings(scope: IConstruct, field: (prop: string) => string, s: TopicSettings,
  config: { readonly [key: string]: KafkaConfigValue }): Record<string, KafkaConfigValue> {
  const out: Record<string, KafkaConfigValue> = {};
  // A Duration in a message as "3 days", not as its internal fields.
  const given = (prop: keyof TopicSettings) => (s[prop] instanceof Duration ? (s[prop] as Duration).toHumanString() : s[prop]);
  for (const prop of Object.keys(KEYS) as (keyof TopicSettings)[]) {
    if (s[prop] === undefined) continue;
    if (KEYS[prop] in config) {
      fail(scope, field(prop), given(prop), `${prop} or config["${KEYS[prop]}"], not both`, `remove "${KEYS[prop]}" from config`);
    }
  }
  if (s.retention !== undefined) {
    const ms = s.retention instanceof Duration ? s.retention.toMilliseconds() : NaN;
    if (!Number.isSafeInteger(ms) || ms < 1) {
      fail(scope, field('retention'), given('retention'), 'a cdk8s Duration of at least 1 ms', 'use e.g. Duration.days(7); for no time limit set config: { "retention.ms": -1 }');
    }
    out['retention.ms'] = ms;
  }
  if (s.retentionSize !== undefined) out['retention.bytes'] = bytes(scope, field('retentionSize'), s.retentionSize, Number.MAX_SAFE_INTEGER, '50Gi');
  if (s.maxMessageSize !== undefined) out['max.message.bytes'] = bytes(scope, field('maxMessageSize'), s.maxMessageSize, 2 ** 31 - 1, '2Mi');
  if (s.compression !== undefined) out['compression.type'] = member(scope, field('compression'), s.compression, TopicCompression, 'TopicCompression');
  if (s.cleanupPolicy !== undefined) out['cleanup.policy'] = member(scope, field('cleanupPolicy'), s.cleanupPolicy, TopicCleanupPolicy, 'TopicCleanupPolicy');
  const merged: Record<string, KafkaConfigValue> = { ...config, ...out };
  return Object.fromEntries(Object.keys(merged).sort().map(k => [k, merged[k]]));
}

function bytes(scope: IConstruct, field: string, q: string, max: number, example: string): number {
  const n = parseQuantity(q);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > max) {
    fail(scope, field, q, `a whole number of bytes as a quantity, from 1 to ${max} (e.g. "${example}")`, `write it as a quantity, e.g. "${example}"`);
  }
  return n;
}

function member(scope: IConstruct, field: string, value: string, e: { [k: string]: string }, name: string): string {
  if (!Object.values(e).includes(value)) {
    fail(scope, field, value, `one of ${Object.values(e).join(', ')}`, `use ${name}.${Object.keys(e)[0]} or another ${name} member`);
  }
  return value;
}
