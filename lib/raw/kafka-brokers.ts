import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ClusterFlavour, IKafkaCluster, KafkaClientListener, KafkaClusterProps, KafkaConfigValue, KafkaImages, KafkaLabels,
  KafkaListenerOptions, KafkaPorts, KafkaStorage, ListenerAuthentication, ListenerType, RAW_MANAGED_KEYS,
  ReplicationSettings, defaultHeap, deriveClusterId, fail, isClusterId,
  isDns1123Subdomain, pickListener, rejectManagedKeys, replicationConfig, resolveClusterName, resolveReplication, resolveResources,
  restrictedContainerSecurityContext, restrictedPodSecurityContext, safeBrokerDisruptions, securityProtocolOf,
  selectorLabels, standardLabels, toProperties, validateConfigMap, validateControllerCount, validateDnsLabel, validateHeap, validateInteger,
  validateListeners,
} from '../kafka';
import { KafkaLogLevel, resolveKafkaLogging } from './kafka-logging';
import { PodPlacementOptions, pinToZones, resolvePlacement, validateZones, zoneKeyOf } from './placement';
import { ADMIN_OF_LABEL, dataVolume, emptyDir, k8sResources, quorumMaxUnavailable, shQuote } from './pod-helpers';
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
   * (e.g. `['eu-west-1a', 'eu-west-1b', 'eu-west-1c']`). Each zone gets its own broker
   * StatefulSet `<clusterName>-kafka-z<index>`, pinned to the zone by a required node affinity, whose
   * brokers carry `broker.rack=<zone>`; `replica.selector.class` becomes Kafka's
   * RackAwareReplicaSelector so consumers with `client.rack` fetch from their own zone. Broker
   * (node) ids stay 0..brokers-1 and interleave the zones: broker i runs in `zones[i % zones.length]`.
   * `brokers` must be a multiple of the zone count; dedicated controllers are spread evenly over
   * the zones. The list is fixed for the life of the cluster: reordering, adding or removing a zone
   * changes broker ids and zones of existing brokers (their volumes cannot follow).
   * @default no rack awareness: one broker StatefulSet, no `broker.rack`
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
  /** Cluster DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
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

const DATA_MOUNT = '/var/lib/kafka/data';
const LOG_DIRS = `${DATA_MOUNT}/logs`;
const STATIC_CONFIG_DIR = '/etc/kafka/cdk8s';
const KAFKA_LOG_DIR = '/opt/kafka/logs';
/**
 * Backstop on the LOG_DIR emptyDir: with console logging nothing is written there, so only a
 * misconfiguration can reach it (the kubelet then evicts the pod instead of filling the node).
 */
const KAFKA_LOG_DIR_SIZE_LIMIT = '1Gi';
const RUNTIME_CONFIG_DIR = '/etc/kafka/runtime';
/** Node ids of dedicated controllers start here, so broker ids stay 0..n-1 whatever the controller count. */
export const CONTROLLER_NODE_ID_OFFSET = 900;
const RESERVED_LISTENER_NAMES = ['controller', 'replication'];
const SCRAM_JAAS = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
/** Kafka's replica selector that serves fetches from a replica in the consumer's `client.rack`. */
export const RACK_AWARE_REPLICA_SELECTOR = 'org.apache.kafka.common.replica.RackAwareReplicaSelector';
/** Label on the broker pods (and selector of the StatefulSet) of one zone of a rack-aware cluster; value: the zone. */
export const BROKER_ZONE_LABEL = 'kafka.cdk8s.io/zone';

/**
 * Apache Kafka brokers as StatefulSets on the official `apache/kafka` image, in KRaft mode
 * (combined or dedicated controllers) or ZooKeeper mode (Kafka 3.9). Implements IKafkaCluster.
 */
export class KafkaBrokers extends Construct implements IKafkaCluster {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly flavour = ClusterFlavour.RAW;
  public readonly brokerCount: number;
  public readonly replication: ReplicationSettings;
  public readonly clientListeners: readonly KafkaClientListener[];
  public readonly clusterCaSecretName?: string = undefined;
  public readonly clientLabels: { readonly [key: string]: string };
  public readonly clientImage: string;
  public readonly kafkaVersion: string;
  /** Metadata mode. */
  public readonly mode: KafkaMode;
  /** KRaft cluster id (undefined in ZooKeeper mode). */
  public readonly clusterId?: string;
  /** Bootstrap Service name. */
  public readonly bootstrapServiceName: string;
  /** Headless Service of the brokers. */
  public readonly headlessServiceName: string;
  /** Labels selecting the broker pods. */
  public readonly brokerSelector: { readonly [key: string]: string };
  /** Labels selecting the dedicated controller pods (undefined in combined or ZooKeeper mode). */
  public readonly controllerSelector?: { readonly [key: string]: string };
  /** Bootstrap address of the internal replication listener, used by the cluster's admin Jobs. */
  public readonly adminBootstrapServers: string;
  /** Labels admin Jobs (topics, SCRAM users) carry: the client label plus admin access to the replication port. */
  public readonly adminLabels: { readonly [key: string]: string };
  /** KRaft `controller.quorum.voters` (undefined in ZooKeeper mode). */
  public readonly quorumVoters?: string;
  /** PodDisruptionBudget maxUnavailable of the brokers. */
  public readonly brokerMaxUnavailable: number;
  /** Rendered static broker properties (what the ConfigMap holds; `broker.rack` is per zone, in the StatefulSets). */
  public readonly brokerProperties: { readonly [key: string]: KafkaConfigValue };
  /** The zones of a rack-aware cluster, index = StatefulSet suffix `z<index>` (undefined without `zones`). */
  public readonly zones?: readonly string[];
  /** Pod name of each broker, index = broker (node) id. */
  public readonly brokerPodNames: readonly string[];
  /** Console log configuration in the ConfigMaps: 'log4j2.yaml' (Kafka 4+) or 'log4j.properties' (Kafka 3.x). */
  public readonly logConfigFile: string;

