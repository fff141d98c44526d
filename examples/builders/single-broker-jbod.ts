import { App } from 'cdk8s';
import { KafkaStorage, KafkaTopic, SampleApp, StrimziCluster, StrimziVersion } from '../../lib';
import { CLUSTER_NAME, exampleBase } from './common';

/** Topic the sample producers write and the consumer reads. */
export const SINGLE_BROKER_TOPIC = 'my-topic';

/**
 * Strimzi's single-node quick start (`kafka-persistent-single.yaml` in 0.45, `kafka-single-node.yaml`
 * with a dual-role node pool in 1.x): one broker with one JBOD persistent volume of 100Gi, every
 * replication factor 1 (derived from the broker count), ZooKeeper with one node on 0.45, the entity
 * operator, a 3-partition topic, and 3 producers spread across nodes plus 1 consumer.
 */
export function buildSingleBrokerJbod(app: App, version: StrimziVersion): StrimziCluster {
  const { cluster, apps } = exampleBase(app, version);
  const kafka = new StrimziCluster(cluster, 'kafka', {
    clusterName: CLUSTER_NAME,
    version,
    brokers: 1,
    // One JBOD volume, as in the quick start: more volumes can be added later without migrating data.
    // In KRaft the same volume also holds the metadata log.
    storage: KafkaStorage.jbod([{ size: '100Gi', deleteClaim: false, kraftMetadata: version.isV1 }]),
    ...(version.supportsZookeeper
      ? { zookeeper: { replicas: 1, storage: KafkaStorage.persistent({ size: '100Gi', deleteClaim: false }) } }
      : {}),
    // Topic and user operators (the defaults), spelled out because the quick start shows them.
    entityOperator: { topicOperator: true, userOperator: true },
  });
  const topic = new KafkaTopic(apps, 'topic', { cluster: kafka, topicName: SINGLE_BROKER_TOPIC, partitions: 3 });
  // Plain listener (the default listener of the quick start), no credentials needed.
  new SampleApp(apps, 'clients', { cluster: kafka, topic: topic.topicName, producers: 3 });
  return kafka;
}
