import { App, Chart } from 'cdk8s';
import { ApplyStage, ApplyStages } from '../lib/gitops';
import { KafkaBrokers, KafkaMode, KafkaTestClient, KafkaTopicsJob } from '../lib/raw';
import { SampleApp } from '../lib/sample-app';
import { NAMESPACE, namespaceChart } from './namespace';

/** Topic the sample producers and consumer use. */
export const SAMPLE_TOPIC = 'sample-topic';

/** Topic Job, test client and sample app of a raw cluster, in a chart applied after the cluster. */
export function rawClientsChart(app: App, cluster: KafkaBrokers, after: Chart): Chart {
  // Clients go in the apps stage: in Flux output they wait for the cluster stage to be healthy.
  const chart = ApplyStages.assign(new Chart(app, 'clients', { namespace: NAMESPACE }), ApplyStage.APPS);
  chart.addDependency(after);
  new KafkaTopicsJob(chart, 'topics', {
    cluster,
    topics: [{ topicName: SAMPLE_TOPIC, partitions: 6 }],
  });
  new KafkaTestClient(chart, 'test-client', { cluster });
  // SampleApp: 3 producers and 1 consumer on the sample topic (lib/sample-app.ts).
  new SampleApp(chart, 'sample', { cluster, topic: SAMPLE_TOPIC });
  return chart;
}

/**
 * KAFKA_FLAVOR=raw-kraft: three combined KRaft nodes (broker + controller) on apache/kafka 4.x,
 * the sample topic, a test client and the sample app. Files sort in apply order.
 */
export function buildRawKraft(app: App): void {
  const ns = namespaceChart(app);
  const kafkaChart = new Chart(app, 'kafka', { namespace: NAMESPACE });
  kafkaChart.addDependency(ns);
  const cluster = new KafkaBrokers(kafkaChart, 'kafka', {
    clusterName: 'my-cluster',
    mode: KafkaMode.KRAFT,
    brokers: 3,
  });
  rawClientsChart(app, cluster, kafkaChart);
}
