import { App, Chart } from 'cdk8s';
import { AclOperation, AclPatternType, KafkaAcl, KafkaLabels, KafkaStorage, ListenerAuthentication, ListenerType } from '../lib/kafka';
import {
  ConnectArtifactType, KafkaConnect, KafkaConnector, KafkaConnectorState, KafkaTopic, KafkaUser,
  KafkaUserAuthentication, StrimziAuthorization, StrimziCluster, StrimziClusterProps, StrimziNetworkPolicyPeer, StrimziVersion,
} from '../lib/strimzi';
import { validateObject } from '../validation/strict-schema';
import { chartObjects, expectAllValid, findObject, findObjects } from './support/validate';

function chart(ns = 'kafka') {
  const app = new App();
  return new Chart(app, 'test', { namespace: ns });
}

function cluster(props: StrimziClusterProps = {}, c = chart()) {
  return { chart: c, kafka: new StrimziCluster(c, 'my-cluster', props) };
}

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false,
  readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' },
};

describe('StrimziCluster on Strimzi 1.2.0 (v1, KRaft)', () => {
  test('default: Kafka v1 + one dual-role pool + metrics ConfigMap, all valid', () => {
    const { chart: c } = cluster();
    const objs = expectAllValid(chartObjects(c));
    const k = findObject(objs, 'Kafka', 'my-cluster');
    expect(k.apiVersion).toBe('kafka.strimzi.io/v1');
    // node-pools/kraft annotations are a 0.45-0.47 thing; Flux never prunes the Kafka resource.
    expect(k.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(k.spec.zookeeper).toBeUndefined();
    expect(k.spec.kafka.version).toBe('4.3.1');
    expect(k.spec.kafka.metadataVersion).toBe('4.3-IV0');
    const pools = findObjects(objs, 'KafkaNodePool');
    expect(pools).toHaveLength(1);
    expect(pools[0].metadata.labels).toEqual({ 'strimzi.io/cluster': 'my-cluster' });
    expect(pools[0].spec.roles).toEqual(['controller', 'broker']);
    expect(pools[0].spec.replicas).toBe(3);
    expect(pools[0].spec.storage).toEqual({ type: 'persistent-claim', size: '100Gi', deleteClaim: false });
    expect(pools[0].spec.jvmOptions).toEqual({ '-Xms': '1024m', '-Xmx': '1024m' });
  });

  test('replication config derived from the broker count, PDB from replication', () => {
    const { kafka, chart: c } = cluster({ brokers: 5 });
    const k = findObject(chartObjects(c), 'Kafka', 'my-cluster');
    expect(k.spec.kafka.config).toEqual({
      'default.replication.factor': 3, 'min.insync.replicas': 2, 'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3, 'transaction.state.log.min.isr': 2,
    });
    expect(k.spec.kafka.template.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
    expect(kafka.brokerCount).toBe(5);
    const single = cluster({ brokers: 1 });
    const k1 = findObject(chartObjects(single.chart), 'Kafka', 'my-cluster');
    expect(k1.spec.kafka.config['default.replication.factor']).toBe(1);
    expect(k1.spec.kafka.config['min.insync.replicas']).toBe(1);
    expect(k1.spec.kafka.template.podDisruptionBudget).toEqual({ maxUnavailable: 0 });
  });

  test('dedicated controllers: controller and broker pools with fixed id ranges', () => {
    const { chart: c } = cluster({ controllers: { replicas: 3, storage: KafkaStorage.persistent({ size: '5Gi', storageClass: 'fast' }) }, brokers: 4 });
    const objs = expectAllValid(chartObjects(c));
    const ctrl = findObject(objs, 'KafkaNodePool', 'controller');
    const broker = findObject(objs, 'KafkaNodePool', 'broker');
    expect(ctrl.spec.roles).toEqual(['controller']);
    expect(ctrl.spec.replicas).toBe(3);
    expect(ctrl.spec.storage).toEqual({ type: 'persistent-claim', size: '5Gi', class: 'fast', deleteClaim: false });
    expect(ctrl.metadata.annotations).toEqual({ 'strimzi.io/next-node-ids': '[1000-1999]', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(broker.spec.roles).toEqual(['broker']);
    expect(broker.spec.replicas).toBe(4);
    expect(broker.metadata.annotations).toEqual({ 'strimzi.io/next-node-ids': '[0-999]', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  test('nodePoolNames rename the pools (construct ids stay), so two clusters share a namespace', () => {
    const c = chart();
    const a = new StrimziCluster(c, 'orders', { nodePoolNames: { dualRole: 'orders' } });
    const b = new StrimziCluster(c, 'billing', { controllers: { replicas: 3 }, nodePoolNames: { controller: 'billing-ctrl', broker: 'billing' } });
    const objs = expectAllValid(chartObjects(c));
    expect(findObjects(objs, 'KafkaNodePool').map(p => `${p.metadata.labels['strimzi.io/cluster']}/${p.metadata.name}`))
      .toEqual(['orders/orders', 'billing/billing-ctrl', 'billing/billing']);
    expect(findObjects(objs, 'KafkaNodePool').map(p => [p.metadata.name, p.spec.roles, p.spec.replicas])).toEqual([
      ['orders', ['controller', 'broker'], 3],
      ['billing-ctrl', ['controller'], 3],
      ['billing', ['broker'], 3],
    ]);
    // The construct ids stay those of the pool roles, whatever the pool names.
    expect(a.node.tryFindChild('Pool-dual-role')?.node.path).toBe('test/orders/Pool-dual-role');
    expect(b.node.tryFindChild('Pool-controller')?.node.path).toBe('test/billing/Pool-controller');
  });

  test('networkPolicies: false drops the default networkPolicyPeers; a listener\'s own peers stay', () => {
    const { chart: c } = cluster({
      networkPolicies: false,
      listeners: [
        { name: 'plain', port: 9092 },
        { name: 'team', port: 9093, tls: true, networkPolicyPeers: [StrimziNetworkPolicyPeer.namespaces({ team: 'a' })] },
      ],
    });
    const ls = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec.kafka.listeners;
    expect(ls[0]).toEqual({ name: 'plain', port: 9092, type: 'internal', tls: false });
    expect(ls[1].networkPolicyPeers).toEqual([{ namespaceSelector: { matchLabels: { team: 'a' } } }]);
  });

  test('networkPolicyPeers: [] on an internal listener renders no peers (everyone may connect), not the default client peers', () => {
    const { chart: c } = cluster({ listeners: [{ name: 'plain', port: 9092 }, { name: 'open', port: 9093, networkPolicyPeers: [] }] });
    const ls = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec.kafka.listeners;
    expect(ls[0].networkPolicyPeers).toEqual([{ podSelector: { matchLabels: { 'kafka.cdk8s.io/client-of': 'my-cluster' } } }]);
    expect(ls[1]).toEqual({ name: 'open', port: 9093, type: 'internal', tls: false });
  });

  test('listeners: types, auth, default networkPolicyPeers from clientLabels, external open, per-broker config', () => {
    const { chart: c, kafka } = cluster({
      listeners: [
        { name: 'plain', port: 9092 },
        { name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS },
        { name: 'scram', port: 9094, authentication: ListenerAuthentication.SCRAM_SHA_512, networkPolicyPeers: [StrimziNetworkPolicyPeer.namespaces({ team: 'a' })] },
        { name: 'external', port: 9095, type: ListenerType.NODE_PORT, tls: true, bootstrap: { nodePort: 32100 }, brokers: [{ broker: 1, nodePort: 32102 }, { broker: 0, nodePort: 32101 }] },
        { name: 'ingress', port: 9096, type: ListenerType.INGRESS, tls: true, class: 'nginx', bootstrap: { host: 'b.example.com' }, brokers: [0, 1, 2].map(b => ({ broker: b, host: `b${b}.example.com` })) },
        { name: 'custom', port: 9097, authentication: ListenerAuthentication.CUSTOM, customAuthentication: { listenerConfig: { 'sasl.enabled.mechanisms': 'OAUTHBEARER' } } },
      ],
    });
    const k = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster');
    const ls = k.spec.kafka.listeners;
    const clientPeer = [{ podSelector: { matchLabels: { [KafkaLabels.CLIENT_OF]: 'my-cluster' } } }];
    expect(ls[0]).toEqual({ name: 'plain', port: 9092, type: 'internal', tls: false, networkPolicyPeers: clientPeer });
    expect(ls[1].authentication).toEqual({ type: 'tls' });
    expect(ls[2].authentication).toEqual({ type: 'scram-sha-512' });
    expect(ls[2].networkPolicyPeers).toEqual([{ namespaceSelector: { matchLabels: { team: 'a' } } }]);
    expect(ls[3].networkPolicyPeers).toBeUndefined();
    expect(ls[3].configuration).toEqual({ bootstrap: { nodePort: 32100 }, brokers: [{ broker: 0, nodePort: 32101 }, { broker: 1, nodePort: 32102 }] });
    expect(ls[4].configuration.class).toBe('nginx');
    expect(ls[5].authentication).toEqual({ type: 'custom', sasl: true, listenerConfig: { 'sasl.enabled.mechanisms': 'OAUTHBEARER' } });
    expect(kafka.clientLabels).toEqual({ [KafkaLabels.CLIENT_OF]: 'my-cluster' });
    expect(kafka.listener('tls').bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(kafka.listener('tls').securityProtocol).toBe('SSL');
    expect(kafka.listener('scram').securityProtocol).toBe('SASL_PLAINTEXT');
    expect(kafka.listener('scram').saslMechanism).toBe('SCRAM-SHA-512');
    expect(kafka.listener('external').bootstrapServers).toBe('my-cluster-kafka-external-bootstrap.kafka.svc.cluster.local:9095');
    expect(kafka.listener().name).toBe('plain');
    expect(kafka.clusterCaSecretName).toBe('my-cluster-cluster-ca-cert');
  });

  test('cluster interface: names, client image, no CA secret without TLS listeners', () => {
    const { kafka } = cluster({ listeners: [{ name: 'plain', port: 9092 }] });
    expect(kafka.clusterCaSecretName).toBeUndefined();
    expect(kafka.clientImage).toBe('quay.io/strimzi/kafka:1.2.0-kafka-4.3.1');
    expect(kafka.namespace).toBe('kafka');
    expect(kafka.flavour).toBe('strimzi');
    expect(cluster({ kafkaVersion: '4.2.0' }).kafka.metadataVersion).toBe('4.2-IV1');
  });

  test('metrics ConfigMap is referenced by metricsConfig; metrics: false removes both', () => {
    const { chart: c } = cluster();
    const objs = chartObjects(c);
    const cm = findObject(objs, 'ConfigMap', 'my-cluster-kafka-metrics');
    expect(Object.keys(cm.data)).toEqual(['kafka-metrics-config.yml']);
    expect(cm.data['kafka-metrics-config.yml']).toMatch(/^lowercaseOutputName: true\n/);
    expect(findObject(objs, 'Kafka', 'my-cluster').spec.kafka.metricsConfig).toEqual({
      type: 'jmxPrometheusExporter', valueFrom: { configMapKeyRef: { name: 'my-cluster-kafka-metrics', key: 'kafka-metrics-config.yml' } },
    });
    const off = chartObjects(cluster({ metrics: false }).chart);
    expect(findObjects(off, 'ConfigMap')).toHaveLength(0);
    expect(findObject(off, 'Kafka', 'my-cluster').spec.kafka.metricsConfig).toBeUndefined();
  });

  test('entity operator on by default; can be reduced or removed', () => {
    const k = findObject(chartObjects(cluster().chart), 'Kafka', 'my-cluster');
    expect(Object.keys(k.spec.entityOperator).sort()).toEqual(['template', 'topicOperator', 'userOperator']);
    expect(k.spec.entityOperator.topicOperator.resources.requests).toEqual({ cpu: '100m', memory: '512Mi' });
    const onlyTopics = findObject(chartObjects(cluster({ entityOperator: { userOperator: false } }).chart), 'Kafka', 'my-cluster');
    expect(onlyTopics.spec.entityOperator.userOperator).toBeUndefined();
    const none = findObject(chartObjects(cluster({ entityOperator: { userOperator: false, topicOperator: false } }).chart), 'Kafka', 'my-cluster');
    expect(none.spec.entityOperator).toBeUndefined();
  });

  test('restricted security contexts on every Strimzi container template, loosened explicitly', () => {
    const { chart: c } = cluster({ cruiseControl: {}, kafkaExporter: {}, rackTopologyKey: 'topology.kubernetes.io/zone' });
    const s = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec;
    expect(s.kafka.template.pod.securityContext).toEqual({ runAsNonRoot: true, fsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } });
    for (const sc of [s.kafka.template.kafkaContainer, s.kafka.template.initContainer, s.entityOperator.template.topicOperatorContainer,
      s.entityOperator.template.userOperatorContainer, s.cruiseControl.template.cruiseControlContainer, s.kafkaExporter.template.container]) {
      expect(sc.securityContext).toEqual(RESTRICTED_CONTAINER);
    }
    const loose = findObject(chartObjects(cluster({ restrictedSecurityContext: false }).chart), 'Kafka', 'my-cluster').spec;
    expect(loose.kafka.template.pod.securityContext).toBeUndefined();
    expect(loose.kafka.template.kafkaContainer.securityContext).toBeUndefined();
  });

  test('rack awareness adds rack and a zone spread; affinity, tolerations and custom spread pass through', () => {
    const k = findObject(chartObjects(cluster({ rackTopologyKey: 'topology.kubernetes.io/zone' }).chart), 'Kafka', 'my-cluster');
    expect(k.spec.kafka.rack).toEqual({ topologyKey: 'topology.kubernetes.io/zone' });
    expect(k.spec.kafka.template.pod.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable]))
      .toEqual([['kubernetes.io/hostname', 'ScheduleAnyway'], ['topology.kubernetes.io/zone', 'DoNotSchedule']]);
    const { chart: c } = cluster({
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['kafka'] }] }] } } },
      topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
    });
    const pod = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec.kafka.template.pod;
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('pool');
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }]);
  });

  test('storage: ephemeral, JBOD with a KRaft metadata volume', () => {
    const e = findObjects(chartObjects(cluster({ storage: KafkaStorage.ephemeral({ sizeLimit: '1Gi' }) }).chart), 'KafkaNodePool')[0];
    expect(e.spec.storage).toEqual({ type: 'ephemeral', sizeLimit: '1Gi' });
    const { chart: c } = cluster({ storage: KafkaStorage.jbod([{ size: '10Gi', deleteClaim: true }, { size: '20Gi', kraftMetadata: true }]) });
    const j = findObjects(expectAllValid(chartObjects(c)), 'KafkaNodePool')[0];
    expect(j.spec.storage).toEqual({ type: 'jbod', volumes: [
      { id: 0, type: 'persistent-claim', size: '10Gi', deleteClaim: true },
      { id: 1, type: 'persistent-claim', size: '20Gi', deleteClaim: false, kraftMetadata: 'shared' },
    ] });
  });

  test('authorization, CA settings, user config merged with replication', () => {
    const { chart: c } = cluster({
      authorization: StrimziAuthorization.simple({ superUsers: ['CN=admin'] }),
      clusterCa: { validityDays: 730, renewalDays: 60 }, clientsCa: { generateCertificateAuthority: true },
      config: { 'log.retention.hours': 72, 'auto.create.topics.enable': false },
      replication: { minInsyncReplicas: 1 },
    });
    const s = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster').spec;
    expect(s.kafka.authorization).toEqual({ type: 'simple', superUsers: ['CN=admin'] });
    expect(s.clusterCa).toEqual({ validityDays: 730, renewalDays: 60 });
    expect(s.clientsCa).toEqual({ generateCertificateAuthority: true });
    expect(s.kafka.config['log.retention.hours']).toBe(72);
    expect(s.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(s.kafka.config['min.insync.replicas']).toBe(1);
  });
});

