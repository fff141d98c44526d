import { App } from 'cdk8s';
import { buildStrimzi } from '../app/strimzi';
import { buildStrimziZookeeper } from '../app/strimzi-zookeeper';
import { appObjects, expectAllValid, findObject, findObjects } from './support/validate';

function synth(build: (app: App) => void): any[] {
  const app = new App();
  build(app);
  return appObjects(app);
}

describe.each([
  ['strimzi', buildStrimzi, 'kafka.strimzi.io/v1', '1.2.0'],
  ['strimzi-zookeeper', buildStrimziZookeeper, 'kafka.strimzi.io/v1beta2', '0.45.2'],
] as const)('KAFKA_FLAVOR=%s', (_name, build, apiVersion, strimzi) => {
  test('every object validates strictly against the schema of its API version', () => {
    const objs = expectAllValid(synth(build));
    for (const o of objs.filter(x => x.apiVersion.startsWith('kafka.strimzi.io/'))) {
      expect(`${o.kind}/${o.metadata.name} ${o.apiVersion}`).toBe(`${o.kind}/${o.metadata.name} ${apiVersion}`);
      expect(o.metadata.namespace).toBe('kafka');
    }
  });

  test('operator release, cluster, topic, user and sample app are wired together', () => {
    const objs = synth(build);
    expect(findObject(objs, 'HelmRelease', 'strimzi-kafka-operator').spec.chart.spec.version).toBe(strimzi);
    expect(findObject(objs, 'HelmRelease', 'strimzi-kafka-operator').spec.values.watchNamespaces).toEqual(['kafka']);
    expect(findObject(objs, 'Namespace', 'kafka').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const kafka = findObject(objs, 'Kafka', 'my-cluster');
    expect(kafka.spec.kafka.listeners.map((l: any) => [l.name, l.port, l.tls, l.authentication?.type])).toEqual([['tls', 9093, true, 'tls']]);
    expect(kafka.spec.kafka.authorization).toEqual({ type: 'simple' });
    expect(findObject(objs, 'KafkaTopic', 'sample-topic').spec).toEqual({ partitions: 6, replicas: 3 });
    const user = findObject(objs, 'KafkaUser', 'sample');
    expect(user.spec.authorization.acls.map((a: any) => `${a.resource.type}:${a.resource.name}:${a.operations.join('+')}`))
      .toEqual(['topic:sample-topic:Write+Describe', 'topic:sample-topic:Read+Describe', 'group:sample-consumer:Read']);
    const producer = findObject(objs, 'Deployment', 'sample-producer');
    const text = JSON.stringify(producer);
    expect(text).toContain('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(text).toContain('my-cluster-cluster-ca-cert');
    expect(producer.spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('my-cluster');
  });

  test('snapshot', () => {
    expect(synth(build)).toMatchSnapshot();
  });

  test('deterministic', () => {
    expect(JSON.stringify(synth(build))).toEqual(JSON.stringify(synth(build)));
  });
});

test('strimzi: KRaft dual-role pool, no ZooKeeper; strimzi-zookeeper: ZooKeeper ensemble, no pools', () => {
  const v1 = synth(buildStrimzi);
  expect(findObject(v1, 'KafkaNodePool', 'dual-role').spec.roles).toEqual(['controller', 'broker']);
  expect(findObject(v1, 'Kafka', 'my-cluster').spec.zookeeper).toBeUndefined();
  const zk = synth(buildStrimziZookeeper);
  expect(findObjects(zk, 'KafkaNodePool')).toHaveLength(0);
  const k = findObject(zk, 'Kafka', 'my-cluster');
  expect(k.spec.zookeeper.replicas).toBe(3);
  expect(k.spec.kafka.replicas).toBe(3);
  expect(k.spec.kafka.version).toBe('3.9.2');
});
