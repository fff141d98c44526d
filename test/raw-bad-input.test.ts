import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaBrokersProps, KafkaMode, KafkaTopicsJob, KafkaUserSecret, ZookeeperEnsemble, ZookeeperEnsembleProps } from '../lib/raw';
import { KafkaStorage, ListenerAuthentication, ListenerType } from '../lib/kafka';

function chart(): Chart {
  return new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-bad' }), 'c', { namespace: 'kafka' });
}
const brokers = (props: KafkaBrokersProps) => () => new KafkaBrokers(chart(), 'kafka', props);
const ensemble = (props: ZookeeperEnsembleProps) => () => new ZookeeperEnsemble(chart(), 'zk', props);
const topics = (topicList: any[], props: KafkaBrokersProps = {}) => () => {
  const c = chart();
  new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'kafka', props), topics: topicList });
};
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message names the construct path, the field, the value given, and the fix. */
const msg = (path: string, field: string, given: string, fix: string) =>
  new RegExp(`^${esc(path)}: invalid ${esc(field)}: got ${esc(given)}; allowed: .+\\. Fix: .*${esc(fix)}`);

/**
 * The raw flavour's bad-input catalogue (message shapes in docs/errors.md).
 * Each row: description, the throwing synth, the expected message.
 */
const CASES: [string, () => unknown, RegExp][] = [
  ['broker replicas below 1', brokers({ brokers: 0 }),
    msg('c/kafka', 'brokers', '0', 'set brokers to a value between 1 and 1000')],
  ['replication factor above the broker count', brokers({ brokers: 3, replication: { defaultReplicationFactor: 4 } }),
    msg('c/kafka', 'replication.defaultReplicationFactor', '4', 'lower defaultReplicationFactor to 3 or fewer, or add brokers')],
  ['min ISR above the replication factor', brokers({ brokers: 3, replication: { defaultReplicationFactor: 2, minInsyncReplicas: 3 } }),
    msg('c/kafka', 'replication.minInsyncReplicas', '3', 'lower minInsyncReplicas to 2 or fewer')],
  ['cluster name not DNS-1123', brokers({ clusterName: 'My_Kafka' }),
    msg('c/kafka', 'clusterName', '"My_Kafka"', 'rename it, e.g. "my-kafka"')],
  ['cluster name too long for pod names', brokers({ clusterName: 'a'.repeat(41) }),
    msg('c/kafka', 'clusterName', `"${'a'.repeat(41)}"`, 'rename it')],
  ['duplicate listener names', brokers({ listeners: [{ name: 'plain', port: 9092 }, { name: 'plain', port: 9095 }] }),
    msg('c/kafka', 'listeners[1].name', '"plain"', 'give every listener a unique name')],
  ['duplicate listener ports', brokers({ listeners: [{ name: 'plain', port: 9092 }, { name: 'other', port: 9092 }] }),
    msg('c/kafka', 'listeners[1].port', '9092', 'give every listener a unique port')],
  ['listener on the replication port', brokers({ listeners: [{ name: 'plain', port: 9094 }] }),
    msg('c/kafka', 'listeners[0].port', '9094', 'pick another port for this listener')],
  ['listener on the KRaft controller port', brokers({ listeners: [{ name: 'plain', port: 9093 }] }),
    msg('c/kafka', 'listeners[0].port', '9093', 'pick another port for this listener')],
  ['listener named like a construct listener', brokers({ listeners: [{ name: 'replication', port: 9092 }] }),
    msg('c/kafka', 'listeners[0].name', '"replication"', 'rename the listener, e.g. "plain" or "external"')],
  ['TLS listener (raw brokers manage no certificates)', brokers({ listeners: [{ name: 'tls', port: 9093 + 2, tls: true }] }),
    msg('c/kafka', 'listeners[0].tls', 'true', 'use the Strimzi flavour (StrimziCluster) for TLS listeners')],
  ['unsupported listener type', brokers({ listeners: [{ name: 'ing', port: 9095, type: ListenerType.INGRESS }] }),
    msg('c/kafka', 'listeners[0].type', '"ingress"', 'use one of the supported types')],
  ['NodePort listener without nodePortBase', brokers({ listeners: [{ name: 'ext', port: 9095, type: ListenerType.NODE_PORT }] }),
    msg('c/kafka', 'listeners[0].nodePortBase', 'undefined', 'set nodePortBase, e.g. 31090')],
  ['nodePortBase outside the NodePort range', brokers({ listeners: [{ name: 'ext', port: 9095, type: ListenerType.NODE_PORT, nodePortBase: 32767 }] }),
    msg('c/kafka', 'listeners[0].nodePortBase', '32767', 'set nodePortBase, e.g. 31090')],
  ['LoadBalancer listener without advertised hosts', brokers({ listeners: [{ name: 'lb', port: 9095, type: ListenerType.LOAD_BALANCER }] }),
    msg('c/kafka', 'listeners[0].advertisedHosts', 'undefined', 'list the DNS names you point at the per-broker load balancers')],
  ['fewer advertised hosts than brokers', brokers({ listeners: [{ name: 'lb', port: 9095, type: ListenerType.LOAD_BALANCER, advertisedHosts: ['a.example.com'] }] }),
    msg('c/kafka', 'listeners[0].advertisedHosts', '["a.example.com"]', 'list 3 hosts, index = broker ordinal')],
  ['heap not below the memory limit', brokers({ resources: { memoryRequest: '2Gi' }, heap: '2g' }),
    msg('c/kafka', 'heap', '"2g"', 'lower the heap to about 1536m or raise resources.memoryLimit')],
  ['malformed memory quantity', brokers({ resources: { memoryRequest: '2 GB' } }),
    msg('c/kafka', 'resources.memoryRequest', '"2 GB"', 'write it as a quantity, e.g. "2Gi"')],
  ['malformed storage size', brokers({ storage: KafkaStorage.persistent({ size: '100 gigs' }) }),
    msg('c/kafka', 'storage.size', '"100 gigs"', 'write it as a quantity, e.g. "100Gi"')],
  ['JBOD storage on raw brokers', brokers({ storage: KafkaStorage.jbod([{ size: '10Gi' }]) }),
    msg('c/kafka', 'storage.type', '"jbod"', 'use KafkaStorage.persistent({ size }) or KafkaStorage.ephemeral()')],
  ['controllers in ZooKeeper mode', brokers({ mode: KafkaMode.ZOOKEEPER, zookeeper: 'zk:2181', controllers: { replicas: 3 } }),
    msg('c/kafka', 'controllers', '{"replicas":3}', 'remove controllers, or use mode: KafkaMode.KRAFT')],
  ['clusterId in ZooKeeper mode', brokers({ zookeeper: 'zk:2181', clusterId: 'MkU3OEVBNTcwNTJENDM2Qk' }),
    msg('c/kafka', 'clusterId', '"MkU3OEVBNTcwNTJENDM2Qk"', 'remove clusterId, or use mode: KafkaMode.KRAFT')],
  ['zookeeper given in KRaft mode', brokers({ mode: KafkaMode.KRAFT, zookeeper: 'zk:2181' }),
    msg('c/kafka', 'zookeeper', '"zk:2181"', 'remove zookeeper, or set mode: KafkaMode.ZOOKEEPER')],
  ['ZooKeeper mode without an ensemble', brokers({ mode: KafkaMode.ZOOKEEPER }),
    msg('c/kafka', 'zookeeper', 'undefined', 'pass zookeeper: new ZookeeperEnsemble(...)')],
  ['a Kafka 4 image in ZooKeeper mode', brokers({ zookeeper: 'zk:2181', image: 'apache/kafka:4.3.1' }),
    msg('c/kafka', 'image', '"apache/kafka:4.3.1"', 'use apache/kafka:3.9.1, or switch to mode: KafkaMode.KRAFT')],
  ['malformed ZooKeeper connect string', brokers({ zookeeper: 'zk 2181' }),
    msg('c/kafka', 'zookeeper', '"zk 2181"', 'or pass the ZookeeperEnsemble')],
  ['malformed KRaft cluster id', brokers({ clusterId: 'not-a-uuid' }),
    msg('c/kafka', 'clusterId', '"not-a-uuid"', 'omit clusterId to derive one')],
  ['even number of dedicated controllers', brokers({ controllers: { replicas: 2 } }),
    msg('c/kafka', 'controllers.replicas', '2', 'use 1 or 3')],
  ['key managed by the construct in config', brokers({ config: { 'broker.id': 5 } }),
    msg('c/kafka', 'config["broker.id"]', '"broker.id"', 'listeners, ids, the quorum and log dirs are set by KafkaBrokers')],
  ['replication key in config', brokers({ config: { 'min.insync.replicas': 1 } }),
    msg('c/kafka', 'config["min.insync.replicas"]', '"min.insync.replicas"', 'remove it and set replication.minInsyncReplicas instead')],
  ['SASL listener key in config', brokers({ config: { 'listener.name.plain.sasl.enabled.mechanisms': 'PLAIN' } }),
    msg('c/kafka', 'config["listener.name.plain.sasl.enabled.mechanisms"]', '"listener.name.plain.sasl.enabled.mechanisms"', 'ListenerAuthentication.SCRAM_SHA_512')],
  ['config key duplicating a typed prop', brokers({ config: { 'auto.create.topics.enable': true } }),
    msg('c/kafka', 'config["auto.create.topics.enable"]', '"auto.create.topics.enable"', 'use autoCreateTopics only')],
  ['ZooKeeper replicas below 1', ensemble({ replicas: 0 }),
    msg('c/zk', 'replicas', '0', 'set replicas to a value between 1 and 9')],
  ['even ZooKeeper ensemble', ensemble({ replicas: 4 }),
    msg('c/zk', 'replicas', '4', 'use 3 or 5')],
  ['ZooKeeper heap not below the memory limit', ensemble({ resources: { memoryRequest: '512Mi' }, heap: '1g' }),
    msg('c/zk', 'heap', '"1g"', 'lower the heap to about 384m or raise resources.memoryLimit')],
  ['ZooKeeper name not DNS-1123', ensemble({ name: 'ZK.1' }),
    msg('c/zk', 'name', '"ZK.1"', 'rename it, e.g. "zk-1"')],
  ['ZooKeeper snapRetainCount below 3', ensemble({ autopurge: { snapRetainCount: 1 } }),
    msg('c/zk', 'autopurge.snapRetainCount', '1', 'set snapRetainCount to 3 or more')],
  ['a single broker on ephemeral storage', brokers({ brokers: 1, storage: KafkaStorage.ephemeral() }),
    msg('c/kafka', 'storage', '"ephemeral"', 'use KafkaStorage.persistent(...), or run at least 2 brokers on ephemeral storage')],
  ['a single controller on ephemeral storage', brokers({ controllers: { replicas: 1, storage: KafkaStorage.ephemeral() } }),
    msg('c/kafka', 'controllers.storage', '"ephemeral"', 'use KafkaStorage.persistent(...), or run at least 2 controllers on ephemeral storage')],
  ['a single ZooKeeper server on ephemeral storage', ensemble({ replicas: 1, storage: KafkaStorage.ephemeral() }),
    msg('c/zk', 'storage', '"ephemeral"', 'use KafkaStorage.persistent(...), or run at least 2 ZooKeeper nodes on ephemeral storage')],
  ['topic replicas above the broker count', topics([{ topicName: 'orders', replicas: 4 }]),
    msg('c/topics', 'topics[orders].replicas', '4', 'lower replicas to 3 or fewer, or add brokers to the cluster')],
  ['topic min ISR above its replicas', topics([{ topicName: 'orders', replicas: 2, config: { 'min.insync.replicas': 3 } }]),
    msg('c/topics', 'topics[orders].config["min.insync.replicas"]', '3', 'lower min.insync.replicas to 2 or fewer, or raise replicas')],
  ['topic replicas below the cluster min ISR', topics([{ topicName: 'orders', replicas: 1 }]),
    msg('c/topics', 'topics[orders].replicas', '1', "raise replicas, or set config: { 'min.insync.replicas': 1 }")],
  ['illegal topic name', topics([{ topicName: 'orders/v1' }]),
    msg('c/topics', 'topics[].topicName', '"orders/v1"', 'rename the topic, e.g. "orders.v1"')],
  ['duplicate topic', topics([{ topicName: 'orders' }, { topicName: 'orders' }]),
    msg('c/topics', 'topics[orders].topicName', '"orders"', 'remove the duplicate topic')],
  ['SCRAM user on a cluster without a SCRAM listener', () => {
    const c = chart();
    new KafkaUserSecret(c, 'alice', { cluster: new KafkaBrokers(c, 'kafka', { clusterName: 'k' }), userName: 'alice', secretName: 'alice' });
  }, msg('c/alice', 'cluster', '"k"', 'add a listener with authentication: ListenerAuthentication.SCRAM_SHA_512')],
  ['SCRAM user name with a comma', () => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', { listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }] });
    new KafkaUserSecret(c, 'bad', { cluster, userName: 'a,b', secretName: 'creds' });
  }, msg('c/bad', 'userName', '"a,b"', 'choose a plain user name')],
];

describe('raw flavour refuses bad input with a message naming path, field, value and fix', () => {
  test.each(CASES)('%s', (_description, build, expected) => {
    expect(build).toThrow(expected);
  });
});
