/**
 * The shared cluster model (lib/kafka/model) on its own, and the rules that used to drift between
 * the back ends, checked across both flavours' rendered output.
 */
import { App, Chart } from 'cdk8s';
import { KafkaStorage, ListenerAuthentication, ListenerType, NODE_ID_RANGES, resolveClusterModel } from '../lib/kafka';
import { KafkaBrokers } from '../lib/raw';
import { rawRules } from '../lib/raw/raw-rules';
import { KafkaBridge, KafkaConnect, StrimziCluster, StrimziNetworkPolicyPeer, StrimziVersion } from '../lib/strimzi';
import { strimziRules } from '../lib/strimzi/strimzi-rules';
import { SampleApp } from '../lib/sample-app';
import { serverProperties } from './support/kafka-objects';
import { chartObjects, findObject } from './support/validate';

const POOL_NAMES = { dualRole: 'dual-role', controller: 'controller', broker: 'broker' };
const chart = () => new Chart(new App(), 'c', { namespace: 'kafka' });
const raw = (input: Parameters<typeof resolveClusterModel>[1]) => resolveClusterModel(chart(), input, rawRules(input.mode === 'kraft'));
const strimzi = (input: Parameters<typeof resolveClusterModel>[1]) =>
  resolveClusterModel(chart(), input, strimziRules(StrimziVersion.V1_2_0, POOL_NAMES, input.mode === 'zookeeper'));

