/**
 * Mistaken and hostile input the issue 10 review found still synthesizing: each is refused at
 * synth with a KafkaConfigError naming the construct path, the field, the value given, what is
 * allowed and the fix (for the right reason).
 */
import { App, Chart } from 'cdk8s';
import {
  KafkaBrokers, KafkaConfigError, KafkaConnect, KafkaStorage, KafkaTestClient, KafkaTopic, ListenerType, StrimziCluster, ZookeeperEnsemble,
} from '../lib';
import { expectAllValid, findObject } from './support/validate';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-hostile' }), 'c', { namespace: 'kafka' });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const msg = (path: string, field: string, given: string, allowed: string, fix = '') =>
  new RegExp(`^${esc(path)}: invalid ${esc(field)}: got ${esc(given)}; allowed: .*${esc(allowed)}.*\\. Fix: .*${esc(fix)}`);
const nodePort = (extra: object) => ({ name: 'ext', port: 9095, type: ListenerType.NODE_PORT, ...extra });

const CASES: [string, (c: Chart) => unknown, RegExp][] = [
  // Shell: the ZooKeeper domain reaches ZOO_SERVERS, which the image's entrypoint word-splits into zoo.cfg lines.
  ['ZooKeeper clusterDomain with a line break', c => new ZookeeperEnsemble(c, 'zk', { clusterDomain: 'cluster.local\nserver.9=evil:1:2' }),
    msg('c/zk', 'clusterDomain', '"cluster.local\\nserver.9=evil:1:2"', 'a DNS domain', 'cluster.local')],
  ['ZooKeeper clusterDomain with shell syntax', c => new ZookeeperEnsemble(c, 'zk', { clusterDomain: 'x;rm -rf /' }),
    msg('c/zk', 'clusterDomain', '"x;rm -rf /"', 'a DNS domain')],
  // Line breaks where the operator or a CLI writes the value, unescaped.
  ['Strimzi cluster config value with a line break', c => new StrimziCluster(c, 's', { config: { 'alter.config.policy.class.name': 'a.B\nauthorizer.class.name=x' } }),
    msg('c/s', 'config["alter.config.policy.class.name"]', '"a.B\\nauthorizer.class.name=x"', 'without line breaks', 'on one line')],
  ['KafkaTopic config value with a line break', c => new KafkaTopic(c, 't', { cluster: new StrimziCluster(c, 's'), topicName: 'a', config: { 'leader.replication.throttled.replicas': '0:1\n1:2' } }),
    msg('c/t', 'config["leader.replication.throttled.replicas"]', '"0:1\\n1:2"', 'without line breaks')],
  ['KafkaConnect config value with a tab', c => new KafkaConnect(c, 'connect', { cluster: new StrimziCluster(c, 's'), config: { 'client.id': 'a\tb' } }),
    msg('c/connect', 'config["client.id"]', '"a\\tb"', 'without line breaks, tabs')],
  // Numbers.
  ['KafkaTopic with 10^12 partitions', c => new KafkaTopic(c, 't', { cluster: new StrimziCluster(c, 's'), topicName: 'a', partitions: 1e12 }),
    msg('c/t', 'partitions', '1000000000000', 'an integer from 1 to 100000')],
  ['a storage size past int64 thousandths', c => new StrimziCluster(c, 's', { storage: KafkaStorage.persistent({ size: '99999999999999999999999Ei' }) }),
    msg('c/s', 'storage.size', '"99999999999999999999999Ei"', 'at most 8Pi')],
  ['a memory request written with 400 digits', c => new KafkaBrokers(c, 'k', { resources: { memoryRequest: `1${'0'.repeat(400)}Gi` } }),
    msg('c/k', 'resources.memoryRequest', `"1${'0'.repeat(400)}Gi"`, 'at most 8Pi')],
  // Strimzi external listeners.
  ['Strimzi bootstrap nodePort below the NodePort range', c => new StrimziCluster(c, 's', { listeners: [nodePort({ bootstrap: { nodePort: 80 } })] }),
    msg('c/s', 'listeners[0].bootstrap.nodePort', '80', 'an integer from 30000 to 32767', 'the API server\'s NodePort range')],
  ['Strimzi broker nodePort above the NodePort range', c => new StrimziCluster(c, 's', { listeners: [nodePort({ brokers: [{ broker: 0, nodePort: 40000 }] })] }),
    msg('c/s', 'listeners[0].brokers[0].nodePort', '40000', 'an integer from 30000 to 32767')],
  ['Strimzi: the same nodePort for bootstrap and a broker', c => new StrimziCluster(c, 's', { listeners: [nodePort({ bootstrap: { nodePort: 31000 }, brokers: [{ broker: 0, nodePort: 31000 }] })] }),
    msg('c/s', 'listeners[0].brokers[0].nodePort', '31000', 'listeners[0].bootstrap.nodePort takes it', 'its own nodePort')],
  ['Strimzi: the same nodePort on two listeners', c => new StrimziCluster(c, 's', {
    listeners: [nodePort({ bootstrap: { nodePort: 31000 } }), nodePort({ name: 'ext2', port: 9096, brokers: [{ broker: 1, nodePort: 31000 }] })],
  }), msg('c/s', 'listeners[1].brokers[0].nodePort', '31000', 'listeners[0].bootstrap.nodePort takes it')],
  ['Strimzi: a nodePort on a loadbalancer listener (ignored by Strimzi)', c => new StrimziCluster(c, 's', {
    listeners: [nodePort({ type: ListenerType.LOAD_BALANCER, bootstrap: { nodePort: 31000 } })],
  }), msg('c/s', 'listeners[0].type', '"loadbalancer"', 'only on nodeport listeners')],
  ['raw: two NODE_PORT listeners whose broker ports overlap', c => new KafkaBrokers(c, 'k', {
    listeners: [nodePort({ nodePortBase: 31090 }), nodePort({ name: 'ext2', port: 9096, nodePortBase: 31092 })],
  }), msg('c/k', 'listeners[1].nodePortBase', '31092', 'listeners[0].nodePortBase takes it')],
  // Rack awareness.
  ['an empty rack topology key (was dropped silently)', c => new StrimziCluster(c, 's', { rackTopologyKey: '' }),
    msg('c/s', 'rackTopologyKey', '""', 'a label key', 'topology.kubernetes.io/zone')],
  ['a rack topology key with a space', c => new StrimziCluster(c, 's', { rackTopologyKey: 'topology zone' }),
    msg('c/s', 'rackTopologyKey', '"topology zone"', 'a label key')],
  // Images without the layout the start scripts need (they would crash-loop).
  ['raw brokers on confluentinc/cp-kafka (was refused for ZooKeeper, or accepted)', c => new KafkaBrokers(c, 'k', { image: 'confluentinc/cp-kafka:7.6.0' }),
    msg('c/k', 'image', '"confluentinc/cp-kafka:7.6.0"', 'the Kafka scripts in /opt/kafka/bin', 'apache/kafka')],
  ['raw brokers on bitnami/kafka by digest', c => new KafkaBrokers(c, 'k', { image: `docker.io/bitnami/kafka@sha256:${'a'.repeat(64)}` }),
    msg('c/k', 'image', `"docker.io/bitnami/kafka@sha256:${'a'.repeat(64)}"`, 'Bitnami keeps Kafka in /opt/bitnami/kafka')],
  ['raw brokers on an image reference with whitespace', c => new KafkaBrokers(c, 'k', { image: 'apache/kafka:4.3.1 --privileged' }),
    msg('c/k', 'image', '"apache/kafka:4.3.1 --privileged"', 'a container image reference')],
  ['KafkaConnect on confluentinc/cp-server', c => new KafkaConnect(c, 'connect', { cluster: new StrimziCluster(c, 's'), image: 'confluentinc/cp-server:7.6.0' }),
    msg('c/connect', 'image', '"confluentinc/cp-server:7.6.0"', 'Strimzi\'s start scripts')],
  ['KafkaTestClient on apache/kafka-native', c => new KafkaTestClient(c, 'cli', { cluster: new KafkaBrokers(c, 'k'), image: 'apache/kafka-native:4.3.1' }),
    msg('c/cli', 'image', '"apache/kafka-native:4.3.1"', 'GraalVM binary')],
];

