/**
 * One typed model for two back ends: a single `KafkaClusterProps` object configures raw
 * StatefulSets (`KafkaBrokers`) and Strimzi custom resources (`StrimziCluster`) alike, both
 * synthesize strictly valid objects, and what the model says is what both render.
 */
import { App, Chart } from 'cdk8s';
import {
  KafkaClusterProps, KafkaLabels, KafkaListenerOptions, KafkaStorage, ListenerAuthentication,
} from '../lib/kafka';
import { QUORUM_RULE } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps } from '../lib/raw';
import { StrimziCluster, StrimziClusterProps } from '../lib/strimzi';
import { serverProperties } from './support/kafka-objects';
import { chartObjects, expectAllValid, findObject, findObjects } from './support/validate';

/** The shared props plus listeners of the shared listener type (each flavour's listener type extends it). */
type SharedProps = KafkaClusterProps & { readonly listeners?: KafkaListenerOptions[] };

const shared: SharedProps = {
  clusterName: 'orders',
  namespace: 'kafka',
  brokers: 5,
  listeners: [
    { name: 'plain', port: 9092 },
    { name: 'scram', port: 9095, authentication: ListenerAuthentication.SCRAM_SHA_512 },
  ],
  storage: KafkaStorage.persistent({ size: '200Gi', storageClass: 'fast' }),
  resources: { cpuRequest: '1', memoryRequest: '4Gi' },
  heap: '2g',
  replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2, offsetsTopicReplicationFactor: 5 },
  config: { 'compression.type': 'zstd', 'message.max.bytes': 2097152 },
  controllers: { replicas: 3, storage: KafkaStorage.persistent({ size: '20Gi' }), resources: { cpuRequest: '500m', memoryRequest: '2Gi' }, heap: '1g' },
};

function build(props: SharedProps = shared) {
  // Both props types accept the shared object as it is (checked by tsc).
  const rawProps: KafkaBrokersProps = props;
  const strimziProps: StrimziClusterProps = props;
  const rawChart = new Chart(new App(), 'raw');
  const raw = new KafkaBrokers(rawChart, 'kafka', rawProps);
  const strimziChart = new Chart(new App(), 'strimzi');
  const strimzi = new StrimziCluster(strimziChart, 'kafka', strimziProps);
  return {
    raw, strimzi,
    rawObjects: expectAllValid(chartObjects(rawChart)),
    strimziObjects: expectAllValid(chartObjects(strimziChart)),
  };
}

const heapOf = (sts: any) => sts.spec.template.spec.containers[0].env.find((e: any) => e.name === 'KAFKA_HEAP_OPTS').value;
const quantities = (r: any) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? String(v) : v)));

