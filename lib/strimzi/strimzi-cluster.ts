import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ClusterFlavour, defaultHeap, fail, IKafkaCluster, KafkaClientListener, KafkaClusterProps, KafkaLabels, KafkaStorage,
  ListenerAuthentication, ListenerType, pickListener, rejectStrimziForbiddenKeys, ReplicationSettings,
  replicationConfig, resolveClusterName, resolveReplication, resolveResources, ResourceSpec, safeBrokerDisruptions, securityProtocolOf,
  StorageType, standardLabels, validateConfigMap, validateControllerCount, validateDnsLabel, validateHeap, validateInteger, validateListeners,
} from '../kafka';
import { KAFKA_METRICS_KEY, kafkaMetricsRules, ZOOKEEPER_METRICS_KEY, zookeeperMetricsRules } from './jmx-metrics';
import { l1, Shape, v1beta2Kafka, v1beta2NodePool, v1Kafka, v1NodePool } from './l1';
import { strimziContainerSecurityContext, strimziPodSecurityContext, strimziResources } from './strimzi-common';
import { StrimziListenerOptions, StrimziNetworkPolicyPeer } from './strimzi-listener';
import { minorOf, StrimziVersion } from './strimzi-version';

/** Kinds of Kafka authorization Strimzi offers. */
export enum StrimziAuthorizationType {
  /** Kafka's built-in ACL authorizer (`StandardAuthorizer` in KRaft); ACLs come from KafkaUsers. */
  SIMPLE = 'simple',
  /** Your own authorizer class. */
  CUSTOM = 'custom',
  /** Open Policy Agent (Strimzi 0.45 / v1beta2 only; removed in Strimzi 1.x). */
  OPA = 'opa',
  /** Keycloak Authorization Services (Strimzi 0.45 / v1beta2 only; removed in Strimzi 1.x). */
  KEYCLOAK = 'keycloak',
}

/** Cluster-wide Kafka authorization. Build it with the static factories. */
export class StrimziAuthorization {
  /** ACL authorization; `superUsers` bypass ACLs (e.g. `CN=admin` for a TLS user, `admin` for SCRAM). */
  public static simple(options: { readonly superUsers?: string[] } = {}): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.SIMPLE, { superUsers: options.superUsers });
  }

  /** A custom authorizer class (must be on the broker classpath). */
  public static custom(options: { readonly authorizerClass: string; readonly superUsers?: string[]; readonly supportsAdminApi?: boolean }): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.CUSTOM, { ...options });
  }

  /** Open Policy Agent authorization: Strimzi 0.45 only (Strimzi 1.x removed it; use `custom`). */
  public static opa(options: { readonly url: string; readonly superUsers?: string[] }): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.OPA, { ...options });
  }

  /** Keycloak authorization: Strimzi 0.45 only (Strimzi 1.x removed it; use `custom`). */
  public static keycloak(options: { readonly tokenEndpointUri: string; readonly clientId: string; readonly superUsers?: string[] }): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.KEYCLOAK, { ...options });
  }

  private constructor(
    /** The authorization type. */
    public readonly type: StrimziAuthorizationType,
    /** @internal type-specific settings */
    public readonly _options: { readonly [key: string]: unknown },
  ) {}
}

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
  /** Pod affinity of broker/controller pods. @default none */
  readonly affinity?: k8s.Affinity;
  /** Tolerations of broker/controller pods. @default none */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Topology spread constraints of broker/controller pods; replace the defaults.
   * @default spread per node pool across nodes (ScheduleAnyway) and, with rackTopologyKey, across its values (DoNotSchedule)
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
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

const REPLICATION_KEYS = ['default.replication.factor', 'min.insync.replicas', 'offsets.topic.replication.factor',
  'transaction.state.log.replication.factor', 'transaction.state.log.min.isr'];
const REPLICATION_PROPS: Record<string, string> = {
  'default.replication.factor': 'defaultReplicationFactor', 'min.insync.replicas': 'minInsyncReplicas',
  'offsets.topic.replication.factor': 'offsetsTopicReplicationFactor',
  'transaction.state.log.replication.factor': 'transactionStateLogReplicationFactor', 'transaction.state.log.min.isr': 'transactionStateLogMinIsr',
};
const EXTERNAL_TYPES = [ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER, ListenerType.INGRESS, ListenerType.ROUTE];
const METADATA_VERSION = /^[0-9]+\.[0-9]+(-IV[0-9]+)?$/;

