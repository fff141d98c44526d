// e2e app broker-kill: three combined KRaft nodes with replication factor 3 and min ISR 2 stated
// explicitly (the defaults for 3 brokers), the sample topic, a test client and the sample app.
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'my-cluster', brokers: 3, replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2 } });
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 6, replicas: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
