import { KafkaConfigMap } from './config';
import { ReplicationOptions } from './replication';
import { ResourceSpec } from './resources';
import { KafkaStorage } from './storage';

/**
 * Dedicated KRaft controllers: nodes that run only the metadata quorum, apart from the
 * brokers. Raw: a controller StatefulSet; Strimzi: a `controller` KafkaNodePool.
 */
export interface KafkaControllerOptions {
  /**
   * Number of controllers: odd, from 1 to 9 (an even quorum tolerates no more failures than
   * the odd one below it).
   */
  readonly replicas: number;
  /**
   * Metadata log storage of each controller.
   * @default KafkaStorage.persistent({ size: '10Gi' }) (raw) or KafkaStorage.persistent({ size: '20Gi' }) (Strimzi)
   */
  readonly storage?: KafkaStorage;
  /** CPU and memory of each controller. @default cpuRequest '250m', memoryRequest and memoryLimit '1Gi' */
  readonly resources?: ResourceSpec;
  /** JVM heap (-Xms/-Xmx), below the memory limit. @default half the memory limit */
  readonly heap?: string;
}

/**
 * The props every Kafka cluster construct shares, in one vocabulary: `KafkaBrokersProps`
 * (raw StatefulSets) and `StrimziClusterProps` (Strimzi custom resources) extend it and add
 * only what is specific to their back end, so one object of this type configures either.
 * Listeners are declared per flavour (`KafkaBrokersListener`, `StrimziListenerOptions`, both
 * extending the shared `KafkaListenerOptions`): each back end adds its own external settings.
 */
export interface KafkaClusterProps {
  /**
   * Cluster name: prefix of every object name (raw) or name of the `Kafka` resource (Strimzi).
   * A DNS-1123 label of at most 40 characters.
   * @default the construct id, lower-cased
   */
  readonly clusterName?: string;
  /** Namespace. @default the chart's namespace, else 'default' */
  readonly namespace?: string;
  /**
   * Number of brokers (nodes with the broker role). Raw with `zones`: in all zones together,
   * a multiple of the zone count.
   * @default 3
   */
  readonly brokers?: number;
  /**
   * Kafka version. Strimzi: one the Strimzi release supports (it picks the image). Raw: the
   * version of the image (the image decides; the version is reported to clients and checked
   * against the metadata mode).
   * @default Strimzi: the release's default (4.3.1 for 1.2.0, 3.9.2 for 0.45.2); raw: the default image's version, else the image tag
   */
  readonly kafkaVersion?: string;
  /**
   * Cluster DNS domain: in-cluster addresses are `<service>.<namespace>.svc.<domain>` in both
   * flavours (Strimzi: set it to the operator's KUBERNETES_SERVICE_DNS_DOMAIN when that differs).
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /** Broker log storage. @default KafkaStorage.persistent({ size: '100Gi' }) */
  readonly storage?: KafkaStorage;
  /** CPU and memory per broker. @default cpuRequest '500m', memoryRequest and memoryLimit '2Gi' */
  readonly resources?: ResourceSpec;
  /** Broker JVM heap (-Xms/-Xmx), below the memory limit. @default half the memory limit */
  readonly heap?: string;
  /**
   * Replication settings.
   * @default derived from the broker count: replication factors min(3, brokers), min ISR min(2, factor)
   */
  readonly replication?: ReplicationOptions;
  /**
   * Further broker properties. Keys the construct manages (listeners, ids, quorum, log dirs,
   * security; on Strimzi every key Strimzi forbids) and replication keys (use `replication`) are refused.
   * @default none
   */
  readonly config?: KafkaConfigMap;
  /**
   * KRaft only: dedicated controllers. Without it, every broker is also a controller (raw:
   * combined nodes; Strimzi: one dual-role node pool) and the brokers form the quorum.
   * @default none: combined broker+controller nodes
   */
  readonly controllers?: KafkaControllerOptions;
  /**
   * Restrict who reaches the brokers to pods labelled as clients of this cluster
   * (`cluster.clientLabels`) on the internal listeners; external listeners stay open on their ports.
   * Raw: NetworkPolicies (brokers reachable by each other, by client pods on the listener ports,
   * by the cluster's admin Jobs on the replication port; controllers only by brokers); `false`
   * emits none. Strimzi: the default `networkPolicyPeers` of internal listeners (the operator
   * writes the NetworkPolicies); `false` leaves them empty, so any pod may connect. A listener's
   * own `networkPolicyPeers` still apply.
   * @default true
   */
  readonly networkPolicies?: boolean;
}