describe('refused at synth, for the right reason', () => {
  test.each(CASES)('%s', (_name, build, expected) => {
    let error: unknown;
    try { build(chart()); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(KafkaConfigError);
    expect((error as Error).message).toMatch(expected);
  });
});

describe('what stays allowed', () => {
  test('a custom cluster domain reaches ZOO_SERVERS and the connect string verbatim', () => {
    const c = chart();
    const zk = new ZookeeperEnsemble(c, 'zk', { replicas: 3, clusterDomain: 'corp-1.example.internal' });
    const objs = expectAllValid(c.toJson());
    const env = findObject(objs, 'StatefulSet', 'zookeeper').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'ZOO_SERVERS').value.split(' ')[2]).toBe('server.3=zookeeper-2.zookeeper-headless.kafka.svc.corp-1.example.internal:2888:3888;2181');
    expect(zk.connectString).toContain('zookeeper-0.zookeeper-headless.kafka.svc.corp-1.example.internal:2181');
  });

  test('distinct nodePorts in range on a nodeport listener; other images of the right layout', () => {
    const c = chart();
    new StrimziCluster(c, 's', { listeners: [nodePort({ bootstrap: { nodePort: 30000 }, brokers: [0, 1, 2].map(b => ({ broker: b, nodePort: 32765 + b })) })] });
    new KafkaBrokers(c, 'k', { image: 'registry.example.com:5000/mirror/apache/kafka:4.3.1', kafkaVersion: '4.3.1' });
    expectAllValid(c.toJson());
  });

  test('raw broker config keeps line breaks: server.properties is escaped by the library', () => {
    const c = chart();
    new KafkaBrokers(c, 'k', { clusterName: 'k', config: { 'sasl.kerberos.service.name': 'a\nx=1' } });
    const props = findObject(expectAllValid(c.toJson()), 'ConfigMap', 'k-kafka-config').data['server.properties'];
    expect(props).toContain('sasl.kerberos.service.name=a\\nx=1\n');
  });
});