  private readonly listenerSpecs: KafkaBrokersListener[];

  constructor(scope: Construct, id: string, props: KafkaBrokersProps = {}) {
    super(scope, id);
    this.clusterName = resolveClusterName(this, props.clusterName);
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? Chart.of(this).namespace ?? 'default');
    const domain = props.clusterDomain ?? 'cluster.local';
    const name = this.clusterName;
    const ns = this.namespace;

    // --- mode and mode-specific options -------------------------------------------------
    const mode = props.mode ?? (props.zookeeper !== undefined ? KafkaMode.ZOOKEEPER : KafkaMode.KRAFT);
    if (!Object.values(KafkaMode).includes(mode)) {
      fail(this, 'mode', mode, Object.values(KafkaMode).join(', '), 'use KafkaMode.KRAFT or KafkaMode.ZOOKEEPER');
    }
    this.mode = mode;
    const kraft = mode === KafkaMode.KRAFT;
    if (kraft && props.zookeeper !== undefined) {
      fail(this, 'zookeeper', typeof props.zookeeper === 'string' ? props.zookeeper : props.zookeeper.node.path,
        'no zookeeper in KRaft mode (Kafka 4.x has no ZooKeeper)', 'remove zookeeper, or set mode: KafkaMode.ZOOKEEPER');
    }
    if (!kraft) {
      if (props.zookeeper === undefined) {
        fail(this, 'zookeeper', undefined, 'a ZookeeperEnsemble or a connect string in ZooKeeper mode', 'pass zookeeper: new ZookeeperEnsemble(...) or "zk-0.zk:2181,…"');
      }
      if (props.controllers !== undefined) {
        fail(this, 'controllers', props.controllers, 'no controllers in ZooKeeper mode (KRaft only)', 'remove controllers, or use mode: KafkaMode.KRAFT');
      }
      if (props.clusterId !== undefined) {
        fail(this, 'clusterId', props.clusterId, 'no clusterId in ZooKeeper mode (KRaft only; ZooKeeper assigns the id)', 'remove clusterId, or use mode: KafkaMode.KRAFT');
      }
    }
    const zkConnect = kraft ? undefined : this.zookeeperConnect(props.zookeeper!);

    this.brokerCount = validateInteger(this, 'brokers', props.brokers ?? 3, 1, CONTROLLER_NODE_ID_OFFSET - 1);
    const zones = props.zones === undefined ? undefined : validateZones(this, 'zones', props.zones, props);
    if (zones && this.brokerCount % zones.length !== 0) {
      const below = Math.floor(this.brokerCount / zones.length) * zones.length;
      const above = below + zones.length;
      fail(this, 'brokers', this.brokerCount, `a multiple of the zone count (${zones.length}), so that every zone runs the same number of brokers`,
        `use ${below > 0 ? `${below} or ${above}` : above} brokers, or change zones`);
    }
    this.zones = zones;
    const image = props.image ?? (kraft ? KafkaImages.KAFKA : KafkaImages.KAFKA_ZOOKEEPER_MODE);
    this.kafkaVersion = props.kafkaVersion
      ?? (image === KafkaImages.KAFKA ? KafkaImages.KAFKA_VERSION : image === KafkaImages.KAFKA_ZOOKEEPER_MODE ? KafkaImages.KAFKA_ZOOKEEPER_MODE_VERSION : imageTag(image));
    if (!kraft && /^([4-9]|\d\d)\./.test(this.kafkaVersion)) {
      fail(this, 'image', image, `a Kafka 3.x image in ZooKeeper mode (Kafka ${this.kafkaVersion} has no ZooKeeper support)`,
        `use ${KafkaImages.KAFKA_ZOOKEEPER_MODE}, or switch to mode: KafkaMode.KRAFT`);
    }
    this.clientImage = image;
    const logging = resolveKafkaLogging(this, { logLevels: props.logLevels, gcLogging: props.gcLogging, kafkaVersion: this.kafkaVersion, configDir: STATIC_CONFIG_DIR });
    this.logConfigFile = logging.fileName;

