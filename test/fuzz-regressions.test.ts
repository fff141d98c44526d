/**
 * Defects test/fuzz.test.ts found (issue 10 item 4), each pinned: values of the wrong type from
 * JavaScript callers crashed with a TypeError or synthesized invalid YAML.
 */
import { App, Chart } from 'cdk8s';
import {
  KafkaBrokers, KafkaConfigError, KafkaMirrorMaker2, KafkaTopic, KafkaTopicsJob, KafkaUser, KafkaUserSecret, ListenerAuthentication, MirrorCluster,
  StrimziCluster, ZookeeperEnsemble,
} from '../lib';

const chart = () => new Chart(new App({ outdir: '/tmp/cdk8s-kafka-fuzz-regressions' }), 'c', { namespace: 'kafka' });
const CASES: [string, (c: Chart) => unknown, string, RegExp][] = [
  ['KafkaTopicsJob topics not a list (was: props.topics.map is not a function)',
    c => new KafkaTopicsJob(c, 't', { cluster: new KafkaBrokers(c, 'k'), topics: -1 as any }), 'topics', /got -1; allowed: at least one topic/],
  ['StrimziCluster version not a StrimziVersion (was: reading \'includes\' of undefined)',
    c => new StrimziCluster(c, 's', { version: [] as any }), 'version', /got \[\]; allowed: StrimziVersion\.V0_45_2, .*StrimziVersion\.V1_2_0\. Fix/],
  ['KafkaMirrorMaker2 version not a StrimziVersion',
    c => { const s = new StrimziCluster(c, 's'); new KafkaMirrorMaker2(c, 'm', { source: MirrorCluster.of(s), target: MirrorCluster.of(s), version: 'x' as any }); }, 'version', /got "x"; allowed: StrimziVersion\.V0_45_2, /],
  ['KafkaTopic topicName not a string (was: name.replace is not a function)',
    c => new KafkaTopic(c, 't', { cluster: new StrimziCluster(c, 's'), topicName: NaN as any }), 'topicName', /got NaN; allowed: letters, digits/],
  ['listeners not a list (was: listeners.forEach is not a function)',
    c => new KafkaBrokers(c, 'k', { listeners: true as any }), 'listeners', /got true; allowed: a list of at least one listener/],
  ['storage not a KafkaStorage (was: storage.validate is not a function)',
    c => new ZookeeperEnsemble(c, 'zk', { storage: NaN as any }), 'storage', /got NaN; allowed: a KafkaStorage/],
  ['KafkaUserSecret passwordKey not a string (was: secretKeyRef.key NaN in the Job)',
    c => new KafkaUserSecret(c, 'u', {
      cluster: new KafkaBrokers(c, 'k', { listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }] }),
      userName: 'alice', secretName: 'alice', passwordKey: NaN as any,
    }), 'passwordKey', /got NaN; allowed: a Secret key/],
  ['rackTopologyKey not a string (was: topologyKey 1000000000000 in the Kafka resource)',
    c => new StrimziCluster(c, 's', { rackTopologyKey: 1e12 as any }), 'rackTopologyKey', /got 1000000000000; allowed: a label key/],
  ['KafkaUser authentication outside the enum (was: spec.authentication.type NaN)',
    c => new KafkaUser(c, 'u', { cluster: new StrimziCluster(c, 's'), authentication: NaN as any }), 'authentication', /got NaN; allowed: tls, tls-external, scram-sha-512/],
];

test.each(CASES)('%s', (_name, build, field, message) => {
  let error: unknown;
  try { build(chart()); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(KafkaConfigError);
  expect((error as KafkaConfigError).field).toBe(field);
  expect((error as Error).message).toMatch(message);
});
