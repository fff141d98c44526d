/**
 * Kafka's own configuration model at synth (docs/kafka-config-model.md): every config map of both
 * flavours is checked against the ConfigDef of the cluster's Kafka version. Each rule is refused with
 * its exact message (construct path, field, value, allowed, fix); plugin keys and prefixed overrides
 * that Kafka passes on are not refused.
 */
import { App, Chart } from 'cdk8s';
import { didYouMean, KafkaConfigMap, KafkaImages, keysOf, modelKey, modelVersions, resolveModelVersion, versionsWithKey } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps, KafkaMode, KafkaTopicsJob } from '../lib/raw';
import {
  KafkaBridge, KafkaConnect, KafkaMirrorMaker2, KafkaTopic, MirrorCluster, StrimziCluster, StrimziClusterProps, StrimziVersion,
} from '../lib/strimzi';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-config-model' }), 'c', { namespace: 'kafka' });
const raw = (props: KafkaBrokersProps) => () => new KafkaBrokers(chart(), 'kafka', props);
const zk = (config: KafkaConfigMap) => raw({ mode: KafkaMode.ZOOKEEPER, zookeeper: 'zookeeper:2181', config });
const rawTopic = (config: KafkaConfigMap, props: KafkaBrokersProps = {}) => () => {
  const c = chart();
  new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'kafka', props), topics: [{ topicName: 'orders', config }] });
};
const strimzi = (props: StrimziClusterProps) => () => new StrimziCluster(chart(), 'kafka', props);
const legacy = (config: KafkaConfigMap) => strimzi({ version: StrimziVersion.V0_45_2, config });
const topic = (config: KafkaConfigMap, props: StrimziClusterProps = {}) => () => {
  const c = chart();
  new KafkaTopic(c, 'orders', { cluster: new StrimziCluster(c, 'kafka', props), config });
};
const connect = (config: KafkaConfigMap) => () => {
  const c = chart();
  new KafkaConnect(c, 'connect', { cluster: new StrimziCluster(c, 'kafka', {}), config });
};
const mirror = (props: { config?: KafkaConfigMap; sourceConnectorConfig?: KafkaConfigMap; checkpointConnectorConfig?: KafkaConfigMap }) => () => {
  const c = chart();
  const source = new StrimziCluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
  const target = new StrimziCluster(c, 'target', {});
  new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), ...props });
};
const bridge = (props: { producerConfig?: KafkaConfigMap; consumerConfig?: KafkaConfigMap }) => () => {
  const c = chart();
  new KafkaBridge(c, 'bridge', { cluster: new StrimziCluster(c, 'kafka', {}), ...props });
};

