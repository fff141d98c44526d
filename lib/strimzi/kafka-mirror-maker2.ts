import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as v1Mm2 from '../../imports/strimzi-v1-kafkamirrormaker2-kafka.strimzi.io';
import * as v1beta2Mm2 from '../../imports/strimzi-v1beta2-kafkamirrormaker2-kafka.strimzi.io';
import {
  ClusterFlavour, defaultHeap, fail, KafkaConfigKind, KafkaConfigMap, resolveResources, ResourceSpec, validateConfigMap, validateDnsLabel, validateHeap, validateInteger,
} from '../kafka';
import { l1, Shape } from './l1';
import { MirrorCluster } from './mirror-cluster';
import { rejectPrefixes, StrimziClientConnection } from './strimzi-client-connection';
import { boundNamespace, strimziContainerSecurityContext, strimziPodSecurityContext, strimziResources, toObjectName } from './strimzi-common';
import { IStrimziCluster } from './strimzi-cluster-props';
import { StrimziVersion } from './strimzi-version';
import { enterConstruct } from '../kafka/construct-entry';
import { validateKafkaImage } from '../kafka/images';

/** Properties of a {@link KafkaMirrorMaker2}. */
export interface KafkaMirrorMaker2Props {
  /** Cluster whose topics are mirrored. */
  readonly source: MirrorCluster;
  /**
   * Cluster the topics are mirrored to; MirrorMaker 2 (a Connect cluster) runs against it and, when
   * it is a cluster object, in its namespace.
   */
  readonly target: MirrorCluster;
  /** Name of the KafkaMirrorMaker2 resource. @default the construct id, lower-cased */
  readonly mirrorName?: string;
  /** Strimzi release; must match the target's when the target is a StrimziCluster. @default the target's (else the source's) release, else StrimziVersion.V1_2_0 */
  readonly version?: StrimziVersion;
  /** Connect workers. @default 1 */
  readonly replicas?: number;
  /** Topics to mirror (regular expression or comma-separated list). @default '.*' */
  readonly topicsPattern?: string;
  /** Topics not to mirror. @default none (MirrorMaker 2 still skips internal topics) */
  readonly topicsExcludePattern?: string;
  /** Consumer groups whose offsets are checkpointed. @default '.*' */
  readonly groupsPattern?: string;
  /** Consumer groups not to checkpoint. @default none */
  readonly groupsExcludePattern?: string;
  /**
   * Replication factor of mirrored, checkpoint and heartbeat topics on the target; at most the
   * target's brokers and at least its min.insync.replicas. -1 uses the target broker's default.
   * @default the target cluster's default replication factor (-1 for an external target)
   */
  readonly replicationFactor?: number;
  /**
   * Replication factor of the offset-syncs topic, which lives on the source; at most the source's brokers.
   * @default the source cluster's default replication factor (-1 for an external source)
   */
  readonly offsetSyncsReplicationFactor?: number;
  /** Maximum tasks of each connector. @default 1 */
  readonly tasksMax?: number;
  /** Run the checkpoint connector (translates consumer group offsets). @default true */
  readonly checkpoints?: boolean;
  /** Write translated offsets into the target's consumer groups (`sync.group.offsets.enabled`); needs checkpoints. @default false */
  readonly syncGroupOffsets?: boolean;
  /**
   * Run the heartbeat connector. Strimzi 0.45 (v1beta2) only: the v1 API of Strimzi 1.x has no
   * `heartbeatConnector`.
   * @default false
   */
  readonly heartbeats?: boolean;
  /** Extra source connector config; keys with a typed prop and keys Strimzi sets are rejected. @default `sync.topic.acls.enabled: false` */
  readonly sourceConnectorConfig?: KafkaConfigMap;
  /** Extra checkpoint connector config; keys with a typed prop and keys Strimzi sets are rejected. @default none */
  readonly checkpointConnectorConfig?: KafkaConfigMap;
  /** Connect worker config on the target; keys Strimzi manages are rejected. @default internal topics replicated like the target's default */
  readonly config?: KafkaConfigMap;
  /** Worker resources. @default { cpuRequest: '250m', memoryRequest: '1Gi' } (memory limit = request) */
  readonly resources?: ResourceSpec;
  /** JVM heap. @default half the memory limit */
  readonly heap?: string;
  /** Worker image. @default Strimzi's Kafka image for the Kafka version */
  readonly image?: string;
  /** Namespace; must be the target cluster's when the target is a cluster object. @default the target cluster's namespace, else the chart's */
  readonly namespace?: string;
}

