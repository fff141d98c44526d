import { IKafkaCluster, KafkaClusterProps, KafkaListenerOptions } from '../kafka';
import { KafkaLogLevel } from './kafka-logging';
import { PodPlacementOptions } from './placement';
import { ZookeeperEnsemble } from './zookeeper-ensemble';

/** How the cluster keeps its metadata. */
export enum KafkaMode {
  /** KRaft: Kafka's own Raft quorum of controllers (Kafka 4.x). */
  KRAFT = 'kraft',
  /** ZooKeeper: brokers keep metadata in a ZooKeeper ensemble (Kafka 3.9, the last line with ZooKeeper). */
  ZOOKEEPER = 'zookeeper',
}

/** A listener of raw brokers: the shared listener model plus how external listeners are reached. */
export interface KafkaBrokersListener extends KafkaListenerOptions {
  /**
   * NODE_PORT only: node port of broker 0; broker i gets `nodePortBase + i` (fixed, so the
   * broker can advertise it). Must stay within 30000-32767.
   * @default required for NODE_PORT listeners
   */
  readonly nodePortBase?: number;
  /**
   * External listeners only: the host (DNS name or IP) advertised by each broker, index = pod
   * ordinal. For LOAD_BALANCER listeners, point these names at the per-broker load balancers.
   * @default NODE_PORT: the IP of the node the broker runs on (`status.hostIP`); LOAD_BALANCER: required
   */
  readonly advertisedHosts?: string[];
}

/**
 * Properties of {@link KafkaBrokers}: the shared cluster model ({@link KafkaClusterProps}) plus
 * what only raw StatefulSets have (metadata mode, ZooKeeper, image, zones, pod placement…).
 */
export interface KafkaBrokersProps extends KafkaClusterProps, PodPlacementOptions {
  /** Client listeners (the shared model plus NodePort/LoadBalancer settings). @default [{ name: 'plain', port: 9092 }] (internal, plaintext) */
  readonly listeners?: KafkaBrokersListener[];
  /** Metadata mode. @default KafkaMode.ZOOKEEPER when `zookeeper` is given, else KafkaMode.KRAFT */
  readonly mode?: KafkaMode;
  /** ZooKeeper mode: the ensemble, or a connect string (`host:2181,…[/chroot]`). @default none (KRaft) */
  readonly zookeeper?: ZookeeperEnsemble | string;
  /**
   * KRaft only: cluster id (22 characters of base64url, as printed by `kafka-storage random-uuid`).
   * Never change it for an existing cluster.
   * @default derived from namespace and clusterName (deterministic)
   */
  readonly clusterId?: string;
  /**
   * Rack awareness: the zones to run brokers in, as values of the node label `zoneTopologyKey`
   * (e.g. `['eu-west-1a', 'eu-west-1b', 'eu-west-1c']`). The brokers stay one StatefulSet (it rolls
   * one pod at a time), restricted to these zones by a required node affinity and spread evenly
   * over them (maxSkew 1, DoNotSchedule, minDomains = the zone count); each broker's `broker.rack`
   * is the zone of the node it runs on, read at start by an init container (on the Kafka image's
   * JRE, with a service account that may only `get` nodes: a ClusterRole and binding are emitted).
   * `replica.selector.class` becomes Kafka's RackAwareReplicaSelector so consumers with `client.rack`
   * fetch from their own zone. Dedicated controllers are spread over the zones the same way.
   * Zonal volumes keep a broker in its zone once it has run; adding a zone later is safe (new
   * brokers spread into it), removing one strands the brokers whose volumes are there.
   * @default no rack awareness: no `broker.rack`
   */
  readonly zones?: string[];
  /** Kafka image. @default KafkaImages.KAFKA (KRaft) or KafkaImages.KAFKA_ZOOKEEPER_MODE (ZooKeeper) */
  readonly image?: string;
  /** `auto.create.topics.enable`. @default false (topics are declared, e.g. with KafkaTopicsJob) */
  readonly autoCreateTopics?: boolean;
  /** `num.partitions` of auto-created topics. @default Kafka's default (1) */
  readonly numPartitions?: number;
  /** `log.retention.hours`. @default Kafka's default (168) */
  readonly logRetentionHours?: number;
  /** Seconds a broker gets for controlled shutdown. @default 120 */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Levels of Kafka's loggers on brokers and controllers, by logger name (e.g.
   * `{ 'kafka.request.logger': KafkaLogLevel.DEBUG, 'org.apache.kafka.raft': KafkaLogLevel.DEBUG }`),
   * or `root` for the root logger; merged over the defaults. Kafka logs to stdout only (`kubectl logs`),
   * never to files. Takes effect when the pods restart (e.g. `kubectl rollout restart`).
   * @default root INFO; kafka.request.logger and kafka.network.RequestChannel$ WARN; kafka.controller,
   * org.apache.kafka.controller, state.change.logger and kafka.authorizer.logger INFO
   */
  readonly logLevels?: { readonly [logger: string]: KafkaLogLevel };
  /**
   * JVM garbage-collection log on stdout, one line per collection (`-Xlog:gc:stdout`). The start
   * script's GC log files (up to 10 × 100M in /opt/kafka/logs) are never written.
   * @default false (no GC log, as Strimzi's gcLoggingEnabled)
   */
  readonly gcLogging?: boolean;
}

/** A raw cluster as its admin Jobs (topics, SCRAM users) see it. Implemented by {@link KafkaBrokers}. */
export interface IKafkaBrokers extends IKafkaCluster {
  /** Metadata mode. */
  readonly mode: KafkaMode;
  /** Bootstrap address of the internal replication listener, used by the cluster's admin Jobs. */
  readonly adminBootstrapServers: string;
  /** Labels admin Jobs carry: the client label plus admin access to the replication port. */
  readonly adminLabels: { [key: string]: string };
}
