import { IConstruct } from 'constructs';
import {
  checkListenerAdmits, fail, IKafkaCluster, IKafkaUser, KafkaUserCredentials, ListenerAuthentication, validateInteger,
} from '../kafka';
import { clientAuthentication, connectToCluster, StrimziClientConnection } from './strimzi-client-connection';

const BOOTSTRAP = /^[^\s,:]+:[0-9]{1,5}(,[^\s,:]+:[0-9]{1,5})*$/;

/** Options of a cluster object used as a MirrorMaker 2 source or target. */
export interface MirrorClusterOptions {
  /** Alias of the cluster in MirrorMaker 2 (prefix of mirrored topic names on the target). @default the cluster name */
  readonly alias?: string;
  /** Listener to connect to. @default a listener matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** User whose credentials MirrorMaker 2 uses on this cluster. @default none (the listener must not require authentication) */
  readonly user?: IKafkaUser;
}

/** A Kafka cluster outside this app, reached by its bootstrap address. */
export interface MirrorExternalClusterOptions {
  /** Alias of the cluster in MirrorMaker 2 (`^[a-zA-Z0-9._-]{1,100}$`). */
  readonly alias: string;
  /** Bootstrap address list, `host:port[,host:port]`. */
  readonly bootstrapServers: string;
  /** Secret (in the MirrorMaker 2 namespace) holding the CA certificate to trust; setting it turns TLS on. @default none: plain connection */
  readonly caSecretName?: string;
  /** Key of the CA certificate in `caSecretName`. @default 'ca.crt' */
  readonly caCertificateKey?: string;
  /** Credentials (a Secret in the MirrorMaker 2 namespace). @default none: no authentication */
  readonly credentials?: KafkaUserCredentials;
  /** Number of brokers, when known: replication factors are then checked against it. @default unknown: factors are not checked */
  readonly brokers?: number;
}

/** A MirrorMaker 2 source or target: a cluster object of this app or an external bootstrap address. */
export class MirrorCluster {
  /** A cluster of this app (StrimziCluster, or any IKafkaCluster): bootstrap, TLS trust and credentials come from it. */
  public static of(cluster: IKafkaCluster, options: MirrorClusterOptions = {}): MirrorCluster {
    return new MirrorCluster(options.alias ?? cluster.clusterName, cluster, cluster.brokerCount, (scope, field, namespace, podLabels) => {
      const { connection, listener } = connectToCluster(scope, field, cluster, { listener: options.listener, user: options.user });
      if (cluster.namespace !== namespace && (connection.tls || connection.authentication)) {
        const secrets = [connection.tls?.trustedCertificates[0].secretName, options.user?.credentials.secretName].filter(Boolean).join(', ');
        fail(scope, `${field}cluster`, `${cluster.clusterName} (namespace ${cluster.namespace})`,
          `a cluster in namespace "${namespace}", or a listener without TLS and authentication: Strimzi reads CA and user Secrets from the MirrorMaker 2 namespace`,
          `copy Secret(s) ${secrets} into namespace "${namespace}" and use MirrorCluster.external({ alias, bootstrapServers: "${connection.bootstrapServers}", caSecretName, credentials })`);
      }
      checkListenerAdmits(scope, field, cluster, listener.name, { labels: podLabels, namespace },
        `add StrimziNetworkPolicyPeer.pods({ 'strimzi.io/kind': 'KafkaMirrorMaker2' }) (podsInNamespaces(...) from another namespace) to the networkPolicyPeers of listener "${listener.name}" of cluster "${cluster.clusterName}" (MirrorMaker 2 pods carry one client-of label: the target's)`);
      return connection;
    });
  }

  /** A cluster outside this app; its CA and credential Secrets must exist in the MirrorMaker 2 namespace. */
  public static external(options: MirrorExternalClusterOptions): MirrorCluster {
    return new MirrorCluster(options.alias, undefined, options.brokers, (scope, field) => {
      if (typeof options.bootstrapServers !== 'string' || !BOOTSTRAP.test(options.bootstrapServers)) {
        fail(scope, `${field}bootstrapServers`, options.bootstrapServers, 'a comma-separated list of host:port', 'write it as "kafka-0.example.com:9093,kafka-1.example.com:9093"');
      }
      if (options.brokers !== undefined) validateInteger(scope, `${field}brokers`, options.brokers, 1);
      const c = options.credentials;
      if (c && c.authentication !== ListenerAuthentication.TLS && c.authentication !== ListenerAuthentication.SCRAM_SHA_512) {
        fail(scope, `${field}credentials.authentication`, c.authentication, 'tls or scram-sha-512', 'pass credentials of a TLS or SCRAM-SHA-512 user');
      }
      if (c?.authentication === ListenerAuthentication.TLS && !options.caSecretName) {
        fail(scope, `${field}caSecretName`, undefined, 'a CA Secret when the credentials are TLS client certificates (mutual TLS needs a TLS connection)',
          'set caSecretName to a Secret holding the cluster CA certificate, or use SCRAM credentials');
      }
      return {
        bootstrapServers: options.bootstrapServers,
        ...(options.caSecretName ? { tls: { trustedCertificates: [{ secretName: options.caSecretName, certificate: options.caCertificateKey ?? 'ca.crt' }] } } : {}),
        ...(c ? { authentication: clientAuthentication(c) } : {}),
      };
    });
  }

  private constructor(
    /** Alias of the cluster in MirrorMaker 2. */
    public readonly alias: string,
    /** The cluster object, when the cluster belongs to this app. */
    public readonly cluster: IKafkaCluster | undefined,
    /** Number of brokers, when known. */
    public readonly brokerCount: number | undefined,
    /** @internal renders the connection for a MirrorMaker 2 in `namespace` (validating it). */
    public readonly _connect: (scope: IConstruct, field: string, namespace: string, podLabels: { readonly [key: string]: string }) => StrimziClientConnection,
  ) {}
}
