import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaMode, ZookeeperEnsemble } from '../lib/raw';
import { NAMESPACE } from './namespace';
import { namespaceChart } from './namespace';
import { rawClientsChart } from './raw-kraft';

/**
 * KAFKA_FLAVOR=raw-zookeeper: the classic 3 + 3 layout — a ZooKeeper ensemble on the official
 * zookeeper image and three Kafka 3.9 brokers in ZooKeeper mode — plus the sample topic, a
 * test client and the sample app. Files sort in apply order.
 */
export function buildRawZookeeper(app: App): void {
  const ns = namespaceChart(app);
  const zkChart = new Chart(app, 'zookeeper', { namespace: NAMESPACE });
  zkChart.addDependency(ns);
  const zookeeper = new ZookeeperEnsemble(zkChart, 'zookeeper', { name: 'zookeeper', replicas: 3 });
  const kafkaChart = new Chart(app, 'kafka', { namespace: NAMESPACE });
  kafkaChart.addDependency(zkChart);
  const cluster = new KafkaBrokers(kafkaChart, 'kafka', {
    clusterName: 'my-cluster',
    mode: KafkaMode.ZOOKEEPER,
    zookeeper,
    brokers: 3,
  });
  rawClientsChart(app, cluster, kafkaChart);
}