function message(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

const CASES: [string, () => unknown, string][] = [
  ['raw: misspelled broker key', raw({ config: { 'log.retention.hour': 24 } }),
    "c/kafka: invalid config[\"log.retention.hour\"]: got \"log.retention.hour\"; allowed: a key Kafka 4.3.1 defines for brokers and controllers (its ConfigDef), a plugin key outside Kafka's namespaces, or a key under config.providers., metrics.jmx., listener.name., rsm.config., rlmm.config., client.quota.callback.static., cruise.control.metrics., prometheus.metrics.reporter.. Fix: did you mean \"log.retention.hours\" or \"log.retention.ms\" or \"log.retention.bytes\"?"],
  ['raw: topic key in the broker config', raw({ config: { 'retention.ms': 1000 } }),
    "c/kafka: invalid config[\"retention.ms\"]: got \"retention.ms\"; allowed: a key of Kafka 4.3.1 (brokers and controllers): retention.ms is a key of topics, not of brokers and controllers. Fix: did you mean \"log.retention.ms\" or \"log.local.retention.ms\" or \"metadata.max.retention.ms\"?"],
  ['raw: key removed in Kafka 4', raw({ config: { 'log.message.format.version': '3.0' } }),
    "c/kafka: invalid config[\"log.message.format.version\"]: got \"log.message.format.version\"; allowed: a key of Kafka 4.3.1 (brokers and controllers): log.message.format.version is only in Kafka 3.8.0 to 3.9.2. Fix: Kafka 4 always writes the v2 record format: remove it"],
  ['raw: key added after the cluster\'s Kafka 3.9', zk({ 'share.coordinator.threads': 2 }),
    "c/kafka: invalid config[\"share.coordinator.threads\"]: got \"share.coordinator.threads\"; allowed: a key of Kafka 3.9.1 (brokers and controllers): share.coordinator.threads exists from Kafka 4.0.2 on. Fix: remove it, or run Kafka 4.0.2 or later"],
  ['raw: int out of range', raw({ config: { 'num.io.threads': 0 } }),
    "c/kafka: invalid config[\"num.io.threads\"]: got 0; allowed: an int (32-bit integer) of at least 1 (Kafka 4.3.1, brokers and controllers). Fix: give num.io.threads a whole number in that range"],
  ['raw: not a number', raw({ config: { 'num.io.threads': '8 threads' } }),
    "c/kafka: invalid config[\"num.io.threads\"]: got \"8 threads\"; allowed: an int (32-bit integer) of at least 1 (Kafka 4.3.1, brokers and controllers). Fix: give num.io.threads a whole number, e.g. 8 (Kafka's default)"],
  ['raw: not a boolean', raw({ config: { 'delete.topic.enable': 'yes' } }),
    "c/kafka: invalid config[\"delete.topic.enable\"]: got \"yes\"; allowed: a boolean: true or false (Kafka 4.3.1, brokers and controllers). Fix: give delete.topic.enable true or false"],
  ['raw: outside the enum', raw({ config: { 'compression.type': 'brotli' } }),
    "c/kafka: invalid config[\"compression.type\"]: got \"brotli\"; allowed: one of uncompressed, zstd, lz4, snappy, gzip, producer (Kafka 4.3.1, brokers and controllers). Fix: give compression.type one of these values"],
  ['raw: case-insensitive enum', zk({ 'ssl.client.auth': 'sometimes' }),
    "c/kafka: invalid config[\"ssl.client.auth\"]: got \"sometimes\"; allowed: one of required, requested, none (Kafka 3.9.1, brokers and controllers). Fix: give ssl.client.auth one of these values"],
  ['raw: double out of range', raw({ config: { 'log.cleaner.min.cleanable.ratio': 1.5 } }),
    "c/kafka: invalid config[\"log.cleaner.min.cleanable.ratio\"]: got 1.5; allowed: a double from 0 to 1 (Kafka 4.3.1, brokers and controllers). Fix: give log.cleaner.min.cleanable.ratio a number in that range"],
  ['raw: list item not allowed', raw({ config: { 'log.cleanup.policy': 'delete,archive' } }),
    "c/kafka: invalid config[\"log.cleanup.policy\"]: got \"delete,archive\"; allowed: a comma-separated list of compact, delete (\"archive\" is not one) (Kafka 4.3.1, brokers and controllers). Fix: keep only those items in log.cleanup.policy"],
  ['raw: long beyond 64 bits', raw({ config: { 'log.retention.bytes': '9223372036854775808' } }),
    "c/kafka: invalid config[\"log.retention.bytes\"]: got \"9223372036854775808\"; allowed: a long (64-bit integer) (Kafka 4.3.1, brokers and controllers). Fix: give log.retention.bytes a whole number in that range"],
  ['raw: not a class name', raw({ config: { 'principal.builder.class': 'my builder' } }),
    "c/kafka: invalid config[\"principal.builder.class\"]: got \"my builder\"; allowed: a fully qualified Java class name (Kafka 4.3.1, brokers and controllers). Fix: give principal.builder.class a class name, e.g. org.apache.kafka.common.security.auth.DefaultPrincipalBuilder"],
  ['raw: unknown key in a Kafka namespace', raw({ config: { 'log.flush.everything': true } }),
    "c/kafka: invalid config[\"log.flush.everything\"]: got \"log.flush.everything\"; allowed: a key Kafka 4.3.1 defines for brokers and controllers (its ConfigDef), a plugin key outside Kafka's namespaces, or a key under config.providers., metrics.jmx., listener.name., rsm.config., rlmm.config., client.quota.callback.static., cruise.control.metrics., prometheus.metrics.reporter.. Fix: did you mean \"log.flush.interval.ms\" or \"log.flush.interval.messages\" or \"log.flush.scheduler.interval.ms\"?"],
  ['raw topic: unknown topic key', rawTopic({ 'retention.msec': 1000 }),
    "c/topics: invalid topics[orders].config[\"retention.msec\"]: got \"retention.msec\"; allowed: a key Kafka 4.3.1 defines for topics (its ConfigDef). Fix: did you mean \"retention.ms\" or \"retention.bytes\"?"],
  ['raw topic: removed in Kafka 4', rawTopic({ 'message.format.version': '3.0' }),
    "c/topics: invalid topics[orders].config[\"message.format.version\"]: got \"message.format.version\"; allowed: a key of Kafka 4.3.1 (topics): message.format.version is only in Kafka 3.8.0 to 3.9.2 (deprecated there: [DEPRECATED] Specify the message format version the broker will use to append messages to the logs). Fix: Kafka 4 always writes the v2 record format: remove it"],
  ['raw topic: value kafka-topics.sh cannot pass', rawTopic({ 'leader.replication.throttled.replicas': '0:1=2' }),
    "c/topics: invalid topics[orders].config[\"leader.replication.throttled.replicas\"]: got \"0:1=2\"; allowed: a non-empty value without \"=\" and without spaces around it (kafka-topics.sh --config cannot carry others). Fix: remove the \"=\" and the spaces around the value"],
  ['raw topic: value with surrounding spaces', rawTopic({ 'cleanup.policy': ' compact' }),
    "c/topics: invalid topics[orders].config[\"cleanup.policy\"]: got \" compact\"; allowed: a non-empty value without \"=\" and without spaces around it (kafka-topics.sh --config cannot carry others). Fix: remove the \"=\" and the spaces around the value"],
  ['strimzi: misspelled broker key', strimzi({ config: { 'auto.create.topic.enable': false } }),
    "c/kafka: invalid config[\"auto.create.topic.enable\"]: got \"auto.create.topic.enable\"; allowed: a key Kafka 4.3.1 defines for brokers and controllers (its ConfigDef), a plugin key outside Kafka's namespaces, or a key under config.providers., metrics.jmx., listener.name., rsm.config., rlmm.config., client.quota.callback.static., cruise.control.metrics., prometheus.metrics.reporter.. Fix: did you mean \"auto.create.topics.enable\"?"],
  ['strimzi: removed in Kafka 4', strimzi({ config: { 'log.message.downconversion.enable': true } }),
    "c/kafka: invalid config[\"log.message.downconversion.enable\"]: got \"log.message.downconversion.enable\"; allowed: a key of Kafka 4.3.1 (brokers and controllers): log.message.downconversion.enable is only in Kafka 3.8.0 to 3.9.2. Fix: Kafka 4 never down-converts: remove it"],
  ['strimzi 0.45: deprecated alias', legacy({ 'delegation.token.master.key': 'secret' }),
    "c/kafka: invalid config[\"delegation.token.master.key\"]: got \"delegation.token.master.key\"; allowed: keys that are not deprecated aliases in Kafka 3.9.2 (brokers and controllers): DEPRECATED: An alias for delegation.token.secret.key, which should be used instead of this config. Fix: use delegation.token.secret.key instead"],
  ['strimzi 0.45: outside the enum', legacy({ 'log.message.timestamp.type': 'WallClockTime' }),
    "c/kafka: invalid config[\"log.message.timestamp.type\"]: got \"WallClockTime\"; allowed: one of CreateTime, LogAppendTime (Kafka 3.9.2, brokers and controllers). Fix: give log.message.timestamp.type one of these values"],
  ['strimzi 0.45: inter.broker.protocol.version above the Kafka version (the operator\'s own pattern)', legacy({ 'inter.broker.protocol.version': '4.0' }),
    'c/kafka: invalid config["inter.broker.protocol.version"]: got "4.0"; allowed: a Kafka version up to 3.9.2: 0.8.0 to 3.9-IV0, or its major.minor such as 3.9 (Kafka 3.9.2, brokers and controllers). Fix: give inter.broker.protocol.version the version the cluster runs or upgrades from, e.g. "3.9"'],
  ['strimzi topic: outside the enum', topic({ 'compression.type': 'none' }),
    "c/orders: invalid config[\"compression.type\"]: got \"none\"; allowed: one of uncompressed, zstd, lz4, snappy, gzip, producer (Kafka 4.3.1, topics). Fix: give compression.type one of these values"],
  ['strimzi topic: list with duplicates (Kafka 4.2+)', topic({ 'cleanup.policy': 'compact,compact' }),
    "c/orders: invalid config[\"cleanup.policy\"]: got \"compact,compact\"; allowed: a comma-separated list without duplicates (Kafka 4.3.1, topics). Fix: list each item of cleanup.policy once"],
  ['strimzi topic: Kafka 3.9 allows duplicates, not unknown keys', topic({ 'segment.megabytes': 1 }, { version: StrimziVersion.V0_45_2 }),
    "c/orders: invalid config[\"segment.megabytes\"]: got \"segment.megabytes\"; allowed: a key Kafka 3.9.2 defines for topics (its ConfigDef). Fix: did you mean \"segment.bytes\" or \"segment.index.bytes\" or \"segment.ms\"?"],
  ['connect: producer override of the wrong type', connect({ 'producer.linger.ms': 'soon' }),
    "c/connect: invalid config[\"producer.linger.ms\"]: got \"soon\"; allowed: a long (64-bit integer) of at least 0 (Kafka 4.3.1, producers). Fix: give linger.ms a whole number, e.g. 5 (Kafka's default)"],
  ['connect: misspelled consumer override', connect({ 'consumer.max.poll.record': 10 }),
    "c/connect: invalid config[\"consumer.max.poll.record\"]: got \"max.poll.record\"; allowed: a key Kafka 4.3.1 defines for consumers (its ConfigDef), a plugin key outside Kafka's namespaces, or a key under config.providers., metrics.jmx.. Fix: did you mean \"max.poll.records\" or \"max.poll.interval.ms\"?"],
  ['connect: producer key without its prefix', connect({ 'linger.ms': 5 }),
    "c/connect: invalid config[\"linger.ms\"]: got \"linger.ms\"; allowed: a key of Kafka 4.3.1 (Connect workers): linger.ms is a key of producers, not of Connect workers. Fix: remove it, or set it where it belongs"],
  ['connect: worker key below its range', connect({ 'scheduled.rebalance.max.delay.ms': -1 }),
    "c/connect: invalid config[\"scheduled.rebalance.max.delay.ms\"]: got -1; allowed: an int (32-bit integer) from 0 to 2147483647 (Kafka 4.3.1, Connect workers). Fix: give scheduled.rebalance.max.delay.ms a whole number in that range"],
  ['mirror: misspelled source connector key', mirror({ sourceConnectorConfig: { 'refresh.topic.interval.seconds': 60 } }),
    "c/mirror: invalid sourceConnectorConfig[\"refresh.topic.interval.seconds\"]: got \"refresh.topic.interval.seconds\"; allowed: a key Kafka 4.3.1 defines for the MirrorSourceConnector (its ConfigDef), a plugin key outside Kafka's namespaces, or a key under config.providers., metrics.jmx., key.converter., value.converter., header.converter., transforms., predicates., topic.creation., producer.override., consumer.override., admin.override., source.cluster., target.cluster., offset-syncs.source., offset-syncs.target.. Fix: did you mean \"refresh.topics.interval.seconds\" or \"refresh.topics.enabled\"?"],
  ['mirror: checkpoint key of the wrong type', mirror({ checkpointConnectorConfig: { 'emit.checkpoints.interval.seconds': 'often' } }),
    "c/mirror: invalid checkpointConnectorConfig[\"emit.checkpoints.interval.seconds\"]: got \"often\"; allowed: a long (64-bit integer) (Kafka 4.3.1, the MirrorCheckpointConnector). Fix: give emit.checkpoints.interval.seconds a whole number, e.g. 60 (Kafka's default)"],
  ['mirror: source key removed in Kafka 4', mirror({ sourceConnectorConfig: { 'topics.blacklist': 'private.*' } }),
    "c/mirror: invalid sourceConnectorConfig[\"topics.blacklist\"]: got \"topics.blacklist\"; allowed: a key of Kafka 4.3.1 (the MirrorSourceConnector): topics.blacklist is only in Kafka 3.8.0 to 3.9.2 (deprecated there: Deprecated. Use topics.exclude instead). Fix: use topics.exclude instead"],
  ['mirror: worker key out of range', mirror({ config: { 'metrics.num.samples': 0 } }),
    "c/mirror: invalid config[\"metrics.num.samples\"]: got 0; allowed: an int (32-bit integer) of at least 1 (Kafka 4.3.1, Connect workers). Fix: give metrics.num.samples a whole number in that range"],
  ['bridge: producer enum', bridge({ producerConfig: { acks: 'most' } }),
    "c/bridge: invalid producerConfig[\"acks\"]: got \"most\"; allowed: one of all, -1, 0, 1 (Kafka 4.3.1, producers). Fix: give acks one of these values"],
  ['bridge: consumer enum', bridge({ consumerConfig: { 'isolation.level': 'serializable' } }),
    "c/bridge: invalid consumerConfig[\"isolation.level\"]: got \"serializable\"; allowed: one of read_committed, read_uncommitted (Kafka 4.3.1, consumers). Fix: give isolation.level one of these values"],
  ['bridge: producer key in the consumer config', bridge({ consumerConfig: { 'linger.ms': 5 } }),
    "c/bridge: invalid consumerConfig[\"linger.ms\"]: got \"linger.ms\"; allowed: a key of Kafka 4.3.1 (consumers): linger.ms is a key of producers, not of consumers. Fix: remove it, or set it where it belongs"],
];

describe('config maps are checked against Kafka\'s ConfigDef of the cluster\'s version', () => {
  test.each(CASES)('%s', (_description, build, expected) => {
    expect(message(build)).toBe(expected);
  });
});

describe('keys Kafka reads outside its ConfigDefs are not refused', () => {
  const ok: [string, () => unknown][] = [
    ['raw: authorizer keys, tiered storage plugin settings, JMX reporter filters and config providers', raw({
      config: {
        'super.users': 'User:admin', 'allow.everyone.if.no.acl.found': false, 'rsm.config.bucket': 'kafka-tiered',
        'rlmm.config.remote.log.metadata.topic.replication.factor': 3, 'metrics.jmx.exclude': 'kafka.consumer:*',
        'config.providers': 'env', 'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
        'client.quota.callback.static.produce': 1048576,
      },
    })],
    ['strimzi 0.45: inter.broker.protocol.version of an upgrade in progress', legacy({ 'inter.broker.protocol.version': '3.8', 'log.message.format.version': '3.8' })],
    ['raw: settings under a custom remote storage prefix, even in a Kafka namespace', raw({
      config: { 'remote.log.storage.manager.impl.prefix': 'log.tier.', 'log.tier.bucket': 'b' },
    })],
    ['strimzi: a custom authorizer\'s own keys (a namespace Kafka does not use) and Strimzi\'s Cruise Control reporter', strimzi({
      config: { 'opa.authorizer.url': 'http://opa:8181/v1/data/kafka/allow', 'strimzi.authorization.grants.refresh.period.seconds': 60, 'cruise.control.metrics.topic.num.partitions': 1 },
    })],
    ['connect: converter settings, config providers and the worker\'s client overrides', connect({
      'key.converter.schemas.enable': false, 'value.converter.schema.registry.url': 'http://registry:8081',
      'config.providers': 'secrets', 'config.providers.secrets.class': 'io.strimzi.kafka.KubernetesSecretConfigProvider',
      'producer.compression.type': 'zstd', 'consumer.max.poll.records': 100, 'admin.request.timeout.ms': 30000,
    })],
    ['mirror: per-cluster clients, connector client overrides, transformations, source connector keys', mirror({
      sourceConnectorConfig: {
        'source.cluster.consumer.fetch.max.bytes': 1048576, 'target.cluster.producer.linger.ms': 5, 'producer.override.batch.size': 32768,
        'transforms': 'drop', 'transforms.drop.type': 'org.apache.kafka.connect.transforms.DropHeaders', 'transforms.drop.headers': 'trace',
        'topic.creation.default.partitions': 3, 'exactly.once.support': 'requested', 'offset-syncs.source.admin.request.timeout.ms': 30000,
      },
      checkpointConnectorConfig: { 'emit.checkpoints.interval.seconds': 30 },
    })],
    ['bridge: an interceptor\'s own key', bridge({ producerConfig: { 'interceptor.classes': 'com.acme.Audit', 'acme.audit.endpoint': 'http://audit' } })],
  ];
  test.each(ok)('%s', (_description, build) => {
    expect(message(build)).toBe('no error');
  });

  test('topics are strict: the broker refuses an unknown topic config name', () => {
    expect(message(topic({ 'acme.tier': 'gold' }))).toBe(
      'c/orders: invalid config["acme.tier"]: got "acme.tier"; allowed: a key Kafka 4.3.1 defines for topics (its ConfigDef). Fix: remove it, or use the name from Kafka\'s configuration reference');
  });
});

describe('the model', () => {
  test('a patch release the model lacks uses its minor line; another line is not checked', () => {
    expect(resolveModelVersion('4.3.2')).toBe('4.3.1');
    expect(resolveModelVersion('3.9.1')).toBe('3.9.1');
    expect(resolveModelVersion('3.7.2')).toBeUndefined();
    expect(message(raw({ kafkaVersion: '3.7.2', mode: KafkaMode.ZOOKEEPER, zookeeper: 'zookeeper:2181', config: { 'log.retention.hour': 1 } }))).toBe('no error');
  });

  test('every version the library emits or Strimzi supports is modelled, with every kind', () => {
    const emitted = [KafkaImages.KAFKA_VERSION, KafkaImages.KAFKA_ZOOKEEPER_MODE_VERSION, ...StrimziVersion.V1_2_0.kafkaVersions, ...StrimziVersion.V0_45_2.kafkaVersions];
    expect(modelVersions()).toEqual(expect.arrayContaining(emitted));
    for (const v of modelVersions()) {
      for (const kind of ['broker', 'topic', 'producer', 'consumer', 'admin', 'connect', 'mirrormaker', 'mirror-source', 'mirror-checkpoint', 'mirror-heartbeat'] as const) {
        expect({ v, kind, keys: keysOf(kind, v).length > 30 }).toEqual({ v, kind, keys: true });
      }
    }
    // KRaft keys are in the broker model of every version; ZooKeeper keys only up to 3.9.
    expect(modelKey('broker', '3.9.1', 'process.roles')).toMatchObject({ type: 'list', valid: { items: ['broker', 'controller'] } });
    expect(modelKey('broker', '3.9.1', 'zookeeper.connect')).toMatchObject({ type: 'string', default: null, importance: 'high' });
    expect(modelKey('broker', '4.3.1', 'zookeeper.connect')).toBeUndefined();
    expect(versionsWithKey('broker', 'log.message.format.version')).toEqual(['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2']);
  });

  test('did-you-mean ranks typos first, then keys ending with the given one', () => {
    expect(didYouMean('num.partition', keysOf('broker', '4.3.1'))[0]).toBe('num.partitions');
    expect(didYouMean('retention.ms', keysOf('broker', '4.3.1'))[0]).toBe('log.retention.ms');
  });
});
