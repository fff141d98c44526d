import { IConstruct } from 'constructs';
import { fail } from './errors';

/**
 * What the library knows about the clusters and topics of one app, for the checks that span
 * constructs (each side named by its construct path): two clusters of one name in a namespace,
 * colliding topic names, a client topic that nothing creates.
 */
interface ClusterEntry {
  readonly path: string;
  readonly autoCreateTopics: boolean;
  /** Declared topics by collision key (Kafka metric names read "." and "_" alike). */
  readonly topics: Map<string, { readonly name: string; readonly path: string }>;
}

const clusters = new WeakMap<object, ClusterEntry>();
const namesByApp = new WeakMap<object, Map<string, string>>();

/** Kafka's own collision rule (Topic.hasCollision): "." and "_" map to the same metric name. */
export function topicCollisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

/**
 * Records a cluster. Two clusters (any flavour) with one name in one namespace share Service,
 * Secret and pod names (the raw headless Service and Strimzi's are both `<name>-kafka-brokers`):
 * refused, naming both construct paths.
 */
export function registerCluster(cluster: IConstruct, clusterName: string, namespace: string, autoCreateTopics: boolean): void {
  const root = cluster.node.root;
  let names = namesByApp.get(root);
  if (!names) namesByApp.set(root, names = new Map());
  const key = `${namespace}/${clusterName}`;
  const first = names.get(key);
  if (first !== undefined) {
    fail(cluster, 'clusterName', clusterName, `a cluster name no other Kafka cluster in namespace "${namespace}" has (${first} has it: their Services, Secrets and pods would share names)`,
      'set clusterName on one of them, or put it in another namespace');
  }
  names.set(key, cluster.node.path);
  clusters.set(cluster, { path: cluster.node.path, autoCreateTopics, topics: new Map() });
}

/**
 * Records a declared topic of `cluster`: refuses the same name declared twice, and two names
 * Kafka would refuse as colliding (`my_topic` and `my.topic`).
 */
export function registerTopic(scope: IConstruct, field: string, cluster: object, topicName: string): void {
  const entry = clusters.get(cluster);
  if (!entry) return;
  const key = topicCollisionKey(topicName);
  const first = entry.topics.get(key);
  if (first) {
    if (first.name === topicName) {
      fail(scope, field, topicName, `a topic not declared yet on cluster ${entry.path} (${first.path} declares it)`, 'declare each topic once');
    }
    fail(scope, field, topicName,
      `a name that does not collide with topic "${first.name}" of ${first.path} (Kafka maps "." and "_" to the same metric name and refuses the second topic)`,
      `use "." or "_" consistently: rename it to "${first.name}" (the same topic) or to a different name`);
  }
  entry.topics.set(key, { name: topicName, path: scope.node.path });
}

/**
 * At synth (after every construct is declared): a client topic must be declared on its cluster
 * when the cluster does not create topics on first use; otherwise clients only log
 * UNKNOWN_TOPIC_OR_PARTITION forever. No check for clusters the library did not make.
 */
export function checkTopicDeclared(scope: IConstruct, field: string, cluster: object, topicName: string): void {
  const entry = clusters.get(cluster);
  if (!entry || entry.autoCreateTopics) return;
  if (entry.topics.has(topicCollisionKey(topicName)) && entry.topics.get(topicCollisionKey(topicName))!.name === topicName) return;
  const declared = [...entry.topics.values()].map(t => t.name);
  fail(scope, field, topicName,
    `a topic declared on cluster ${entry.path} (it does not create topics on first use; declared: ${declared.length ? declared.join(', ') : 'none'})`,
    `declare "${topicName}" with a KafkaTopicsJob or KafkaTopic on that cluster, or enable auto-creation on the cluster`);
}