describe('resolveClusterModel', () => {
  test('combined KRaft nodes: one dual-role pool, ids 0..n-1, every node votes', () => {
    const m = raw({ clusterName: 'k', brokers: 3, mode: 'kraft', kafkaVersion: '4.3.1' });
    expect(m.pools.map(p => [p.key, p.name, p.roles, p.firstId, p.replicas])).toEqual([['dual-role', 'k-kafka', ['controller', 'broker'], 0, 3]]);
    expect(m.pools[0].nodes.map(n => n.id)).toEqual([0, 1, 2]);
    expect(m.quorum).toEqual({ voterPool: 'dual-role', voters: m.pools[0].nodes });
  });

  test('dedicated controllers: controllers from 1000, brokers from 0, only controllers vote', () => {
    for (const resolve of [raw, strimzi]) {
      const m = resolve({ clusterName: 'k', brokers: 4, controllers: { replicas: 3 }, mode: 'kraft', kafkaVersion: '4.3.1' });
      const byKey = Object.fromEntries(m.pools.map(p => [p.key, p]));
      expect(byKey.broker.nodes.map(n => n.id)).toEqual([0, 1, 2, 3]);
      expect(byKey.broker.roles).toEqual(['broker']);
      expect(byKey.controller.nodes.map(n => n.id)).toEqual([1000, 1001, 1002]);
      expect(byKey.controller.lastId).toBe(NODE_ID_RANGES.controller.last);
      expect(m.quorum!.voters.map(v => v.id)).toEqual([1000, 1001, 1002]);
    }
  });

  test('ZooKeeper mode: brokers only, no quorum', () => {
    const m = raw({ clusterName: 'k', mode: 'zookeeper', kafkaVersion: '3.9.1' });
    expect(m.pools.map(p => [p.key, p.roles])).toEqual([['broker', ['broker']]]);
    expect(m.quorum).toBeUndefined();
  });

  test('disruption budgets: brokers RF − min ISR, voters their quorum; raw per pool, Strimzi one budget for all', () => {
    const input = { clusterName: 'k', brokers: 5, replication: { defaultReplicationFactor: 5, minInsyncReplicas: 2, transactionStateLogReplicationFactor: 5 },
      mode: 'kraft' as const, kafkaVersion: '4.3.1' };
    // 5 combined voters tolerate 2 down; RF 5 − min ISR 2 would allow 3.
    expect(raw(input).pools[0].maxUnavailable).toBe(2);
    expect(strimzi(input).pools[0].maxUnavailable).toBe(2);
    const dedicated = { ...input, controllers: { replicas: 3 } };
    expect(raw(dedicated).pools.map(p => [p.key, p.maxUnavailable])).toEqual([['broker', 3], ['controller', 1]]);
    expect(strimzi(dedicated).pools.map(p => [p.key, p.maxUnavailable])).toEqual([['broker', 1], ['controller', 1]]);
  });

  test('listeners: every default filled in once; bootstrap addresses end in .svc.<clusterDomain> in both flavours', () => {
    const listeners = [{ name: 'plain', port: 9092 }, { name: 'scram', port: 9095, authentication: ListenerAuthentication.SCRAM_SHA_512 }];
    const r = raw({ clusterName: 'k', namespace: 'ns', clusterDomain: 'corp.example', listeners, mode: 'kraft', kafkaVersion: '4.3.1' });
    const s = strimzi({ clusterName: 'k', namespace: 'ns', clusterDomain: 'corp.example', listeners, mode: 'kraft', kafkaVersion: '4.3.1' });
    expect(r.listeners).toEqual(s.listeners);
    expect(r.listeners.map(l => [l.kafkaName, l.type, l.securityProtocol, l.saslMechanism, l.bootstrapServers])).toEqual([
      ['PLAIN', ListenerType.INTERNAL, 'PLAINTEXT', undefined, 'k-kafka-bootstrap.ns.svc.corp.example:9092'],
      ['SCRAM', ListenerType.INTERNAL, 'SASL_PLAINTEXT', 'SCRAM-SHA-512', 'k-kafka-bootstrap.ns.svc.corp.example:9095'],
    ]);
    expect(raw({ clusterName: 'k', mode: 'kraft', kafkaVersion: '4.3.1' }).listeners.map(l => l.name)).toEqual(['plain']);
    expect(strimzi({ clusterName: 'k', mode: 'kraft', kafkaVersion: '4.3.1' }).listeners.map(l => [l.name, l.tls])).toEqual([['plain', false], ['tls', true]]);
  });

  test('flavour rules differ as data: reserved ports and listener types', () => {
    expect(() => raw({ listeners: [{ name: 'x', port: 9094 }], mode: 'kraft', kafkaVersion: '4.3.1' }))
      .toThrow(/invalid listeners\[0\]\.port: got 9094; allowed: a port not used by the replication listener/);
    expect(() => strimzi({ listeners: [{ name: 'x', port: 9094 }], mode: 'kraft', kafkaVersion: '4.3.1' })).not.toThrow();
    expect(() => raw({ listeners: [{ name: 'x', port: 9095, type: ListenerType.INGRESS, tls: true }], mode: 'kraft', kafkaVersion: '4.3.1' }))
      .toThrow(/invalid listeners\[0\]\.type: got "ingress"/);
  });

  test('shared validation: broker count, lone ephemeral node', () => {
    for (const resolve of [raw, strimzi]) {
      expect(() => resolve({ brokers: 1001, mode: 'kraft', kafkaVersion: '4.3.1' })).toThrow(/invalid brokers: got 1001; allowed: an integer from 1 to 1000/);
      expect(() => resolve({ brokers: 1, storage: KafkaStorage.ephemeral(), mode: 'kraft', kafkaVersion: '4.3.1' }))
        .toThrow(/invalid storage: got "ephemeral"; allowed: persistent storage for a single broker/);
    }
  });
});

