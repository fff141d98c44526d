import { IKafkaCluster, KafkaClusterProps, KafkaStorage, PodAffinity, PodToleration, ResourceSpec, TopologySpreadConstraint } from '../kafka';
import { StrimziAuthorization, StrimziAuthorizationType } from './strimzi-authorization';
import type { StrimziKraftMigration } from './strimzi-kraft-migration';
import { StrimziListenerOptions } from './strimzi-listener';
import { StrimziVersion } from './strimzi-version';

/** What Strimzi does when a CA certificate expires. */
export enum StrimziCertificateExpirationPolicy {
  /** Renew the certificate with the same key (default). */
  RENEW_CERTIFICATE = 'renew-certificate',
  /** Replace the key and certificate. */
  REPLACE_KEY = 'replace-key',
}

/** Settings of the cluster CA or the clients CA. */
export interface StrimziCaOptions {
  /** Let Strimzi generate the CA; false means you provide the CA Secrets. @default true */
  readonly generateCertificateAuthority?: boolean;
  /** Validity of CA certificates in days. @default 365 (Strimzi's default) */
  readonly validityDays?: number;
  /** Days before expiry when renewal starts. @default 30 (Strimzi's default) */
  readonly renewalDays?: number;
  /** Expiration policy. @default StrimziCertificateExpirationPolicy.RENEW_CERTIFICATE */
  readonly certificateExpirationPolicy?: StrimziCertificateExpirationPolicy;
}