// Shapes both API versions accept: one code path renders them for v1 and v1beta2.
type ListenerShape = Shape<v1Kafka.KafkaSpecKafkaListeners> & Shape<v1beta2Kafka.KafkaSpecKafkaListeners>;
type KafkaShape = Shape<v1Kafka.KafkaSpecKafka> & Shape<v1beta2Kafka.KafkaSpecKafka>;
type PoolShape = Shape<v1NodePool.KafkaNodePoolSpec> & Shape<v1beta2NodePool.KafkaNodePoolSpec>;
type StorageShape = PoolShape['storage'];
type EntityOperatorShape = Shape<v1Kafka.KafkaSpecEntityOperator> & Shape<v1beta2Kafka.KafkaSpecEntityOperator>;
type CaShape = Shape<v1Kafka.KafkaSpecClusterCa> & Shape<v1beta2Kafka.KafkaSpecClusterCa>;

/** A node pool as rendered (name, roles, size). */
export interface StrimziNodePoolInfo {
  /** KafkaNodePool name. */
  readonly name: string;
  /** KRaft roles. */
  readonly roles: readonly ('broker' | 'controller')[];
  /** Number of nodes. */
  readonly replicas: number;
}

/**
 * A Kafka cluster run by the Strimzi operator: a `Kafka` custom resource plus its
 * `KafkaNodePool`s (KRaft) or its ZooKeeper ensemble (Strimzi 0.45), and a metrics ConfigMap.
 *
 * Strimzi 1.x (default): `kafka.strimzi.io/v1`, KRaft, one dual-role pool or dedicated
 * controller and broker pools. Strimzi 0.45: `v1beta2`, ZooKeeper (`zookeeper` prop) or
 * KRaft with node pools and the `strimzi.io/node-pools` / `strimzi.io/kraft` annotations.
 */
export class StrimziCluster extends Construct implements IKafkaCluster {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly flavour = ClusterFlavour.STRIMZI;
  public readonly brokerCount: number;
  public readonly replication: ReplicationSettings;
  public readonly clientListeners: readonly KafkaClientListener[];
  public readonly clusterCaSecretName?: string;
  public readonly clientLabels: { readonly [key: string]: string };
  public readonly clientImage: string;
  public readonly kafkaVersion: string;
  /** KRaft metadata version (undefined in ZooKeeper mode). */
  public readonly metadataVersion?: string;
  /** The Strimzi release targeted. */
  public readonly strimziVersion: StrimziVersion;
  /** apiVersion of the cluster's custom resources. */
  public readonly apiVersion: string;
  /** True when the cluster uses ZooKeeper (Strimzi 0.45 only). */
  public readonly usesZookeeper: boolean;
  /** Authorization type, if any (KafkaUser ACLs need one). */
  public readonly authorizationType?: StrimziAuthorizationType;
  /** Node pools (empty in ZooKeeper mode). */
  public readonly nodePools: readonly StrimziNodePoolInfo[];
  /** Name of the metrics ConfigMap, when metrics are on. */
  public readonly metricsConfigMapName?: string;
  /** Whether the user operator runs (KafkaUser needs it). */
  public readonly userOperatorEnabled: boolean;
  /** Whether the topic operator runs (KafkaTopic needs it). */
  public readonly topicOperatorEnabled: boolean;
  /** The `Kafka` custom resource. */
  public readonly resource: ApiObject;

  private readonly networkPolicies: boolean;

  constructor(scope: Construct, id: string, props: StrimziClusterProps = {}) {
    super(scope, id);
    const version = props.version ?? StrimziVersion.V1_2_0;
    this.strimziVersion = version;
    this.apiVersion = version.apiVersion;
    this.clusterName = resolveClusterName(this, props.clusterName);
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? Chart.of(this).namespace ?? 'default');
    const name = this.clusterName;
    const restricted = props.restrictedSecurityContext ?? true;
    this.networkPolicies = props.networkPolicies ?? true;

    // Versions
    this.kafkaVersion = props.kafkaVersion ?? version.defaultKafkaVersion;
    if (!version.kafkaVersions.includes(this.kafkaVersion)) {
      fail(this, 'kafkaVersion', this.kafkaVersion, `a Kafka version Strimzi ${version.version} supports (${version.kafkaVersions.join(', ')})`,
        `use one of them, or pick the Strimzi release that supports Kafka ${this.kafkaVersion}`);
    }

