/**
 * Fuzz test over random combinations of props for every public construct (issue 10 item 4).
 *
 * Each run builds one construct (with the cluster it needs) from props that are mostly valid,
 * sometimes hostile (NaN, Infinity, huge or negative numbers, line breaks, quotes, shell syntax,
 * non-Latin-1 text, undefined and null items, wrong types), then either:
 * - throws a KafkaConfigError whose message names the construct path, the field, the value given,
 *   what is allowed and the fix; or
 * - synthesizes output that validates strictly (vendored Kubernetes, Strimzi and Flux schemas),
 *   with no `null`, `NaN`, `undefined`, `Infinity` or `[object Object]` anywhere in it.
 * Anything else (a TypeError, a plain Error, a bad value in the YAML) fails with the props.
 *
 * Fixed seed, so `npm test` is deterministic. More runs, or another seed:
 *   KAFKA_FUZZ_RUNS=2000 KAFKA_FUZZ_SEED=7 CDK8S_CHECK_UPGRADE=false npx jest test/fuzz.test.ts
 * (KAFKA_FUZZ_RUNS is per construct; the default keeps the file under ~30 s.)
 */
import { App, Chart, Duration } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AclOperation, ClientWorkloadKind, KafkaAcl, KafkaBridge, KafkaClientBinding, KafkaClientWorkload, KafkaBrokers, KafkaConfigError, KafkaConnect, KafkaConnector, KafkaMirrorMaker2, KafkaMode, KafkaRebalance,
  KafkaStorage, KafkaTestClient, KafkaTopic, KafkaTopicsJob, KafkaUser, KafkaUserAuthentication, KafkaUserSecret, ListenerAuthentication, ListenerType,
  MirrorCluster, SampleApp, StrimziAuthorization, StrimziCluster, StrimziNetworkPolicyPeer, StrimziOperator, StrimziVersion, TopicCompression, ZookeeperEnsemble,
} from '../lib';
import { validateObjects } from '../validation/strict-schema';

const RUNS = Number(process.env.KAFKA_FUZZ_RUNS ?? 80);
const SEED = Number(process.env.KAFKA_FUZZ_SEED ?? 20261204);

// Hostile scalars: what a typo, a bad environment variable or an attacker-controlled value gives.
const hostileString = fc.constantFrom('', ' ', 'a\nb=c', 'x"y\\z', '$(touch /tmp/pwned)', "'; rm -rf / #", 'ü€𝄞', 'A_B', 'a'.repeat(300), 'C:\\data\\new', '-1', '1e400Gi');
const hostileNumber = fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1e12, 1e9, 2 ** 53, -0);
const junk = fc.oneof(hostileString, hostileNumber, fc.constantFrom<unknown>(undefined, null, true, {}, [], [undefined], [null]));
/** A prop: absent, a valid value (mostly), or junk. */
const prop = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.option(fc.oneof({ weight: 19, arbitrary: valid }, { weight: 1, arbitrary: junk }), { nil: undefined, freq: 2 });
/** A record of optional props, without the absent ones (so `in` checks see what a user wrote). */
const props = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, any>> =>
  fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, prop(v)])) as Record<string, fc.Arbitrary<unknown>>)
    .map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

const small = fc.integer({ min: 1, max: 9 });
/** Mostly one of `valid`, sometimes one of `invalid`. */
const pick = <T>(valid: T[], invalid: T[] = []): fc.Arbitrary<T> => (invalid.length
  ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) }) : fc.constantFrom(...valid));
const name = pick(['orders', 'my-cluster', 'a', 'x1'], ['Orders', 'my_cluster']);
const quantity = pick(['500m', '1', '2Gi', '4Gi', '512Mi'], ['0', '2 GB', '1e3']);
const resources = props({ cpuRequest: quantity, cpuLimit: quantity, memoryRequest: quantity, memoryLimit: quantity });
const storage = fc.constantFrom<string | undefined>(undefined, 'ephemeral', 'persistent', 'persistent-big').map(s => (s === 'ephemeral' ? KafkaStorage.ephemeral()
  : s === 'persistent' ? KafkaStorage.persistent({ size: '10Gi' }) : s === 'persistent-big' ? KafkaStorage.persistent({ size: '1Ti', storageClass: 'fast' }) : undefined));
const config = fc.dictionary(fc.constantFrom('retention.ms', 'log.retention.hours', 'compression.type', 'num.io.threads', 'cleanup.policy', 'unknown.key', 'sasl.kerberos.service.name', 'auto.create.topics.enable'),
  fc.oneof(fc.constantFrom<unknown>('producer', 'delete', 'compact', 'gzip', 1, 8, 168, 604800000, true, false, 'x\ny'), hostileNumber), { maxKeys: 3 });