/** ZooKeeper ensemble of a Strimzi 0.45 cluster. */
export interface StrimziZookeeperOptions {
  /** ZooKeeper nodes (odd, to keep a majority quorum). @default 3 */
  readonly replicas?: number;
  /** Storage of each node (ephemeral or persistent; no JBOD). @default KafkaStorage.persistent({ size: '10Gi' }) */
  readonly storage?: KafkaStorage;
  /** Resources of each node. @default { cpuRequest: '250m', memoryRequest: '1Gi' } (limit = request) */
  readonly resources?: ResourceSpec;
  /** JVM heap (-Xms/-Xmx). @default half the memory limit */
  readonly heap?: string;
  /** Pod affinity of the ZooKeeper pods (e.g. dedicated nodes). @default the cluster's `affinity` */
  readonly affinity?: PodAffinity;
  /** Tolerations of the ZooKeeper pods. @default the cluster's `tolerations` */
  readonly tolerations?: PodToleration[];
  /**
   * Topology spread constraints of the ZooKeeper pods; replace the defaults.
   * @default spread across nodes (ScheduleAnyway) and, with rackTopologyKey, across its values (DoNotSchedule)
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** Entity operator (topic and user operators). */
export interface StrimziEntityOperatorOptions {
  /** Run the topic operator (reconciles KafkaTopic). @default true */
  readonly topicOperator?: boolean;
  /** Run the user operator (reconciles KafkaUser). @default true */
  readonly userOperator?: boolean;
  /** Resources of each operator container. @default { cpuRequest: '100m', memoryRequest: '512Mi' } */
  readonly resources?: ResourceSpec;
}

/** Cruise Control (rebalancing). */
export interface StrimziCruiseControlOptions {
  /** Resources. @default { cpuRequest: '200m', memoryRequest: '768Mi' } */
  readonly resources?: ResourceSpec;
}

/** Kafka Exporter (consumer lag and topic metrics for Prometheus). */
export interface StrimziKafkaExporterOptions {
  /** Topics to export. @default '.*' */
  readonly topicRegex?: string;
  /** Consumer groups to export. @default '.*' */
  readonly groupRegex?: string;
  /** Resources. @default { cpuRequest: '100m', memoryRequest: '128Mi' } */
  readonly resources?: ResourceSpec;
}

/**
 * Names of the `KafkaNodePool`s of a KRaft cluster. KafkaNodePool names are unique per
 * namespace, so a second StrimziCluster in the same namespace needs its own names.
 */
export interface StrimziNodePoolNames {
  /** Pool of combined controller+broker nodes (used without `controllers`). @default 'dual-role' */
  readonly dualRole?: string;
  /** Pool of dedicated controllers (used with `controllers`). @default 'controller' */
  readonly controller?: string;
  /** Pool of brokers (used with `controllers`). @default 'broker' */
  readonly broker?: string;
}

/**
 * Properties of a {@link StrimziCluster}: the shared cluster model ({@link KafkaClusterProps})
 * plus what only Strimzi has (release, ZooKeeper of 0.45, authorization, CAs, operators…).
 *
 * On Strimzi, `controllers` become a `controller` node pool next to a `broker` pool (default
 * storage persistent 20Gi), and `networkPolicies` decides the default `networkPolicyPeers` of
 * internal listeners.
 */
export interface StrimziClusterProps extends KafkaClusterProps {
  /**
   * Listeners (the shared model plus Strimzi settings such as `networkPolicyPeers`).
   * @default plain 9092 and tls 9093 (TLS), both internal, both reachable only by client-labelled pods
   */
  readonly listeners?: StrimziListenerOptions[];
  /** Strimzi release to target (decides API version, ZooKeeper support, Kafka versions). @default StrimziVersion.V1_2_0 */
  readonly version?: StrimziVersion;
  /** KRaft metadata version (`X.Y` or `X.Y-IVn`, not above the Kafka version). @default the Kafka version's default, e.g. 4.3-IV0 */
  readonly metadataVersion?: string;
  /** ZooKeeper ensemble (Strimzi 0.45 only; Strimzi 1.x is KRaft only). @default none: KRaft */
  readonly zookeeper?: StrimziZookeeperOptions;
  /**
   * Phase of Strimzi's ZooKeeper-to-KRaft migration of this (running, ZooKeeper) cluster, on
   * Strimzi 0.45 with `zookeeper` still set: brokers into a `kafka` node pool, then the
   * migration with dedicated `controllers`, then KRaft enabled (docs/upgrade.md).
   * @default none: no migration under way
   */
  readonly kraftMigration?: StrimziKraftMigration;
  /**
   * KRaft only: names of the node pools. Set them when two StrimziClusters share a namespace
   * (KafkaNodePool names must be unique in a namespace), e.g. `{ dualRole: 'orders' }`.
   * Strimzi names the pods `<clusterName>-<pool>-<id>`: never rename the pools of a running cluster.
   * @default 'dual-role', or 'controller' and 'broker' with `controllers`
   */
  readonly nodePoolNames?: StrimziNodePoolNames;
  /** Authorization. @default none (every authenticated client may do anything) */
  readonly authorization?: StrimziAuthorization;
  /**
   * Rack awareness: node label whose value becomes `broker.rack` (e.g. `topology.kubernetes.io/zone`).
   * Also spreads brokers across its values (Strimzi ≥ 0.49 no longer adds that affinity itself).
   * @default no rack awareness
   */
  readonly rackTopologyKey?: string;
  /** Pod affinity of broker/controller pods (and ZooKeeper pods, unless `zookeeper.affinity`). @default none */
  readonly affinity?: PodAffinity;
  /** Tolerations of broker/controller pods (and ZooKeeper pods, unless `zookeeper.tolerations`). @default none */
  readonly tolerations?: PodToleration[];
  /**
   * Topology spread constraints of broker/controller pods; replace the defaults.
   * @default spread per node pool across nodes (ScheduleAnyway) and, with rackTopologyKey, across its values (DoNotSchedule)
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /**
   * Emit Pod Security "restricted" security contexts for every Strimzi container (read-only
   * root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp).
   * @default true
   */
  readonly restrictedSecurityContext?: boolean;
  /** Generate a JMX Prometheus exporter ConfigMap and reference it from `metricsConfig`. @default true */
  readonly metrics?: boolean;
  /** Entity operator; set both operators false to omit it. @default topic and user operators */
  readonly entityOperator?: StrimziEntityOperatorOptions;
  /** Cruise Control. @default disabled */
  readonly cruiseControl?: StrimziCruiseControlOptions;
  /** Kafka Exporter. @default disabled */
  readonly kafkaExporter?: StrimziKafkaExporterOptions;
  /** Cluster CA. @default Strimzi-generated, Strimzi's validity */
  readonly clusterCa?: StrimziCaOptions;
  /** Clients CA. @default Strimzi-generated, Strimzi's validity */
  readonly clientsCa?: StrimziCaOptions;
  /** Image with Kafka CLIs for clients and jobs. @default quay.io/strimzi/kafka:<strimzi>-kafka-<kafkaVersion> */
  readonly clientImage?: string;
}

/**
 * A Strimzi cluster as its topics, users and operands (Connect, MirrorMaker 2, Bridge,
 * Rebalance) see it. Implemented by {@link StrimziCluster}.
 */
export interface IStrimziCluster extends IKafkaCluster {
  /** The Strimzi release targeted (decides the API version of every bound resource). */
  readonly strimziVersion: StrimziVersion;
  /** True when the cluster uses ZooKeeper (Strimzi 0.45 only). */
  readonly usesZookeeper: boolean;
  /** KRaft metadata version (undefined in ZooKeeper mode). */
  readonly metadataVersion?: string;
  /** Authorization type, if any (KafkaUser ACLs need one). */
  readonly authorizationType?: StrimziAuthorizationType;
  /** Whether the user operator runs (KafkaUser needs it). */
  readonly userOperatorEnabled: boolean;
  /** Whether the topic operator runs (KafkaTopic needs it). */
  readonly topicOperatorEnabled: boolean;
  /** Whether Cruise Control runs (KafkaRebalance needs it). */
  readonly cruiseControlEnabled: boolean;
}
