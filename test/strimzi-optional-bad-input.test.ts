/**
 * Bad inputs of KafkaMirrorMaker2, KafkaBridge and KafkaRebalance: each fails at synth with the
 * construct path, the field, the value given, what is allowed and the fix.
 */
import { App, Chart } from 'cdk8s';
import { ListenerAuthentication } from '../lib/kafka';
import {
  BridgeHttpMethod, CruiseControlGoal, KafkaBridge, KafkaMirrorMaker2, KafkaRebalance, KafkaRebalanceMode, KafkaUser, KafkaUserAuthentication,
  MirrorCluster, StrimziCluster, StrimziClusterProps, StrimziVersion,
} from '../lib/strimzi';

function chart(ns = 'kafka') {
  return new Chart(new App(), 'test', { namespace: ns });
}
function cluster(c: Chart, id: string, props: StrimziClusterProps = {}) {
  return new StrimziCluster(c, id, props);
}
const mtls = [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }];

describe('KafkaMirrorMaker2 bad inputs', () => {
  test('MirrorMaker 2 outside the target cluster\'s namespace', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), namespace: 'other' }))
      .toThrow(/test\/mirror: invalid namespace: got "other"; allowed: the namespace of cluster "target" \("kafka"\).*Fix: create it in namespace "kafka"/);
  });

  test('heartbeat connector on Strimzi 1.x (the v1 API has no heartbeatConnector)', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), heartbeats: true }))
      .toThrow(/test\/mirror: invalid heartbeats: got true; allowed: no heartbeat connector on Strimzi 1\.2\.0 \(the v1 KafkaMirrorMaker2 API has no heartbeatConnector\)\. Fix: remove heartbeats.*or target Strimzi 0\.45/);
  });

  test('replication factor above the target\'s brokers, or below its min ISR', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'too-many', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), replicationFactor: 4 }))
      .toThrow(/test\/too-many: invalid replicationFactor: got 4; allowed: at most the target cluster's broker count \(3\)\. Fix: lower replicationFactor to 3 or fewer, or add brokers to the target/);
    expect(() => new KafkaMirrorMaker2(c, 'too-few', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), replicationFactor: 1 }))
      .toThrow(/test\/too-few: invalid replicationFactor: got 1; allowed: at least the target's min\.insync\.replicas \(2\), or MirrorMaker 2's acks=all writes fail\. Fix: raise replicationFactor to 2 or more/);
  });

  test('offset-syncs replication factor above the source\'s brokers (the topic lives on the source)', () => {
    const c = chart();
    const source = cluster(c, 'source', { brokers: 1, listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), offsetSyncsReplicationFactor: 3 }))
      .toThrow(/invalid offsetSyncsReplicationFactor: got 3; allowed: at most the source cluster's broker count \(1\)\. Fix: lower offsetSyncsReplicationFactor to 1 or fewer/);
  });

  test('source listener whose network policy does not admit MirrorMaker 2 pods', () => {
    const c = chart();
    const source = cluster(c, 'source');
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target) }))
      .toThrow(/test\/mirror: invalid source\.listener: got "plain"; allowed: a listener of cluster "source" whose network policies admit these pods .*Fix: add StrimziNetworkPolicyPeer\.pods\(\{ 'strimzi\.io\/kind': 'KafkaMirrorMaker2' \}\).*listener "plain" of cluster "source"/);
  });

  test('TLS source in another namespace (its CA and user Secrets are not readable there)', () => {
    const app = new App();
    const a = new Chart(app, 'a', { namespace: 'east' });
    const b = new Chart(app, 'b', { namespace: 'west' });
    const source = cluster(a, 'source', { listeners: mtls });
    const user = new KafkaUser(a, 'mirror-user', { cluster: source });
    const target = cluster(b, 'target');
    expect(() => new KafkaMirrorMaker2(b, 'mirror', { source: MirrorCluster.of(source, { user }), target: MirrorCluster.of(target) }))
      .toThrow(/b\/mirror: invalid source\.cluster: got "source \(namespace east\)"; allowed: a cluster in namespace "west", or a listener without TLS and authentication.*Fix: copy Secret\(s\) source-cluster-ca-cert, mirror-user into namespace "west" and use MirrorCluster\.external/);
  });

  test('source and target with the same alias, or the same cluster', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'same-alias', { source: MirrorCluster.of(source, { alias: 'dc' }), target: MirrorCluster.of(target, { alias: 'dc' }) }))
      .toThrow(/invalid source\.alias: got "dc"; allowed: an alias other than the target's \("dc"\): the alias prefixes mirrored topic names\. Fix: give source and target different aliases/);
    expect(() => new KafkaMirrorMaker2(c, 'same', { source: MirrorCluster.of(target, { alias: 'a' }), target: MirrorCluster.of(target) }))
      .toThrow(/invalid source: got "a"; allowed: a cluster other than the target\. Fix: mirror between two different clusters/);
  });

  test('external source: malformed bootstrap, TLS credentials without a CA', () => {
    const c = chart();
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'bad-bootstrap', { source: MirrorCluster.external({ alias: 'dc', bootstrapServers: 'kafka.example.com' }), target: MirrorCluster.of(target) }))
      .toThrow(/invalid source\.bootstrapServers: got "kafka\.example\.com"; allowed: a comma-separated list of host:port\. Fix: write it as "kafka-0\.example\.com:9093,kafka-1\.example\.com:9093"/);
    expect(() => new KafkaMirrorMaker2(c, 'no-ca', {
      source: MirrorCluster.external({
        alias: 'dc', bootstrapServers: 'kafka.example.com:9093',
        credentials: { userName: 'm', secretName: 'm', authentication: ListenerAuthentication.TLS, certificateKey: 'user.crt', privateKeyKey: 'user.key' },
      }),
      target: MirrorCluster.of(target),
    })).toThrow(/invalid source\.caSecretName: got undefined; allowed: a CA Secret when the credentials are TLS client certificates.*Fix: set caSecretName/);
  });

  test('connector and worker config keys Strimzi or a typed prop manages', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    const base = { source: MirrorCluster.of(source), target: MirrorCluster.of(target) };
    expect(() => new KafkaMirrorMaker2(c, 'typed', { ...base, sourceConnectorConfig: { 'replication.factor': 2 } }))
      .toThrow(/invalid sourceConnectorConfig\["replication\.factor"\]: got "replication\.factor"; allowed: keys without a typed prop\. Fix: remove it and set replicationFactor instead/);
    expect(() => new KafkaMirrorMaker2(c, 'strimzi', { ...base, checkpointConnectorConfig: { 'tasks.max': 2 } }))
      .toThrow(/invalid checkpointConnectorConfig\["tasks\.max"\]: got "tasks\.max"; allowed: keys Strimzi does not set itself.*Fix: remove it \(use tasksMax for tasks\.max\)/);
    expect(() => new KafkaMirrorMaker2(c, 'worker', { ...base, config: { 'group.id': 'x' } }))
      .toThrow(/invalid config\["group\.id"\]: got "group\.id"; allowed: keys not starting with a prefix Strimzi manages.*Fix: remove it: .*the group and storage topics are derived from mirrorName/);
  });

  test('syncGroupOffsets without checkpoints', () => {
    const c = chart();
    const source = cluster(c, 'source', { listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    const target = cluster(c, 'target');
    expect(() => new KafkaMirrorMaker2(c, 'mirror', { source: MirrorCluster.of(source), target: MirrorCluster.of(target), checkpoints: false, syncGroupOffsets: true }))
      .toThrow(/invalid syncGroupOffsets: got true; allowed: syncGroupOffsets only with checkpoints.*Fix: remove checkpoints: false, or drop syncGroupOffsets/);
  });
});

