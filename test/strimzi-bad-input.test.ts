import { App, Chart } from 'cdk8s';
import { AclOperation, KafkaAcl, KafkaStorage, ListenerAuthentication, ListenerType } from '../lib/kafka';
import {
  ConnectArtifactType, KafkaConnect, KafkaConnector, KafkaTopic, KafkaUser, KafkaUserAuthentication, StrimziAuthorization,
  StrimziCluster, StrimziClusterProps, StrimziVersion,
} from '../lib/strimzi';

function chart(ns = 'kafka') {
  return new Chart(new App(), 'test', { namespace: ns });
}
function cluster(props: StrimziClusterProps = {}, c = chart()) {
  return new StrimziCluster(c, 'my-cluster', props);
}
const secured = (c = chart()) => cluster({
  authorization: StrimziAuthorization.simple(),
  listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
}, c);

// Each case: what is given, the message names construct path, field, value, what is allowed and the fix.
describe('Strimzi bad inputs fail at synth with an actionable message', () => {
  test('listener name not matching ^[a-z0-9]{1,11}$', () => {
    expect(() => cluster({ listeners: [{ name: 'External_1', port: 9094 }] }))
      .toThrow(/test\/my-cluster: invalid listeners\[0\]\.name: got "External_1"; allowed: lower-case letters and digits only, 1 to 11 characters.*Fix: rename the listener, e\.g\. "external1"/);
  });

  test('listener port below 9092', () => {
    expect(() => cluster({ listeners: [{ name: 'plain', port: 9091 }] }))
      .toThrow(/invalid listeners\[0\]\.port: got 9091; allowed: an integer from 9092 to 65535 except 9404 \(metrics\) and 9999 \(JMX\)\. Fix: pick another port/);
  });

  test('listener port 9404 (metrics) or 9999 (JMX)', () => {
    expect(() => cluster({ listeners: [{ name: 'plain', port: 9404 }] })).toThrow(/invalid listeners\[0\]\.port: got 9404; allowed: .*except 9404/);
    expect(() => cluster({ listeners: [{ name: 'plain', port: 9999 }] })).toThrow(/invalid listeners\[0\]\.port: got 9999; allowed: .*9999 \(JMX\)/);
  });

  test('tls authentication on a non-TLS listener', () => {
    expect(() => cluster({ listeners: [{ name: 'mtls', port: 9093, authentication: ListenerAuthentication.TLS }] }))
      .toThrow(/invalid listeners\[0\]\.authentication: got "tls"; allowed: tls authentication only on a listener with tls: true\. Fix: set tls: true on listener "mtls" or choose scram-sha-512/);
  });

  test('route or ingress listener without tls', () => {
    expect(() => cluster({ listeners: [{ name: 'route', port: 9094, type: ListenerType.ROUTE }] }))
      .toThrow(/invalid listeners\[0\]\.tls: got false; allowed: true for route listeners.*Fix: set tls: true on listener "route"/);
    expect(() => cluster({ listeners: [{ name: 'ing', port: 9094, type: ListenerType.INGRESS }] }))
      .toThrow(/invalid listeners\[0\]\.tls: got false; allowed: true for ingress listeners/);
  });

  test('ingress listener without hosts', () => {
    expect(() => cluster({ listeners: [{ name: 'ing', port: 9094, type: ListenerType.INGRESS, tls: true, bootstrap: { host: 'b.example.com' } }] }))
      .toThrow(/invalid listeners\[0\]\.brokers: got \[\]; allowed: a host for every broker 0\.\.2.*Fix: add \{ broker: 0, host: "broker-0\.example\.com" \}/);
  });

  test('duplicate listener names and ports', () => {
    expect(() => cluster({ listeners: [{ name: 'plain', port: 9092 }, { name: 'plain', port: 9093 }] }))
      .toThrow(/invalid listeners\[1\]\.name: got "plain"; allowed: a name not used by another listener.*Fix: give every listener a unique name/);
    expect(() => cluster({ listeners: [{ name: 'a', port: 9092 }, { name: 'b', port: 9092 }] }))
      .toThrow(/invalid listeners\[1\]\.port: got 9092; allowed: a port not used by another listener \(listener "a" has it\)/);
  });

  test('forbidden Strimzi config keys', () => {
    expect(() => cluster({ config: { 'listeners': 'PLAINTEXT://:9092' } }))
      .toThrow(/invalid config\["listeners"\]: got "listeners"; allowed: keys not starting with a prefix the Strimzi operator manages.*Fix: remove it and use the typed prop/);
    expect(() => cluster({ config: { 'ssl.keystore.location': '/x' } })).toThrow(/invalid config\["ssl\.keystore\.location"\]/);
    expect(() => cluster({ config: { 'ssl.cipher.suites': 'TLS_AES_256_GCM_SHA384' } })).not.toThrow();
  });

  test('replication keys in config point to the replication prop', () => {
    expect(() => cluster({ config: { 'min.insync.replicas': 1 } }))
      .toThrow(/invalid config\["min\.insync\.replicas"\].*Fix: remove it and set replication\.minInsyncReplicas instead/);
  });

  test('ZooKeeper requested on Strimzi 1.x', () => {
    expect(() => cluster({ zookeeper: { replicas: 3 } }))
      .toThrow(/invalid zookeeper: got \{"replicas":3\}; allowed: no ZooKeeper on Strimzi 1\.2\.0 \(KRaft only since 0\.46\).*Fix: remove the zookeeper prop.*or set version: StrimziVersion\.V0_45_2/);
  });

  test('dedicated controllers: even count, none in ZooKeeper mode', () => {
    expect(() => cluster({ controllers: { replicas: 2 } }))
      .toThrow(/test\/my-cluster: invalid controllers\.replicas: got 2; allowed: an odd number of KRaft voters from 1 to 9 \(an even quorum tolerates no more failures than the odd one below it, a larger one only slows every commit\)\. Fix: use 1 or 3 controllers/);
    expect(() => cluster({ controllers: { replicas: 0 } }))
      .toThrow(/invalid controllers\.replicas: got 0; allowed: an integer >= 1\. Fix: set controllers\.replicas to an odd number from 1 to 9, e\.g\. 3 \(or remove controllers for combined nodes\)/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { replicas: 3 }, controllers: { replicas: 3 } }))
      .toThrow(/invalid controllers: got \{"replicas":3\}; allowed: no controllers in ZooKeeper mode \(controllers are a KRaft concept\)\. Fix: remove controllers or drop the zookeeper prop/);
  });

  test('node pool names: DNS-1123, short enough for pod names, distinct, KRaft only', () => {
    expect(() => cluster({ nodePoolNames: { dualRole: 'Dual_Role' } }))
      .toThrow(/test\/my-cluster: invalid nodePoolNames\.dualRole: got "Dual_Role"; allowed: a DNS-1123 label of at most 47 characters.*Fix: rename it, e\.g\. "dual-role"/);
    expect(() => cluster({ clusterName: 'a'.repeat(40), nodePoolNames: { broker: 'b'.repeat(18) } }))
      .toThrow(/invalid nodePoolNames\.broker: got "b{18}"; allowed: a DNS-1123 label of at most 17 characters/);
    expect(() => cluster({ controllers: { replicas: 3 }, nodePoolNames: { controller: 'pool', broker: 'pool' } }))
      .toThrow(/invalid nodePoolNames\.broker: got "pool"; allowed: a name other than the controller pool's \("pool"\)\. Fix: give the controller and broker pools different names/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { replicas: 3 }, nodePoolNames: { dualRole: 'x' } }))
      .toThrow(/invalid nodePoolNames: got \{"dualRole":"x"\}; allowed: unset in ZooKeeper mode \(node pools are a KRaft concept\)\. Fix: remove nodePoolNames or drop the zookeeper prop/);
  });

  test('even ZooKeeper ensemble', () => {
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { replicas: 2 } }))
      .toThrow(/invalid zookeeper\.replicas: got 2; allowed: an odd number.*Fix: use 1 or 3/);
  });

  test('oauth listener authentication on v1', () => {
    expect(() => cluster({ listeners: [{ name: 'oauth', port: 9092, authentication: ListenerAuthentication.OAUTH }] }))
      .toThrow(/invalid listeners\[0\]\.authentication: got "oauth"; allowed: none, tls, scram-sha-512, custom\. Fix: Strimzi 1\.x removed oauth: use ListenerAuthentication\.CUSTOM/);
  });

  test('opa and keycloak authorization on v1', () => {
    expect(() => cluster({ authorization: StrimziAuthorization.opa({ url: 'http://opa' }) }))
      .toThrow(/invalid authorization\.type: got "opa"; allowed: simple or custom on Strimzi 1\.2\.0 \(v1 removed opa and keycloak\)\. Fix: use StrimziAuthorization\.simple\(\), or StrimziAuthorization\.custom/);
    expect(() => cluster({ authorization: StrimziAuthorization.keycloak({ tokenEndpointUri: 'https://kc/token', clientId: 'kafka' }) }))
      .toThrow(/invalid authorization\.type: got "keycloak"/);
  });

  test('unsupported Kafka version for the Strimzi release', () => {
    expect(() => cluster({ kafkaVersion: '3.9.0' }))
      .toThrow(/invalid kafkaVersion: got "3\.9\.0"; allowed: a Kafka version Strimzi 1\.2\.0 supports \(4\.2\.0, 4\.3\.0, 4\.3\.1\)\. Fix: use one of them, or pick the Strimzi release/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, kafkaVersion: '4.3.1' })).toThrow(/Strimzi 0\.45\.2 supports \(3\.8\.0/);
  });

  test('metadata version above the Kafka version', () => {
    expect(() => cluster({ kafkaVersion: '4.2.0', metadataVersion: '4.3-IV0' }))
      .toThrow(/invalid metadataVersion: got "4\.3-IV0"; allowed: X\.Y or X\.Y-IVn from 3\.3 up to the Kafka version's 4\.2.*Fix: set metadataVersion to e\.g\. "4\.2-IV1"/);
  });

  test('heap at or above the memory limit', () => {
    expect(() => cluster({ resources: { memoryRequest: '2Gi' }, heap: '2g' }))
      .toThrow(/invalid heap: got "2g"; allowed: less than the container memory limit \(2Gi\).*Fix: lower the heap to about 1536m or raise resources\.memoryLimit/);
  });

  test('cluster min ISR above the replication factor', () => {
    expect(() => cluster({ replication: { defaultReplicationFactor: 2, minInsyncReplicas: 3 } }))
      .toThrow(/invalid replication\.minInsyncReplicas: got 3; allowed: at most defaultReplicationFactor \(2\)/);
  });

  test('kraftMetadata on non-JBOD storage, JBOD for ZooKeeper', () => {
    expect(() => cluster({ storage: KafkaStorage.persistent({ kraftMetadata: true }) }))
      .toThrow(/invalid storage\.kraftMetadata: got true; allowed: kraftMetadata only on a JBOD volume.*Fix: remove kraftMetadata, or use KafkaStorage\.jbod/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { storage: KafkaStorage.jbod([{ size: '1Gi' }]) } }))
      .toThrow(/invalid zookeeper\.storage: got "jbod"; allowed: ephemeral or persistent-claim/);
  });

  // Found by `npm run strimzi-check`: KafkaSpecChecker/ZooKeeperSpecChecker warn (KafkaStorage, ZooKeeperStorage).
  test('a single broker, controller or ZooKeeper node on ephemeral storage', () => {
    const eph = KafkaStorage.ephemeral();
    expect(() => cluster({ brokers: 1, storage: eph }))
      .toThrow(/test\/my-cluster: invalid storage: got "ephemeral"; allowed: persistent storage for a single broker .*Fix: use KafkaStorage\.persistent\(\.\.\.\), or run at least 2 brokers/);
    expect(() => cluster({ brokers: 1, storage: eph, controllers: { replicas: 3, storage: eph } })).toThrow(/invalid storage: got "ephemeral"/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, brokers: 1, storage: eph, zookeeper: { replicas: 3, storage: eph } }))
      .toThrow(/invalid storage: got "ephemeral"; allowed: persistent storage for a single broker/);
    expect(() => cluster({ controllers: { replicas: 1, storage: eph } }))
      .toThrow(/invalid controllers\.storage: got "ephemeral"; allowed: persistent storage for a single controller/);
    expect(() => cluster({ version: StrimziVersion.V0_45_2, zookeeper: { replicas: 1, storage: eph } }))
      .toThrow(/invalid zookeeper\.storage: got "ephemeral"; allowed: persistent storage for a single ZooKeeper node/);
    // Two or more nodes on emptyDir, or a single node on a volume, are fine.
    expect(() => cluster({ brokers: 2, storage: eph, controllers: { replicas: 3, storage: eph } })).not.toThrow();
    expect(() => cluster({ brokers: 1, controllers: { replicas: 3, storage: eph } })).not.toThrow();
    expect(() => cluster({ version: StrimziVersion.V0_45_2, brokers: 1, zookeeper: { replicas: 1 } })).not.toThrow();
  });

  test('topic replicas above the broker count', () => {
    const c = chart();
    const kafka = cluster({}, c);
    expect(() => new KafkaTopic(c, 'orders', { cluster: kafka, replicas: 4 }))
      .toThrow(/test\/orders: invalid topics\[orders\]\.replicas: got 4; allowed: at most the cluster's broker count \(3\)\. Fix: lower replicas to 3 or fewer, or add brokers/);
  });

  test('topic min ISR above its replication factor', () => {
    const c = chart();
    const kafka = cluster({}, c);
    expect(() => new KafkaTopic(c, 'orders', { cluster: kafka, replicas: 2, config: { 'min.insync.replicas': 3 } }))
      .toThrow(/invalid topics\[orders\]\.config\["min\.insync\.replicas"\]: got 3; allowed: at most the topic's replicas \(2\)/);
    expect(() => new KafkaTopic(c, 'small', { cluster: kafka, replicas: 1 }))
      .toThrow(/invalid topics\[small\]\.replicas: got 1; allowed: at least the cluster's min\.insync\.replicas \(2\).*Fix: raise replicas to 2/);
  });

  test('topic replicas: a whole number of at least 1; min ISR equal to replicas is fine', () => {
    const c = chart();
    const kafka = cluster({}, c);
    expect(() => new KafkaTopic(c, 'none', { cluster: kafka, replicas: 0 }))
      .toThrow(/test\/none: invalid topics\[none\]\.replicas: got 0; allowed: an integer >= 1\. Fix: set topics\[none\]\.replicas to at least 1/);
    expect(() => new KafkaTopic(c, 'all', { cluster: kafka, replicas: 3, config: { 'min.insync.replicas': 3 } })).not.toThrow();
  });

  test('KafkaTopic and KafkaUser in another namespace than their cluster', () => {
    const app = new App();
    const kafkaChart = new Chart(app, 'kafka', { namespace: 'kafka' });
    const kafka = secured(kafkaChart);
    const apps = new Chart(app, 'apps', { namespace: 'apps' });
    expect(() => new KafkaTopic(apps, 'orders', { cluster: kafka }))
      .toThrow(/apps\/orders: invalid namespace: got "apps"; allowed: the namespace of cluster "my-cluster" \("kafka"\).*Fix: create it in namespace "kafka"/);
    expect(() => new KafkaUser(apps, 'app', { cluster: kafka }))
      .toThrow(/apps\/app: invalid namespace: got "apps"; allowed: the namespace of cluster "my-cluster"/);
    expect(() => new KafkaTopic(kafkaChart, 'orders', { cluster: kafka, namespace: 'other' })).toThrow(/invalid namespace: got "other"/);
  });

  test('connector on a Connect without connector resources', () => {
    const c = chart();
    const kafka = cluster({ listeners: [{ name: 'plain', port: 9092 }] }, c);
    const connect = new KafkaConnect(c, 'connect', { cluster: kafka, useConnectorResources: false });
    expect(() => new KafkaConnector(c, 'src', { connect, connectorClass: 'org.apache.kafka.connect.file.FileStreamSourceConnector' }))
      .toThrow(/test\/src: invalid connect: got "connect"; allowed: a KafkaConnect with useConnectorResources true \(strimzi\.io\/use-connector-resources: "true"\).*Fix: remove useConnectorResources: false/);
  });

  test('Connect without the credentials its listener requires', () => {
    const c = chart();
    const kafka = secured(c);
    expect(() => new KafkaConnect(c, 'connect', { cluster: kafka }))
      .toThrow(/invalid user: got undefined; allowed: a user with tls credentials of cluster "my-cluster" \(listener "tls" authenticates clients\)/);
  });

  test('Connect config keys Strimzi manages', () => {
    const c = chart();
    const kafka = cluster({ listeners: [{ name: 'plain', port: 9092 }] }, c);
    expect(() => new KafkaConnect(c, 'connect', { cluster: kafka, config: { 'bootstrap.servers': 'x:9092' } }))
      .toThrow(/invalid config\["bootstrap\.servers"\]: got "bootstrap\.servers"; allowed: keys not starting with a prefix Strimzi manages/);
    expect(() => new KafkaConnect(c, 'connect2', { cluster: kafka, config: { 'group.id': 'x' } }))
      .toThrow(/invalid config\["group\.id"\].*Fix: remove it and set groupId instead/);
  });

  test('Connect build artifact URL the CRD would reject', () => {
    const c = chart();
    const kafka = cluster({ listeners: [{ name: 'plain', port: 9092 }] }, c);
    expect(() => new KafkaConnect(c, 'connect', {
      cluster: kafka,
      imageBuild: { outputImage: 'registry.example.com/connect:1', plugins: [{ name: 'p', artifacts: [{ type: ConnectArtifactType.TGZ, url: 'https://…/plugin.tgz' }] }] },
    })).toThrow('test/connect: invalid imageBuild.plugins[0].artifacts[0].url: got "https://…/plugin.tgz"; allowed: an http(s) or ftp URL matching the Strimzi CRD pattern (no spaces or "…"). Fix: give the full download URL of the artifact, e.g. "https://repo1.maven.org/maven2/.../plugin.tgz"');
  });

  test('ACLs on a cluster without authorization', () => {
    const c = chart();
    const kafka = cluster({ listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] }, c);
    expect(() => new KafkaUser(c, 'app', { cluster: kafka }).allowProduce('orders'))
      .toThrow(/invalid acls: got "topic:orders"; allowed: ACLs only on a cluster with authorization\. Fix: set authorization: StrimziAuthorization\.simple\(\)/);
  });

  test('ACL operation not defined for the resource type', () => {
    const c = chart();
    const kafka = secured(c);
    expect(() => new KafkaUser(c, 'app', { cluster: kafka, acls: [KafkaAcl.group('g', [AclOperation.WRITE])] }))
      .toThrow(/invalid acls\[0\]\.operations: got "Write"; allowed: operations Kafka defines for group resources \(Read, Delete, Describe, All\)/);
  });

  test('user authentication no listener accepts', () => {
    const c = chart();
    const kafka = secured(c);
    expect(() => new KafkaUser(c, 'app', { cluster: kafka, authentication: KafkaUserAuthentication.SCRAM_SHA_512 }))
      .toThrow(/invalid authentication: got "scram-sha-512"; allowed: an authentication one of the cluster's listeners accepts \(tls: tls\).*Fix: add a listener with authentication scram-sha-512/);
  });

  test('per-broker settings on an internal listener, unknown broker id', () => {
    expect(() => cluster({ listeners: [{ name: 'plain', port: 9092, brokers: [{ broker: 0, host: 'x' }] }] }))
      .toThrow(/invalid listeners\[0\]\.brokers: got "internal"; allowed: bootstrap\/brokers settings only on external listener types/);
    expect(() => cluster({ listeners: [{ name: 'np', port: 9094, type: ListenerType.NODE_PORT, brokers: [{ broker: 5, nodePort: 32000 }] }] }))
      .toThrow(/invalid listeners\[0\]\.brokers\[0\]\.broker: got 5; allowed: an integer from 0 to 2/);
  });

  test('CA renewal not shorter than validity', () => {
    expect(() => cluster({ clusterCa: { validityDays: 30, renewalDays: 30 } }))
      .toThrow(/invalid clusterCa\.renewalDays: got 30; allowed: fewer days than validityDays \(30\)/);
  });
});