    // ZooKeeper or KRaft
    this.usesZookeeper = props.zookeeper !== undefined;
    if (this.usesZookeeper && !version.supportsZookeeper) {
      fail(this, 'zookeeper', props.zookeeper, `no ZooKeeper on Strimzi ${version.version} (KRaft only since 0.46); ZooKeeper needs StrimziVersion.V0_45_2`,
        'remove the zookeeper prop (KRaft with node pools), or set version: StrimziVersion.V0_45_2');
    }
    if (!this.usesZookeeper) {
      const mv = props.metadataVersion ?? version.metadataVersionFor(this.kafkaVersion);
      if (!METADATA_VERSION.test(mv) || compareMinor(minorOf(mv), minorOf(this.kafkaVersion)) > 0 || compareMinor(minorOf(mv), '3.3') < 0) {
        fail(this, 'metadataVersion', mv, `X.Y or X.Y-IVn from 3.3 up to the Kafka version's ${minorOf(this.kafkaVersion)} (default ${version.metadataVersionFor(this.kafkaVersion)})`,
          `set metadataVersion to e.g. "${version.metadataVersionFor(this.kafkaVersion)}" or leave it unset`);
      }
      this.metadataVersion = mv;
    } else if (props.metadataVersion !== undefined) {
      fail(this, 'metadataVersion', props.metadataVersion, 'unset in ZooKeeper mode (it is a KRaft setting)', 'remove metadataVersion or drop the zookeeper prop to use KRaft');
    }

    // Sizes
    this.brokerCount = validateInteger(this, 'brokers', props.brokers ?? 3, 1);
    if (this.usesZookeeper && props.controllers !== undefined) {
      fail(this, 'controllers', props.controllers, 'no controllers in ZooKeeper mode (controllers are a KRaft concept)', 'remove controllers or drop the zookeeper prop');
    }
    const dedicated = props.controllers ? validateControllerCount(this, 'controllers.replicas', props.controllers.replicas) : 0;
    const poolNames = this.resolvePoolNames(props.nodePoolNames, dedicated > 0);

    // Authorization
    const authz = props.authorization;
    if (authz && version.isV1 && (authz.type === StrimziAuthorizationType.OPA || authz.type === StrimziAuthorizationType.KEYCLOAK)) {
      fail(this, 'authorization.type', authz.type, `simple or custom on Strimzi ${version.version} (v1 removed opa and keycloak)`,
        'use StrimziAuthorization.simple(), or StrimziAuthorization.custom({ authorizerClass }) with the OPA/Keycloak authorizer on the broker classpath');
    }
    this.authorizationType = authz?.type;

    // Listeners
    const listeners = props.listeners ?? [
      { name: 'plain', port: 9092 },
      { name: 'tls', port: 9093, tls: true },
    ];
    validateListeners(this, 'listeners', listeners, {
      types: [ListenerType.INTERNAL, ListenerType.CLUSTER_IP, ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER, ListenerType.INGRESS, ListenerType.ROUTE],
      authentications: version.isV1
        ? [ListenerAuthentication.NONE, ListenerAuthentication.TLS, ListenerAuthentication.SCRAM_SHA_512, ListenerAuthentication.CUSTOM]
        : [ListenerAuthentication.NONE, ListenerAuthentication.TLS, ListenerAuthentication.SCRAM_SHA_512, ListenerAuthentication.CUSTOM, ListenerAuthentication.OAUTH],
      takenPorts: { 9090: 'Strimzi control plane listener', 9091: 'Strimzi replication listener' },
    });
    listeners.forEach((l, i) => this.validateStrimziListener(l, i));
    this.clientLabels = { [KafkaLabels.CLIENT_OF]: name };
    const ns = this.namespace;
    this.clientListeners = listeners.map(l => {
      const type = l.type ?? ListenerType.INTERNAL;
      const auth = l.authentication ?? ListenerAuthentication.NONE;
      const service = type === ListenerType.INTERNAL ? `${name}-kafka-bootstrap` : `${name}-kafka-${l.name}-bootstrap`;
      return {
        name: l.name, port: l.port, type, tls: !!l.tls, authentication: auth,
        bootstrapServers: `${service}.${ns}.svc:${l.port}`,
        securityProtocol: securityProtocolOf(!!l.tls, auth),
        ...(auth === ListenerAuthentication.SCRAM_SHA_512 ? { saslMechanism: 'SCRAM-SHA-512' } : {}),
        ...(auth === ListenerAuthentication.OAUTH ? { saslMechanism: 'OAUTHBEARER' } : {}),
      };
    });
    if (listeners.some(l => l.tls)) {
      this.clusterCaSecretName = `${name}-cluster-ca-cert`;
    }