const listener = fc.record({
  name: pick(['plain', 'ext', 'scram', 'tls'], ['Bad_Name']),
  port: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 9092, max: 9100 }) }, { weight: 1, arbitrary: hostileNumber }),
  type: fc.option(fc.constantFrom(ListenerType.INTERNAL, ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER, ListenerType.CLUSTER_IP), { nil: undefined }),
  authentication: fc.option(fc.constantFrom(ListenerAuthentication.NONE, ListenerAuthentication.SCRAM_SHA_512, ListenerAuthentication.TLS), { nil: undefined }),
  tls: fc.option(fc.boolean(), { nil: undefined }),
  nodePortBase: fc.option(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 29990, max: 32770 }) }, { weight: 1, arbitrary: hostileNumber }), { nil: undefined }),
}).map(l => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)));
const clusterShape = {
  clusterName: name, brokers: pick([1, 3, 5], [2, 4, 1001]), replication: props({ defaultReplicationFactor: small, minInsyncReplicas: small }),
  config, controllers: fc.record({ replicas: pick([1, 3, 5], [2, 4, 11]) }), resources, storage, heap: pick(['256m', '512m'], ['4g', '1G', 'lots']),
  clusterDomain: pick(['cluster.local', 'corp.example'], ['Bad Domain', 'x;y']), namespace: pick(['kafka', 'other'], ['Kafka']),
  listeners: fc.array(listener, { minLength: 1, maxLength: 2 }),
};

