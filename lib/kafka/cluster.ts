import { IConstruct } from 'constructs';
import { fail } from './errors';
import { KafkaClientListener, ListenerAuthentication } from './listeners';
import { ReplicationSettings } from './replication';

/** Which back end a cluster construct synthesizes. */
export enum ClusterFlavour {
  /** Plain StatefulSets (KafkaBrokers). */
  RAW = 'raw',
  /** Strimzi custom resources (StrimziCluster). */
  STRIMZI = 'strimzi',
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
  /** Back end. */
  readonly flavour: ClusterFlavour;
  /** Number of brokers (nodes with the broker role). */
  readonly brokerCount: number;
  /** Resolved replication settings (defaults derived from brokerCount). */
  readonly replication: ReplicationSettings;
  /** Every listener clients can use, in declaration order. */
  readonly clientListeners: readonly KafkaClientListener[];
  /**
   * Secret holding the cluster CA certificate (key `ca.crt`) that TLS clients trust.
   * Undefined when the cluster has no TLS listener or the CA is not managed by the cluster.
   */
  readonly clusterCaSecretName?: string;
  /** Labels a client pod carries so that network policies admit it. */
  readonly clientLabels: { readonly [key: string]: string };
  /** An image holding Kafka CLIs compatible with the cluster (used by topic Jobs and sample clients). */
  readonly clientImage: string;
  /** Kafka version the cluster runs. */
  readonly kafkaVersion: string;

  /**
   * A listener by name; without a name, the first internal listener (falling back to the
   * first listener). Throws, naming the listeners that exist, when there is no such listener.
   */
  listener(name?: string): KafkaClientListener;
}

/** Credentials of a Kafka user, as a Kubernetes Secret that clients mount. */
export interface KafkaUserCredentials {
  /** Kafka principal name (`User:<name>` / the TLS certificate CN). */
  readonly userName: string;
  /** Secret holding the credentials (never inlined in the YAML). */
  readonly secretName: string;
  /** Authentication the credentials are for. */
  readonly authentication: ListenerAuthentication.TLS | ListenerAuthentication.SCRAM_SHA_512;
  /** Key of the password in the Secret (SCRAM). */
  readonly passwordKey?: string;
  /** Key of a full `sasl.jaas.config` value in the Secret, when the Secret has one (Strimzi). */
  readonly jaasConfigKey?: string;
  /** Keys of the PEM certificate and key in the Secret (mutual TLS). */
  readonly certificateKey?: string;
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