    if (kraft) {
      this.clusterId = props.clusterId ?? deriveClusterId(ns, name);
      if (!isClusterId(this.clusterId)) {
        fail(this, 'clusterId', this.clusterId, '22 characters of base64url (A-Z, a-z, 0-9, "-", "_"), as printed by kafka-storage.sh random-uuid',
          'omit clusterId to derive one, or use the id the existing cluster was formatted with');
      }
    }

    // --- listeners --------------------------------------------------------------------
    this.listenerSpecs = props.listeners ?? [{ name: 'plain', port: KafkaPorts.CLIENT }];
    this.validateRawListeners(this.listenerSpecs, kraft);

    // --- replication and config ---------------------------------------------------------
    this.replication = resolveReplication(this, this.brokerCount, props.replication);
    const userConfig = validateConfigMap(this, 'config', props.config, { kind: 'broker', kafkaVersion: this.kafkaVersion });
    this.rejectConfigConflicts(userConfig, props);

    const typed: Record<string, KafkaConfigValue> = { 'auto.create.topics.enable': props.autoCreateTopics ?? false };
    if (props.numPartitions !== undefined) typed['num.partitions'] = validateInteger(this, 'numPartitions', props.numPartitions, 1);
    if (props.logRetentionHours !== undefined) typed['log.retention.hours'] = validateInteger(this, 'logRetentionHours', props.logRetentionHours, 1);
    const shared = { ...replicationConfig(this.replication), ...typed, ...userConfig };

    // --- names and labels ---------------------------------------------------------------
    const stsName = `${name}-kafka`;
    // With zones, broker i is pod i / Z of the StatefulSet of zone i % Z: ids stay 0..n-1, consecutive ids sit in different zones.
    const podOf = (i: number) => zones ? `${stsName}-z${i % zones.length}-${Math.floor(i / zones.length)}` : `${stsName}-${i}`;
    this.brokerPodNames = Array.from({ length: this.brokerCount }, (_, i) => podOf(i));
    this.headlessServiceName = `${name}-kafka-brokers`;
    this.bootstrapServiceName = `${name}-kafka-bootstrap`;
    const brokerLabels = standardLabels('kafka', name, 'broker');
    this.brokerSelector = selectorLabels('kafka', name, 'broker');
    this.clientLabels = { [KafkaLabels.CLIENT_OF]: name };
    this.adminLabels = { [KafkaLabels.CLIENT_OF]: name, [ADMIN_OF_LABEL]: name };
    const svcDns = (svc: string) => `${svc}.${ns}.svc.${domain}`;
    this.adminBootstrapServers = `${svcDns(this.bootstrapServiceName)}:${KafkaPorts.INTERNAL}`;
    this.clientListeners = this.listenerSpecs.map(l => {
      const auth = l.authentication ?? ListenerAuthentication.NONE;
      return {
        name: l.name,
        port: l.port,
        type: l.type ?? ListenerType.INTERNAL,
        tls: false,
        authentication: auth,
        bootstrapServers: `${svcDns(this.bootstrapServiceName)}:${l.port}`,
        securityProtocol: securityProtocolOf(false, auth),
        saslMechanism: auth === ListenerAuthentication.SCRAM_SHA_512 ? 'SCRAM-SHA-512' : undefined,
      };
    });

    // --- KRaft quorum -------------------------------------------------------------------
    const controllers = kraft && props.controllers ? props.controllers : undefined;
    const ctrlName = `${name}-controller`;
    const ctrlHeadless = `${name}-controllers`;
    let controllerCount = 0;
    if (kraft) {
      if (controllers) {
        controllerCount = validateControllerCount(this, 'controllers.replicas', controllers.replicas);
        this.quorumVoters = Array.from({ length: controllerCount }, (_, i) =>
          `${CONTROLLER_NODE_ID_OFFSET + i}@${ctrlName}-${i}.${svcDns(ctrlHeadless)}:${KafkaPorts.CONTROLLER}`).join(',');
      } else {
        this.quorumVoters = Array.from({ length: this.brokerCount }, (_, i) =>
          `${i}@${podOf(i)}.${svcDns(this.headlessServiceName)}:${KafkaPorts.CONTROLLER}`).join(',');
      }
    }
    const combined = kraft && !controllers;

