import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  clientView, ClusterFlavour, ClusterModel, deriveClusterId, fail, IKafkaTopic, IKafkaUser, isClusterId, KafkaClientListener,
  KafkaConfigValue, KafkaImages, KafkaLabels, KafkaPorts, NodePoolModel, KafkaTopicOptions, KafkaUserOptions, ListenerAuthentication, ListenerType, pickListener,
  ReplicationSettings, resolveClusterModel, serviceDns, toProperties, validateInteger, validateKafkaImage, registerCluster,
} from '../kafka';
import { IKafkaBrokers, KafkaBrokersProps, KafkaMode } from './kafka-brokers-props';
import { resolveKafkaLogging, ResolvedKafkaLogging } from './kafka-logging';
import { KafkaTopicsJob } from './kafka-topics-job';
import { KafkaUserSecret } from './kafka-user-secret';
import { disruptionBudget, KAFKA_LOG_DIR, nodeStatefulSet } from './node-group';
import { pinToZones, ResolvedPlacement, resolvePlacement, validateZones, zoneKeyOf } from './placement';
import { ADMIN_OF_LABEL, dataVolume, k8sResources, shortHash } from './pod-helpers';
import { RACK_FILE, rackAccess, RackPodParts, rackPodParts } from './rack-awareness';
import { brokerNetworkPolicy, brokerServices, controllerNetworkPolicy, controllerService } from './raw-network';
import { RawLayout, rawLayout, RawNodeGroup } from './raw-layout';
import { rawRules } from './raw-rules';
import { brokerProperties, controllerProperties, RawPropertiesOptions } from './server-properties';
import { RawListenerExternals, startScript, STATIC_CONFIG_DIR } from './start-script';
import { ZookeeperEnsemble } from './zookeeper-ensemble';
import { enterConstruct } from '../kafka/construct-entry';

/**
 * Apache Kafka brokers as StatefulSets on the official `apache/kafka` image, in KRaft mode
 * (combined or dedicated controllers) or ZooKeeper mode (Kafka 3.9). Implements IKafkaCluster.
 *
 * The props resolve into the shared cluster model (lib/kafka/model); this construct lays the
 * model's pools out as StatefulSets and renders properties, start scripts, Services,
 * disruption budgets and network policies from it.
 */
export class KafkaBrokers extends Construct implements IKafkaBrokers {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly clusterDomain: string;
  public readonly flavour = ClusterFlavour.RAW;
  public readonly brokerCount: number;
  public readonly replication: ReplicationSettings;
  public readonly clientListeners: KafkaClientListener[];
  public readonly clusterCaSecretName?: string = undefined;
  public readonly clientLabels: { [key: string]: string };
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
  public readonly brokerSelector: { [key: string]: string };
  /** Bootstrap address of the internal replication listener, used by the cluster's admin Jobs. */
  public readonly adminBootstrapServers: string;
  /** Labels admin Jobs (topics, SCRAM users) carry: the client label plus admin access to the replication port. */
  public readonly adminLabels: { [key: string]: string };

  private readonly model: ClusterModel;