    // Replication and config
    this.replication = resolveReplication(this, this.brokerCount, props.replication);
    const userConfig = validateConfigMap(this, 'config', props.config, { kind: 'broker', kafkaVersion: this.kafkaVersion });
    rejectStrimziForbiddenKeys(this, 'config', userConfig);
    for (const key of Object.keys(userConfig)) {
      if (REPLICATION_KEYS.includes(key)) {
        fail(this, `config["${key}"]`, key, 'keys other than the replication settings (they are derived from the broker count and checked)',
          `remove it and set replication.${REPLICATION_PROPS[key]} instead`);
      }
    }
    const config = { ...replicationConfig(this.replication), ...userConfig };

    // Storage
    const storage = props.storage ?? KafkaStorage.persistent({ size: '100Gi' });
    const brokerStorage = this.storageJson(storage, 'storage', '100Gi', !this.usesZookeeper);

    // Resources and heap
    const brokerResources = resolveResources(this, 'resources', props.resources, { cpuRequest: '500m', memoryRequest: '2Gi' });
    const brokerJvm = this.jvm('heap', props.heap, brokerResources.limits.memory);

    // Metrics
    const metrics = props.metrics ?? true;
    if (metrics) {
      this.metricsConfigMapName = `${name}-kafka-metrics`;
      new k8s.KubeConfigMap(this, 'Metrics', {
        metadata: { name: this.metricsConfigMapName, namespace: ns, labels: standardLabels('kafka', name, 'metrics') },
        data: {
          [KAFKA_METRICS_KEY]: kafkaMetricsRules(),
          ...(this.usesZookeeper ? { [ZOOKEEPER_METRICS_KEY]: zookeeperMetricsRules() } : {}),
        },
      });
    }
    const metricsConfig = (key: string) => (this.metricsConfigMapName
      ? { metricsConfig: { type: 'jmxPrometheusExporter' as const, valueFrom: { configMapKeyRef: { name: this.metricsConfigMapName, key } } } }
      : {});

