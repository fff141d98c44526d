/**
 * SampleApp against the real cluster constructs: StrimziCluster (plain, TLS, mutual TLS,
 * SCRAM) and KafkaBrokers (plain, SCRAM with a KafkaUserSecret). Every object validates strictly.
 */
import { App, Chart } from 'cdk8s';
import { ListenerAuthentication } from '../lib/kafka';
import { SampleApp, SampleAppProps } from '../lib/sample-app';
import { StrimziCluster, StrimziClusterProps } from '../lib/strimzi/strimzi-cluster';
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
    expect(env(c)).toMatchObject({ BOOTSTRAP_SERVERS: 'my-cluster-kafka-bootstrap.kafka.svc:9092', SECURITY_PROTOCOL: 'PLAINTEXT', SAMPLE_ROLE: 'producer' });
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
    expect(env(pod(producer).containers[0]).BOOTSTRAP_SERVERS).toBe('my-cluster-kafka-bootstrap.kafka.svc:9093');
  });

  test('Strimzi 0.45 with ZooKeeper: same wiring, Kafka 3.9 client image', () => {
    const { producer } = strimzi({ version: StrimziVersion.V0_45_2, zookeeper: {} });
    expect(pod(producer).containers[0].image).toMatch(/kafka-3\.9/);
  });

  test('a listener with mutual TLS needs a user', () => {
    expect(() => strimzi({ listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] }))
      .toThrow(/strimzi\/sample: invalid user: got undefined; allowed: a KafkaUser with tls credentials of cluster "my-cluster" \(listener "tls" authenticates clients\)/);
  });

  test('an unknown listener names the ones that exist', () => {
    expect(() => strimzi({}, () => ({ listener: 'external' }))).toThrow(/invalid listener: got "external"; allowed: "plain", "tls"/);
  });
});
