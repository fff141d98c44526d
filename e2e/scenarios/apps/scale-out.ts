// e2e app scale-out: 3 dedicated KRaft controllers and 3 brokers; E2E_STAGE=after is the day-2
// edit: 4 brokers (combined nodes refuse an even voter count, so scaling brokers needs dedicated
// controllers).
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaMode, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const after = process.env.E2E_STAGE === 'after';
const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'scale', mode: KafkaMode.KRAFT, brokers: after ? 4 : 3, controllers: { replicas: 3 },
  replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2 },
});
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 3, replicas: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
