// e2e app raw-kraft-dedicated-controllers: 3 dedicated KRaft controllers + 3 brokers, the
// sample topic, a test client and the sample app (public constructs only).
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaMode, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'split', mode: KafkaMode.KRAFT, brokers: 3, controllers: { replicas: 3 } });
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 3, config: { 'retention.ms': 3600000 } }] });
new KafkaTestClient(chart, 'test-client', { cluster });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