    // Pod template
    const podSc = restricted ? { securityContext: strimziPodSecurityContext(true) } : {};
    const containerSc = restricted ? { securityContext: strimziContainerSecurityContext() } : {};
    const spread = props.topologySpreadConstraints?.map(c => coreJson(k8s.toJson_TopologySpreadConstraint(c)))
      ?? this.defaultSpread({ 'strimzi.io/cluster': name, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${name}-kafka` }, props.rackTopologyKey, this.usesZookeeper ? undefined : ['strimzi.io/pool-name']);
    const kafkaTemplate: KafkaShape['template'] = {
      pod: {
        ...podSc,
        ...(props.affinity ? { affinity: coreJson(k8s.toJson_Affinity(props.affinity)) } : {}),
        ...(props.tolerations ? { tolerations: props.tolerations.map(t => coreJson(k8s.toJson_Toleration(t))) } : {}),
        topologySpreadConstraints: spread,
        terminationGracePeriodSeconds: 120,
      },
      kafkaContainer: { ...containerSc },
      ...(props.rackTopologyKey ? { initContainer: { ...containerSc } } : {}),
      // Never let voluntary evictions take more brokers than the replication settings tolerate.
      podDisruptionBudget: { maxUnavailable: safeBrokerDisruptions(this.replication) },
    };

    // Entity operator
    const eo = props.entityOperator ?? {};
    this.topicOperatorEnabled = eo.topicOperator ?? true;
    this.userOperatorEnabled = eo.userOperator ?? true;
    let entityOperator: EntityOperatorShape | undefined;
    if (this.topicOperatorEnabled || this.userOperatorEnabled) {
      const eoResources = strimziResources(resolveResources(this, 'entityOperator.resources', eo.resources, { cpuRequest: '100m', memoryRequest: '512Mi' }));
      entityOperator = {
        ...(this.topicOperatorEnabled ? { topicOperator: { resources: eoResources } } : {}),
        ...(this.userOperatorEnabled ? { userOperator: { resources: eoResources } } : {}),
        ...(restricted ? {
          template: {
            pod: { securityContext: strimziPodSecurityContext(false) },
            ...(this.topicOperatorEnabled ? { topicOperatorContainer: { ...containerSc } } : {}),
            ...(this.userOperatorEnabled ? { userOperatorContainer: { ...containerSc } } : {}),
          },
        } : {}),
      };
    }

    const kafka: KafkaShape = {
      version: this.kafkaVersion,
      ...(this.metadataVersion ? { metadataVersion: this.metadataVersion } : {}),
      listeners: listeners.map(l => this.listenerJson(l)),
      ...(authz ? { authorization: authorizationJson(authz) } : {}),
      config,
      ...(props.rackTopologyKey ? { rack: { topologyKey: props.rackTopologyKey } } : {}),
      ...metricsConfig(KAFKA_METRICS_KEY),
      template: kafkaTemplate,
    };
    const common = {
      ...(entityOperator ? { entityOperator } : {}),
      ...(props.clusterCa ? { clusterCa: this.caJson('clusterCa', props.clusterCa) } : {}),
      ...(props.clientsCa ? { clientsCa: this.caJson('clientsCa', props.clientsCa) } : {}),
      ...(props.cruiseControl ? {
        cruiseControl: {
          resources: strimziResources(resolveResources(this, 'cruiseControl.resources', props.cruiseControl.resources, { cpuRequest: '200m', memoryRequest: '768Mi' })),
          ...(restricted ? { template: { pod: { securityContext: strimziPodSecurityContext(false) }, cruiseControlContainer: { ...containerSc } } } : {}),
        },
      } : {}),
      ...(props.kafkaExporter ? {
        kafkaExporter: {
          topicRegex: props.kafkaExporter.topicRegex ?? '.*',
          groupRegex: props.kafkaExporter.groupRegex ?? '.*',
          resources: strimziResources(resolveResources(this, 'kafkaExporter.resources', props.kafkaExporter.resources, { cpuRequest: '100m', memoryRequest: '128Mi' })),
          ...(restricted ? { template: { pod: { securityContext: strimziPodSecurityContext(false) }, container: { ...containerSc } } } : {}),
        },
      } : {}),
    };

    // Node pools (KRaft)
    // `id` (the default pool name) keeps construct ids stable when the pools are renamed.
    const pools: { id: string; name: string; roles: ('broker' | 'controller')[]; replicas: number; storage: StorageShape; resources: ReturnType<typeof strimziResources>; jvm: typeof brokerJvm; nextIds?: string }[] = [];
    if (!this.usesZookeeper) {
      if (dedicated === 0) {
        pools.push({ id: 'dual-role', name: poolNames.dualRole, roles: ['controller', 'broker'], replicas: this.brokerCount, storage: brokerStorage, resources: strimziResources(brokerResources), jvm: brokerJvm });
      } else {
        const controllers = props.controllers!;
        const cStorage = this.storageJson(controllers.storage ?? KafkaStorage.persistent({ size: '20Gi' }), 'controllers.storage', '20Gi', true);
        const cResources = resolveResources(this, 'controllers.resources', controllers.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
        const cJvm = this.jvm('controllers.heap', controllers.heap, cResources.limits.memory);
        // Fixed id ranges keep broker ids 0..n-1 whatever order Strimzi creates the pools in,
        // so per-broker listener settings (`broker: <id>`) stay valid.
        pools.push({ id: 'controller', name: poolNames.controller, roles: ['controller'], replicas: dedicated, storage: cStorage, resources: strimziResources(cResources), jvm: cJvm, nextIds: '[1000-1999]' });
        pools.push({ id: 'broker', name: poolNames.broker, roles: ['broker'], replicas: this.brokerCount, storage: brokerStorage, resources: strimziResources(brokerResources), jvm: brokerJvm, nextIds: '[0-999]' });
      }
    }
    this.nodePools = pools.map(p => ({ name: p.name, roles: [...p.roles], replicas: p.replicas }));

    const annotations: { [key: string]: string } = {};
    if (!this.usesZookeeper && version.needsKraftAnnotations) {
      annotations['strimzi.io/node-pools'] = 'enabled';
      annotations['strimzi.io/kraft'] = 'enabled';
    }
    const metadata = { name, namespace: ns, ...(Object.keys(annotations).length ? { annotations } : {}) };

    if (version.isV1) {
      this.resource = new v1Kafka.Kafka(this, 'Resource', { metadata, spec: l1<v1Kafka.KafkaSpec>({ kafka, ...common }) });
    } else {
      let zookeeper: Shape<v1beta2Kafka.KafkaSpecZookeeper> | undefined;
      let zkKafka: Partial<Shape<v1beta2Kafka.KafkaSpecKafka>> = {};
      if (props.zookeeper) {
        const zk = props.zookeeper;
        const zkReplicas = validateInteger(this, 'zookeeper.replicas', zk.replicas ?? 3, 1);
        if (zkReplicas % 2 === 0) {
          fail(this, 'zookeeper.replicas', zkReplicas, 'an odd number (1, 3, 5): an even ensemble tolerates no more failures than one node fewer',
            `use ${zkReplicas - 1} or ${zkReplicas + 1}`);
        }
        const zkStorage = zk.storage ?? KafkaStorage.persistent({ size: '10Gi' });
        if (zkStorage.type === StorageType.JBOD) {
          fail(this, 'zookeeper.storage', zkStorage.type, 'ephemeral or persistent-claim (ZooKeeper has no JBOD)', 'use KafkaStorage.persistent(...) for ZooKeeper');
        }
        const zkResources = resolveResources(this, 'zookeeper.resources', zk.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
        zookeeper = {
          replicas: zkReplicas,
          storage: this.storageJson(zkStorage, 'zookeeper.storage', '10Gi', false) as Shape<v1beta2Kafka.KafkaSpecZookeeperStorage>,
          resources: strimziResources(zkResources),
          jvmOptions: this.jvm('zookeeper.heap', zk.heap, zkResources.limits.memory),
          ...metricsConfig(ZOOKEEPER_METRICS_KEY),
          template: {
            pod: {
              ...podSc,
              ...(props.affinity ? { affinity: coreJson(k8s.toJson_Affinity(props.affinity)) } : {}),
              ...(props.tolerations ? { tolerations: props.tolerations.map(t => coreJson(k8s.toJson_Toleration(t))) } : {}),
              topologySpreadConstraints: this.defaultSpread({ 'strimzi.io/cluster': name, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${name}-zookeeper` }, props.rackTopologyKey),
            },
            zookeeperContainer: { ...containerSc },
          },
        };
        zkKafka = {
          replicas: this.brokerCount,
          storage: brokerStorage as Shape<v1beta2Kafka.KafkaSpecKafkaStorage>,
          resources: strimziResources(brokerResources),
          jvmOptions: brokerJvm,
        };
      }
      this.resource = new v1beta2Kafka.Kafka(this, 'Resource', {
        metadata,
        spec: l1<v1beta2Kafka.KafkaSpec>({ kafka: { ...kafka, ...zkKafka }, ...(zookeeper ? { zookeeper } : {}), ...common }),
      });
    }

    for (const p of pools) {
      const spec: PoolShape = {
        replicas: p.replicas, roles: p.roles, storage: p.storage, resources: p.resources, jvmOptions: p.jvm,
      };
      const poolMetadata = {
        name: p.name, namespace: ns,
        labels: { [KafkaLabels.STRIMZI_CLUSTER]: name },
        ...(p.nextIds ? { annotations: { 'strimzi.io/next-node-ids': p.nextIds } } : {}),
      };
      if (version.isV1) {
        new v1NodePool.KafkaNodePool(this, `Pool-${p.id}`, { metadata: poolMetadata, spec: l1<v1NodePool.KafkaNodePoolSpec>(spec) });
      } else {
        new v1beta2NodePool.KafkaNodePool(this, `Pool-${p.id}`, { metadata: poolMetadata, spec: l1<v1beta2NodePool.KafkaNodePoolSpec>(spec) });
      }
    }

    this.clientImage = props.clientImage ?? version.kafkaImage(this.kafkaVersion);
  }

  public listener(name?: string): KafkaClientListener {
    return pickListener(this, this.clientListeners, name);
  }

  /** Whether any listener accepts clients with this authentication. */
  public hasListenerWith(authentication: ListenerAuthentication): boolean {
    return this.clientListeners.some(l => l.authentication === authentication);
  }

  private validateStrimziListener(l: StrimziListenerOptions, i: number): void {
    const f = `listeners[${i}]`;
    const type = l.type ?? ListenerType.INTERNAL;
    const external = EXTERNAL_TYPES.includes(type);
    if (!external && (l.brokers || l.bootstrap)) {
      fail(this, `${f}.brokers`, type, `bootstrap/brokers settings only on external listener types (${EXTERNAL_TYPES.join(', ')})`,
        `remove bootstrap/brokers from listener "${l.name}" or change its type`);
    }
    const brokerIds = new Set<number>();
    (l.brokers ?? []).forEach((b, j) => {
      validateInteger(this, `${f}.brokers[${j}].broker`, b.broker, 0, this.brokerCountHint(), `use a broker id from 0 to ${this.brokerCountHint()}`);
      if (brokerIds.has(b.broker)) {
        fail(this, `${f}.brokers[${j}].broker`, b.broker, 'each broker id once', 'merge the settings of this broker into one entry');
      }
      brokerIds.add(b.broker);
    });
    if (type === ListenerType.INGRESS) {
      if (!l.bootstrap?.host) {
        fail(this, `${f}.bootstrap.host`, l.bootstrap?.host, 'a host name for the bootstrap Ingress (required for ingress listeners)', `set bootstrap: { host: "bootstrap.example.com" } on listener "${l.name}"`);
      }
      const brokers = this.brokerCountHint() + 1;
      for (let b = 0; b < brokers; b++) {
        if (!l.brokers?.find(x => x.broker === b)?.host) {
          fail(this, `${f}.brokers`, l.brokers?.map(x => x.broker) ?? [], `a host for every broker 0..${brokers - 1} (required for ingress listeners)`,
            `add { broker: ${b}, host: "broker-${b}.example.com" } to listener "${l.name}"`);
        }
      }
    }
    if (l.customAuthentication && l.authentication !== ListenerAuthentication.CUSTOM) {
      fail(this, `${f}.customAuthentication`, l.authentication ?? 'none', 'customAuthentication only with authentication: ListenerAuthentication.CUSTOM',
        'remove customAuthentication or set authentication to CUSTOM');
    }
  }

  private resolvePoolNames(names: StrimziNodePoolNames | undefined, dedicated: boolean): Required<StrimziNodePoolNames> {
    if (names === undefined) return { dualRole: 'dual-role', controller: 'controller', broker: 'broker' };
    if (this.usesZookeeper) {
      fail(this, 'nodePoolNames', names, 'unset in ZooKeeper mode (node pools are a KRaft concept)', 'remove nodePoolNames or drop the zookeeper prop');
    }
    // Strimzi names pods <cluster>-<pool>-<node id> (ids up to 1999): a DNS label of at most 63 characters.
    const max = 63 - this.clusterName.length - '--1999'.length;
    const resolved = {
      dualRole: validateDnsLabel(this, 'nodePoolNames.dualRole', names.dualRole ?? 'dual-role', max),
      controller: validateDnsLabel(this, 'nodePoolNames.controller', names.controller ?? 'controller', max),
      broker: validateDnsLabel(this, 'nodePoolNames.broker', names.broker ?? 'broker', max),
    };
    if (dedicated && resolved.controller === resolved.broker) {
      fail(this, 'nodePoolNames.broker', resolved.broker, `a name other than the controller pool's ("${resolved.controller}")`,
        'give the controller and broker pools different names');
    }
    return resolved;
  }

  private brokerCountHint(): number {
    return (this.brokerCount ?? 1) - 1;
  }

  private listenerJson(l: StrimziListenerOptions): ListenerShape {
    const type = l.type ?? ListenerType.INTERNAL;
    const auth = l.authentication ?? ListenerAuthentication.NONE;
    const defaultPeers = EXTERNAL_TYPES.includes(type) || !this.networkPolicies ? [] : [StrimziNetworkPolicyPeer.pods(this.clientLabels)];
    const peers = (l.networkPolicyPeers ?? defaultPeers).map(p => p._json);
    const configuration: NonNullable<ListenerShape['configuration']> = {
      ...(l.class ? { class: l.class } : {}),
      ...(l.bootstrap ? {
        bootstrap: {
          ...pick(l.bootstrap, ['host', 'nodePort', 'loadBalancerIp']),
          ...(l.bootstrap.alternativeNames ? { alternativeNames: [...l.bootstrap.alternativeNames] } : {}),
          ...(l.bootstrap.annotations ? { annotations: { ...l.bootstrap.annotations } } : {}),
        },
      } : {}),
      ...(l.brokers ? {
        brokers: [...l.brokers].sort((a, b) => a.broker - b.broker).map(b => ({
          broker: b.broker,
          ...pick(b, ['advertisedHost', 'advertisedPort', 'host', 'nodePort', 'loadBalancerIp']),
          ...(b.annotations ? { annotations: { ...b.annotations } } : {}),
        })),
      } : {}),
    };
    let authentication: ListenerShape['authentication'];
    if (auth === ListenerAuthentication.TLS || auth === ListenerAuthentication.SCRAM_SHA_512) {
      authentication = { type: auth };
    } else if (auth === ListenerAuthentication.CUSTOM) {
      authentication = {
        type: 'custom',
        sasl: l.customAuthentication?.sasl ?? true,
        ...(l.customAuthentication?.listenerConfig ? { listenerConfig: { ...l.customAuthentication.listenerConfig } } : {}),
      };
    } else if (auth === ListenerAuthentication.OAUTH) {
      // v1beta2 only (validated above); the v1 shape has no oauth, hence the cast.
      authentication = { type: 'oauth' } as unknown as ListenerShape['authentication'];
    }
    return {
      name: l.name,
      port: l.port,
      type,
      tls: !!l.tls,
      ...(authentication ? { authentication } : {}),
      ...(Object.keys(configuration).length ? { configuration } : {}),
      ...(peers.length ? { networkPolicyPeers: peers } : {}),
    };
  }

  private storageJson(storage: KafkaStorage, field: string, defaultSize: string, kraft: boolean): StorageShape {
    storage.validate(this, field);
    const persistent = (o: { size?: string; storageClass?: string; deleteClaim?: boolean }) => ({
      size: o.size ?? defaultSize,
      ...(o.storageClass ? { class: o.storageClass } : {}),
      deleteClaim: o.deleteClaim ?? false,
    });
    switch (storage.type) {
      case StorageType.EPHEMERAL:
        return { type: 'ephemeral', ...(storage.options.sizeLimit ? { sizeLimit: storage.options.sizeLimit } : {}) };
      case StorageType.PERSISTENT_CLAIM:
        if (storage.options.kraftMetadata) {
          fail(this, `${field}.kraftMetadata`, true, 'kraftMetadata only on a JBOD volume (a single volume always holds the metadata)',
            'remove kraftMetadata, or use KafkaStorage.jbod([...]) and mark one volume');
        }
        return { type: 'persistent-claim', ...persistent(storage.options) };
      default:
        if (!kraft && storage.volumes.some(v => v.kraftMetadata)) {
          fail(this, `${field}.volumes`, storage.volumes.map(v => !!v.kraftMetadata), 'no kraftMetadata volume in ZooKeeper mode', 'remove kraftMetadata from the volumes');
        }
        return {
          type: 'jbod',
          volumes: storage.volumes.map((v, id) => ({
            id, type: 'persistent-claim' as const, ...persistent(v),
            ...(v.kraftMetadata ? { kraftMetadata: 'shared' as const } : {}),
          })),
        };
    }
  }

  private jvm(field: string, heap: string | undefined, memoryLimit: string | undefined) {
    const h = heap ?? (memoryLimit ? defaultHeap(memoryLimit) : undefined);
    if (h === undefined) return undefined;
    validateHeap(this, field, h, memoryLimit);
    return { xms: h, xmx: h };
  }

  private caJson(field: string, ca: StrimziCaOptions): CaShape {
    if (ca.validityDays !== undefined) validateInteger(this, `${field}.validityDays`, ca.validityDays, 1);
    if (ca.renewalDays !== undefined) validateInteger(this, `${field}.renewalDays`, ca.renewalDays, 1);
    const validity = ca.validityDays ?? 365;
    const renewal = ca.renewalDays ?? 30;
    if (renewal >= validity) {
      fail(this, `${field}.renewalDays`, renewal, `fewer days than validityDays (${validity})`, 'lower renewalDays or raise validityDays');
    }
    return {
      ...(ca.generateCertificateAuthority !== undefined ? { generateCertificateAuthority: ca.generateCertificateAuthority } : {}),
      ...(ca.validityDays !== undefined ? { validityDays: ca.validityDays } : {}),
      ...(ca.renewalDays !== undefined ? { renewalDays: ca.renewalDays } : {}),
      ...(ca.certificateExpirationPolicy ? { certificateExpirationPolicy: ca.certificateExpirationPolicy } : {}),
    };
  }

  private defaultSpread(selector: { [key: string]: string }, zoneKey: string | undefined, matchLabelKeys?: string[]) {
    const c = (topologyKey: string, whenUnsatisfiable: string) => ({
      maxSkew: 1, topologyKey, whenUnsatisfiable,
      labelSelector: { matchLabels: { ...selector } },
      ...(matchLabelKeys ? { matchLabelKeys: [...matchLabelKeys] } : {}),
    });
    return [
      c('kubernetes.io/hostname', 'ScheduleAnyway'),
      ...(zoneKey ? [c(zoneKey, 'DoNotSchedule')] : []),
    ];
  }
}

function authorizationJson(a: StrimziAuthorization): KafkaShape['authorization'] {
  const o = a._options as { superUsers?: string[] };
  return {
    type: a.type,
    ...a._options,
    ...(o.superUsers ? { superUsers: [...o.superUsers] } : {}),
  } as unknown as KafkaShape['authorization']; // opa/keycloak fields exist only in v1beta2 (validated before)
}

/** Core Kubernetes JSON (from cdk8s-plus-27's typed structs) placed into a Strimzi template. */
function coreJson(json: Record<string, any> | undefined): any {
  return json ?? {};
}

function compareMinor(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 !== b1 ? a1 - b1 : a2 - b2;
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
