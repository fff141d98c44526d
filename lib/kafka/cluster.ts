import { IConstruct } from 'constructs';
import { KafkaAcl } from './acl';
import { KafkaConfigMap } from './config';
import { fail } from './errors';
import { KafkaClientListener, ListenerAuthentication } from './listeners';
import { ReplicationSettings } from './replication';
import { TopicSettings } from './topic-settings';

/** Which back end a cluster construct synthesizes. */
export enum ClusterFlavour {
  /** Plain StatefulSets (KafkaBrokers). */
  RAW = 'raw',
  /** Strimzi custom resources (StrimziCluster). */
  STRIMZI = 'strimzi',
}

/** A topic to declare on a cluster with {@link IKafkaCluster.addTopic}: the same vocabulary for both flavours. */
export interface KafkaTopicOptions extends TopicSettings {
  /** Topic name: letters, digits, '.', '_' and '-', up to 249 characters. */
  readonly topicName: string;
  /** Partitions. @default 3 */
  readonly partitions?: number;
  /** Replication factor (at most the broker count). @default the cluster's default.replication.factor */
  readonly replicas?: number;
  /** Topic config (e.g. `retention.ms`, `min.insync.replicas`). @default none (broker defaults) */
  readonly config?: KafkaConfigMap;
}

/** A topic of a cluster, as clients and ACLs refer to it. */
export interface IKafkaTopic {
  /** Topic name. */
  readonly topicName: string;
  /** The cluster the topic lives on. */
  readonly cluster: IKafkaCluster;
  /** Partitions. */
  readonly partitions: number;
  /** Replication factor. */
  readonly replicas: number;
}

/** A user to declare on a cluster with {@link IKafkaCluster.addUser}: the same vocabulary for both flavours. */
export interface KafkaUserOptions {
  /** User name (the principal `User:<name>`, the TLS certificate CN). */
  readonly userName: string;
  /** Authentication: TLS (mutual TLS) or SCRAM_SHA_512. @default ListenerAuthentication.TLS on Strimzi, SCRAM_SHA_512 on raw clusters */
  readonly authentication?: ListenerAuthentication;
  /**
   * Existing Secret with the user's password (raw SCRAM users: the password never appears in the
   * YAML). Strimzi creates the Secret itself, named after the user.
   * @default raw: required; Strimzi: must be unset
   */
  readonly secretName?: string;
  /** Key of the password in `secretName`. @default 'password' */
  readonly passwordKey?: string;
  /** ACL rules (the cluster needs authorization). @default none */
  readonly acls?: KafkaAcl[];
}

/**
 * A Kafka cluster as clients, topics and apps see it. Implemented by `KafkaBrokers` (raw)
 * and `StrimziCluster`, so `SampleApp`, topics and users are wired in code, never by
 * copied bootstrap strings.
 */
export interface IKafkaCluster extends IConstruct {
  /** Cluster name (prefix of every object name). */
  readonly clusterName: string;
  /** Namespace the cluster runs in. */
  readonly namespace: string;
  /** Cluster DNS domain of the in-cluster addresses (`<svc>.<ns>.svc.<domain>`). */
  readonly clusterDomain: string;
  /** Back end. */
  readonly flavour: ClusterFlavour;
  /** Number of brokers (nodes with the broker role). */
  readonly brokerCount: number;
  /** Resolved replication settings (defaults derived from brokerCount). */
  readonly replication: ReplicationSettings;
  /** Every listener clients can use, in declaration order. */
  readonly clientListeners: KafkaClientListener[];
  /**
   * Secret holding the cluster CA certificate (key `ca.crt`) that TLS clients trust.
   * Undefined when the cluster has no TLS listener or the CA is not managed by the cluster.
   */
  readonly clusterCaSecretName?: string;
  /** Labels a client pod carries so that network policies admit it. */
  readonly clientLabels: { [key: string]: string };
  /** An image holding Kafka CLIs compatible with the cluster (used by topic Jobs and sample clients). */
  readonly clientImage: string;
  /** Kafka version the cluster runs. */
  readonly kafkaVersion: string;

  /**
   * A listener by name; without a name, the first internal listener (falling back to the
   * first listener). Throws, naming the listeners that exist, when there is no such listener.
   */
  listener(name?: string): KafkaClientListener;

  /**
   * Whether the cluster's network policies let pods with `podLabels` in `podNamespace` reach
   * listener `listenerName` (true where the cluster restricts nothing).
   */
  admitsClient(listenerName: string, podLabels: { [key: string]: string }, podNamespace: string): boolean;

  /** Declares a topic on the cluster (raw: a topic Job; Strimzi: a KafkaTopic), as a child of the cluster. */
  addTopic(id: string, options: KafkaTopicOptions): IKafkaTopic;

  /** Declares a user on the cluster (raw: SCRAM credentials from a Secret; Strimzi: a KafkaUser), as a child of the cluster. */
  addUser(id: string, options: KafkaUserOptions): IKafkaUser;
}

/** Credentials of a Kafka user, as a Kubernetes Secret that clients mount. */
export interface KafkaUserCredentials {
  /** Kafka principal name (`User:<name>` / the TLS certificate CN). */
  readonly userName: string;
  /** Secret holding the credentials (never inlined in the YAML). */
  readonly secretName: string;
  /** Authentication the credentials are for (TLS or SCRAM_SHA_512). */
  readonly authentication: ListenerAuthentication;
  /** Key of the password in the Secret (SCRAM). @default none */
  readonly passwordKey?: string;
  /** Key of a full `sasl.jaas.config` value in the Secret, when the Secret has one (Strimzi). @default none */
  readonly jaasConfigKey?: string;
  /** Key of the PEM certificate in the Secret (mutual TLS). @default none */
  readonly certificateKey?: string;
  /** Key of the PEM private key in the Secret (mutual TLS). @default none */
  readonly privateKeyKey?: string;
}

/** Something that has Kafka user credentials (a Strimzi `KafkaUser`, or `KafkaUserSecret` for raw clusters). */
export interface IKafkaUser extends IConstruct {
  /** The user's credentials. */
  readonly credentials: KafkaUserCredentials;
  /** The cluster the user belongs to. */
  readonly cluster: IKafkaCluster;
}

/** Picks a listener of `listeners` by name, or the default one (see {@link IKafkaCluster.listener}). */
export function pickListener(scope: IConstruct, listeners: readonly KafkaClientListener[], name?: string): KafkaClientListener {
  if (name === undefined) {
    return listeners.find(l => l.type === 'internal') ?? listeners[0];
  }
  const found = listeners.find(l => l.name === name);
  if (!found) {
    fail(scope, 'listener', name, listeners.map(l => JSON.stringify(l.name)).join(', '), "name one of the cluster's listeners");
  }
  return found;
}
