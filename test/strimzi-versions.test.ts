/**
 * The Strimzi releases between 0.45.2 and 1.2.0 (docs/upgrade.md): their facts, what the library
 * renders for each (v1beta2 as for 0.45.2, or v1 as for 1.2.0 where the release serves it), and
 * what StrimziOperator refuses at synth of the resources it watches.
 */
import { App, Chart, Testing } from 'cdk8s';
import { ApplyStage, ApplyStages } from '../lib/gitops/apply-stage';
import { ListenerAuthentication } from '../lib/kafka';
import { resolveModelVersion } from '../lib/kafka/config-model';
import { KafkaTopic, KafkaUser, StrimziApiVersion, StrimziCluster, StrimziClusterProps, StrimziVersion } from '../lib/strimzi';
import { StrimziOperator, StrimziOperatorProps } from '../lib/strimzi/strimzi-operator';
import { chartObjects, expectAllValid, findObject } from './support/validate';

/** Flux never prunes the Kafka resource (the operator would delete the cluster). */
const KEEP = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };

const V1 = StrimziApiVersion.V1;

describe('StrimziVersion: the releases of the upgrade path', () => {
  test('every release, oldest first, with its Kafka versions, API versions, ZooKeeper support and Kubernetes minimum', () => {
    const table = StrimziVersion.all().map(v => [v.version, v.servedApiVersions.map(a => a.split('/')[1]).join('+'), v.supportsZookeeper, v.kafkaVersions.join(' '), v.defaultKafkaVersion, v.minimumKubernetesVersion]);
    expect(table).toEqual([
      ['0.45.2', 'v1beta2', true, '3.8.0 3.8.1 3.9.0 3.9.1 3.9.2', '3.9.2', '1.25'],
      ['0.46.1', 'v1beta2', false, '3.9.0 4.0.0', '4.0.0', '1.25'],
      ['0.47.0', 'v1beta2', false, '3.9.0 3.9.1 4.0.0', '4.0.0', '1.25'],
      ['0.48.0', 'v1beta2', false, '4.0.0 4.1.0', '4.1.0', '1.27'],
      ['0.49.1', 'v1beta2+v1', false, '4.0.0 4.0.1 4.1.0 4.1.1', '4.1.1', '1.27'],
      ['0.50.1', 'v1beta2+v1', false, '4.0.0 4.0.1 4.1.0 4.1.1', '4.1.1', '1.27'],
      ['0.51.0', 'v1beta2+v1', false, '4.1.0 4.1.1 4.2.0', '4.2.0', '1.30'],
      ['1.0.1', 'v1', false, '4.1.0 4.1.1 4.1.2 4.2.0', '4.2.0', '1.30'],
      ['1.1.0', 'v1', false, '4.2.0 4.3.0', '4.3.0', '1.30'],
      ['1.2.0', 'v1', false, '4.2.0 4.3.0 4.3.1', '4.3.1', '1.30'],
    ]);
    expect(StrimziVersion.of('0.47.0')).toBe(StrimziVersion.V0_47_0);
    expect(StrimziVersion.of('0.44.0')).toBeUndefined();
  });

  test('every Kafka version of every release is checked against Kafka\'s config model (its own, or the modelled patch of its minor)', () => {
    const versions = [...new Set(StrimziVersion.all().flatMap(v => v.kafkaVersions))];
    expect(versions.filter(v => resolveModelVersion(v)?.split('.').slice(0, 2).join('.') !== v.split('.').slice(0, 2).join('.'))).toEqual([]);
    // 4.2.1 (Strimzi 1.1.0, 1.2.0) is not offered: the model has no 4.2.1.
    expect(versions).not.toContain('4.2.1');
  });

  test('default metadata versions are Kafka\'s for each minor', () => {
    expect(['3.9.1', '4.0.0', '4.1.1', '4.2.0', '4.3.1'].map(k => StrimziVersion.V1_2_0.metadataVersionFor(k))).toEqual(['3.9-IV0', '4.0-IV3', '4.1-IV1', '4.2-IV1', '4.3-IV0']);
    expect(StrimziVersion.V0_47_0.defaultMetadataVersion).toBe('4.0-IV3');
  });

  test('releases before 1.0 upgrade only from the Kafka versions their kafka-versions.yaml lists; 1.x from any', () => {
    expect(StrimziVersion.all().filter(v => v.canUpgradeFromKafka('3.9.2')).map(v => v.version)).toEqual(['0.45.2', '1.0.1', '1.1.0', '1.2.0']);
    // 0.46.1's kafka-versions.yaml lists 3.9.0 but not 3.9.1.
    expect(StrimziVersion.all().filter(v => v.canUpgradeFromKafka('3.9.1')).map(v => v.version))
      .toEqual(['0.45.2', '0.47.0', '0.48.0', '0.49.1', '0.50.1', '0.51.0', '1.0.1', '1.1.0', '1.2.0']);
  });

  test('withApiVersion: one instance per release and API version; the default is the first served version', () => {
    const v1 = StrimziVersion.V0_50_1.withApiVersion(V1);
    expect(v1).toBe(StrimziVersion.V0_50_1.withApiVersion(V1));
    expect(v1.withApiVersion(StrimziApiVersion.V1BETA2)).toBe(StrimziVersion.V0_50_1);
    expect([StrimziVersion.V0_50_1.apiVersion, v1.apiVersion, v1.version, v1.isV1, v1.needsKraftAnnotations]).toEqual(['kafka.strimzi.io/v1beta2', 'kafka.strimzi.io/v1', '0.50.1', true, false]);
    expect(String(v1)).toBe('StrimziVersion.V0_50_1.withApiVersion(StrimziApiVersion.V1)');
    expect(StrimziVersion.all()).not.toContain(v1);
    expect(StrimziVersion.V1_2_0.withApiVersion(V1)).toBe(StrimziVersion.V1_2_0);
  });

  test('all(), servedApiVersions and kafkaVersions return copies (jsii has no readonly arrays): changing one changes no release', () => {
    const release = StrimziVersion.V0_49_1;
    release.servedApiVersions.pop();
    release.kafkaVersions.push('9.9.9');
    StrimziVersion.all().length = 0;
    expect(release.servedApiVersions).toHaveLength(2);
    expect(release.kafkaVersions).not.toContain('9.9.9');
    expect(StrimziVersion.all().length).toBeGreaterThan(5);
  });

  test('withApiVersion refuses an API version the release does not serve', () => {
    expect(() => StrimziVersion.V0_47_0.withApiVersion(V1)).toThrow(
      'StrimziVersion 0.47.0: invalid withApiVersion: got "kafka.strimzi.io/v1"; allowed: an API version Strimzi 0.47.0 serves (kafka.strimzi.io/v1beta2). '
      + 'Fix: v1 is served from Strimzi 0.49: upgrade the operator to 0.49.1, 0.50.1 or 0.51.0 first (docs/upgrade.md)');
    expect(() => StrimziVersion.V1_0_1.withApiVersion(StrimziApiVersion.V1BETA2)).toThrow(
      'StrimziVersion 1.0.1: invalid withApiVersion: got "kafka.strimzi.io/v1beta2"; allowed: an API version Strimzi 1.0.1 serves (kafka.strimzi.io/v1). '
      + 'Fix: Strimzi 1.x serves only v1: render v1 (the default of 1.x releases)');
  });
});