const ALIAS = /^[a-zA-Z0-9._-]{1,100}$/;
// Worker keys Strimzi manages (KafkaMirrorMaker2ClusterSpec FORBIDDEN_PREFIXES; v1 adds the group and storage topics).
const WORKER_FORBIDDEN = ['ssl.', 'sasl.', 'security.', 'listeners', 'plugin.path', 'rest.', 'bootstrap.servers', 'consumer.interceptor.classes', 'producer.interceptor.classes',
  'group.id', 'config.storage.topic', 'offset.storage.topic', 'status.storage.topic'];
const WORKER_EXCEPTIONS = ['ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols'];
// Connector keys Strimzi sets itself, and keys this construct derives from typed props.
const CONNECTOR_STRIMZI = ['name', 'connector.class', 'tasks.max', 'connector.plugin.version', 'source.cluster.alias', 'target.cluster.alias'];
const CONNECTOR_TYPED: Record<string, string> = {
  'replication.factor': 'replicationFactor', 'checkpoints.topic.replication.factor': 'replicationFactor',
  'heartbeats.topic.replication.factor': 'replicationFactor', 'offset-syncs.topic.replication.factor': 'offsetSyncsReplicationFactor',
  'sync.group.offsets.enabled': 'syncGroupOffsets', 'topics': 'topicsPattern', 'topics.exclude': 'topicsExcludePattern',
  'groups': 'groupsPattern', 'groups.exclude': 'groupsExcludePattern',
};

type ConnectorShape = Shape<v1Mm2.KafkaMirrorMaker2SpecMirrorsSourceConnector> & Shape<v1beta2Mm2.KafkaMirrorMaker2SpecMirrorsSourceConnector>;
type CommonShape = Omit<Shape<v1Mm2.KafkaMirrorMaker2Spec>, 'target' | 'mirrors'> & Omit<Shape<v1beta2Mm2.KafkaMirrorMaker2Spec>, 'connectCluster' | 'clusters' | 'mirrors'>;

/**
 * A Strimzi `KafkaMirrorMaker2`: mirrors topics (and consumer group offsets) from a source cluster
 * to a target cluster. Renders the v1 shape (`target` + `mirrors[].source`) for Strimzi 1.x and the
 * v1beta2 shape (`connectCluster` + `clusters` + `mirrors[].sourceCluster/targetCluster`) for 0.45.
 */