type Build = (chart: Chart, p: Record<string, any>) => void;
const CONSTRUCTS: [string, fc.Arbitrary<Record<string, any>>, Build][] = [
  ['KafkaBrokers', props({ ...clusterShape, mode: fc.constantFrom(KafkaMode.KRAFT, KafkaMode.ZOOKEEPER), autoCreateTopics: fc.boolean(), numPartitions: small, zones: fc.constant(['a', 'b', 'c']), image: pick(['apache/kafka:4.3.1'], ['confluentinc/cp-kafka:7.6.0']) }),
    (c, p) => {
      const zk = p.mode === KafkaMode.ZOOKEEPER ? new ZookeeperEnsemble(c, 'zk') : undefined;
      new KafkaBrokers(c, 'kafka', { ...p, ...(zk ? { zookeeper: zk, image: 'apache/kafka:3.9.1' } : {}) });
    }],
  ['ZookeeperEnsemble', props({ name, replicas: small, tickTime: fc.integer({ min: 0, max: 100000 }), initLimit: small, syncLimit: small, heap: fc.constantFrom('256m', '8g'), resources, storage, clusterDomain: fc.constantFrom('cluster.local', 'a b'), autopurge: props({ snapRetainCount: small, purgeIntervalHours: small }) }),
    (c, p) => { new ZookeeperEnsemble(c, 'zk', p); }],
  ['KafkaTopicsJob', props({ topics: fc.array(fc.record({ topicName: fc.constantFrom('orders', 'my.topic', 'my_topic', 'audit', 'a b', '..') }).chain(t => props({ partitions: small, replicas: fc.integer({ min: 1, max: 4 }), config, retention: fc.constant(Duration.days(1)), compression: fc.constantFrom(TopicCompression.ZSTD, 'brotli') }).map(o => ({ ...t, ...o }))), { minLength: 1, maxLength: 3 }), resources }),
    (c, p) => { new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'kafka'), ...p } as any); }],
  ['KafkaTestClient + KafkaUserSecret', props({ image: fc.constantFrom('apache/kafka:4.3.1', 'bitnami/kafka:3'), userName: name, secretName: name, passwordKey: fc.constantFrom('password', 'pass word') }),
    (c, p) => {
      const k = new KafkaBrokers(c, 'kafka', { listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }] });
      new KafkaTestClient(c, 'cli', { cluster: k, image: p.image });
      new KafkaUserSecret(c, 'user', { cluster: k, userName: p.userName ?? 'alice', secretName: p.secretName ?? 'alice', passwordKey: p.passwordKey });
    }],
  ['SampleApp', props({ topic: fc.constantFrom('sample-topic', 'orders', 'a b'), producers: small, messageIntervalSeconds: small, consumerGroup: name, name, resources, listener: fc.constantFrom('plain', 'tls', 'nope'), flavour: fc.constantFrom('raw', 'strimzi') }),
    (c, p) => {
      const { flavour, ...sp } = p;
      const cluster = flavour === 'strimzi' ? new StrimziCluster(c, 'kafka') : new KafkaBrokers(c, 'kafka', { autoCreateTopics: true });
      new SampleApp(c, 'sample', { cluster, ...sp });
    }],
  ['KafkaClientWorkload + KafkaClientBinding', props({ image: fc.constantFrom('registry.example.com/app:1', 'a b', 'x\ny'), kind: fc.constantFrom(ClientWorkloadKind.DEPLOYMENT, ClientWorkloadKind.STATEFUL_SET, ClientWorkloadKind.JOB, 'CronJob'),
    replicas: fc.integer({ min: -1, max: 5 }), command: fc.array(fc.constantFrom('java', '-jar', 'a b', '$(id)'), { maxLength: 3 }), env: fc.dictionary(fc.constantFrom('LOG_LEVEL', 'KAFKA_TOPICS', 'bad name', '1X'), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    topics: fc.array(fc.constantFrom('orders', 'a b', '..', 'x\ny'), { maxLength: 2 }), consumerGroup: fc.constantFrom('g', 'a b', ''), resources, runAsUser: fc.constantFrom(1000, 0, 65534), backoffLimit: fc.integer({ min: -1, max: 200 }),
    bindingRoot: fc.constantFrom('/bindings', '/', 'rel', '/a/../b', '/var/run/bindings'), listener: fc.constantFrom('plain', 'nope'), flavour: fc.constantFrom('raw', 'strimzi') }),
    (c, p) => {
      const { flavour, bindingRoot, ...wp } = p;
      const cluster = flavour === 'strimzi' ? new StrimziCluster(c, 'kafka') : new KafkaBrokers(c, 'kafka');
      const workload = new KafkaClientWorkload(c, 'client', { cluster, image: 'registry.example.com/app:1', ...wp });
      // A second binding of the same cluster on the workload's own object: another directory, the env clash refused.
      if (bindingRoot !== undefined) new KafkaClientBinding(c, 'extra', { cluster, bindingRoot, listener: wp.listener });
      void workload;
    }],
  ['StrimziCluster', props({ ...clusterShape, version: fc.constantFrom(StrimziVersion.V1_2_0, StrimziVersion.V0_45_2), rackTopologyKey: pick(['topology.kubernetes.io/zone'], ['']), metrics: fc.boolean(), cruiseControl: fc.constant({}), authorization: fc.constant(StrimziAuthorization.simple()), kafkaVersion: pick(['4.3.1', '4.3.0'], ['3.9.2', '9.9.9']) }),
    (c, p) => { new StrimziCluster(c, 'kafka', p); }],
  ['KafkaTopic + KafkaUser', props({ topicName: fc.constantFrom('orders', 'Orders_V1', '..'), partitions: fc.oneof({ weight: 5, arbitrary: small }, { weight: 1, arbitrary: fc.constant(1e12) }), replicas: fc.integer({ min: 1, max: 4 }), config, retentionSize: fc.constantFrom('50Gi', '1e400Gi'), userName: name, authentication: fc.constantFrom(KafkaUserAuthentication.TLS, KafkaUserAuthentication.SCRAM_SHA_512), quotas: props({ producerByteRate: fc.integer({ min: -1, max: 1e7 }) }) }),
    (c, p) => {
      const s = new StrimziCluster(c, 'kafka', {
        authorization: StrimziAuthorization.simple(),
        listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }, { name: 'scram', port: 9094, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
      });
      const t = new KafkaTopic(c, 'topic', { cluster: s, topicName: p.topicName, partitions: p.partitions, replicas: p.replicas, config: p.config, retentionSize: p.retentionSize });
      new KafkaUser(c, 'user', { cluster: s, userName: p.userName, authentication: p.authentication, quotas: p.quotas, acls: [KafkaAcl.topic(t.topicName, [AclOperation.READ])] });
    }],
  ['KafkaConnect + KafkaConnector', props({ connectName: name, replicas: small, config, heap: fc.constantFrom('1g', 'x'), image: fc.constantFrom('quay.io/strimzi/kafka:1.2.0-kafka-4.3.1', 'confluentinc/cp-server:7'), groupId: name, env: fc.dictionary(fc.constantFrom('FOO', 'KAFKA_X', 'bad name'), fc.string({ maxLength: 5 }), { maxKeys: 2 }), connectorClass: fc.constantFrom('org.example.Sink', 'not a class'), tasksMax: small }),
    (c, p) => {
      const { connectorClass, tasksMax, ...cp } = p;
      const connect = new KafkaConnect(c, 'connect', { cluster: new StrimziCluster(c, 'kafka'), ...cp });
      new KafkaConnector(c, 'connector', { connect, connectorClass: connectorClass ?? 'org.example.Sink', tasksMax });
    }],
  ['KafkaMirrorMaker2', props({ mirrorName: name, replicas: small, topicsPattern: fc.constantFrom('.*', 'orders.*', '('), replicationFactor: small, tasksMax: small, checkpoints: fc.boolean() }),
    (c, p) => {
      // MirrorMaker 2 pods carry the target's client label: the source admits them explicitly.
      const source = new StrimziCluster(c, 'source', { nodePoolNames: { dualRole: 'source' }, listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [StrimziNetworkPolicyPeer.pods({ 'strimzi.io/kind': 'KafkaMirrorMaker2' })] }] });
      const target = new StrimziCluster(c, 'target', { nodePoolNames: { dualRole: 'target' } });
      new KafkaMirrorMaker2(c, 'mm2', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), ...p });
    }],
  ['KafkaBridge + KafkaRebalance', props({ bridgeName: name, replicas: small, port: fc.oneof(fc.integer({ min: 1, max: 70000 }), hostileNumber), consumerTimeoutSeconds: fc.integer({ min: -2, max: 100 }), producerConfig: config, brokers: fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }), concurrentLeaderMovements: small }),
    (c, p) => {
      const s = new StrimziCluster(c, 'kafka', { cruiseControl: {} });
      const { brokers, concurrentLeaderMovements, ...bp } = p;
      new KafkaBridge(c, 'bridge', { cluster: s, ...bp });
      new KafkaRebalance(c, 'rebalance', { cluster: s, brokers, concurrentLeaderMovements });
    }],
  ['StrimziOperator', props({ namespace: name, watchNamespaces: fc.array(fc.constantFrom('kafka', 'apps', 'Bad'), { maxLength: 3 }), watchAnyNamespace: fc.boolean(), interval: fc.constantFrom('10m', '1h', 'soon') }),
    (c, p) => { new StrimziOperator(c, 'operator', p); }],
];