describe('one KafkaClusterProps object, two back ends', () => {
  const { raw, strimzi, rawObjects, strimziObjects } = build();
  const rawBrokers = findObject(rawObjects, 'StatefulSet', 'orders-kafka');
  const rawControllers = findObject(rawObjects, 'StatefulSet', 'orders-controller');
  const kafka = findObject(strimziObjects, 'Kafka', 'orders');
  const brokerPool = findObject(strimziObjects, 'KafkaNodePool', 'broker');
  const controllerPool = findObject(strimziObjects, 'KafkaNodePool', 'controller');

  test('name, namespace, client labels and broker count agree', () => {
    for (const c of [raw, strimzi]) {
      expect(c.clusterName).toBe('orders');
      expect(c.namespace).toBe('kafka');
      expect(c.brokerCount).toBe(5);
      expect(c.clientLabels).toEqual({ [KafkaLabels.CLIENT_OF]: 'orders' });
    }
    expect(rawBrokers.spec.replicas).toBe(5);
    expect(brokerPool.spec.replicas).toBe(5);
    expect(brokerPool.spec.roles).toEqual(['broker']);
  });

  test('replication settings agree, and both render them into the broker config', () => {
    expect(raw.replication).toEqual(strimzi.replication);
    expect(raw.replication).toEqual({
      defaultReplicationFactor: 3, minInsyncReplicas: 2, offsetsTopicReplicationFactor: 5,
      transactionStateLogReplicationFactor: 3, transactionStateLogMinIsr: 2,
    });
    const rawConfig = serverProperties(rawObjects, 'orders-kafka-config');
    for (const [key, value] of Object.entries({
      'default.replication.factor': 3, 'min.insync.replicas': 2, 'offsets.topic.replication.factor': 5,
      'compression.type': 'zstd', 'message.max.bytes': 2097152,
    })) {
      expect(rawConfig[key]).toBe(String(value));
      expect(kafka.spec.kafka.config[key]).toBe(value);
    }
    // Disruption budgets follow the same replication: RF − min ISR brokers may be down.
    expect(findObject(rawObjects, 'PodDisruptionBudget', 'orders-kafka').spec.maxUnavailable).toBe(1);
    expect(kafka.spec.kafka.template.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
  });

  test('listeners agree: names, ports, security protocols, SASL mechanism', () => {
    const view = (c: KafkaBrokers | StrimziCluster) => c.clientListeners.map(l => ({
      name: l.name, port: l.port, type: l.type, securityProtocol: l.securityProtocol, saslMechanism: l.saslMechanism,
    }));
    expect(view(raw)).toEqual(view(strimzi));
    expect(view(raw)).toEqual([
      { name: 'plain', port: 9092, type: 'internal', securityProtocol: 'PLAINTEXT', saslMechanism: undefined },
      { name: 'scram', port: 9095, type: 'internal', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512' },
    ]);
    expect(kafka.spec.kafka.listeners.map((l: any) => [l.name, l.port, l.tls, l.authentication?.type])).toEqual([
      ['plain', 9092, false, undefined], ['scram', 9095, false, 'scram-sha-512'],
    ]);
    expect(findObject(rawObjects, 'Service', 'orders-kafka-bootstrap').spec.ports.map((p: any) => [p.name, p.port]))
      .toEqual([['plain', 9092], ['scram', 9095]]);
  });

  test('network policies (default on) admit the client-labelled pods on the listener ports', () => {
    const clientRule = findObject(rawObjects, 'NetworkPolicy', 'orders-kafka').spec.ingress[1];
    expect(clientRule.from).toEqual([{ podSelector: { matchLabels: raw.clientLabels } }]);
    expect(clientRule.ports.map((p: any) => p.port)).toEqual([9092, 9095]);
    for (const l of kafka.spec.kafka.listeners) {
      expect(l.networkPolicyPeers).toEqual([{ podSelector: { matchLabels: strimzi.clientLabels } }]);
    }
  });

  test('broker heap: KAFKA_HEAP_OPTS (raw) and jvmOptions (Strimzi); resources agree', () => {
    expect(heapOf(rawBrokers)).toBe('-Xms2g -Xmx2g');
    expect(brokerPool.spec.jvmOptions).toEqual({ '-Xms': '2g', '-Xmx': '2g' });
    const expected = { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } };
    expect(quantities(rawBrokers.spec.template.spec.containers[0].resources)).toEqual(expected);
    expect(quantities(brokerPool.spec.resources)).toEqual(expected);
  });

  test('broker storage: a 200Gi claim of class fast in both', () => {
    const [claim] = rawBrokers.spec.volumeClaimTemplates;
    expect(claim.spec.resources.requests.storage).toBe('200Gi');
    expect(claim.spec.storageClassName).toBe('fast');
    expect(brokerPool.spec.storage).toEqual({ type: 'persistent-claim', size: '200Gi', class: 'fast', deleteClaim: false });
  });

  test('dedicated controllers: 3 of them, with their storage, resources and heap, in both', () => {
    expect(rawControllers.spec.replicas).toBe(3);
    expect(controllerPool.spec.replicas).toBe(3);
    expect(controllerPool.spec.roles).toEqual(['controller']);
    expect(serverProperties(rawObjects, 'orders-kafka-config')['controller.quorum.voters'].split(',')).toHaveLength(3);
    expect(rawControllers.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(controllerPool.spec.storage).toEqual({ type: 'persistent-claim', size: '20Gi', deleteClaim: false });
    expect(heapOf(rawControllers)).toBe('-Xms1g -Xmx1g');
    expect(controllerPool.spec.jvmOptions).toEqual({ '-Xms': '1g', '-Xmx': '1g' });
    const expected = { requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: '2Gi' } };
    expect(quantities(rawControllers.spec.template.spec.containers[0].resources)).toEqual(expected);
    expect(quantities(controllerPool.spec.resources)).toEqual(expected);
    expect(findObjects(strimziObjects, 'KafkaNodePool').map(p => [p.metadata.name, p.spec.replicas])).toEqual([['controller', 3], ['broker', 5]]);
  });
});

describe('shared defaults and switches', () => {
  test('without props both derive the cluster name from the construct id and run 3 combined nodes', () => {
    const rawChart = new Chart(new App(), 'raw', { namespace: 'kafka' });
    const strimziChart = new Chart(new App(), 'strimzi', { namespace: 'kafka' });
    const raw = new KafkaBrokers(rawChart, 'Payments');
    const strimzi = new StrimziCluster(strimziChart, 'Payments');
    expect([raw.clusterName, strimzi.clusterName]).toEqual(['payments', 'payments']);
    expect([raw.brokerCount, strimzi.brokerCount]).toEqual([3, 3]);
    expect(raw.replication).toEqual(strimzi.replication);
    expect(findObjects(chartObjects(rawChart), 'StatefulSet').map(s => s.metadata.name)).toEqual(['payments-kafka']);
    expect(findObjects(chartObjects(strimziChart), 'KafkaNodePool').map(p => [p.metadata.name, p.spec.roles, p.spec.replicas]))
      .toEqual([['dual-role', ['controller', 'broker'], 3]]);
  });

  test('networkPolicies: false: no NetworkPolicy (raw), no default networkPolicyPeers (Strimzi)', () => {
    const { rawObjects, strimziObjects } = build({ ...shared, networkPolicies: false });
    expect(findObjects(rawObjects, 'NetworkPolicy')).toEqual([]);
    for (const l of findObject(strimziObjects, 'Kafka', 'orders').spec.kafka.listeners) expect(l.networkPolicyPeers).toBeUndefined();
  });

  test('the one quorum rule: any broker count with dedicated controllers, an odd one up to 9 without', () => {
    for (const props of [{ brokers: 4, controllers: { replicas: 3 } }, { brokers: 9 }, { brokers: 1 }]) {
      expect(() => new KafkaBrokers(new Chart(new App(), 'c', { namespace: 'kafka' }), 'kafka', props)).not.toThrow();
      expect(() => new StrimziCluster(new Chart(new App(), 'c', { namespace: 'kafka' }), 'kafka', props)).not.toThrow();
    }
  });

  test('the same bad input fails the same way in both: field names follow the shared props', () => {
    const bad = (props: KafkaClusterProps, re: RegExp) => {
      expect(() => new KafkaBrokers(new Chart(new App(), 'c', { namespace: 'kafka' }), 'kafka', props)).toThrow(re);
      expect(() => new StrimziCluster(new Chart(new App(), 'c', { namespace: 'kafka' }), 'kafka', props)).toThrow(re);
    };
    bad({ clusterName: 'Orders_1' }, /^c\/kafka: invalid clusterName: got "Orders_1"; allowed: a DNS-1123 label of at most 40 characters.*Fix: rename it, e\.g\. "orders-1"/);
    bad({ brokers: 0 }, /^c\/kafka: invalid brokers: got 0; allowed: an integer from 1 to 1000\. Fix: set brokers to/);
    bad({ controllers: { replicas: 4 } }, /^c\/kafka: invalid controllers\.replicas: got 4; allowed: an odd number of KRaft voters from 1 to 9 .*Fix: use 3 or 5 controllers/);
    bad({ controllers: { replicas: 11 } }, /^c\/kafka: invalid controllers\.replicas: got 11; allowed: an odd number of KRaft voters from 1 to 9 .*Fix: use 9 controllers/);
    bad({ brokers: 2, controllers: { replicas: 3 }, replication: { defaultReplicationFactor: 3 } }, /^c\/kafka: invalid replication\.defaultReplicationFactor: got 3/);
    // One quorum rule for every way of making voters: combined nodes (every broker votes) and dedicated controllers.
    bad({ brokers: 4 }, /^c\/kafka: invalid brokers: got 4; allowed: an odd number of KRaft voters from 1 to 9 .*; without dedicated controllers every broker is a voter\. Fix: use 3 or 5 brokers, or add dedicated controllers/);
    bad({ brokers: 11 }, /^c\/kafka: invalid brokers: got 11; allowed: an odd number of KRaft voters from 1 to 9 .*Fix: use 9 brokers, or add dedicated controllers/);
    // The rule itself reads the same for both ways of making voters, in both flavours.
    const allowedOf = (props: KafkaClusterProps, flavour: 'raw' | 'strimzi') => {
      const c = new Chart(new App(), 'c', { namespace: 'kafka' });
      try { flavour === 'raw' ? new KafkaBrokers(c, 'kafka', props) : new StrimziCluster(c, 'kafka', props); } catch (e) { return (e as Error).message.replace(/^.*; allowed: (.*?)(; without .*)?\. Fix: .*$/, '$1'); }
      throw new Error('accepted');
    };
    const rules = (['raw', 'strimzi'] as const).flatMap(f => [2, 4, 10, 11].flatMap(n => [allowedOf({ brokers: n }, f), allowedOf({ brokers: 3, controllers: { replicas: n } }, f)]));
    expect(new Set(rules)).toEqual(new Set([QUORUM_RULE]));
    // Counts must be whole numbers; without an upper bound the message says so.
    bad({ brokers: 2.5 }, /^c\/kafka: invalid brokers: got 2\.5; allowed: an integer from 1 to 1000\. Fix: set brokers to a value between 1 and 1000$/);
    bad({ replication: { defaultReplicationFactor: 0 } },
      /^c\/kafka: invalid replication\.defaultReplicationFactor: got 0; allowed: an integer >= 1\. Fix: set replication\.defaultReplicationFactor to at least 1$/);
    bad({ replication: { minInsyncReplicas: 1.5 } }, /^c\/kafka: invalid replication\.minInsyncReplicas: got 1\.5; allowed: an integer >= 1\./);
    bad({ replication: { transactionStateLogMinIsr: 4 } },
      /^c\/kafka: invalid replication\.transactionStateLogMinIsr: got 4; allowed: at most transactionStateLogReplicationFactor \(3\)\./);
    // The suggested sizes: the odd neighbours up to 9 voters, never above.
    bad({ brokers: 8 }, /^c\/kafka: invalid brokers: got 8; allowed: an odd number .*Fix: use 7 or 9 brokers, or add dedicated controllers/);
    bad({ brokers: 10 }, /^c\/kafka: invalid brokers: got 10; allowed: an odd number .*Fix: use 9 brokers, or add dedicated controllers/);
    bad({ controllers: { replicas: 8 } }, /^c\/kafka: invalid controllers\.replicas: got 8; allowed: an odd number of KRaft voters from 1 to 9 .*Fix: use 7 or 9/);
    bad({ controllers: { replicas: 11 } }, /^c\/kafka: invalid controllers\.replicas: got 11; allowed: an odd number of KRaft voters from 1 to 9 .*Fix: use 9 controllers$/);
    bad({ heap: '2g' }, /^c\/kafka: invalid heap: got "2g"; allowed: less than the container memory limit \(2Gi\)/);
    bad({ controllers: { replicas: 3, heap: '1g' } }, /^c\/kafka: invalid controllers\.heap: got "1g"; allowed: less than the container memory limit \(1Gi\)/);
  });
});
