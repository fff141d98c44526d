// e2e app raw-kraft-scram: a SCRAM-SHA-512 listener, a user whose password lives in a Secret
// (created here, as a user would create it outside the app), the SCRAM Job, the sample app on it.
import { App, Chart } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { KafkaBrokers, KafkaTestClient, KafkaTopicsJob, KafkaUserSecret, ListenerAuthentication, SampleApp } from '../../../lib';
import { SCRAM_PASSWORD } from './scram-password';


const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
new k8s.KubeSecret(chart, 'alice-credentials', { metadata: { name: 'alice-credentials' }, stringData: { password: SCRAM_PASSWORD } });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'secure',
  listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
});
const alice = new KafkaUserSecret(chart, 'alice', { cluster, userName: 'alice', secretName: 'alice-credentials' });
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, listener: 'scram', user: alice, topic: 'sample-topic' });
app.synth();
