import { App } from 'cdk8s';
import {
  AclOperation, KafkaAcl, KafkaTopic, KafkaUser, KafkaUserAuthentication, ListenerAuthentication, SampleApp, StrimziAuthorization,
  StrimziCluster, StrimziVersion,
} from '../../lib';
import { CLUSTER_NAME, exampleBase } from './common';

/** Topics the user may use. The clients produce to and consume the first one. */
export const MTLS_TOPICS = ['my-topic', 'my-other-topic'] as const;
/** Consumer group of the sample consumer (and of the user's group ACL). */
export const MTLS_GROUP = 'my-group';

/**
 * Strimzi's `examples/security/tls-auth` setup: 3 brokers (plus 3 ZooKeeper nodes on 0.45, 3
 * dedicated KRaft controllers on 1.x), a single TLS listener that requires client certificates,
 * `simple` (ACL) authorization, two topics, a mutual-TLS user allowed to produce to and consume
 * them in one group, and 3 client pods (2 producers, 1 consumer) that trust the cluster CA and
 * present the user's certificate — both mounted from the Secrets Strimzi creates.
 */
export function buildMtlsAcls(app: App, version: StrimziVersion): StrimziCluster {
  const { cluster, apps } = exampleBase(app, version);
  const kafka = new StrimziCluster(cluster, 'kafka', {
    clusterName: CLUSTER_NAME,
    version,
    brokers: 3,
    ...(version.supportsZookeeper ? { zookeeper: { replicas: 3 } } : { controllers: { replicas: 3 } }),
    listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    authorization: StrimziAuthorization.simple(),
  });
  const topics = MTLS_TOPICS.map(name => new KafkaTopic(apps, name, { cluster: kafka, topicName: name, partitions: 3 }));
  const user = new KafkaUser(apps, 'user', {
    cluster: kafka,
    userName: 'my-user',
    authentication: KafkaUserAuthentication.TLS,
    acls: [
      // Produce (Write; idempotent producers need no more since Kafka 3.0) and consume (Read) both topics.
      ...topics.map(t => KafkaAcl.topic(t.topicName, [AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE])),
      KafkaAcl.group(MTLS_GROUP, [AclOperation.READ]),
    ],
  });
  new SampleApp(apps, 'clients', {
    cluster: kafka, user, listener: 'tls', topic: topics[0].topicName, producers: 2, consumerGroup: MTLS_GROUP,
  });
  return kafka;
}