export class KafkaMirrorMaker2 extends Construct {
  /** Name of the KafkaMirrorMaker2 resource. */
  public readonly mirrorName: string;
  /** Namespace. */
  public readonly namespace: string;
  /** Strimzi release the resource is rendered for. */
  public readonly strimziVersion: StrimziVersion;
  /** The custom resource. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaMirrorMaker2Props) {
    super(scope, id);
    enterConstruct(this, props);
    const { source, target } = props;
    const targetCluster = target.cluster;
    this.namespace = targetCluster
      ? boundNamespace(this, props.namespace, targetCluster.namespace, targetCluster.clusterName)
      : validateDnsLabel(this, 'namespace', props.namespace ?? Chart.of(this).namespace ?? 'default');
    this.mirrorName = validateDnsLabel(this, 'mirrorName', props.mirrorName ?? toObjectName(id), 40);
    const name = this.mirrorName;

    // Strimzi release: the operator watching the target's namespace reconciles this resource.
    const strimziOf = (m: MirrorCluster) => (m.cluster?.flavour === ClusterFlavour.STRIMZI ? m.cluster as IStrimziCluster : undefined);
    const decisive = strimziOf(target) ?? strimziOf(source);
    const version = props.version ?? decisive?.strimziVersion ?? StrimziVersion.V1_2_0;
    if (strimziOf(target) && version !== strimziOf(target)!.strimziVersion) {
      fail(this, 'version', version.version, `the target cluster's Strimzi release (${strimziOf(target)!.strimziVersion.version})`,
        'remove version: MirrorMaker 2 is reconciled by the operator of the target cluster');
    }
    this.strimziVersion = version;
    const kafkaVersion = strimziOf(target)?.kafkaVersion ?? version.defaultKafkaVersion;

    this.checkClusters(source, target);
    // Client labels admit the workers through the target's (else the source's) listener network policies.
    const clientLabels = targetCluster?.clientLabels ?? source.cluster?.clientLabels;
    const podLabels = { ...clientLabels, 'strimzi.io/cluster': name, 'strimzi.io/kind': 'KafkaMirrorMaker2', 'strimzi.io/name': `${name}-mirrormaker2` };
    const sourceConn = source._connect(this, 'source.', this.namespace, podLabels);
    const targetConn = target._connect(this, 'target.', this.namespace, podLabels);

    // Replication factors: mirrored/checkpoint/heartbeat topics live on the target, offset-syncs on the source.
    const rf = this.factor('replicationFactor', props.replicationFactor, target, 'target');
    if (targetCluster && rf !== -1 && rf < targetCluster.replication.minInsyncReplicas) {
      fail(this, 'replicationFactor', rf, `at least the target's min.insync.replicas (${targetCluster.replication.minInsyncReplicas}), or MirrorMaker 2's acks=all writes fail`,
        `raise replicationFactor to ${targetCluster.replication.minInsyncReplicas} or more`);
    }
    const offsetSyncsRf = this.factor('offsetSyncsReplicationFactor', props.offsetSyncsReplicationFactor, source, 'source');
    const internalRf = targetCluster ? targetCluster.replication.defaultReplicationFactor : -1;

    const { sourceConnector, checkpointConnector, heartbeatConnector, patterns } = this.connectors(props, rf, offsetSyncsRf, kafkaVersion);
    const { storage, config: sortedWorkerConfig } = this.worker(props, internalRf, kafkaVersion);
    const common = this.commonSpec(props, kafkaVersion, clientLabels);
    const metadata = { name, namespace: this.namespace };
    const endpoint = (alias: string, c: StrimziClientConnection) => ({
      alias, bootstrapServers: c.bootstrapServers, ...(c.tls ? { tls: c.tls } : {}), ...(c.authentication ? { authentication: c.authentication } : {}),
    });
    if (version.isV1) {
      const spec: Shape<v1Mm2.KafkaMirrorMaker2Spec> = {
        ...common,
        target: { ...endpoint(target.alias, targetConn), ...storage, config: sortedWorkerConfig },
        mirrors: [{
          source: endpoint(source.alias, sourceConn),
          sourceConnector,
          ...(checkpointConnector ? { checkpointConnector } : {}),
          ...patterns,
        }],
      };
      this.resource = new v1Mm2.KafkaMirrorMaker2(this, 'Resource', { metadata, spec: l1<v1Mm2.KafkaMirrorMaker2Spec>(spec) });
    } else {
      const spec: Shape<v1beta2Mm2.KafkaMirrorMaker2Spec> = {
        ...common,
        connectCluster: target.alias,
        clusters: [
          { ...endpoint(source.alias, sourceConn) },
          { ...endpoint(target.alias, targetConn), config: sortedWorkerConfig },
        ],
        mirrors: [{
          sourceCluster: source.alias,
          targetCluster: target.alias,
          sourceConnector,
          ...(checkpointConnector ? { checkpointConnector } : {}),
          ...(heartbeatConnector ? { heartbeatConnector } : {}),
          ...patterns,
        }],
      };
      this.resource = new v1beta2Mm2.KafkaMirrorMaker2(this, 'Resource', { metadata, spec: l1<v1beta2Mm2.KafkaMirrorMaker2Spec>(spec) });
    }
  }

  /** Aliases are names Strimzi accepts, differ, and source and target are different clusters. */
  private checkClusters(source: MirrorCluster, target: MirrorCluster): void {
    for (const [field, m] of [['source', source], ['target', target]] as const) {
      if (typeof m.alias !== 'string' || !ALIAS.test(m.alias)) {
        fail(this, `${field}.alias`, m.alias, 'letters, digits, ".", "_" and "-", 1 to 100 characters', `set alias, e.g. "${toObjectName(String(m.alias ?? field))}"`);
      }
    }
    if (source.cluster && source.cluster === target.cluster) {
      fail(this, 'source', source.alias, 'a cluster other than the target', 'mirror between two different clusters (to copy topics within one cluster, use a Kafka Streams app or Connect)');
    }
    if (source.alias === target.alias) {
      fail(this, 'source.alias', source.alias, `an alias other than the target's ("${target.alias}"): the alias prefixes mirrored topic names`,
        'give source and target different aliases (MirrorClusterOptions.alias)');
    }
  }

