/**
 * `undefined` or `null` items in array props (easy to get from a conditional spread or a
 * sparse array in plain JavaScript) are refused at the construct, naming the index. Before,
 * they crashed with a TypeError deep inside (listeners, topics, tolerations, ACLs) or were
 * reported as `[null]` (zones).
 */
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaConfigError, KafkaTopicsJob, KafkaUser, StrimziCluster } from '../lib';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-array-holes' }), 'c', { namespace: 'kafka' });
const CASES: [string, (c: Chart) => unknown, string, string][] = [
  ['raw listeners', c => new KafkaBrokers(c, 'k', { listeners: [undefined as any] }), 'c/k', 'listeners[0]'],
  ['Strimzi listeners', c => new StrimziCluster(c, 's', { listeners: [{ name: 'plain', port: 9092 }, null as any] }), 'c/s', 'listeners[1]'],
  ['topics of KafkaTopicsJob', c => new KafkaTopicsJob(c, 't', { cluster: new KafkaBrokers(c, 'k'), topics: [undefined as any] }), 'c/t', 'topics[0]'],
  ['Strimzi tolerations', c => new StrimziCluster(c, 's', { tolerations: [undefined as any] }), 'c/s', 'tolerations[0]'],
  ['raw zones', c => new KafkaBrokers(c, 'k', { zones: ['a', undefined as any] }), 'c/k', 'zones[1]'],
  ['KafkaUser ACLs', c => new KafkaUser(c, 'u', { cluster: new StrimziCluster(c, 's'), acls: [undefined as any] }), 'c/u', 'acls[0]'],
  ['nested: per-broker settings of a listener', c => new StrimziCluster(c, 's', {
    listeners: [{ name: 'ext', port: 9094, type: 'nodeport' as any, brokers: [undefined as any] }],
  }), 'c/s', 'listeners[0].brokers[0]'],
];

test.each(CASES)('%s: a KafkaConfigError naming the index, not a TypeError', (_name, build, path, field) => {
  let error: unknown;
  try { build(chart()); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(KafkaConfigError);
  expect((error as KafkaConfigError).constructPath).toBe(path);
  expect((error as KafkaConfigError).field).toBe(field);
  expect((error as Error).message).toMatch(new RegExp(`: invalid ${field.replace(/[[\].]/g, '\\$&')}: got (undefined|null); allowed: a value .*Fix: remove ${field.replace(/[[\].]/g, '\\$&')} from the list`));
});