describe('StrimziCluster on Strimzi 0.45.2 (v1beta2)', () => {
  test('ZooKeeper mode: spec.zookeeper, spec.kafka.replicas/storage, no pools, no KRaft annotations', () => {
    const { chart: c, kafka } = cluster({ version: StrimziVersion.V0_45_2, zookeeper: { replicas: 3, storage: KafkaStorage.persistent({ size: '5Gi' }) }, brokers: 3 });
    const objs = expectAllValid(chartObjects(c));
    const k = findObject(objs, 'Kafka', 'my-cluster');
    expect(k.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(k.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(k.spec.kafka.replicas).toBe(3);
    expect(k.spec.kafka.storage).toEqual({ type: 'persistent-claim', size: '100Gi', deleteClaim: false });
    expect(k.spec.kafka.version).toBe('3.9.2');
    expect(k.spec.kafka.metadataVersion).toBeUndefined();
    expect(k.spec.zookeeper.replicas).toBe(3);
    expect(k.spec.zookeeper.storage).toEqual({ type: 'persistent-claim', size: '5Gi', deleteClaim: false });
    expect(k.spec.zookeeper.template.zookeeperContainer.securityContext).toEqual(RESTRICTED_CONTAINER);
    expect(k.spec.zookeeper.metricsConfig.valueFrom.configMapKeyRef.key).toBe('zookeeper-metrics-config.yml');
    expect(Object.keys(findObject(objs, 'ConfigMap', 'my-cluster-kafka-metrics').data).sort()).toEqual(['kafka-metrics-config.yml', 'zookeeper-metrics-config.yml']);
    expect(findObjects(objs, 'KafkaNodePool')).toHaveLength(0);
    expect(kafka.usesZookeeper).toBe(true);
    expect(kafka.clientImage).toBe('quay.io/strimzi/kafka:0.45.2-kafka-3.9.2');
  });

  test('ZooKeeper placement: its own affinity, tolerations and spread, else the cluster\'s; checked like the cluster\'s', () => {
    const dedicated = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'dedicated', operator: 'In', values: ['zookeeper'] }] }] } } };
    const taint = [{ key: 'dedicated', operator: 'Equal', value: 'zookeeper', effect: 'NoSchedule' }];
    const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'strimzi.io/name': 'my-cluster-zookeeper' } } }];
    const own = cluster({ version: StrimziVersion.V0_45_2, tolerations: [{ key: 'kafka', operator: 'Exists', effect: 'NoSchedule' }],
      zookeeper: { affinity: dedicated, tolerations: taint, topologySpreadConstraints: spread } });
    const k = findObject(expectAllValid(chartObjects(own.chart)), 'Kafka', 'my-cluster');
    expect(k.spec.zookeeper.template.pod.affinity).toEqual(dedicated);
    expect(k.spec.zookeeper.template.pod.tolerations).toEqual(taint);
    expect(k.spec.zookeeper.template.pod.topologySpreadConstraints).toEqual(spread);
    expect(k.spec.kafka.template.pod.tolerations).toEqual([{ key: 'kafka', operator: 'Exists', effect: 'NoSchedule' }]);
    const inherited = cluster({ version: StrimziVersion.V0_45_2, tolerations: [{ key: 'kafka', operator: 'Exists', effect: 'NoSchedule' }], zookeeper: {} });
    expect(findObject(chartObjects(inherited.chart), 'Kafka', 'my-cluster').spec.zookeeper.template.pod.tolerations)
      .toEqual([{ key: 'kafka', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } }))
      .toThrow('test/my-cluster: invalid zookeeper.tolerations[0].value: got "v"; allowed: no value with operator Exists. Fix: remove the value or use operator Equal');
  });

  test('KRaft mode: node pools (v1beta2) and both annotations', () => {
    const { chart: c } = cluster({ version: StrimziVersion.V0_45_2 });
    const objs = expectAllValid(chartObjects(c));
    const k = findObject(objs, 'Kafka', 'my-cluster');
    expect(k.metadata.annotations).toEqual({ 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(k.spec.kafka.metadataVersion).toBe('3.9-IV0');
    expect(k.spec.kafka.replicas).toBeUndefined();
    const pool = findObject(objs, 'KafkaNodePool', 'dual-role');
    expect(pool.apiVersion).toBe('kafka.strimzi.io/v1beta2');
  });

  test('oauth listener and opa/keycloak authorization are accepted on v1beta2', () => {
    const { chart: c } = cluster({ version: StrimziVersion.V0_45_2, authorization: StrimziAuthorization.opa({ url: 'http://opa:8181/v1/data/kafka/allow' }),
      listeners: [{ name: 'oauth', port: 9092, authentication: ListenerAuthentication.OAUTH }] });
    const k = findObject(expectAllValid(chartObjects(c)), 'Kafka', 'my-cluster');
    expect(k.spec.kafka.authorization).toEqual({ type: 'opa', url: 'http://opa:8181/v1/data/kafka/allow' });
    expect(k.spec.kafka.listeners[0].authentication).toEqual({ type: 'oauth' });
  });
});

