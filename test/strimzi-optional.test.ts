/**
 * KafkaMirrorMaker2, KafkaBridge and KafkaRebalance on Strimzi 1.2.0 (v1) and 0.45.2 (v1beta2):
 * strict CRD validity, the API-version-specific shapes, wiring from cluster and user objects,
 * restricted templates, determinism and a snapshot.
 */
import { App, Chart } from 'cdk8s';
import { ListenerAuthentication } from '../lib/kafka';
import {
  BridgeHttpMethod, CruiseControlGoal, KafkaBridge, KafkaMirrorMaker2, KafkaRebalance, KafkaRebalanceMode, KafkaUser, KafkaUserAuthentication,
  MirrorCluster, StrimziCluster, StrimziClusterProps, StrimziNetworkPolicyPeer, StrimziVersion,
} from '../lib/strimzi';
import { strimziTemplateViolations } from './support/pod-security';
import { chartObjects, expectAllValid, findObject } from './support/validate';

const VERSIONS = [
  ['1.2.0 (v1)', StrimziVersion.V1_2_0, 'kafka.strimzi.io/v1'],
  ['0.45.2 (v1beta2)', StrimziVersion.V0_45_2, 'kafka.strimzi.io/v1beta2'],
] as const;

function chart(ns = 'kafka') {
  return new Chart(new App(), 'test', { namespace: ns });
}

function cluster(c: Chart, id: string, version: StrimziVersion, props: StrimziClusterProps = {}) {
  return new StrimziCluster(c, id, { version, ...props });
}

const mtls = [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }];
// The source admits MirrorMaker 2 pods explicitly: they carry the target's client label, not the source's.
const mm2Peer = StrimziNetworkPolicyPeer.pods({ 'strimzi.io/kind': 'KafkaMirrorMaker2' });
const scram = [{ name: 'scram', port: 9094, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 }];

/** Source (mTLS) and target (SCRAM) clusters with users, and a MirrorMaker 2 between them (the target's node pool is renamed: two default pools in one namespace are one object). */
function mirrorApp(version: StrimziVersion, extra: Partial<ConstructorParameters<typeof KafkaMirrorMaker2>[2]> = {}) {
  const c = chart();
  const source = cluster(c, 'source', version, { listeners: mtls.map(l => ({ ...l, networkPolicyPeers: [mm2Peer] })) });
  const target = cluster(c, 'target', version, { listeners: scram, brokers: 5, nodePoolNames: { dualRole: 'target' } });
  const sourceUser = new KafkaUser(c, 'mm2-source', { cluster: source, authentication: KafkaUserAuthentication.TLS });
  const targetUser = new KafkaUser(c, 'mm2-target', { cluster: target, authentication: KafkaUserAuthentication.SCRAM_SHA_512 });
  const mm2 = new KafkaMirrorMaker2(c, 'mirror', {
    source: MirrorCluster.of(source, { user: sourceUser }),
    target: MirrorCluster.of(target, { user: targetUser }),
    topicsPattern: 'orders.*',
    topicsExcludePattern: 'orders-internal.*',
    groupsPattern: 'billing.*',
    ...extra,
  });
  return { c, source, target, mm2 };
}

