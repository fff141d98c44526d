/**
 * Checks that span constructs (issue 10 item 3): each names the construct paths of both sides.
 */
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaConfigError, KafkaTopic, KafkaTopicsJob, SampleApp, StrimziCluster } from '../lib';
import { expectAllValid } from './support/validate';

const chart = (ns = 'kafka', app = new App({ outdir: '/tmp/cdk8s-kafka-cross' })) => new Chart(app, ns, { namespace: ns });
const errorOf = (f: () => unknown): KafkaConfigError => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(KafkaConfigError); return e as KafkaConfigError; }
  throw new Error('accepted');
};

describe('topic names that collide in Kafka ("." and "_" share a metric name)', () => {
  test('in one KafkaTopicsJob', () => {
    const c = chart();
    const e = errorOf(() => new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'k'), topics: [{ topicName: 'my_topic' }, { topicName: 'my.topic' }] }));
    expect(e.message).toMatch(/^kafka\/topics: invalid topics\[my\.topic\]\.topicName: got "my\.topic"; allowed: a name that does not collide with topic "my_topic" of kafka\/topics .*Fix: use "\." or "_" consistently/);
  });

  test('across two KafkaTopics of a Strimzi cluster, naming both paths', () => {
    const c = chart();
    const s = new StrimziCluster(c, 's');
    new KafkaTopic(c, 'orders-a', { cluster: s, topicName: 'orders.v1' });
    const e = errorOf(() => new KafkaTopic(c, 'orders-b', { cluster: s, topicName: 'orders_v1' }));
    expect(e.message).toMatch(/^kafka\/orders-b: invalid topicName: got "orders_v1"; allowed: a name that does not collide with topic "orders\.v1" of kafka\/orders-a /);
  });

  test('the same topic in two KafkaTopicsJobs of one cluster', () => {
    const c = chart();
    const k = new KafkaBrokers(c, 'k');
    new KafkaTopicsJob(c, 'a', { cluster: k, topics: [{ topicName: 'orders' }] });
    const e = errorOf(() => new KafkaTopicsJob(c, 'b', { cluster: k, topics: [{ topicName: 'orders' }] }));
    expect(e.message).toMatch(/^kafka\/b: invalid topics\[orders\]\.topicName: got "orders"; allowed: a topic not declared yet on cluster kafka\/k \(kafka\/a declares it\)/);
  });

  test('the same names on two clusters are fine', () => {
    const c = chart();
    new KafkaTopicsJob(c, 'a', { cluster: new KafkaBrokers(c, 'k1'), topics: [{ topicName: 'my_topic' }] });
    new KafkaTopicsJob(c, 'b', { cluster: new KafkaBrokers(c, 'k2'), topics: [{ topicName: 'my.topic' }] });
    expectAllValid(c.toJson());
  });
});

describe('two clusters with one name in one namespace', () => {
  test('raw and Strimzi (both make <name>-kafka-brokers): refused, naming both paths', () => {
    const c = chart();
    new KafkaBrokers(c, 'raw', { clusterName: 'kafka' });
    const e = errorOf(() => new StrimziCluster(c, 'strimzi', { clusterName: 'kafka' }));
    expect(e.message).toMatch(/^kafka\/strimzi: invalid clusterName: got "kafka"; allowed: a cluster name no other Kafka cluster in namespace "kafka" has \(kafka\/raw has it/);
  });

  test('in two namespaces, or two apps: fine', () => {
    const app = new App({ outdir: '/tmp/cdk8s-kafka-cross' });
    new KafkaBrokers(chart('a', app), 'raw', { clusterName: 'kafka' });
    new StrimziCluster(chart('b', app), 'strimzi', { clusterName: 'kafka' });
    new StrimziCluster(chart('a'), 'strimzi', { clusterName: 'kafka' });
  });
});

describe('a SampleApp topic its cluster does not have', () => {
  test('raw brokers (no auto-creation by default) without the topic: refused at synth, naming both paths and what is declared', () => {
    const c = chart();
    const k = new KafkaBrokers(c, 'k');
    new KafkaTopicsJob(c, 'topics', { cluster: k, topics: [{ topicName: 'orders' }] });
    new SampleApp(c, 'sample', { cluster: k, topic: 'order' });
    const e = errorOf(() => (c.node.root as App).synth());
    expect(e.message).toMatch(/^kafka\/sample: invalid topic: got "order"; allowed: a topic declared on cluster kafka\/k \(it does not create topics on first use; declared: orders\)\. Fix: declare "order"/);
  });

  test('declared after the SampleApp: fine (checked once every construct exists)', () => {
    const c = chart();
    const k = new KafkaBrokers(c, 'k');
    new SampleApp(c, 'sample', { cluster: k, topic: 'orders' });
    new KafkaTopicsJob(c, 'topics', { cluster: k, topics: [{ topicName: 'orders' }] });
    expectAllValid(c.toJson());
  });

  test('auto-creation on: fine; Strimzi with auto.create.topics.enable false: refused', () => {
    const c = chart();
    new SampleApp(c, 'raw-sample', { name: 'raw-sample', cluster: new KafkaBrokers(c, 'k', { autoCreateTopics: true }) });
    new SampleApp(c, 'strimzi-sample', { name: 'strimzi-sample', cluster: new StrimziCluster(c, 's') });
    expectAllValid(c.toJson());
    const c2 = chart();
    new SampleApp(c2, 'sample', { cluster: new StrimziCluster(c2, 's', { config: { 'auto.create.topics.enable': false } }) });
    expect(errorOf(() => c2.toJson()).message).toMatch(/^kafka\/sample: invalid topic: got "sample-topic"; allowed: a topic declared on cluster kafka\/s .*declared: none/);
  });
});