describe.each([StrimziVersion.V1_2_0, StrimziVersion.V0_45_2])('topics, users, Connect on %s', (version) => {
  function setup() {
    const c = chart();
    const kafka = new StrimziCluster(c, 'my-cluster', {
      version, authorization: StrimziAuthorization.simple(),
      listeners: [{ name: 'plain', port: 9092 }, { name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS },
        { name: 'scram', port: 9094, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
    });
    return { c, kafka };
  }

  test('KafkaTopic: cluster label, defaults from the cluster, topicName when not DNS-safe', () => {
    const { c, kafka } = setup();
    new KafkaTopic(c, 'orders', { cluster: kafka, config: { 'retention.ms': 86400000 } });
    new KafkaTopic(c, 'raw', { cluster: kafka, topicName: 'Raw_Events', partitions: 12, replicas: 2 });
    const objs = expectAllValid(chartObjects(c));
    const t = findObject(objs, 'KafkaTopic', 'orders');
    expect(t.apiVersion).toBe(version.apiVersion);
    expect(t.metadata).toEqual({ name: 'orders', namespace: 'kafka', labels: { 'strimzi.io/cluster': 'my-cluster' }, annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' } });
    expect(t.spec).toEqual({ partitions: 3, replicas: 3, config: { 'retention.ms': 86400000 } });
    expect(findObject(objs, 'KafkaTopic', 'raw-events').spec).toEqual({ topicName: 'Raw_Events', partitions: 12, replicas: 2 });
  });

  test('KafkaUser: credentials, typed ACLs, helpers, quotas', () => {
    const { c, kafka } = setup();
    const topic = new KafkaTopic(c, 'orders', { cluster: kafka });
    const tlsUser = new KafkaUser(c, 'app', {
      cluster: kafka,
      acls: [KafkaAcl.topic('audit-', [AclOperation.READ], { patternType: AclPatternType.PREFIX, host: '10.0.0.1' }), KafkaAcl.cluster([AclOperation.DESCRIBE])],
      quotas: { producerByteRate: 1048576, requestPercentage: 50 },
    }).allowProduce(topic).allowConsume(topic, 'app-group');
    const scram = new KafkaUser(c, 'svc', { cluster: kafka, authentication: KafkaUserAuthentication.SCRAM_SHA_512 });
    const objs = expectAllValid(chartObjects(c));
    const u = findObject(objs, 'KafkaUser', 'app');
    expect(u.metadata.labels).toEqual({ 'strimzi.io/cluster': 'my-cluster' });
    expect(u.spec.authentication).toEqual({ type: 'tls' });
    expect(u.spec.quotas).toEqual({ producerByteRate: 1048576, requestPercentage: 50 });
    expect(u.spec.authorization.acls).toEqual([
      { type: 'allow', resource: { type: 'topic', name: 'audit-', patternType: 'prefix' }, operations: ['Read'], host: '10.0.0.1' },
      { type: 'allow', resource: { type: 'cluster' }, operations: ['Describe'] },
      { type: 'allow', resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Write', 'Describe'] },
      { type: 'allow', resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { type: 'allow', resource: { type: 'group', name: 'app-group', patternType: 'literal' }, operations: ['Read'] },
    ]);
    expect(tlsUser.credentials).toEqual({ userName: 'app', secretName: 'app', authentication: 'tls', certificateKey: 'user.crt', privateKeyKey: 'user.key' });
    expect(scram.credentials).toEqual({ userName: 'svc', secretName: 'svc', authentication: 'scram-sha-512', passwordKey: 'password', jaasConfigKey: 'sasl.jaas.config' });
    expect(findObject(objs, 'KafkaUser', 'svc').spec.authorization).toBeUndefined();
  });

  test('KafkaConnect + KafkaConnector: bootstrap, TLS trust and user from objects, annotation, storage topics', () => {
    const { c, kafka } = setup();
    // The cluster authorizes with ACLs: a user without any would be denied every request (refused at synth).
    const user = new KafkaUser(c, 'connect-user', { cluster: kafka, acls: [KafkaAcl.topic('*', [AclOperation.ALL]), KafkaAcl.group('*', [AclOperation.ALL])] });
    const connect = new KafkaConnect(c, 'connect', {
      cluster: kafka, user, replicas: 2,
      imageBuild: { outputImage: 'registry.example.com/connect:1', plugins: [{ name: 'camel', artifacts: [{ type: ConnectArtifactType.TGZ, url: 'https://example.com/p.tgz', sha512Sum: 'abc' }] }] },
    });
    expect(connect.connectorResourcesEnabled).toBe(false);
    new KafkaConnector(c, 'file-source', { connect, connectorClass: 'org.apache.kafka.connect.file.FileStreamSourceConnector', config: { file: '/tmp/in', topic: 'orders' }, state: KafkaConnectorState.PAUSED });
    expect(connect.connectorResourcesEnabled).toBe(true);
    const objs = expectAllValid(chartObjects(c));
    const kc = findObject(objs, 'KafkaConnect', 'connect');
    expect(kc.metadata.annotations).toEqual({ 'strimzi.io/use-connector-resources': 'true' });
    expect(kc.spec.bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(kc.spec.tls).toEqual({ trustedCertificates: [{ secretName: 'my-cluster-cluster-ca-cert', certificate: 'ca.crt' }] });
    expect(kc.spec.authentication).toEqual({ type: 'tls', certificateAndKey: { secretName: 'connect-user', certificate: 'user.crt', key: 'user.key' } });
    expect(kc.spec.template.pod.metadata.labels).toEqual(kafka.clientLabels);
    expect(kc.spec.template.connectContainer.securityContext).toEqual(RESTRICTED_CONTAINER);
    expect(kc.spec.build.output).toEqual({ type: 'docker', image: 'registry.example.com/connect:1' });
    if (version.isV1) {
      expect([kc.spec.groupId, kc.spec.configStorageTopic, kc.spec.offsetStorageTopic, kc.spec.statusStorageTopic])
        .toEqual(['connect', 'connect-configs', 'connect-offsets', 'connect-status']);
    } else {
      expect(kc.spec.config['group.id']).toBe('connect');
      expect(kc.spec.config['config.storage.topic']).toBe('connect-configs');
    }
    expect(kc.spec.config['config.storage.replication.factor']).toBe(3);
    const conn = findObject(objs, 'KafkaConnector', 'file-source');
    expect(conn.metadata.labels).toEqual({ 'strimzi.io/cluster': 'connect' });
    expect(conn.spec).toEqual({ class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', tasksMax: 1, config: { file: '/tmp/in', topic: 'orders' }, state: 'paused', autoRestart: { enabled: true } });
  });

  test('KafkaConnect over SCRAM uses the password Secret', () => {
    const { c, kafka } = setup();
    const user = new KafkaUser(c, 'svc', { cluster: kafka, authentication: KafkaUserAuthentication.SCRAM_SHA_512, acls: [KafkaAcl.topic('*', [AclOperation.ALL]), KafkaAcl.group('*', [AclOperation.ALL])] });
    new KafkaConnect(c, 'connect', { cluster: kafka, user });
    const kc = findObject(expectAllValid(chartObjects(c)), 'KafkaConnect', 'connect');
    expect(kc.spec.bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9094');
    expect(kc.spec.tls).toBeUndefined();
    expect(kc.spec.authentication).toEqual({ type: 'scram-sha-512', username: 'svc', passwordSecret: { secretName: 'svc', password: 'password' } });
  });
});

test('the strict validator still rejects a misspelled field in KafkaConnect tls trust (oneOf branches)', () => {
  expect(validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnect', metadata: { name: 'c' }, spec: {
    replicas: 1, bootstrapServers: 'b:9093', groupId: 'g', configStorageTopic: 'c', offsetStorageTopic: 'o', statusStorageTopic: 's',
    tls: { trustedCertificates: [{ secretName: 's', certificat: 'ca.crt' }] },
  } }).join('\n')).toMatch(/additional properties "certificat"/);
});

test('synthesis is deterministic', () => {
  const build = () => {
    const { chart: c, kafka } = cluster({ controllers: { replicas: 3 }, authorization: StrimziAuthorization.simple(), listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    new KafkaUser(c, 'u', { cluster: kafka }).allowConsume('t', 'g');
    new KafkaTopic(c, 't', { cluster: kafka });
    return JSON.stringify(chartObjects(c));
  };
  expect(build()).toEqual(build());
});