describe('KafkaBridge bad inputs', () => {
  test('listener requiring authentication without a matching user', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { listeners: mtls });
    expect(() => new KafkaBridge(c, 'bridge', { cluster: k }))
      .toThrow(/test\/bridge: invalid user: got undefined; allowed: a user with tls credentials of cluster "my-cluster" \(listener "tls" authenticates clients\)\. Fix: create a user with tls authentication and pass it as user, or choose a listener without authentication/);
  });

  test('a user of another cluster', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { listeners: mtls });
    const other = cluster(c, 'other', { listeners: mtls });
    const user = new KafkaUser(c, 'u', { cluster: other, authentication: KafkaUserAuthentication.TLS });
    expect(() => new KafkaBridge(c, 'bridge', { cluster: k, user }))
      .toThrow(/invalid user: got "test\/u"; allowed: a user of cluster "my-cluster" \(test\/my-cluster\); this one belongs to "other" \(test\/other\)\. Fix: create the user with cluster: the same cluster object the client connects to/);
  });

  test('HTTP port below 1023', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster');
    expect(() => new KafkaBridge(c, 'bridge', { cluster: k, port: 80 }))
      .toThrow(/test\/bridge: invalid port: got 80; allowed: an integer from 1023 to 65535\. Fix: use a port from 1023 to 65535 \(the KafkaBridge CRD minimum is 1023\), e\.g\. 8080/);
  });

  test('CORS without origins, or with a method twice', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster');
    expect(() => new KafkaBridge(c, 'no-origins', { cluster: k, cors: { allowedOrigins: [] } }))
      .toThrow(/invalid cors\.allowedOrigins: got \[\]; allowed: at least one non-empty origin \(a Java regular expression\)\. Fix: list the origins/);
    expect(() => new KafkaBridge(c, 'dup', { cluster: k, cors: { allowedOrigins: ['.*'], allowedMethods: [BridgeHttpMethod.GET, BridgeHttpMethod.GET] } }))
      .toThrow(/invalid cors\.allowedMethods: got \["GET","GET"\]; allowed: at least one method, each once/);
  });

  test('consumer and producer config keys Strimzi manages', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster');
    expect(() => new KafkaBridge(c, 'c', { cluster: k, consumerConfig: { 'group.id': 'g' } }))
      .toThrow(/invalid consumerConfig\["group\.id"\]: got "group\.id"; allowed: keys not starting with a prefix Strimzi manages \(ssl\., bootstrap\.servers, sasl\., security\., group\.id\)\. Fix: remove it/);
    expect(() => new KafkaBridge(c, 'p', { cluster: k, producerConfig: { 'sasl.mechanism': 'PLAIN' } }))
      .toThrow(/invalid producerConfig\["sasl\.mechanism"\]: got "sasl\.mechanism".*Fix: remove it: bootstrap, TLS and authentication come from the cluster and user props/);
  });

  test('bridge with neither consumer nor producer', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster');
    expect(() => new KafkaBridge(c, 'bridge', { cluster: k, consumer: false, producer: false }))
      .toThrow(/invalid consumer: got false; allowed: the consumer or the producer endpoints enabled.*Fix: enable consumer or producer/);
  });
});