  /** The source, checkpoint and heartbeat connectors, and the topic and group patterns. */
  private connectors(props: KafkaMirrorMaker2Props, rf: number, offsetSyncsRf: number, kafkaVersion: string) {
    const tasksMax = validateInteger(this, 'tasksMax', props.tasksMax ?? 1, 1);
    const checkpoints = props.checkpoints ?? true;
    if (props.syncGroupOffsets && !checkpoints) {
      fail(this, 'syncGroupOffsets', true, 'syncGroupOffsets only with checkpoints (the checkpoint connector syncs the offsets)', 'remove checkpoints: false, or drop syncGroupOffsets');
    }
    if (props.heartbeats && this.strimziVersion.isV1) {
      fail(this, 'heartbeats', true, `no heartbeat connector on Strimzi ${this.strimziVersion.version} (the v1 KafkaMirrorMaker2 API has no heartbeatConnector)`,
        'remove heartbeats (the source connector still mirrors heartbeats topics), or target Strimzi 0.45');
    }
    const patterns = {
      topicsPattern: this.pattern('topicsPattern', props.topicsPattern ?? '.*'),
      ...(props.topicsExcludePattern !== undefined ? { topicsExcludePattern: this.pattern('topicsExcludePattern', props.topicsExcludePattern) } : {}),
      groupsPattern: this.pattern('groupsPattern', props.groupsPattern ?? '.*'),
      ...(props.groupsExcludePattern !== undefined ? { groupsExcludePattern: this.pattern('groupsExcludePattern', props.groupsExcludePattern) } : {}),
    };

    // Connector configs
    const connector = (field: string, kind: KafkaConfigKind, given: KafkaConfigMap | undefined, derived: Record<string, string | number | boolean>): ConnectorShape => {
      const user = validateConfigMap(this, field, given, { kind, kafkaVersion });
      for (const key of Object.keys(user)) {
        if (CONNECTOR_TYPED[key]) fail(this, `${field}["${key}"]`, key, 'keys without a typed prop', `remove it and set ${CONNECTOR_TYPED[key]} instead`);
        if (CONNECTOR_STRIMZI.includes(key)) fail(this, `${field}["${key}"]`, key, `keys Strimzi does not set itself (${CONNECTOR_STRIMZI.join(', ')})`, 'remove it (use tasksMax for tasks.max)');
      }
      const config = { ...derived, ...user };
      return { tasksMax, config: Object.fromEntries(Object.keys(config).sort().map(k => [k, config[k]])) };
    };
    const sourceConnector = connector('sourceConnectorConfig', 'mirror-source', props.sourceConnectorConfig,
      { 'replication.factor': rf, 'offset-syncs.topic.replication.factor': offsetSyncsRf, 'sync.topic.acls.enabled': false });
    const checkpointConnector = checkpoints
      ? connector('checkpointConnectorConfig', 'mirror-checkpoint', props.checkpointConnectorConfig,
        { 'checkpoints.topic.replication.factor': rf, 'sync.group.offsets.enabled': props.syncGroupOffsets ?? false })
      : undefined;
    if (!checkpoints && props.checkpointConnectorConfig) {
      fail(this, 'checkpointConnectorConfig', props.checkpointConnectorConfig, 'checkpoint connector config only with checkpoints', 'remove checkpoints: false, or drop checkpointConnectorConfig');
    }
    const heartbeatConnector: ConnectorShape | undefined = props.heartbeats ? { tasksMax: 1, config: { 'heartbeats.topic.replication.factor': rf } } : undefined;
    return { sourceConnector, checkpointConnector, heartbeatConnector, patterns };
  }

