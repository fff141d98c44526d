// e2e app kafka-upgrade: three combined KRaft nodes on the previous supported Kafka release
// (4.2.0); E2E_STAGE=after is the day-2 edit: the current default image (KafkaImages.KAFKA).
// The test client stays on the current image in both stages (a newer client talks to older
// brokers), so that the scenario's producer and quorum sampler keep running through the roll; the
// sample app follows the cluster's image and rolls too.
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaImages, KafkaTestClient, KafkaTopicsJob, SampleApp } from '../../../lib';

const PREVIOUS_KAFKA = '4.2.0';
const after = process.env.E2E_STAGE === 'after';
const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'my-cluster', brokers: 3, replication: { defaultReplicationFactor: 3, minInsyncReplicas: 2 },
  image: after ? KafkaImages.KAFKA : `apache/kafka:${PREVIOUS_KAFKA}`,
});
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'sample-topic', partitions: 6, replicas: 3 }] });
new KafkaTestClient(chart, 'test-client', { cluster, image: KafkaImages.KAFKA });
new SampleApp(chart, 'sample', { cluster, topic: 'sample-topic' });
app.synth();
