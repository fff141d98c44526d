/**
 * Typed topic settings (retention as a Duration, sizes as quantities, compression and cleanup policy
 * as enums) on KafkaTopicsJob topics and KafkaTopic: what each renders, and each refusal's message.
 */
import { App, Chart, Duration } from 'cdk8s';
import { TopicCleanupPolicy, TopicCompression, TopicSettings } from '../lib/kafka';
import { KafkaBrokers, KafkaTopicsJob } from '../lib/raw';
import { KafkaTopic, StrimziCluster } from '../lib/strimzi';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-topic-settings' }), 'c', { namespace: 'kafka' });
const TYPED: TopicSettings = {
  retention: Duration.days(3), retentionSize: '50Gi', maxMessageSize: '2Mi', compression: TopicCompression.ZSTD, cleanupPolicy: TopicCleanupPolicy.COMPACT_AND_DELETE,
};
const RENDERED = {
  'cleanup.policy': 'compact,delete', 'compression.type': 'zstd', 'max.message.bytes': 2097152, 'retention.bytes': 53687091200, 'retention.ms': 259200000,
};

function strimziTopic(settings: TopicSettings & { config?: Record<string, string | number> }) {
  const c = chart();
  new KafkaTopic(c, 'orders', { cluster: new StrimziCluster(c, 'kafka', {}), ...settings });
  return c.toJson().find(o => o.kind === 'KafkaTopic');
}
function rawJobScript(settings: TopicSettings & { config?: Record<string, string | number> }): string {
  const c = chart();
  new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'kafka', {}), topics: [{ topicName: 'orders', ...settings }] });
  return c.toJson().find(o => o.kind === 'Job').spec.template.spec.containers[0].command[2];
}
const message = (build: () => unknown) => {
  try {
    build();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('typed topic settings', () => {
  test('KafkaTopic renders them as spec.config keys, sorted, next to config', () => {
    expect(strimziTopic({ ...TYPED, config: { 'min.insync.replicas': 2 } }).spec.config).toEqual({ ...RENDERED, 'min.insync.replicas': 2 });
    expect(Object.keys(strimziTopic(TYPED).spec.config)).toEqual(Object.keys(RENDERED).sort());
  });

  test('KafkaTopicsJob passes them as --config arguments', () => {
    const script = rawJobScript(TYPED);
    for (const [k, v] of Object.entries(RENDERED)) expect(script).toContain(`--config '${k}=${v}'`);
  });

  test.each([
    ['both typed and in config', () => strimziTopic({ retention: Duration.days(1), config: { 'retention.ms': 1000 } }),
      'c/orders: invalid retention: got "1 day"; allowed: retention or config["retention.ms"], not both. Fix: remove "retention.ms" from config'],
    ['a retention below 1 ms', () => strimziTopic({ retention: Duration.millis(0) }),
      'c/orders: invalid retention: got "0 millis"; allowed: a cdk8s Duration of at least 1 ms. Fix: use e.g. Duration.days(7); for no time limit set config: { "retention.ms": -1 }'],
    ['a size that is not a quantity', () => rawJobScript({ retentionSize: '50 GB' }),
      'c/topics: invalid topics[orders].retentionSize: got "50 GB"; allowed: a whole number of bytes as a quantity, from 1 to 9007199254740991 (e.g. "50Gi"). Fix: write it as a quantity, e.g. "50Gi"'],
    ['a message size above 2^31-1 bytes', () => strimziTopic({ maxMessageSize: '2Gi' }),
      'c/orders: invalid maxMessageSize: got "2Gi"; allowed: a whole number of bytes as a quantity, from 1 to 2147483647 (e.g. "2Mi"). Fix: write it as a quantity, e.g. "2Mi"'],
    ['a compression outside the enum (JavaScript callers)', () => strimziTopic({ compression: 'brotli' as TopicCompression }),
      'c/orders: invalid compression: got "brotli"; allowed: one of producer, uncompressed, gzip, snappy, lz4, zstd. Fix: use TopicCompression.PRODUCER or another TopicCompression member'],
  ])('refuses %s', (_d, build, expected) => {
    expect(message(build)).toBe(expected);
  });
});