const MESSAGE = /^[^\s:][^:]*: invalid .+: got .+; allowed: .+\. Fix: .+/s;

/** Paths of values a manifest should never carry. */
function badValues(value: unknown, at = ''): string[] {
  if (value === null) return [`${at}: null`];
  if (typeof value === 'number' && !Number.isFinite(value)) return [`${at}: ${value}`];
  if (typeof value === 'string') return /NaN|undefined|Infinity|\[object Object\]/.test(value) ? [`${at}: ${JSON.stringify(value.slice(0, 80))}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => badValues(v, `${at}[${i}]`));
  if (typeof value === 'object' && value) return Object.entries(value).flatMap(([k, v]) => badValues(v, `${at}.${k}`));
  return [];
}

/** One run: a KafkaConfigError with a full message, or valid output; the reason otherwise. */
function outcome(build: Build, p: Record<string, any>): 'refused' | 'valid' {
  const app = new App({ outdir: '/tmp/cdk8s-kafka-fuzz' });
  const chart = new Chart(app, 'c', { namespace: 'kafka' });
  let objects: any[];
  try {
    build(chart, p);
    for (const c of app.node.findAll()) c.node.validate();
    objects = app.charts.flatMap(ch => ch.toJson());
  } catch (e) {
    if (!(e instanceof KafkaConfigError)) throw new Error(`not a KafkaConfigError: ${(e as Error)?.stack ?? e}`);
    if (!MESSAGE.test(e.message) || !e.constructPath || !e.field) throw new Error(`incomplete message: ${e.message}`);
    if (process.env.KAFKA_FUZZ_DEBUG) console.log(e.message.slice(0, 200));
    return 'refused';
  }
  const invalid = validateObjects(objects);
  if (invalid.length) throw new Error(`synthesized, but invalid: ${JSON.stringify(invalid).slice(0, 2000)}`);
  const bad = objects.flatMap((o, i) => badValues(o, `${o.kind}/${o.metadata?.name ?? i}`));
  if (bad.length) throw new Error(`synthesized with bad values: ${bad.slice(0, 5).join('; ')}`);
  return 'valid';
}

describe(`fuzz: ${RUNS} runs per construct, seed ${SEED}`, () => {
  const tally: Record<string, { refused: number; valid: number }> = {};
  test.each(CONSTRUCTS)('%s: a KafkaConfigError with path, field, value, allowed and fix, or strictly valid output', (label, arb, build) => {
    const t = tally[label] = { refused: 0, valid: 0 };
    fc.assert(fc.property(arb, p => { t[outcome(build, p)]++; }), { numRuns: RUNS, seed: SEED });
    // Both outcomes occur: the generator reaches deep code, not only the first check.
    expect(t.valid).toBeGreaterThan(0);
    expect(t.refused).toBeGreaterThan(0);
  });
  afterAll(() => {
    if (process.env.KAFKA_FUZZ_REPORT) console.log(JSON.stringify(tally));
  });
});
