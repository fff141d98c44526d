import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaTopicsJob, StrimziCluster } from '../lib';
import { describeValue, KafkaConfigError } from '../lib/kafka';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-error-values' }), 'c', { namespace: 'kafka' });
const messageOf = (f: () => unknown): string => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(KafkaConfigError); return (e as Error).message; }
  throw new Error('did not throw');
};

describe('values in KafkaConfigError messages', () => {
  test.each([
    [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [undefined, 'undefined'],
    [[1, NaN, undefined], '[1,NaN,undefined]'], [{ a: Infinity }, '{"a":Infinity}'], ['NaN', '"NaN"'], [12n, '12n'],
  ])('%p is shown as %s (JSON would print null)', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  test('NaN and Infinity brokers are reported as given, not as null', () => {
    expect(messageOf(() => new KafkaBrokers(chart(), 'kafka', { brokers: NaN }))).toMatch(/^c\/kafka: invalid brokers: got NaN; allowed: an integer from 1 to 1000\./);
    expect(messageOf(() => new StrimziCluster(chart(), 'kafka', { brokers: Infinity }))).toMatch(/^c\/kafka: invalid brokers: got Infinity; allowed: an integer from 1 to 1000\./);
  });

  test('a NaN topic partition count is reported as NaN', () => {
    const c = chart();
    expect(messageOf(() => new KafkaTopicsJob(c, 'topics', { cluster: new KafkaBrokers(c, 'kafka'), topics: [{ topicName: 'a', partitions: NaN }] })))
      .toMatch(/invalid topics\[a\]\.partitions: got NaN; allowed: an integer from 1 to 100000/);
  });
});