  constructor(scope: Construct, id: string, props: KafkaBrokersProps = {}) {
    super(scope, id);
    enterConstruct(this, props);
    const mode = props.mode ?? (props.zookeeper !== undefined ? KafkaMode.ZOOKEEPER : KafkaMode.KRAFT);
    this.mode = mode;
    const kraft = mode === KafkaMode.KRAFT;
    const zkConnect = this.checkMode(props, mode);
    // Checked first: the Kafka version is read from the tag, and a foreign image would fail later for the wrong reason.
    const image = validateKafkaImage(this, 'image', props.image ?? (kraft ? KafkaImages.KAFKA : KafkaImages.KAFKA_ZOOKEEPER_MODE),
      'the Kafka scripts in /opt/kafka/bin (the start script runs kafka-storage.sh and kafka-server-start.sh)');
    this.kafkaVersion = props.kafkaVersion ?? defaultKafkaVersion(image);

    const model = resolveClusterModel(this, {
      ...props,
      mode: kraft ? 'kraft' : 'zookeeper',
      kafkaVersion: this.kafkaVersion,
    }, rawRules(kraft));
    this.model = model;
    this.clusterName = model.clusterName;
    this.namespace = model.namespace;
    this.clusterDomain = model.clusterDomain;
    this.brokerCount = model.brokerCount;
    this.replication = model.replication;
    this.clientLabels = { ...model.clientLabels };
    this.clientListeners = model.listeners.map(clientView);
    this.clientImage = image;
    registerCluster(this, model.clusterName, model.namespace, props.autoCreateTopics ?? false);

    const zones = props.zones === undefined ? undefined : validateZones(this, 'zones', props.zones, props);
    if (!kraft && /^([4-9]|\d\d)\./.test(this.kafkaVersion)) {
      fail(this, 'image', image, `a Kafka 3.x image in ZooKeeper mode (Kafka ${this.kafkaVersion} has no ZooKeeper support)`,
        `use ${KafkaImages.KAFKA_ZOOKEEPER_MODE}, or switch to mode: KafkaMode.KRAFT`);
    }
    const logging = resolveKafkaLogging(this, { logLevels: props.logLevels, gcLogging: props.gcLogging, kafkaVersion: this.kafkaVersion, configDir: STATIC_CONFIG_DIR });
    if (kraft) {
      this.clusterId = props.clusterId ?? deriveClusterId(model.namespace, model.clusterName);
      if (!isClusterId(this.clusterId)) {
        fail(this, 'clusterId', this.clusterId, '22 characters of base64url (A-Z, a-z, 0-9, "-", "_"), as printed by kafka-storage.sh random-uuid',
          'omit clusterId to derive one, or use the id the existing cluster was formatted with');
      }
    }
    const typed = this.typedProperties(props);

    const name = model.clusterName;
    const layout = rawLayout(model);
    this.headlessServiceName = layout.brokerHeadless;
    this.bootstrapServiceName = `${name}-kafka-bootstrap`;
    this.brokerSelector = { ...layout.brokerSelector };
    this.adminLabels = { [KafkaLabels.CLIENT_OF]: name, [ADMIN_OF_LABEL]: name };
    // Admin Jobs reach the replication listener through the headless Service: the bootstrap Service carries client listeners only.
    this.adminBootstrapServers = `${serviceDns(layout.brokerHeadless, model.namespace, model.clusterDomain)}:${KafkaPorts.REPLICATION}`;

    const ctx: RenderContext = {
      props, layout, image, logging, zones,
      rack: zones ? rackPodParts({ image, zoneKey: zoneKeyOf(props), ...rackAccess(this, { clusterName: name, namespace: model.namespace, labels: layout.brokerLabels }) }) : undefined,
      externals: new Map<string, RawListenerExternals>((props.listeners ?? []).map(l => [l.name, l])),
      properties: { typed, zookeeperConnect: zkConnect, rackAware: !!zones },
      grace: validateInteger(this, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds ?? 120, 30),
    };
    const brokerPool = this.renderBrokers(ctx);
    const controllerPool = model.pools.find(p => p.key === 'controller');
    if (controllerPool) this.renderControllers(ctx, controllerPool);
    // Never more brokers down than replication factor − min ISR (0 blocks evictions); combined nodes also keep the quorum.
    disruptionBudget(this, 'Pdb', { name: brokerPool.name, namespace: model.namespace, labels: layout.brokerLabels }, layout.brokerSelector, brokerPool.maxUnavailable);
    if (model.networkPolicies) brokerNetworkPolicy(this, model, layout, brokerPool.name);
    if (props.zookeeper instanceof ZookeeperEnsemble) {
      props.zookeeper.allowClients(layout.brokerSelector, model.namespace);
    }
  }

  public listener(name?: string): KafkaClientListener {
    return pickListener(this, this.clientListeners, name);
  }

  public admitsClient(listenerName: string, podLabels: { [key: string]: string }, podNamespace: string): boolean {
    const listener = this.model.listeners.find(l => l.name === listenerName);
    if (!listener || !this.model.networkPolicies || listener.external) return true;
    // The brokers' NetworkPolicy selects client pods by label in the cluster's own namespace.
    return podNamespace === this.namespace && Object.entries(this.clientLabels).every(([k, v]) => podLabels[k] === v);
  }

  public addTopic(id: string, options: KafkaTopicOptions): IKafkaTopic {
    const job = new KafkaTopicsJob(this, id, { cluster: this, topics: [options] });
    const t = job.topics[0];
    return { topicName: t.topicName, cluster: this, partitions: t.partitions, replicas: t.replicas };
  }

  public addUser(id: string, options: KafkaUserOptions): IKafkaUser {
    const auth = options.authentication ?? ListenerAuthentication.SCRAM_SHA_512;
    if (auth !== ListenerAuthentication.SCRAM_SHA_512) {
      fail(this, 'addUser.authentication', auth, 'scram-sha-512 (raw clusters authenticate SCRAM users)', 'declare a SCRAM_SHA_512 user with the Secret holding its password');
    }
    if (options.acls?.length) {
      fail(this, 'addUser.acls', options.acls.length, 'no ACLs (raw clusters have no authorizer yet)', 'drop acls, or use a StrimziCluster with authorization');
    }
    if (options.secretName === undefined) {
      fail(this, 'addUser.secretName', undefined, 'the name of an existing Secret with the password (raw clusters never generate passwords into the YAML)',
        'create the Secret (sealed-secrets, external-secrets, kubectl) and name it in secretName');
    }
    return new KafkaUserSecret(this, id, { cluster: this, userName: options.userName, secretName: options.secretName, passwordKey: options.passwordKey });
  }