describe('rules that drifted are one rule, rendered the same by both flavours', () => {
  test('dedicated controller node ids start at 1000: raw voters, Strimzi next-node-ids', () => {
    const r = chart();
    new KafkaBrokers(r, 'kafka', { clusterName: 'k', controllers: { replicas: 3 } });
    const voters = serverProperties(chartObjects(r), 'k-kafka-config')['controller.quorum.voters'];
    expect(voters.split(',').map(v => Number(v.split('@')[0]))).toEqual([1000, 1001, 1002]);
    const s = chart();
    new StrimziCluster(s, 'kafka', { clusterName: 'k', controllers: { replicas: 3 } });
    expect(findObject(chartObjects(s), 'KafkaNodePool', 'controller').metadata.annotations['strimzi.io/next-node-ids']).toBe('[1000-1999]');
  });

  test('5 combined nodes, RF 5, min ISR 2: both allow 2 pods down (the quorum), not 3', () => {
    const replication = { defaultReplicationFactor: 5, minInsyncReplicas: 2, transactionStateLogReplicationFactor: 5 };
    const r = chart();
    new KafkaBrokers(r, 'kafka', { clusterName: 'k', brokers: 5, replication });
    expect(findObject(chartObjects(r), 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable).toBe(2);
    const s = chart();
    new StrimziCluster(s, 'kafka', { clusterName: 'k', brokers: 5, replication });
    expect(findObject(chartObjects(s), 'Kafka', 'k').spec.kafka.template.podDisruptionBudget).toEqual({ maxUnavailable: 2 });
  });

  test.each([
    ['topics 5 − 2 = 3, transaction log 5 − 4 = 1', { defaultReplicationFactor: 5, minInsyncReplicas: 2, transactionStateLogReplicationFactor: 5, transactionStateLogMinIsr: 4 }],
    ['topics 5 − 4 = 1, transaction log 5 − 2 = 3', { defaultReplicationFactor: 5, minInsyncReplicas: 4, transactionStateLogReplicationFactor: 5, transactionStateLogMinIsr: 2 }],
  ])('unequal replication margins (%s): the broker budget is the smaller one, 1', (_margins, replication) => {
    // Dedicated controllers, so that the quorum (3 voters: 1 down) does not cap the raw broker budget.
    const r = chart();
    new KafkaBrokers(r, 'kafka', { clusterName: 'k', brokers: 5, controllers: { replicas: 3 }, replication });
    expect(findObject(chartObjects(r), 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable).toBe(1);
    // Strimzi, 5 combined nodes: the quorum allows 2, the transaction log or the topics only 1.
    const s = chart();
    new StrimziCluster(s, 'kafka', { clusterName: 'k', brokers: 5, replication });
    expect(findObject(chartObjects(s), 'Kafka', 'k').spec.kafka.template.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
  });

  test('bootstrap addresses: the same suffix in both flavours', () => {
    const r = new KafkaBrokers(chart(), 'kafka', { clusterName: 'k' });
    const s = new StrimziCluster(chart(), 'kafka', { clusterName: 'k' });
    expect(r.listener('plain').bootstrapServers).toBe('k-kafka-bootstrap.kafka.svc.cluster.local:9092');
    expect(s.listener('plain').bootstrapServers).toBe(r.listener('plain').bootstrapServers);
  });

  test('client connections: SampleApp and Connect refuse a missing user with the same message', () => {
    const c = chart();
    const cluster = new StrimziCluster(c, 'kafka', { clusterName: 'k', listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    const errorOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message.replace(/^[^:]+: /, ''); } return undefined; };
    const sample = errorOf(() => new SampleApp(c, 'sample', { cluster }));
    const connect = errorOf(() => new KafkaConnect(c, 'connect', { cluster }));
    expect(sample).toMatch(/^invalid user: got undefined; allowed: a user with tls credentials of cluster "k"/);
    expect(connect).toBe(sample);
  });

  test('client connections: the listener\'s network policy is evaluated from the model (no YAML read back), the same for every client', () => {
    const open = new StrimziCluster(chart(), 'kafka', { clusterName: 'k', listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [] }] });
    expect(open.admitsClient('plain', {}, 'other')).toBe(true);
    const c = chart();
    const closed = new StrimziCluster(c, 'kafka', {
      clusterName: 'k', listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [StrimziNetworkPolicyPeer.pods({ app: 'only-me' })] }],
    });
    expect(closed.admitsClient('plain', closed.clientLabels, 'kafka')).toBe(false);
    expect(closed.admitsClient('plain', { app: 'only-me' }, 'kafka')).toBe(true);
    const rawCluster = new KafkaBrokers(chart(), 'kafka', { clusterName: 'k' });
    expect(rawCluster.admitsClient('plain', rawCluster.clientLabels, 'kafka')).toBe(true);
    expect(rawCluster.admitsClient('plain', rawCluster.clientLabels, 'elsewhere')).toBe(false);
    expect(() => new SampleApp(c, 'sample', { cluster: closed }))
      .toThrow(/invalid listener: got "plain"; allowed: a listener of cluster "k" whose network policies admit these pods/);
    expect(() => new KafkaBridge(c, 'bridge', { cluster: closed }))
      .toThrow(/invalid listener: got "plain"; allowed: a listener of cluster "k" whose network policies admit these pods/);
  });
});