function chart() {
  return new Chart(new App(), 'test', { namespace: 'kafka' });
}

describe('StrimziCluster on the releases between 0.45 and 1.x', () => {
  test.each(['0.46.1', '0.47.0', '0.48.0', '0.49.1', '0.50.1', '0.51.0'])('%s renders v1beta2 (the 0.45.2 shape, KRaft with the annotations), strictly valid', release => {
    const version = StrimziVersion.of(release)!;
    const c = chart();
    const k = new StrimziCluster(c, 'my-cluster', {
      version, controllers: { replicas: 3 }, listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    });
    new KafkaTopic(c, 'orders', { cluster: k, partitions: 3 });
    new KafkaUser(c, 'app', { cluster: k });
    const objs = expectAllValid(chartObjects(c));
    expect([...new Set(objs.filter(o => o.apiVersion.startsWith('kafka.strimzi.io')).map(o => o.apiVersion))]).toEqual(['kafka.strimzi.io/v1beta2']);
    const kafka = findObject(objs, 'Kafka', 'my-cluster');
    expect(kafka.metadata.annotations).toEqual({ ...KEEP, 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
    expect(kafka.spec.kafka.version).toBe(version.defaultKafkaVersion);
    expect(kafka.spec.kafka.metadataVersion).toBe(version.defaultMetadataVersion);
    expect(kafka.spec.zookeeper).toBeUndefined();
    expect(k.clientImage).toBe(`quay.io/strimzi/kafka:${release}-kafka-${version.defaultKafkaVersion}`);
  });

  test.each([
    [StrimziVersion.V1_2_0, '4.2.0', 'quay.io/strimzi/kafka:1.2.0-kafka-4.2.0'],
    [StrimziVersion.V1_0_1, '4.1.1', 'quay.io/strimzi/kafka:1.0.1-kafka-4.1.1'],
    [StrimziVersion.V0_45_2, '3.8.1', 'quay.io/strimzi/kafka:0.45.2-kafka-3.8.1'],
  ])('%s on Kafka %s (not its default): clients run the image of that Kafka version, %s', (version, kafkaVersion, image) => {
    const c = new Chart(new App(), 'c', { namespace: 'kafka' });
    const k = new StrimziCluster(c, 'my-cluster', { version, kafkaVersion });
    expect(findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec.kafka.version).toBe(kafkaVersion);
    expect(k.clientImage).toBe(image);
  });

  test.each(['0.49.1', '0.50.1', '0.51.0', '1.0.1', '1.1.0'])('%s with v1 renders the 1.2.0 shape, strictly valid', release => {
    const version = StrimziVersion.of(release)!.withApiVersion(V1);
    const c = chart();
    const k = new StrimziCluster(c, 'my-cluster', { version });
    new KafkaTopic(c, 'orders', { cluster: k, partitions: 3 });
    const objs = expectAllValid(chartObjects(c));
    expect([...new Set(objs.filter(o => o.apiVersion.startsWith('kafka.strimzi.io')).map(o => o.apiVersion))]).toEqual(['kafka.strimzi.io/v1']);
    expect(findObject(objs, 'Kafka', 'my-cluster').metadata.annotations).toEqual(KEEP);
    expect(findObject(objs, 'KafkaNodePool', 'dual-role').spec.replicas).toBe(3);
  });

  test('ZooKeeper on a release without it', () => {
    expect(() => new StrimziCluster(chart(), 'my-cluster', { version: StrimziVersion.V0_46_1, zookeeper: {} })).toThrow(
      'test/my-cluster: invalid zookeeper: got {}; allowed: no ZooKeeper on Strimzi 0.46.1 (KRaft only since 0.46); ZooKeeper needs StrimziVersion.V0_45_2. '
      + 'Fix: remove the zookeeper prop (KRaft with node pools), or set version: StrimziVersion.V0_45_2');
  });

  test('a Kafka version the release does not support (3.9.2 after 0.45)', () => {
    expect(() => new StrimziCluster(chart(), 'my-cluster', { version: StrimziVersion.V0_47_0, kafkaVersion: '3.9.2' })).toThrow(
      'test/my-cluster: invalid kafkaVersion: got "3.9.2"; allowed: a Kafka version Strimzi 0.47.0 supports (3.9.0, 3.9.1, 4.0.0). '
      + 'Fix: use one of them, or pick the Strimzi release that supports Kafka 3.9.2');
  });
});

/** An operator chart and a cluster chart in one app; synthesizing runs the operator's check. */
function operatorAndCluster(operator: StrimziOperatorProps, cluster: StrimziClusterProps, namespace = 'kafka'): () => void {
  return () => {
    const app = Testing.app();
    new StrimziOperator(new Chart(app, 'operator'), 'strimzi', operator);
    const c = ApplyStages.assign(new Chart(app, 'cluster', { namespace }), ApplyStage.CLUSTER);
    new StrimziCluster(c, 'my-cluster', cluster);
    app.synth();
  };
}

describe('StrimziOperator refuses at synth what its release refuses of the resources it watches', () => {
  const watch = { watchNamespaces: ['kafka'] };

  test('the cluster and the operator on the same release: fine', () => {
    expect(operatorAndCluster({ version: StrimziVersion.V0_47_0, ...watch }, { version: StrimziVersion.V0_47_0, kafkaVersion: '3.9.1' })).not.toThrow();
  });

  test('a ZooKeeper cluster under an operator without ZooKeeper', () => {
    expect(operatorAndCluster({ version: StrimziVersion.V0_47_0, ...watch }, { version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', zookeeper: {} })).toThrow(
      'cluster/my-cluster: invalid zookeeper: got "a ZooKeeper cluster"; allowed: a KRaft cluster: StrimziOperator operator/strimzi (Strimzi 0.47.0) has no ZooKeeper (0.45 is the last release with it). '
      + 'Fix: keep the operator at StrimziVersion.V0_45_2 and migrate the cluster to KRaft first (kraftMigration phases, docs/upgrade.md)');
  });

  test('a Kafka version the new operator does not support names the versions both support', () => {
    expect(operatorAndCluster({ version: StrimziVersion.V0_47_0, ...watch }, { version: StrimziVersion.V0_45_2, controllers: { replicas: 3 } })).toThrow(
      'cluster/my-cluster: invalid kafkaVersion: got "3.9.2"; allowed: a Kafka version StrimziOperator operator/strimzi (Strimzi 0.47.0) supports (3.9.0, 3.9.1, 4.0.0). '
      + 'Fix: first move the cluster to a Kafka version both Strimzi 0.45.2 and 0.47.0 support (3.9.0, 3.9.1), then upgrade the operator');
    expect(operatorAndCluster({ version: StrimziVersion.V1_2_0, ...watch }, { version: StrimziVersion.V0_49_1.withApiVersion(V1), kafkaVersion: '4.0.0' })).toThrow(
      'cluster/my-cluster: invalid kafkaVersion: got "4.0.0"; allowed: a Kafka version StrimziOperator operator/strimzi (Strimzi 1.2.0) supports (4.2.0, 4.3.0, 4.3.1). '
      + 'Fix: no Kafka version is supported by both Strimzi 0.49.1 and 1.2.0: step through a release in between (docs/upgrade.md)');
  });

  test('v1beta2 resources under a 1.x operator', () => {
    expect(operatorAndCluster({ version: StrimziVersion.V1_0_1, ...watch }, { version: StrimziVersion.V0_51_0, kafkaVersion: '4.2.0' })).toThrow(
      'cluster/my-cluster/Resource: invalid apiVersion: got "kafka.strimzi.io/v1beta2"; allowed: an API version StrimziOperator operator/strimzi (Strimzi 1.0.1) serves (kafka.strimzi.io/v1). '
      + 'Fix: convert every resource to v1 on Strimzi 0.49-0.51 before the operator moves to 1.x (version: StrimziVersion.V0_51_0.withApiVersion(StrimziApiVersion.V1), then the conversion tool\'s crd-upgrade; docs/upgrade.md)');
  });

  test('v1 resources under an operator that serves only v1beta2', () => {
    expect(operatorAndCluster({ version: StrimziVersion.V0_48_0, ...watch }, { version: StrimziVersion.V0_49_1.withApiVersion(V1), kafkaVersion: '4.1.0' })).toThrow(
      'cluster/my-cluster/Resource: invalid apiVersion: got "kafka.strimzi.io/v1"; allowed: an API version StrimziOperator operator/strimzi (Strimzi 0.48.0) serves (kafka.strimzi.io/v1beta2). '
      + 'Fix: render Kafka as v1beta2 until the operator runs 0.49 or later (version: StrimziVersion.V0_48_0), then switch to v1 (docs/upgrade.md)');
  });

  test('only watched namespaces count; watchAnyNamespace watches all', () => {
    const mismatch = { version: StrimziVersion.V0_45_2, zookeeper: {} };
    expect(operatorAndCluster({ version: StrimziVersion.V1_2_0, watchNamespaces: ['other'] }, mismatch)).not.toThrow();
    expect(operatorAndCluster({ version: StrimziVersion.V1_2_0 }, mismatch)).not.toThrow();
    expect(operatorAndCluster({ version: StrimziVersion.V1_2_0, watchAnyNamespace: true }, mismatch)).toThrow(/cluster\/my-cluster: invalid zookeeper/);
    expect(operatorAndCluster({ version: StrimziVersion.V1_2_0 }, mismatch, 'strimzi-system')).toThrow(/cluster\/my-cluster: invalid zookeeper/);
  });
});
