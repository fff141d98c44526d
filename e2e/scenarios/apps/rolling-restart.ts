// e2e app rolling-restart: three combined KRaft nodes (RF 3, min ISR 2), the sample topic, a test
// client and the sample app. E2E_STAGE=after is the day-2 edit: a larger CPU request per broker,
// a pod template change that the StatefulSet rolls.
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const after = process.env.E2E_STAGE === 'after';
const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'my-cluster', brokers: 3, replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2 },
  resources: { cpuRequest: after ? '600m' : '500m', memoryRequest: '2Gi', memoryLimit: '2Gi' },
});
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 6, replicas: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