  /** The Connect worker of the target: its group and storage topics, and the worker config. */
  private worker(props: KafkaMirrorMaker2Props, internalRf: number, kafkaVersion: string) {
    const name = this.mirrorName;
    const version = this.strimziVersion;
    const userConfig = validateConfigMap(this, 'config', props.config, { kind: 'connect', kafkaVersion });
    rejectPrefixes(this, 'config', userConfig, WORKER_FORBIDDEN, WORKER_EXCEPTIONS,
      'remove it: bootstrap, TLS and authentication come from the target, the group and storage topics are derived from mirrorName');
    const storage = {
      groupId: `${name}-mirrormaker2`,
      configStorageTopic: `${name}-mirrormaker2-configs`,
      offsetStorageTopic: `${name}-mirrormaker2-offsets`,
      statusStorageTopic: `${name}-mirrormaker2-status`,
    };
    const workerConfig: Record<string, string | number | boolean> = {
      'config.storage.replication.factor': internalRf,
      'offset.storage.replication.factor': internalRf,
      'status.storage.replication.factor': internalRf,
      ...userConfig,
      ...(version.isV1 ? {} : {
        // v1beta2 has no typed fields for these: they live in the target's config.
        'group.id': storage.groupId, 'config.storage.topic': storage.configStorageTopic,
        'offset.storage.topic': storage.offsetStorageTopic, 'status.storage.topic': storage.statusStorageTopic,
      }),
    };
    const sortedWorkerConfig = Object.fromEntries(Object.keys(workerConfig).sort().map(k => [k, workerConfig[k]]));
    return { storage, config: sortedWorkerConfig };
  }

  /** What both API versions share: version, replicas, image, resources, heap and the pod template. */
  private commonSpec(props: KafkaMirrorMaker2Props, kafkaVersion: string, clientLabels: { readonly [key: string]: string } | undefined): CommonShape {
    const name = this.mirrorName;
    const replicas = validateInteger(this, 'replicas', props.replicas ?? 1, 1);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
    const heap = props.heap ?? defaultHeap(resources.limits.memory);
    validateHeap(this, 'heap', heap, resources.limits.memory);
    return {
      version: kafkaVersion,
      replicas,
      ...(props.image !== undefined ? { image: validateKafkaImage(this, 'image', props.image, 'Strimzi\'s start scripts (the operator runs /opt/kafka/kafka_connect_run.sh)') } : {}),
      resources: strimziResources(resources),
      jvmOptions: { xms: heap, xmx: heap },
      template: {
        pod: {
          ...(clientLabels ? { metadata: { labels: { ...clientLabels } } } : {}),
          securityContext: strimziPodSecurityContext(false),
          topologySpreadConstraints: [{
            maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { 'strimzi.io/cluster': name, 'strimzi.io/kind': 'KafkaMirrorMaker2' } },
          }],
        },
        connectContainer: { securityContext: strimziContainerSecurityContext() },
      },
    };
  }

  private factor(field: string, given: number | undefined, m: MirrorCluster, role: string): number {
    const value = given ?? m.cluster?.replication.defaultReplicationFactor ?? -1;
    if (value !== -1) validateInteger(this, field, value, 1, undefined, `set ${field} to at least 1, or -1 for the ${role} broker's default`);
    if (m.brokerCount !== undefined && value > m.brokerCount) {
      fail(this, field, value, `at most the ${role} cluster's broker count (${m.brokerCount})`, `lower ${field} to ${m.brokerCount} or fewer, or add brokers to the ${role}`);
    }
    return value;
  }

  private pattern(field: string, value: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      fail(this, field, value, 'a non-empty regular expression or comma-separated list of names', `set ${field} to e.g. "orders.*" or leave it unset`);
    }
    return value;
  }
}
