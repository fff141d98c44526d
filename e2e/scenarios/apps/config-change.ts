// e2e app config-change: as rolling-restart; E2E_STAGE=after is the day-2 edit: a broker config
// change (message.max.bytes), which only reaches running brokers through a restart (the config
// hash in the pod template rolls them).
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const after = process.env.E2E_STAGE === 'after';
const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'my-cluster', brokers: 3, replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2 },
  config: after ? { 'message.max.bytes': 2097152 } : {},
});
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 6, replicas: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