describe.each(VERSIONS)('Strimzi %s', (_label, version, apiVersion) => {
  test('KafkaMirrorMaker2 between two cluster objects: valid, wired, restricted', () => {
    const { c, mm2 } = mirrorApp(version);
    const objs = expectAllValid(chartObjects(c));
    const m = findObject(objs, 'KafkaMirrorMaker2', 'mirror');
    expect(m.apiVersion).toBe(apiVersion);
    expect(m.metadata.namespace).toBe('kafka');
    expect(mm2.strimziVersion).toBe(version);
    expect(m.spec.version).toBe(version.defaultKafkaVersion);
    expect(m.spec.replicas).toBe(1);
    expect(strimziTemplateViolations(m)).toEqual([]);
    expect(m.spec.template.pod.metadata.labels).toEqual({ 'kafka.cdk8s.io/client-of': 'target' });
    expect(m.spec.template.connectContainer.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(m.spec.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { memory: '1Gi' } });
    expect(m.spec.jvmOptions).toEqual({ '-Xms': '512m', '-Xmx': '512m' });

    const sourceEndpoint = {
      alias: 'source',
      bootstrapServers: 'source-kafka-bootstrap.kafka.svc.cluster.local:9093',
      tls: { trustedCertificates: [{ secretName: 'source-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'tls', certificateAndKey: { secretName: 'mm2-source', certificate: 'user.crt', key: 'user.key' } },
    };
    const targetEndpoint = {
      alias: 'target',
      bootstrapServers: 'target-kafka-bootstrap.kafka.svc.cluster.local:9094',
      tls: { trustedCertificates: [{ secretName: 'target-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'mm2-target', passwordSecret: { secretName: 'mm2-target', password: 'password' } },
    };
    const sourceConnector = {
      tasksMax: 1,
      config: { 'offset-syncs.topic.replication.factor': 3, 'replication.factor': 3, 'sync.topic.acls.enabled': false },
    };
    const checkpointConnector = { tasksMax: 1, config: { 'checkpoints.topic.replication.factor': 3, 'sync.group.offsets.enabled': false } };
    const patterns = { topicsPattern: 'orders.*', topicsExcludePattern: 'orders-internal.*', groupsPattern: 'billing.*' };
    const internalRf = { 'config.storage.replication.factor': 3, 'offset.storage.replication.factor': 3, 'status.storage.replication.factor': 3 };
    if (version.isV1) {
      // v1: `target` carries the Connect group and storage topics; mirrors embed their `source`; no connectCluster/clusters.
      expect(m.spec.connectCluster).toBeUndefined();
      expect(m.spec.clusters).toBeUndefined();
      expect(m.spec.target).toEqual({
        ...targetEndpoint,
        groupId: 'mirror-mirrormaker2', configStorageTopic: 'mirror-mirrormaker2-configs',
        offsetStorageTopic: 'mirror-mirrormaker2-offsets', statusStorageTopic: 'mirror-mirrormaker2-status',
        config: internalRf,
      });
      expect(m.spec.mirrors).toEqual([{ source: sourceEndpoint, sourceConnector, checkpointConnector, ...patterns }]);
    } else {
      // v1beta2: clusters by alias, connectCluster = the target alias, mirrors reference aliases.
      expect(m.spec.target).toBeUndefined();
      expect(m.spec.connectCluster).toBe('target');
      expect(m.spec.clusters).toEqual([
        sourceEndpoint,
        {
          ...targetEndpoint,
          config: {
            ...internalRf, 'config.storage.topic': 'mirror-mirrormaker2-configs', 'group.id': 'mirror-mirrormaker2',
            'offset.storage.topic': 'mirror-mirrormaker2-offsets', 'status.storage.topic': 'mirror-mirrormaker2-status',
          },
        },
      ]);
      expect(m.spec.mirrors).toEqual([{ sourceCluster: 'source', targetCluster: 'target', sourceConnector, checkpointConnector, ...patterns }]);
    }
  });

  test('KafkaMirrorMaker2 from an external source, without checkpoints, with worker config', () => {
    const c = chart();
    const target = cluster(c, 'target', version, { brokers: 1 });
    new KafkaMirrorMaker2(c, 'dr', {
      source: MirrorCluster.external({
        alias: 'on-prem', bootstrapServers: 'kafka-0.example.com:9093,kafka-1.example.com:9093', caSecretName: 'on-prem-ca',
        credentials: { userName: 'mirror', secretName: 'on-prem-mirror', authentication: ListenerAuthentication.SCRAM_SHA_512, passwordKey: 'password' },
      }),
      target: MirrorCluster.of(target, { alias: 'local' }),
      checkpoints: false,
      replicas: 2,
      config: { 'key.converter': 'org.apache.kafka.connect.converters.ByteArrayConverter' },
      sourceConnectorConfig: { 'refresh.topics.interval.seconds': 60 },
    });
    const objs = expectAllValid(chartObjects(c));
    const m = findObject(objs, 'KafkaMirrorMaker2', 'dr');
    expect(strimziTemplateViolations(m)).toEqual([]);
    const source = version.isV1 ? m.spec.mirrors[0].source : m.spec.clusters[0];
    expect(source).toEqual({
      alias: 'on-prem', bootstrapServers: 'kafka-0.example.com:9093,kafka-1.example.com:9093',
      tls: { trustedCertificates: [{ secretName: 'on-prem-ca', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'mirror', passwordSecret: { secretName: 'on-prem-mirror', password: 'password' } },
    });
    expect(m.spec.mirrors[0].checkpointConnector).toBeUndefined();
    // Unknown source size: offset-syncs use the source broker's default; the 1-broker target gets factor 1.
    expect(m.spec.mirrors[0].sourceConnector.config).toEqual({
      'offset-syncs.topic.replication.factor': -1, 'refresh.topics.interval.seconds': 60, 'replication.factor': 1, 'sync.topic.acls.enabled': false,
    });
    const targetSpec = version.isV1 ? m.spec.target : m.spec.clusters[1];
    expect(targetSpec.alias).toBe('local');
    expect(targetSpec.bootstrapServers).toBe('target-kafka-bootstrap.kafka.svc.cluster.local:9092');
    expect(targetSpec.tls).toBeUndefined();
    expect(targetSpec.config['key.converter']).toBe('org.apache.kafka.connect.converters.ByteArrayConverter');
    expect(targetSpec.config['config.storage.replication.factor']).toBe(1);
    expect(m.spec.replicas).toBe(2);
  });

  test('KafkaBridge: bootstrap, TLS trust and SCRAM credentials from the cluster and user, CORS, client labels', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', version, { listeners: [{ name: 'plain', port: 9092 }, ...scram] });
    const user = new KafkaUser(c, 'bridge-user', { cluster: k, authentication: KafkaUserAuthentication.SCRAM_SHA_512 });
    const bridge = new KafkaBridge(c, 'bridge', {
      cluster: k, user, replicas: 2,
      cors: { allowedOrigins: ['https://app\\.example\\.com'], allowedMethods: [BridgeHttpMethod.GET, BridgeHttpMethod.POST] },
      consumerTimeoutSeconds: 300,
      consumerConfig: { 'auto.offset.reset': 'earliest' },
      producerConfig: { 'acks': 'all', 'ssl.endpoint.identification.algorithm': 'HTTPS' },
    });
    const objs = expectAllValid(chartObjects(c));
    const b = findObject(objs, 'KafkaBridge', 'bridge');
    expect(b.apiVersion).toBe(apiVersion);
    expect(strimziTemplateViolations(b)).toEqual([]);
    expect(b.spec).toMatchObject({
      replicas: 2,
      bootstrapServers: 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9094',
      tls: { trustedCertificates: [{ secretName: 'my-cluster-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'bridge-user', passwordSecret: { secretName: 'bridge-user', password: 'password' } },
      http: { port: 8080, cors: { allowedOrigins: ['https://app\\.example\\.com'], allowedMethods: ['GET', 'POST'] } },
      consumer: { enabled: true, timeoutSeconds: 300, config: { 'auto.offset.reset': 'earliest' } },
      producer: { enabled: true, config: { 'acks': 'all', 'ssl.endpoint.identification.algorithm': 'HTTPS' } },
      resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '512Mi' } },
    });
    // The cluster's client label lets the bridge through the listeners' default networkPolicyPeers.
    expect(b.spec.template.pod.metadata.labels).toEqual(k.clientLabels);
    expect(bridge.url).toBe('http://bridge-bridge-service.kafka.svc.cluster.local:8080');
  });

  test('KafkaBridge defaults: plain listener, no credentials, port 8080, one replica', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', version);
    new KafkaBridge(c, 'bridge', { cluster: k, port: 8081, producer: false });
    const b = findObject(expectAllValid(chartObjects(c)), 'KafkaBridge', 'bridge');
    expect(b.spec.bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9092');
    expect(b.spec.tls).toBeUndefined();
    expect(b.spec.authentication).toBeUndefined();
    expect(b.spec.replicas).toBe(1);
    expect(b.spec.http).toEqual({ port: 8081 });
    expect(b.spec.producer).toEqual({ enabled: false });
  });

  test('KafkaBridge over mutual TLS uses the user certificate', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', version, { listeners: mtls });
    const user = new KafkaUser(c, 'bridge-user', { cluster: k });
    new KafkaBridge(c, 'bridge', { cluster: k, user });
    const b = findObject(expectAllValid(chartObjects(c)), 'KafkaBridge', 'bridge');
    expect(b.spec.authentication).toEqual({ type: 'tls', certificateAndKey: { secretName: 'bridge-user', certificate: 'user.crt', key: 'user.key' } });
  });

  test('KafkaRebalance: modes, brokers, volumes, goals, auto-approval', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', version, { brokers: 4, controllers: { replicas: 3 }, cruiseControl: {} });
    const full = new KafkaRebalance(c, 'full', {
      cluster: k, goals: [CruiseControlGoal.RACK_AWARE, CruiseControlGoal.REPLICA_CAPACITY, CruiseControlGoal.DISK_CAPACITY],
      skipHardGoalCheck: true, excludedTopics: 'test-.*', replicationThrottle: 10485760, autoApproval: true,
    });
    new KafkaRebalance(c, 'add', { cluster: k, mode: KafkaRebalanceMode.ADD_BROKERS, brokers: [3] });
    new KafkaRebalance(c, 'remove', { cluster: k, mode: KafkaRebalanceMode.REMOVE_BROKERS, brokers: [3] });
    new KafkaRebalance(c, 'disks', { cluster: k, mode: KafkaRebalanceMode.REMOVE_DISKS, volumes: [{ brokerId: 0, volumeIds: [1] }] });
    const objs = expectAllValid(chartObjects(c));
    const f = findObject(objs, 'KafkaRebalance', 'full');
    expect(f.apiVersion).toBe(apiVersion);
    expect(f.metadata).toEqual({
      name: 'full', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'my-cluster' },
      annotations: { 'strimzi.io/rebalance-auto-approval': 'true' },
    });
    expect(f.spec).toEqual({
      mode: 'full', goals: ['RackAwareGoal', 'ReplicaCapacityGoal', 'DiskCapacityGoal'], skipHardGoalCheck: true,
      excludedTopics: 'test-.*', replicationThrottle: 10485760,
    });
    expect(full.mode).toBe(KafkaRebalanceMode.FULL);
    expect(findObject(objs, 'KafkaRebalance', 'add').spec).toEqual({ mode: 'add-brokers', brokers: [3] });
    expect(findObject(objs, 'KafkaRebalance', 'add').metadata.annotations).toBeUndefined();
    expect(findObject(objs, 'KafkaRebalance', 'remove').spec).toEqual({ mode: 'remove-brokers', brokers: [3] });
    expect(findObject(objs, 'KafkaRebalance', 'disks').spec).toEqual({ mode: 'remove-disks', moveReplicasOffVolumes: [{ brokerId: 0, volumeIds: [1] }] });
  });
});

test('KafkaMirrorMaker2 heartbeat connector on Strimzi 0.45 (v1beta2 only)', () => {
  const { c } = mirrorApp(StrimziVersion.V0_45_2, { heartbeats: true, syncGroupOffsets: true, tasksMax: 4, replicationFactor: 2, offsetSyncsReplicationFactor: 1 });
  const m = findObject(expectAllValid(chartObjects(c)), 'KafkaMirrorMaker2', 'mirror');
  expect(m.spec.mirrors[0].heartbeatConnector).toEqual({ tasksMax: 1, config: { 'heartbeats.topic.replication.factor': 2 } });
  expect(m.spec.mirrors[0].checkpointConnector).toEqual({ tasksMax: 4, config: { 'checkpoints.topic.replication.factor': 2, 'sync.group.offsets.enabled': true } });
  expect(m.spec.mirrors[0].sourceConnector.config['offset-syncs.topic.replication.factor']).toBe(1);
});

test('the restricted checker knows the operand container keys of both CRDs', () => {
  // connectContainer (MirrorMaker 2) and bridgeContainer (Bridge) exist in the v1 and v1beta2 templates:
  // a template without them is reported, so the checker would catch a missing security context.
  for (const apiVersion of ['kafka.strimzi.io/v1', 'kafka.strimzi.io/v1beta2']) {
    expect(strimziTemplateViolations({ apiVersion, kind: 'KafkaMirrorMaker2', metadata: { name: 'm' }, spec: { template: {} } }))
      .toContain('KafkaMirrorMaker2/m: spec.template.connectContainer.securityContext.allowPrivilegeEscalation must be false');
    expect(strimziTemplateViolations({ apiVersion, kind: 'KafkaBridge', metadata: { name: 'b' }, spec: { template: {} } }))
      .toContain('KafkaBridge/b: spec.template.bridgeContainer.securityContext.allowPrivilegeEscalation must be false');
  }
});

test('deterministic: two syntheses are identical', () => {
  const synth = () => {
    const { c } = mirrorApp(StrimziVersion.V1_2_0);
    const k = cluster(c, 'cc', StrimziVersion.V1_2_0, { cruiseControl: {}, nodePoolNames: { dualRole: 'cc' } });
    new KafkaBridge(c, 'bridge', { cluster: k });
    new KafkaRebalance(c, 'rebalance', { cluster: k, autoApproval: true });
    return JSON.stringify(chartObjects(c));
  };
  expect(synth()).toEqual(synth());
});

test('snapshot: MirrorMaker 2, Bridge and Rebalance on Strimzi 1.2.0 and 0.45.2', () => {
  const out: Record<string, unknown[]> = {};
  for (const [label, version] of VERSIONS) {
    const { c } = mirrorApp(version);
    const k = cluster(c, 'cc', version, { cruiseControl: {}, brokers: 4, controllers: { replicas: 3 } });
    new KafkaBridge(c, 'bridge', { cluster: k });
    new KafkaRebalance(c, 'rebalance', { cluster: k, mode: KafkaRebalanceMode.REMOVE_BROKERS, brokers: [3], autoApproval: true });
    out[label] = expectAllValid(chartObjects(c)).filter(o => ['KafkaMirrorMaker2', 'KafkaBridge', 'KafkaRebalance'].includes(o.kind));
  }
  expect(out).toMatchSnapshot();
});