    // --- broker properties ----------------------------------------------------------------
    const listenerEntries: [string, number, string][] = [
      ...this.listenerSpecs.map(l => [l.name.toUpperCase(), l.port, securityProtocolOf(false, l.authentication ?? ListenerAuthentication.NONE)] as [string, number, string]),
      ['REPLICATION', KafkaPorts.INTERNAL, 'PLAINTEXT'],
      ...(combined ? [['CONTROLLER', KafkaPorts.CONTROLLER, 'PLAINTEXT'] as [string, number, string]] : []),
    ];
    const protocolMap = [...listenerEntries.map(([n, , p]) => `${n}:${p}`), ...(kraft && !combined ? ['CONTROLLER:PLAINTEXT'] : [])];
    const brokerProps: Record<string, KafkaConfigValue> = {
      ...shared,
      'listeners': listenerEntries.map(([n, p]) => `${n}://:${p}`).join(','),
      'listener.security.protocol.map': protocolMap.join(','),
      'inter.broker.listener.name': 'REPLICATION',
      'log.dirs': LOG_DIRS,
    };
    for (const l of this.listenerSpecs) {
      if (l.authentication === ListenerAuthentication.SCRAM_SHA_512) {
        brokerProps[`listener.name.${l.name}.sasl.enabled.mechanisms`] = 'SCRAM-SHA-512';
        brokerProps[`listener.name.${l.name}.scram-sha-512.sasl.jaas.config`] = SCRAM_JAAS;
      }
    }
    if (zones && !('replica.selector.class' in userConfig)) {
      // Lets consumers that set client.rack fetch from a replica in their own zone (KIP-392).
      brokerProps['replica.selector.class'] = RACK_AWARE_REPLICA_SELECTOR;
    }
    if (kraft) {
      brokerProps['process.roles'] = combined ? 'broker,controller' : 'broker';
      brokerProps['controller.listener.names'] = 'CONTROLLER';
      brokerProps['controller.quorum.voters'] = this.quorumVoters!;
    } else {
      brokerProps['zookeeper.connect'] = zkConnect!;
    }
    this.brokerProperties = sortKeys(brokerProps);