describe('KafkaRebalance bad inputs', () => {
  test('cluster without Cruise Control', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster');
    expect(() => new KafkaRebalance(c, 'rebalance', { cluster: k }))
      .toThrow(/test\/rebalance: invalid cluster: got "my-cluster"; allowed: a cluster running Cruise Control \(KafkaRebalance is executed by it\)\. Fix: set cruiseControl: \{\} in the props of cluster "my-cluster"/);
  });

  test('add/remove modes without brokers; brokers with full mode', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { cruiseControl: {} });
    expect(() => new KafkaRebalance(c, 'add', { cluster: k, mode: KafkaRebalanceMode.ADD_BROKERS }))
      .toThrow(/invalid brokers: got undefined; allowed: at least one broker id with mode add-brokers\. Fix: list the broker ids to move replicas onto, e\.g\. brokers: \[2\]/);
    expect(() => new KafkaRebalance(c, 'full', { cluster: k, brokers: [1] }))
      .toThrow(/invalid brokers: got \[1\]; allowed: brokers only with mode add-brokers or remove-brokers \(Strimzi ignores them otherwise\)\. Fix: drop brokers/);
  });

  test('broker id outside the cluster', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { cruiseControl: {}, brokers: 4, controllers: { replicas: 3 } });
    expect(() => new KafkaRebalance(c, 'add', { cluster: k, mode: KafkaRebalanceMode.ADD_BROKERS, brokers: [4] }))
      .toThrow(/invalid brokers\[0\]: got 4; allowed: an integer from 0 to 3\. Fix: use broker ids of cluster "my-cluster" \(0 to 3\)/);
  });

  test('removing so many brokers that fewer than the replication factor remain', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { cruiseControl: {} });
    expect(() => new KafkaRebalance(c, 'remove', { cluster: k, mode: KafkaRebalanceMode.REMOVE_BROKERS, brokers: [2] }))
      .toThrow(/invalid brokers: got \[2\]; allowed: at most 0 broker\(s\): 2 would remain, fewer than the default replication factor \(3\)\. Fix: remove fewer brokers/);
  });

  test('remove-disks without volumes; duplicate goals', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { version: StrimziVersion.V0_45_2, cruiseControl: {} });
    expect(() => new KafkaRebalance(c, 'disks', { cluster: k, mode: KafkaRebalanceMode.REMOVE_DISKS }))
      .toThrow(/invalid volumes: got undefined; allowed: at least one \{ brokerId, volumeIds \} with mode remove-disks\. Fix: list the volumes to empty/);
    expect(() => new KafkaRebalance(c, 'goals', { cluster: k, goals: [CruiseControlGoal.RACK_AWARE, CruiseControlGoal.RACK_AWARE] }))
      .toThrow(/invalid goals: got \["RackAwareGoal","RackAwareGoal"\]; allowed: at least one goal, each once\. Fix: list each CruiseControlGoal once/);
  });

  test('Cruise Control on a single broker', () => {
    const c = chart();
    const k = cluster(c, 'my-cluster', { cruiseControl: {}, brokers: 1 });
    expect(() => new KafkaRebalance(c, 'rebalance', { cluster: k }))
      .toThrow(/invalid cluster: got "my-cluster \(1 broker\)"; allowed: a cluster with at least two brokers \(Strimzi refuses Cruise Control on one broker\)\. Fix: raise brokers of cluster "my-cluster" to 2 or more/);
  });
});
