/**
 * SampleApp against the real cluster constructs: StrimziCluster (plain, TLS, mutual TLS,
 * SCRAM) and KafkaBrokers (plain, SCRAM with a KafkaUserSecret). Every object validates strictly.
 */
import { App, Chart } from 'cdk8s';
import { ListenerAuthentication } from '../lib/kafka';
import { SampleApp, SampleAppProps } from '../lib/sample-app';
import { KafkaBrokers } from '../lib/raw/kafka-brokers';
import { KafkaUserSecret } from '../lib/raw/kafka-user-secret';
import { KafkaTopicsJob } from '../lib/raw/kafka-topics-job';
import { KafkaUser, KafkaUserAuthentication } from '../lib/strimzi/kafka-user';
import { StrimziAuthorization, StrimziCluster, StrimziClusterProps } from '../lib/strimzi';
import { StrimziVersion } from '../lib/strimzi/strimzi-version';
import { expectAllValid, findObject } from './support/validate';

const env = (container: any) => Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
const pod = (d: any) => d.spec.template.spec;

function strimzi(clusterProps: StrimziClusterProps, sample: (cluster: StrimziCluster, chart: Chart) => Omit<SampleAppProps, 'cluster'> = () => ({})) {
  const chart = new Chart(new App(), 'strimzi', { namespace: 'kafka' });
  const cluster = new StrimziCluster(chart, 'my-cluster', clusterProps);
  new SampleApp(chart, 'sample', { cluster, ...sample(cluster, chart) });
  const objects = expectAllValid(chart.toJson());
  return { objects, producer: findObject(objects, 'Deployment', 'sample-producer'), consumer: findObject(objects, 'Deployment', 'sample-consumer') };
}