    // --- resources, storage, placement ----------------------------------------------------------
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '500m', memoryRequest: '2Gi' });
    const heap = props.heap ?? defaultHeap(resources.limits.memory);
    validateHeap(this, 'heap', heap, resources.limits.memory);
    const storage = dataVolume(this, 'storage', props.storage ?? KafkaStorage.persistent({ size: '100Gi' }), 'data', '100Gi', brokerLabels);
    const placement = resolvePlacement(this, '', props, this.brokerSelector);
    const grace = validateInteger(this, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds ?? 120, 30);

    // --- Services ----------------------------------------------------------------------------
    const meta = (n: string, labels: { [k: string]: string }) => ({ name: n, namespace: ns, labels });
    const svcPort = (n: string, p: number): k8s.ServicePort => ({ name: n, port: p, targetPort: k8s.IntOrString.fromNumber(p), protocol: 'TCP' });
    const clientPorts = this.listenerSpecs.map(l => svcPort(l.name, l.port));
    new k8s.KubeService(this, 'Headless', {
      metadata: meta(this.headlessServiceName, brokerLabels),
      spec: {
        clusterIp: 'None',
        publishNotReadyAddresses: true,
        selector: this.brokerSelector,
        ports: [...clientPorts, svcPort('replication', KafkaPorts.INTERNAL), ...(combined ? [svcPort('controller', KafkaPorts.CONTROLLER)] : [])],
      },
    });
    new k8s.KubeService(this, 'Bootstrap', {
      metadata: meta(this.bootstrapServiceName, brokerLabels),
      spec: { selector: this.brokerSelector, ports: [...clientPorts, svcPort('replication', KafkaPorts.INTERNAL)] },
    });
    this.listenerSpecs.forEach(l => {
      const type = l.type ?? ListenerType.INTERNAL;
      if (type === ListenerType.INTERNAL) return;
      for (let i = 0; i < this.brokerCount; i++) {
        const pod = podOf(i);
        new k8s.KubeService(this, `External-${l.name}-${i}`, {
          metadata: meta(`${name}-kafka-${l.name}-${i}`, brokerLabels),
          spec: {
            type: type === ListenerType.NODE_PORT ? 'NodePort' : 'LoadBalancer',
            selector: { ...this.brokerSelector, 'statefulset.kubernetes.io/pod-name': pod },
            ports: [{ ...svcPort(l.name, l.port), nodePort: type === ListenerType.NODE_PORT ? l.nodePortBase! + i : undefined }],
          },
        });
      }
    });

    // --- broker StatefulSet -------------------------------------------------------------------------
    new k8s.KubeConfigMap(this, 'Config', {
      metadata: meta(`${stsName}-config`, brokerLabels),
      data: { 'server.properties': toProperties(this.brokerProperties), [logging.fileName]: logging.content },
    });
    const podDns = `$HOSTNAME.${svcDns(this.headlessServiceName)}`;
    // The broker's script; with zones, the id interleaves the zones and the rack is the zone (static per StatefulSet).
    const scriptFor = (zone?: { index: number; name: string }): string[] => {
      const id = zone ? 'NODE_ID' : 'ORDINAL';
      const advertised = [
        ...this.listenerSpecs.map(l => `${l.name.toUpperCase()}://${this.advertisedHost(l, podDns)}:${this.advertisedPort(l, id)}`),
        `REPLICATION://${podDns}:${KafkaPorts.INTERNAL}`,
      ].join(',');
      const hostCases = this.listenerSpecs.filter(l => l.advertisedHosts).map(l =>
        `case "$${id}" in\n${l.advertisedHosts!.map((h, i) => `  ${i}) EXT_HOST_${l.name.toUpperCase()}=${shQuote(h)} ;;`).join('\n')}\n  *) echo "no advertised host for broker $${id} on listener ${l.name}" >&2; exit 1 ;;\nesac`);
      const head = ['set -eu', 'ORDINAL=${HOSTNAME##*-}', ...(zone ? [`NODE_ID=$((ORDINAL * ${zones!.length} + ${zone.index}))`] : []), ...hostCases];
      return kraft
        ? [
          ...head,
          `CONFIG=${RUNTIME_CONFIG_DIR}/server.properties`,
          `cp ${STATIC_CONFIG_DIR}/server.properties "$CONFIG"`,
          // Per-pod properties: node id from the ordinal, advertised per-pod DNS names (and the zone as rack).
          zone
            ? `printf 'node.id=%s\\nbroker.rack=%s\\nadvertised.listeners=%s\\n' "$NODE_ID" ${shQuote(zone.name)} "${advertised}" >> "$CONFIG"`
            : `printf 'node.id=%s\\nadvertised.listeners=%s\\n' "$ORDINAL" "${advertised}" >> "$CONFIG"`,
          // Format the log dir once with the fixed cluster id (no-op when already formatted).
          '/opt/kafka/bin/kafka-storage.sh format --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted',
          'exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"',
        ]
        : [
          ...head,
          // The image's own start script formats KRaft storage and exits in ZooKeeper mode: start the broker directly.
          `exec /opt/kafka/bin/kafka-server-start.sh ${STATIC_CONFIG_DIR}/server.properties --override "broker.id=$${id}"${zone ? ` --override ${shQuote(`broker.rack=${zone.name}`)}` : ''} --override "advertised.listeners=${advertised}"`,
        ];
    };
    const needsHostIp = this.listenerSpecs.some(l => l.type === ListenerType.NODE_PORT && !l.advertisedHosts);
    const env: k8s.EnvVar[] = [
      { name: 'KAFKA_HEAP_OPTS', value: `-Xms${heap} -Xmx${heap}` },
      // kafka-run-class.sh creates it and passes it as kafka.logs.dir; console logging writes nothing there.
      { name: 'LOG_DIR', value: KAFKA_LOG_DIR },
      ...logging.env,
      ...(kraft ? [{ name: 'CLUSTER_ID', value: this.clusterId! }] : []),
      ...(needsHostIp ? [{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }] : []),
    ];
    const containerPorts = [
      ...this.listenerSpecs.map(l => ({ name: l.name, containerPort: l.port })),
      { name: 'replication', containerPort: KafkaPorts.INTERNAL },
      ...(combined ? [{ name: 'controller', containerPort: KafkaPorts.CONTROLLER }] : []),
    ];
    const brokerSpec = (o: { replicas: number; selector: { [k: string]: string }; labels: { [k: string]: string }; placement: ReturnType<typeof resolvePlacement>; script: string[] }) =>
      this.statefulSetSpec({
        serviceName: this.headlessServiceName,
        ...o,
        grace,
        image,
        env,
        ports: containerPorts,
        resources: k8sResources(resources),
        probePort: KafkaPorts.INTERNAL,
        configMap: `${stsName}-config`,
        runtimeConfig: kraft,
        storage,
      });
    if (!zones) {
      new k8s.KubeStatefulSet(this, 'Resource', {
        metadata: meta(stsName, brokerLabels),
        spec: brokerSpec({ replicas: this.brokerCount, selector: this.brokerSelector, labels: brokerLabels, placement, script: scriptFor() }),
      });
    } else {
      // One StatefulSet per zone, all behind the one headless Service. The zone label makes the
      // selectors disjoint, and since a selector is immutable, a reordered zones list fails at apply
      // instead of moving brokers away from their volumes.
      zones.forEach((zone, index) => {
        const zoneSelector = { ...this.brokerSelector, [BROKER_ZONE_LABEL]: zone };
        const zoneLabels = { ...brokerLabels, [BROKER_ZONE_LABEL]: zone };
        new k8s.KubeStatefulSet(this, `Zone${index}`, {
          metadata: meta(`${stsName}-z${index}`, zoneLabels),
          spec: brokerSpec({
            replicas: this.brokerCount / zones.length,
            selector: zoneSelector,
            labels: zoneLabels,
            placement: pinToZones(placement, zoneKeyOf(props), [zone]),
            script: scriptFor({ index, name: zone }),
          }),
        });
      });
    }

    // --- dedicated controllers -------------------------------------------------------------------------
    if (controllers) {
      const ctrlLabels = standardLabels('kafka', name, 'controller');
      this.controllerSelector = selectorLabels('kafka', name, 'controller');
      const ctrlResources = resolveResources(this, 'controllers.resources', controllers.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
      const ctrlHeap = controllers.heap ?? defaultHeap(ctrlResources.limits.memory);
      validateHeap(this, 'controllers.heap', ctrlHeap, ctrlResources.limits.memory);
      const ctrlStorage = dataVolume(this, 'controllers.storage', controllers.storage ?? KafkaStorage.persistent({ size: '10Gi' }), 'data', '10Gi', ctrlLabels);
      const ctrlProps = sortKeys({
        ...shared,
        'process.roles': 'controller',
        'listeners': `CONTROLLER://:${KafkaPorts.CONTROLLER}`,
        'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT',
        'controller.listener.names': 'CONTROLLER',
        'controller.quorum.voters': this.quorumVoters!,
        'log.dirs': LOG_DIRS,
      });
      new k8s.KubeService(this, 'ControllerHeadless', {
        metadata: meta(ctrlHeadless, ctrlLabels),
        spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector: this.controllerSelector, ports: [svcPort('controller', KafkaPorts.CONTROLLER)] },
      });
      new k8s.KubeConfigMap(this, 'ControllerConfig', {
        metadata: meta(`${ctrlName}-config`, ctrlLabels),
        data: { 'server.properties': toProperties(ctrlProps), [logging.fileName]: logging.content },
      });
      new k8s.KubeStatefulSet(this, 'Controllers', {
        metadata: meta(ctrlName, ctrlLabels),
        spec: this.statefulSetSpec({
          serviceName: ctrlHeadless,
          replicas: controllerCount,
          selector: this.controllerSelector,
          labels: ctrlLabels,
          placement: zones
            ? pinToZones(resolvePlacement(this, '', props, this.controllerSelector), zoneKeyOf(props), zones, this.controllerSelector)
            : resolvePlacement(this, '', props, this.controllerSelector),
          grace,
          image,
          // Controllers advertise nothing: brokers find them through the static voter list.
          script: [
            'set -eu',
            `NODE_ID=$((\${HOSTNAME##*-}+${CONTROLLER_NODE_ID_OFFSET}))`,
            `CONFIG=${RUNTIME_CONFIG_DIR}/server.properties`,
            `cp ${STATIC_CONFIG_DIR}/server.properties "$CONFIG"`,
            'echo "node.id=$NODE_ID" >> "$CONFIG"',
            '/opt/kafka/bin/kafka-storage.sh format --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted',
            'exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"',
          ],
          env: [
            { name: 'KAFKA_HEAP_OPTS', value: `-Xms${ctrlHeap} -Xmx${ctrlHeap}` },
            { name: 'LOG_DIR', value: KAFKA_LOG_DIR },
            ...logging.env,
            { name: 'CLUSTER_ID', value: this.clusterId! },
          ],
          ports: [{ name: 'controller', containerPort: KafkaPorts.CONTROLLER }],
          resources: k8sResources(ctrlResources),
          probePort: KafkaPorts.CONTROLLER,
          configMap: `${ctrlName}-config`,
          runtimeConfig: true,
          storage: ctrlStorage,
        }),
      });
      new k8s.KubePodDisruptionBudget(this, 'ControllerPdb', {
        metadata: meta(ctrlName, ctrlLabels),
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(quorumMaxUnavailable(controllerCount)), selector: { matchLabels: this.controllerSelector } },
      });
      if (props.networkPolicies ?? true) {
        new k8s.KubeNetworkPolicy(this, 'ControllerNetworkPolicy', {
          metadata: meta(ctrlName, ctrlLabels),
          spec: {
            podSelector: { matchLabels: this.controllerSelector },
            policyTypes: ['Ingress'],
            ingress: [{
              from: [{ podSelector: { matchLabels: this.brokerSelector } }, { podSelector: { matchLabels: this.controllerSelector } }],
              ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(KafkaPorts.CONTROLLER) }],
            }],
          },
        });
      }
    }

    // --- disruption budget and network policy of the brokers ---------------------------------------------
    // Never more brokers down than replication factor − min ISR (0 blocks evictions); combined nodes also keep the quorum.
    this.brokerMaxUnavailable = combined
      ? Math.min(safeBrokerDisruptions(this.replication), quorumMaxUnavailable(this.brokerCount))
      : safeBrokerDisruptions(this.replication);
    new k8s.KubePodDisruptionBudget(this, 'Pdb', {
      metadata: meta(stsName, brokerLabels),
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(this.brokerMaxUnavailable), selector: { matchLabels: this.brokerSelector } },
    });
    if (props.networkPolicies ?? true) {
      const tcp = (p: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p) });
      const external = this.listenerSpecs.filter(l => (l.type ?? ListenerType.INTERNAL) !== ListenerType.INTERNAL);
      new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: meta(stsName, brokerLabels),
        spec: {
          podSelector: { matchLabels: this.brokerSelector },
          policyTypes: ['Ingress'],
          ingress: [
            // Brokers (replication, and the quorum in combined mode) on every port.
            { from: [{ podSelector: { matchLabels: this.brokerSelector } }] },
            { from: [{ podSelector: { matchLabels: this.clientLabels } }], ports: this.listenerSpecs.map(l => tcp(l.port)) },
            { from: [{ podSelector: { matchLabels: { [ADMIN_OF_LABEL]: name } } }], ports: [tcp(KafkaPorts.INTERNAL)] },
            ...(external.length ? [{ ports: external.map(l => tcp(l.port)) }] : []),
          ],
        },
      });
    }
    if (props.zookeeper instanceof ZookeeperEnsemble) {
      props.zookeeper.allowClients(this.brokerSelector, ns);
    }
  }

  public listener(name?: string): KafkaClientListener {
    return pickListener(this, this.clientListeners, name);
  }

  /** The raw listener declarations (with external settings). */
  public get listenerOptions(): readonly KafkaBrokersListener[] {
    return this.listenerSpecs;
  }

  private zookeeperConnect(zk: ZookeeperEnsemble | string): string {
    if (zk instanceof ZookeeperEnsemble) return zk.connectString;
    const ok = typeof zk === 'string' && /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*(\/[A-Za-z0-9._/-]*[A-Za-z0-9._-])?$/.test(zk);
    if (!ok) {
      fail(this, 'zookeeper', zk, 'a connect string host:port[,host:port…][/chroot]', 'write e.g. "zookeeper-0.zookeeper-headless.kafka.svc.cluster.local:2181", or pass the ZookeeperEnsemble');
    }
    return zk;
  }

  private validateRawListeners(listeners: KafkaBrokersListener[], kraft: boolean): void {
    const taken: { [port: number]: string } = { [KafkaPorts.INTERNAL]: 'replication listener' };
    if (kraft) taken[KafkaPorts.CONTROLLER] = 'KRaft controller listener';
    validateListeners(this, 'listeners', listeners, {
      types: [ListenerType.INTERNAL, ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER],
      authentications: [ListenerAuthentication.NONE, ListenerAuthentication.SCRAM_SHA_512],
      takenPorts: taken,
    });
    listeners.forEach((l, i) => {
      const f = `listeners[${i}]`;
      if (RESERVED_LISTENER_NAMES.includes(l.name) || !/[a-z]/.test(l.name)) {
        fail(this, `${f}.name`, l.name, `a name with at least one letter, other than ${RESERVED_LISTENER_NAMES.join(' and ')} (used by the construct)`, 'rename the listener, e.g. "plain" or "external"');
      }
      if (l.tls) {
        fail(this, `${f}.tls`, l.tls, 'false: raw brokers have no certificate management', 'remove tls, or use the Strimzi flavour (StrimziCluster) for TLS listeners');
      }
      const type = l.type ?? ListenerType.INTERNAL;
      if (type === ListenerType.INTERNAL) {
        if (l.nodePortBase !== undefined || l.advertisedHosts !== undefined) {
          fail(this, `${f}.type`, type, 'nodePortBase and advertisedHosts only on NODE_PORT or LOAD_BALANCER listeners', `remove them or set type on listener "${l.name}"`);
        }
        return;
      }
      if (type === ListenerType.NODE_PORT) {
        const max = 32767 - (this.brokerCount - 1);
        if (l.nodePortBase === undefined || !Number.isInteger(l.nodePortBase) || l.nodePortBase < 30000 || l.nodePortBase > max) {
          fail(this, `${f}.nodePortBase`, l.nodePortBase, `an integer from 30000 to ${max} (broker i uses nodePortBase + i, within 30000-32767)`,
            'set nodePortBase, e.g. 31090');
        }
      } else if (l.nodePortBase !== undefined) {
        fail(this, `${f}.nodePortBase`, l.nodePortBase, 'nodePortBase only on NODE_PORT listeners', 'remove nodePortBase');
      }
      if (type === ListenerType.LOAD_BALANCER && l.advertisedHosts === undefined) {
        fail(this, `${f}.advertisedHosts`, undefined, `one host per broker (${this.brokerCount}) for a LOAD_BALANCER listener (the balancer address is only known after apply)`,
          'list the DNS names you point at the per-broker load balancers');
      }
      if (l.advertisedHosts !== undefined) {
        if (l.advertisedHosts.length < this.brokerCount) {
          fail(this, `${f}.advertisedHosts`, l.advertisedHosts, `one host per broker (${this.brokerCount})`, `list ${this.brokerCount} hosts, index = broker ordinal`);
        }
        l.advertisedHosts.forEach((h, j) => {
          if (typeof h !== 'string' || !(isDns1123Subdomain(h) || /^\d{1,3}(\.\d{1,3}){3}$/.test(h))) {
            fail(this, `${f}.advertisedHosts[${j}]`, h, 'a DNS name or an IPv4 address', 'give the host clients use to reach this broker, e.g. "kafka-0.example.com"');
          }
        });
      }
    });
  }

  private rejectConfigConflicts(config: Record<string, KafkaConfigValue>, props: KafkaBrokersProps): void {
    rejectManagedKeys(this, 'config', config, RAW_MANAGED_KEYS,
      'remove it: listeners, ids, the quorum and log dirs are set by KafkaBrokers from its typed props');
    for (const key of Object.keys(config)) {
      if (key.startsWith('listener.name.') || key === 'sasl.enabled.mechanisms') {
        fail(this, `config["${key}"]`, key, 'no listener or SASL keys (KafkaBrokers sets them from the listeners prop)', 'declare the listener with authentication: ListenerAuthentication.SCRAM_SHA_512 instead');
      }
      if (key in replicationConfig(this.replication)) {
        fail(this, `config["${key}"]`, key, 'no replication keys in config (they are derived and checked against the broker count)', 'set them through the replication prop instead');
      }
    }
    if (props.zones !== undefined && 'broker.rack' in config) {
      fail(this, 'config["broker.rack"]', 'broker.rack', 'no broker.rack together with zones (each broker\'s rack is its zone)', 'remove broker.rack from config');
    }
    const typed: [string, unknown, string][] = [
      ['auto.create.topics.enable', props.autoCreateTopics, 'autoCreateTopics'],
      ['num.partitions', props.numPartitions, 'numPartitions'],
      ['log.retention.hours', props.logRetentionHours, 'logRetentionHours'],
    ];
    for (const [key, value, prop] of typed) {
      if (key in config && (value !== undefined || key === 'auto.create.topics.enable')) {
        fail(this, `config["${key}"]`, key, `not together with the typed prop ${prop}`, `use ${prop} only`);
      }
    }
  }

  private advertisedHost(l: KafkaBrokersListener, podDns: string): string {
    const type = l.type ?? ListenerType.INTERNAL;
    if (type === ListenerType.INTERNAL) return podDns;
    if (l.advertisedHosts) return `$EXT_HOST_${l.name.toUpperCase()}`;
    return '$HOST_IP';
  }

  private advertisedPort(l: KafkaBrokersListener, idVar: string): string {
    return l.type === ListenerType.NODE_PORT ? `$((${l.nodePortBase} + ${idVar}))` : String(l.port);
  }

  private statefulSetSpec(o: {
    serviceName: string; replicas: number; selector: { readonly [k: string]: string }; labels: { [k: string]: string };
    placement: ReturnType<typeof resolvePlacement>; grace: number; image: string; script: string[]; env: k8s.EnvVar[];
    ports: k8s.ContainerPort[]; resources: k8s.ResourceRequirements; probePort: number; configMap: string; runtimeConfig: boolean;
    storage: ReturnType<typeof dataVolume>;
  }): k8s.StatefulSetSpec {
    const tcp = { tcpSocket: { port: k8s.IntOrString.fromNumber(o.probePort) } };
    return {
      serviceName: o.serviceName,
      replicas: o.replicas,
      // Every quorum member must start before any is ready; OrderedReady would deadlock.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { ...o.selector } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: o.labels },
        spec: {
          automountServiceAccountToken: false,
          // A Service named like the cluster would inject KAFKA_* variables.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: o.grace,
          securityContext: restrictedPodSecurityContext(),
          ...o.placement,
          containers: [{
            name: 'kafka',
            image: o.image,
            command: ['/bin/bash', '-c', o.script.join('\n')],
            env: o.env,
            ports: o.ports,
            resources: o.resources,
            securityContext: restrictedContainerSecurityContext(),
            // Log recovery after an unclean shutdown can take minutes: allow 10 before liveness applies.
            startupProbe: { ...tcp, periodSeconds: 5, failureThreshold: 120 },
            livenessProbe: { ...tcp, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
            readinessProbe: { ...tcp, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 },
            volumeMounts: [
              { name: 'data', mountPath: DATA_MOUNT },
              { name: 'static-config', mountPath: STATIC_CONFIG_DIR, readOnly: true },
              ...(o.runtimeConfig ? [{ name: 'runtime-config', mountPath: RUNTIME_CONFIG_DIR }] : []),
              { name: 'logs', mountPath: KAFKA_LOG_DIR },
              { name: 'tmp', mountPath: '/tmp' },
            ],
          }],
          volumes: [
            ...o.storage.volumes,
            { name: 'static-config', configMap: { name: o.configMap } },
            ...(o.runtimeConfig ? [emptyDir('runtime-config')] : []),
            emptyDir('logs', KAFKA_LOG_DIR_SIZE_LIMIT),
            emptyDir('tmp'),
          ],
        },
      },
      volumeClaimTemplates: o.storage.claims.length ? o.storage.claims : undefined,
    };
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

function imageTag(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : 'latest';
}
