import { App, Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { ApplyStage, ApplyStages } from '../lib/gitops';
import { keepOnPrune, ListenerAuthentication } from '../lib/kafka';
import { SampleApp } from '../lib/sample-app';
import {
  KafkaTopic, KafkaUser, KafkaUserAuthentication, StrimziAuthorization, StrimziCluster, StrimziClusterProps, StrimziVersion,
} from '../lib/strimzi';
import { StrimziOperator } from '../lib/strimzi/strimzi-operator';
import { NAMESPACE } from './namespace';

/** Topic the sample producers and consumer use. */
export const STRIMZI_SAMPLE_TOPIC = 'sample-topic';

/**
 * Builds a complete Strimzi deployment: the operator through Flux (with the Kafka namespace,
 * which must exist before the operator's RoleBindings in it), the cluster custom resources,
 * then a topic, a mutual-TLS user with ACLs and the sample app on the TLS listener.
 */
export function buildStrimziDeployment(app: App, version: StrimziVersion, cluster: Omit<StrimziClusterProps, 'version'> = {}): StrimziCluster {
  const operatorChart = new Chart(app, 'strimzi-operator');
  new StrimziOperator(operatorChart, 'operator', { version, watchNamespaces: [NAMESPACE] });
  new k8s.KubeNamespace(operatorChart, 'Namespace', {
    // Flux never prunes the Namespace: deleting it would delete the brokers' volumes.
    metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' }, annotations: keepOnPrune() },
  });

  const kafkaChart = ApplyStages.assign(new Chart(app, 'kafka', { namespace: NAMESPACE }), ApplyStage.CLUSTER);
  kafkaChart.addDependency(operatorChart);
  const kafka = new StrimziCluster(kafkaChart, 'kafka', {
    clusterName: 'my-cluster',
    version,
    brokers: 3,
    // One mutual-TLS listener: with ACL authorization an anonymous plain listener would be useless.
    listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    authorization: StrimziAuthorization.simple(),
    ...cluster,
  });

  const appsChart = ApplyStages.assign(new Chart(app, 'apps', { namespace: NAMESPACE }), ApplyStage.APPS);
  appsChart.addDependency(kafkaChart);
  const topic = new KafkaTopic(appsChart, 'topic', { cluster: kafka, topicName: STRIMZI_SAMPLE_TOPIC, partitions: 6 });
  const user = new KafkaUser(appsChart, 'user', { cluster: kafka, userName: 'sample', authentication: KafkaUserAuthentication.TLS });
  const sample = new SampleApp(appsChart, 'sample', { cluster: kafka, user, listener: 'tls', topic: topic.topicName });
  user.allowProduce(topic).allowConsume(topic, sample.consumerGroup);
  return kafka;
}

/** KAFKA_FLAVOR=strimzi: Strimzi 1.2.0 (kafka.strimzi.io/v1), KRaft with one dual-role node pool of 3. */
export function buildStrimzi(app: App): void {
  buildStrimziDeployment(app, StrimziVersion.V1_2_0);
}
