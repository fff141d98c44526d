import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fail, IKafkaTopic, KafkaConfigMap, KafkaLabels, keepOnPrune, MAX_TOPIC_PARTITIONS, registerTopic, TopicSettings, validateConfigMap, validateInteger, validateTopicReplication, withTopicSettings } from '../kafka';
import { l1, v1beta2Topic, v1Topic } from './l1';
import { boundNamespace, toObjectName } from './strimzi-common';
import { IStrimziCluster } from './strimzi-cluster-props';
import { enterConstruct } from '../kafka/construct-entry';

/** Properties of a {@link KafkaTopic}. */
export interface KafkaTopicProps extends TopicSettings {
  /** The cluster the topic belongs to (sets `strimzi.io/cluster`, the API version and the namespace). */
  readonly cluster: IStrimziCluster;
  /** Kafka topic name (may contain `_` and upper case; the object name is a DNS-safe form). @default the construct id */
  readonly topicName?: string;
  /** Partitions. @default 3 */
  readonly partitions?: number;
  /** Replicas; at most the cluster's broker count. @default the cluster's default replication factor */
  readonly replicas?: number;
  /** Topic config (e.g. `retention.ms`, `min.insync.replicas`). @default none (broker defaults) */
  readonly config?: KafkaConfigMap;
  /** Namespace; must be the cluster's. @default the cluster's namespace */
  readonly namespace?: string;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** A Strimzi `KafkaTopic`, reconciled by the cluster's topic operator. */
export class KafkaTopic extends Construct implements IKafkaTopic {
  /** Kafka topic name. */
  public readonly topicName: string;
  /** Partitions. */
  public readonly partitions: number;
  /** Replicas. */
  public readonly replicas: number;
  /** The cluster. */
  public readonly cluster: IStrimziCluster;
  /** The custom resource. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.cluster = cluster;
    const namespace = boundNamespace(this, props.namespace, cluster.namespace, cluster.clusterName);
    this.topicName = props.topicName ?? id;
    if (!TOPIC_NAME.test(this.topicName) || this.topicName === '.' || this.topicName === '..') {
      fail(this, 'topicName', this.topicName, 'letters, digits, ".", "_" and "-", 1 to 249 characters, not "." or ".."',
        `rename the topic, e.g. "${toObjectName(this.topicName)}"`);
    }
    registerTopic(this, 'topicName', cluster, this.topicName);
    if (!cluster.topicOperatorEnabled) {
      fail(this, 'cluster', cluster.clusterName, 'a cluster whose entity operator runs the topic operator',
        'enable entityOperator.topicOperator on the cluster (it is on by default)');
    }
    this.partitions = validateInteger(this, 'partitions', props.partitions ?? 3, 1, MAX_TOPIC_PARTITIONS);
    this.replicas = props.replicas ?? cluster.replication.defaultReplicationFactor;
    const userConfig = validateConfigMap(this, 'config', props.config, { kind: 'topic', kafkaVersion: cluster.kafkaVersion });
    const config = withTopicSettings(this, prop => prop, props, userConfig);
    const topicMinIsr = config['min.insync.replicas'];
    validateTopicReplication(this, this.topicName, cluster.brokerCount, this.replicas, topicMinIsr === undefined ? undefined : Number(topicMinIsr));
    if (topicMinIsr === undefined && cluster.replication.minInsyncReplicas > this.replicas) {
      fail(this, `topics[${this.topicName}].replicas`, this.replicas,
        `at least the cluster's min.insync.replicas (${cluster.replication.minInsyncReplicas}), or no acks=all write succeeds`,
        `raise replicas to ${cluster.replication.minInsyncReplicas} or set config["min.insync.replicas"] to ${this.replicas} or fewer`);
    }

    const name = toObjectName(this.topicName);
    // Flux never prunes a topic: the Topic Operator would delete it and its messages from Kafka.
    const metadata = { name, namespace, labels: { [KafkaLabels.STRIMZI_CLUSTER]: cluster.clusterName }, annotations: keepOnPrune() };
    const spec = {
      ...(name !== this.topicName ? { topicName: this.topicName } : {}),
      partitions: this.partitions,
      replicas: this.replicas,
      ...(Object.keys(config).length ? { config } : {}),
    };
    this.resource = cluster.strimziVersion.isV1
      ? new v1Topic.KafkaTopic(this, 'Resource', { metadata, spec: l1<v1Topic.KafkaTopicSpec>(spec) })
      : new v1beta2Topic.KafkaTopic(this, 'Resource', { metadata, spec: l1<v1beta2Topic.KafkaTopicSpec>(spec) });
  }
}
