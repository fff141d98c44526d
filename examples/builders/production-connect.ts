import { App } from 'cdk8s';
import {
  AclOperation, AclPatternType, KafkaAcl, KafkaConnect, KafkaConnector, KafkaTopic, KafkaUser, KafkaUserAuthentication,
  ListenerAuthentication, StrimziAuthorization, StrimziCluster, StrimziVersion,
} from '../../lib';
import { CLUSTER_NAME, exampleBase } from './common';

/** Name of the KafkaConnect cluster (its group id and the prefix of its storage topics). */
export const CONNECT_NAME = 'my-connect-cluster';
/** Topic the file source connector writes to. */
export const CONNECT_TOPIC = 'my-topic';
/** Node label (and taint key) of the nodes dedicated to Kafka, as in Strimzi's "dedicated nodes" guide. */
export const DEDICATED_NODE_KEY = 'dedicated';
export const DEDICATED_NODE_VALUE = 'kafka';
/** Class of Kafka's example file source connector. */
export const FILE_SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

/**
 * A production-shaped cluster as Strimzi's documentation builds it up step by step: 3 brokers
 * with CPU/memory requests and limits and a fixed JVM heap, Prometheus metrics (JMX exporter
 * ConfigMap + Kafka Exporter), brokers pinned to dedicated nodes (node affinity + toleration of
 * their taint), rack awareness across zones, the entity operator, a mutual-TLS listener with ACLs,
 * and Kafka Connect running the file source connector as a `KafkaConnector` under its own user.
 * ZooKeeper (3 nodes) on 0.45; 3 dedicated KRaft controllers on 1.x.
 *
 * The file connectors ship in every Kafka image (`/opt/kafka/libs/connect-file-<version>.jar`) but
 * are off Connect's class path since Kafka 3.2. Strimzi's own example adds them with a Connect
 * `build`, but its Kaniko build pod needs root and is refused in a namespace that enforces Pod
 * Security "restricted" (this one does). Putting the jar on the worker's `CLASSPATH`, as Kafka's
 * upgrade notes suggest, keeps every pod restricted and needs no registry.
 */
export function buildProductionConnect(app: App, version: StrimziVersion): StrimziCluster {
  const { cluster, apps } = exampleBase(app, version);
  const dedicated = {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: DEDICATED_NODE_KEY, operator: 'In', values: [DEDICATED_NODE_VALUE] }] }],
        },
      },
    },
    tolerations: [{ key: DEDICATED_NODE_KEY, operator: 'Equal', value: DEDICATED_NODE_VALUE, effect: 'NoSchedule' }],
  };
  const kafka = new StrimziCluster(cluster, 'kafka', {
    clusterName: CLUSTER_NAME,
    version,
    brokers: 3,
    ...(version.supportsZookeeper
      ? { zookeeper: { replicas: 3, resources: { cpuRequest: '500m', cpuLimit: '1', memoryRequest: '2Gi', memoryLimit: '2Gi' }, heap: '1g' } }
      : {
        controllers: {
          replicas: 3,
          resources: { cpuRequest: '500m', cpuLimit: '1', memoryRequest: '2Gi', memoryLimit: '2Gi' },
          heap: '1g',
        },
      }),
    listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    authorization: StrimziAuthorization.simple(),
    // Requests = what the scheduler reserves; the memory limit equals the request so the pod is
    // never OOM-killed for using what it was promised; the heap leaves the rest to page cache.
    resources: { cpuRequest: '2', cpuLimit: '4', memoryRequest: '8Gi', memoryLimit: '8Gi' },
    heap: '4g',
    rackTopologyKey: 'topology.kubernetes.io/zone',
    ...dedicated,
    metrics: true,
    kafkaExporter: {},
    entityOperator: { topicOperator: true, userOperator: true },
  });

  const topic = new KafkaTopic(apps, 'topic', { cluster: kafka, topicName: CONNECT_TOPIC, partitions: 3 });
  // The ACLs Strimzi's tls-auth Connect example grants: the worker group, its storage topics
  // (created by Connect itself), and the topics its connectors use.
  const user = new KafkaUser(apps, 'connect-user', {
    cluster: kafka,
    userName: 'my-connect',
    authentication: KafkaUserAuthentication.TLS,
    acls: [
      KafkaAcl.group(CONNECT_NAME, [AclOperation.READ]),
      KafkaAcl.topic(`${CONNECT_NAME}-`, [AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE],
        { patternType: AclPatternType.PREFIX }),
      KafkaAcl.topic(topic.topicName, [AclOperation.DESCRIBE, AclOperation.WRITE]),
    ],
  });
  const connect = new KafkaConnect(apps, 'connect', {
    cluster: kafka,
    connectName: CONNECT_NAME,
    replicas: 2,
    user,
    resources: { cpuRequest: '500m', cpuLimit: '1', memoryRequest: '2Gi', memoryLimit: '2Gi' },
    heap: '1g',
    env: { CLASSPATH: `/opt/kafka/libs/connect-file-${kafka.kafkaVersion}.jar` },
  });
  new KafkaConnector(apps, 'file-source', {
    connect,
    connectorName: 'my-source-connector',
    connectorClass: FILE_SOURCE_CLASS,
    // The file source reads one file: more tasks would stay idle.
    tasksMax: 1,
    config: {
      file: '/opt/kafka/LICENSE',
      'topic': topic.topicName,
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    },
  });
  return kafka;
}