describe('SampleApp on a StrimziCluster', () => {
  test('default cluster: the plain internal listener, the Strimzi Kafka image, the client label the listener admits', () => {
    const { objects, producer } = strimzi({});
    const c = pod(producer).containers[0];
    expect(env(c)).toMatchObject({ BOOTSTRAP_SERVERS: 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9092', SECURITY_PROTOCOL: 'PLAINTEXT', SAMPLE_ROLE: 'producer' });
    expect(c.image).toMatch(/^quay\.io\/strimzi\/kafka:.*-kafka-4\.3\.1$/);
    const kafka = findObject(objects, 'Kafka', 'my-cluster');
    const plain = kafka.spec.kafka.listeners.find((l: any) => l.name === 'plain');
    const labels = producer.spec.template.metadata.labels;
    // The listener's networkPolicyPeers select labels that the sample pods carry.
    expect(plain.networkPolicyPeers.length).toBeGreaterThan(0);
    for (const peer of plain.networkPolicyPeers) {
      expect(Object.keys(peer.podSelector.matchLabels).length).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(peer.podSelector?.matchLabels ?? {})) expect(labels[k]).toBe(v);
    }
  });

  test('TLS listener: truststore from <cluster>-cluster-ca-cert', () => {
    const { producer } = strimzi({}, () => ({ listener: 'tls' }));
    expect(pod(producer).volumes).toContainEqual({ name: 'cluster-ca', secret: { secretName: 'my-cluster-cluster-ca-cert', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(env(pod(producer).initContainers[0])).toMatchObject({ SECURITY_PROTOCOL: 'SSL', CA_FILE: '/etc/kafka/cluster-ca/ca.crt' });
    expect(env(pod(producer).containers[0]).BOOTSTRAP_SERVERS).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093');
  });

  test('Strimzi 0.45 with ZooKeeper: same wiring, Kafka 3.9 client image', () => {
    const { producer } = strimzi({ version: StrimziVersion.V0_45_2, zookeeper: {} });
    expect(pod(producer).containers[0].image).toMatch(/kafka-3\.9/);
  });

  test('a listener with mutual TLS needs a user', () => {
    expect(() => strimzi({ listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] }))
      .toThrow(/strimzi\/sample: invalid user: got undefined; allowed: a user with tls credentials of cluster "my-cluster" \(listener "tls" authenticates clients\)/);
  });

  test('mutual TLS listener with a KafkaUser: keystore from the user Secret, ACLs for the sample', () => {
    const { objects, producer } = strimzi({
      authorization: StrimziAuthorization.simple(),
      listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    }, (cluster, chart) => {
      const user = new KafkaUser(chart, 'sample-user', { cluster });
      user.allowProduce('sample-topic').allowConsume('sample-topic', 'sample-consumer');
      return { listener: 'tls', user };
    });
    expect(pod(producer).volumes).toEqual(expect.arrayContaining([
      { name: 'cluster-ca', secret: { secretName: 'my-cluster-cluster-ca-cert', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { name: 'user-cert', secret: { secretName: 'sample-user', items: [{ key: 'user.crt', path: 'user.crt' }, { key: 'user.key', path: 'user.key' }] } },
    ]));
    expect(env(pod(producer).initContainers[0])).toMatchObject({ SECURITY_PROTOCOL: 'SSL', USER_CERT_FILE: '/etc/kafka/user/user.crt' });
    const user = findObject(objects, 'KafkaUser', 'sample-user');
    expect(user.metadata.labels['strimzi.io/cluster']).toBe('my-cluster');
    expect(user.spec.authorization.acls.map((a: any) => `${a.resource.type}:${a.resource.name}`)).toEqual(
      ['topic:sample-topic', 'topic:sample-topic', 'group:sample-consumer']);
  });

  test('SCRAM-SHA-512 over TLS with a KafkaUser: JAAS config from the user Secret', () => {
    const { producer } = strimzi({
      listeners: [{ name: 'scram', port: 9094, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
    }, (cluster, chart) => ({ user: new KafkaUser(chart, 'sample-user', { cluster, authentication: KafkaUserAuthentication.SCRAM_SHA_512 }) }));
    expect(env(pod(producer).initContainers[0])).toMatchObject({
      SECURITY_PROTOCOL: 'SASL_SSL', SASL_MECHANISM: 'SCRAM-SHA-512', CA_FILE: '/etc/kafka/cluster-ca/ca.crt',
      SASL_JAAS_CONFIG: { secretKeyRef: { name: 'sample-user', key: 'sasl.jaas.config' } },
    });
  });

  test('a user of another StrimziCluster is refused', () => {
    expect(() => strimzi({ listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] }, (_, chart) => {
      const other = new StrimziCluster(chart, 'other', { listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
      return { user: new KafkaUser(chart, 'u', { cluster: other }) };
    })).toThrow(/invalid user: got "strimzi\/u"; allowed: a user of cluster "my-cluster" \(strimzi\/my-cluster\); this one belongs to "other"/);
  });

  test('an unknown listener names the ones that exist', () => {
    expect(() => strimzi({}, () => ({ listener: 'external' }))).toThrow(/invalid listener: got "external"; allowed: "plain", "tls"/);
  });
});

describe('SampleApp on KafkaBrokers (raw)', () => {
  function raw(build: (chart: Chart) => SampleAppProps) {
    const chart = new Chart(new App(), 'raw', { namespace: 'kafka' });
    const props = build(chart);
    const sample = new SampleApp(chart, 'sample', props);
    // Raw brokers create no topic on first use: SampleApp refuses a topic nothing declares.
    new KafkaTopicsJob(chart, 'topics', { cluster: props.cluster as KafkaBrokers, topics: [{ topicName: sample.topicName }] });
    const objects = expectAllValid(chart.toJson());
    return { objects, producer: findObject(objects, 'Deployment', 'sample-producer'), consumer: findObject(objects, 'Deployment', 'sample-consumer') };
  }

  test('default KRaft brokers: plain listener, apache/kafka image, admitted by the broker NetworkPolicy', () => {
    const { objects, producer } = raw(chart => ({ cluster: new KafkaBrokers(chart, 'kafka') }));
    const c = pod(producer).containers[0];
    expect(env(c)).toMatchObject({ SECURITY_PROTOCOL: 'PLAINTEXT', TOPIC_NAME: 'sample-topic' });
    expect(env(c).BOOTSTRAP_SERVERS).toMatch(/^kafka[-a-z]*\.kafka\.svc(\.cluster\.local)?:9092$/);
    expect(c.image).toBe('apache/kafka:4.3.1');
    const labels = producer.spec.template.metadata.labels;
    const policies = objects.filter(o => o.kind === 'NetworkPolicy');
    expect(policies.length).toBeGreaterThan(0);
    // Some ingress rule of the broker policy admits the sample pods by their labels.
    const admits = policies.some(p => (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? []).some((peer: any) =>
      peer.podSelector && !peer.namespaceSelector && Object.entries(peer.podSelector.matchLabels ?? {}).every(([k, v]) => labels[k] === v))));
    expect(admits).toBe(true);
  });

  test('SCRAM-SHA-512 listener with a KafkaUserSecret: user name and password reference', () => {
    const { producer } = raw(chart => {
      const cluster = new KafkaBrokers(chart, 'kafka', { listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }] });
      const user = new KafkaUserSecret(chart, 'sample-user', { cluster, userName: 'sample', secretName: 'sample-credentials' });
      return { cluster, user };
    });
    expect(env(pod(producer).initContainers[0])).toMatchObject({
      SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_USERNAME: 'sample',
      SASL_PASSWORD: { secretKeyRef: { name: 'sample-credentials', key: 'password' } },
    });
    expect(pod(producer).volumes).toHaveLength(1);
  });

  test('raw brokers have no TLS listener: a SCRAM listener without a user is refused', () => {
    expect(() => raw(chart => ({ cluster: new KafkaBrokers(chart, 'kafka', { listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }] }) })))
      .toThrow(/raw\/sample: invalid user: got undefined; allowed: a user with scram-sha-512 credentials of cluster "kafka"/);
  });
});