  /** Validates the mode against the props that depend on it; returns the ZooKeeper connect string in ZooKeeper mode. */
  private checkMode(props: KafkaBrokersProps, mode: KafkaMode): string | undefined {
    if (!Object.values(KafkaMode).includes(mode)) {
      fail(this, 'mode', mode, Object.values(KafkaMode).join(', '), 'use KafkaMode.KRAFT or KafkaMode.ZOOKEEPER');
    }
    if (mode === KafkaMode.KRAFT) {
      if (props.zookeeper !== undefined) {
        fail(this, 'zookeeper', typeof props.zookeeper === 'string' ? props.zookeeper : props.zookeeper.node.path,
          'no zookeeper in KRaft mode (Kafka 4.x has no ZooKeeper)', 'remove zookeeper, or set mode: KafkaMode.ZOOKEEPER');
      }
      return undefined;
    }
    if (props.zookeeper === undefined) {
      fail(this, 'zookeeper', undefined, 'a ZookeeperEnsemble or a connect string in ZooKeeper mode', 'pass zookeeper: new ZookeeperEnsemble(...) or "zk-0.zk:2181,…"');
    }
    if (props.controllers !== undefined) {
      fail(this, 'controllers', props.controllers, 'no controllers in ZooKeeper mode (KRaft only)', 'remove controllers, or use mode: KafkaMode.KRAFT');
    }
    if (props.clusterId !== undefined) {
      fail(this, 'clusterId', props.clusterId, 'no clusterId in ZooKeeper mode (KRaft only; ZooKeeper assigns the id)', 'remove clusterId, or use mode: KafkaMode.KRAFT');
    }
    const zk = props.zookeeper;
    if (zk instanceof ZookeeperEnsemble) return zk.connectString;
    const ok = typeof zk === 'string' && /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*(\/[A-Za-z0-9._/-]*[A-Za-z0-9._-])?$/.test(zk);
    if (!ok) {
      fail(this, 'zookeeper', zk, 'a connect string host:port[,host:port…][/chroot]', 'write e.g. "zookeeper-0.zookeeper-headless.kafka.svc.cluster.local:2181", or pass the ZookeeperEnsemble');
    }
    return zk;
  }

  /** Broker properties with typed props, refusing the same keys in `config` and keys the layout sets. */
  private typedProperties(props: KafkaBrokersProps): Record<string, KafkaConfigValue> {
    const config = this.model.config;
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
    const out: Record<string, KafkaConfigValue> = { 'auto.create.topics.enable': props.autoCreateTopics ?? false };
    if (props.numPartitions !== undefined) out['num.partitions'] = validateInteger(this, 'numPartitions', props.numPartitions, 1);
    if (props.logRetentionHours !== undefined) out['log.retention.hours'] = validateInteger(this, 'logRetentionHours', props.logRetentionHours, 1);
    return out;
  }

  /** Brokers: Services, the ConfigMap, one StatefulSet (or one per zone). Returns the broker pool. */
  private renderBrokers(ctx: RenderContext): NodePoolModel {
    const { model } = this;
    const { layout, externals, props } = ctx;
    const pool = model.pools.find(p => p.roles.includes('broker'))!;
    brokerServices(this, model, layout, this.bootstrapServiceName, externals);
    const configMap = `${pool.name}-config`;
    const configData = { 'server.properties': toProperties(brokerProperties(model, layout, ctx.properties)), [ctx.logging.fileName]: ctx.logging.content };
    new k8s.KubeConfigMap(this, 'Config', { metadata: { name: configMap, namespace: model.namespace, labels: { ...layout.brokerLabels } }, data: configData });
    const needsHostIp = model.listeners.some(l => l.type === ListenerType.NODE_PORT && !externals.get(l.name)?.advertisedHosts);
    const combined = model.quorum?.voterPool === 'dual-role';
    const ports = [
      ...model.listeners.map(l => ({ name: l.name, containerPort: l.port })),
      { name: 'replication', containerPort: KafkaPorts.REPLICATION },
      ...(combined ? [{ name: 'controller', containerPort: KafkaPorts.CONTROLLER }] : []),
    ];
    const placement = resolvePlacement(this, '', props, layout.brokerSelector);
    this.nodeGroup(layout.groups.find(g => g.pool === pool)!, ctx, {
      // Rack awareness: one StatefulSet over the zones, spread evenly, each pod's rack read from its node.
      placement: ctx.zones ? pinToZones(placement, zoneKeyOf(props), ctx.zones, layout.brokerSelector) : placement,
      env: [...this.nodeEnv(ctx, pool.heap), ...(needsHostIp ? [{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }] : [])],
      ports, probePort: KafkaPorts.REPLICATION, configMap, configData,
      storage: dataVolume(this, pool.storageField, pool.storage, 'data', pool.defaultSize, layout.brokerLabels),
      broker: true,
    });
    return pool;
  }

  /** Dedicated controllers: their own headless Service, ConfigMap, StatefulSet, budget and policy. */
  private renderControllers(ctx: RenderContext, pool: NodePoolModel): void {
    const { model } = this;
    const { layout, props, zones } = ctx;
    controllerService(this, model, layout);
    const configMap = `${pool.name}-config`;
    const configData = { 'server.properties': toProperties(controllerProperties(model, layout, ctx.properties)), [ctx.logging.fileName]: ctx.logging.content };
    new k8s.KubeConfigMap(this, 'ControllerConfig', { metadata: { name: configMap, namespace: model.namespace, labels: { ...layout.controllerLabels! } }, data: configData });
    const placement = resolvePlacement(this, '', props, layout.controllerSelector!);
    this.nodeGroup(layout.groups.find(g => g.pool === pool)!, ctx, {
      placement: zones ? pinToZones(placement, zoneKeyOf(props), zones, layout.controllerSelector) : placement,
      env: this.nodeEnv(ctx, pool.heap),
      ports: [{ name: 'controller', containerPort: KafkaPorts.CONTROLLER }], probePort: KafkaPorts.CONTROLLER, configMap, configData,
      storage: dataVolume(this, pool.storageField, pool.storage, 'data', pool.defaultSize, layout.controllerLabels!),
      broker: false,
    });
    disruptionBudget(this, 'ControllerPdb', { name: pool.name, namespace: model.namespace, labels: layout.controllerLabels! },
      layout.controllerSelector!, pool.maxUnavailable);
    if (model.networkPolicies) controllerNetworkPolicy(this, model, layout, pool.name);
  }

  /** Env of every Kafka node: heap, log dir and logging, the cluster id (KRaft). */
  private nodeEnv(ctx: RenderContext, heap: string): k8s.EnvVar[] {
    return [
      { name: 'KAFKA_HEAP_OPTS', value: `-Xms${heap} -Xmx${heap}` },
      // kafka-run-class.sh creates it and passes it as kafka.logs.dir; console logging writes nothing there.
      { name: 'LOG_DIR', value: KAFKA_LOG_DIR },
      ...ctx.logging.env,
      ...(this.clusterId ? [{ name: 'CLUSTER_ID', value: this.clusterId }] : []),
    ];
  }

  private nodeGroup(g: RawNodeGroup, ctx: RenderContext, o: {
    placement: ResolvedPlacement; env: k8s.EnvVar[]; ports: k8s.ContainerPort[]; probePort: number; configMap: string;
    configData: { readonly [file: string]: string }; storage: ReturnType<typeof dataVolume>; broker: boolean;
  }): void {
    const rack = o.broker ? ctx.rack : undefined;
    nodeStatefulSet(this, g.id, {
      name: g.statefulSetName, namespace: this.namespace, serviceName: g.headlessService, replicas: g.replicas,
      selector: g.selector, labels: g.labels, placement: o.placement, grace: ctx.grace, image: ctx.image,
      script: startScript(this.model, g, { externals: ctx.externals, rackFile: rack ? RACK_FILE : undefined }),
      env: o.env, ports: o.ports, resources: k8sResources(g.pool.resources), probePort: o.probePort, configMap: o.configMap,
      runtimeConfig: this.model.mode === 'kraft' || rack !== undefined, storage: o.storage,
      configHash: shortHash(o.configData, 16), catchUpGate: o.broker, rack,
    });
  }
}

/** What the render steps of one KafkaBrokers share. */
interface RenderContext {
  readonly props: KafkaBrokersProps;
  readonly layout: RawLayout;
  readonly image: string;
  readonly logging: ResolvedKafkaLogging;
  readonly zones?: readonly string[];
  /** Rack awareness: the zone reader of the broker pods. */
  readonly rack?: RackPodParts;
  readonly externals: ReadonlyMap<string, RawListenerExternals>;
  readonly properties: RawPropertiesOptions;
  readonly grace: number;
}

/** The Kafka version of an image: known for the default images, else the tag. */
function defaultKafkaVersion(image: string): string {
  if (image === KafkaImages.KAFKA) return KafkaImages.KAFKA_VERSION;
  if (image === KafkaImages.KAFKA_ZOOKEEPER_MODE) return KafkaImages.KAFKA_ZOOKEEPER_MODE_VERSION;
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : 'latest';
}

