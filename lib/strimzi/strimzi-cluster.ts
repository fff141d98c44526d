import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  clientView, ClusterFlavour, ClusterModel, fail, keepOnPrune, IKafkaTopic, IKafkaUser, KafkaClientListener, KafkaTopicOptions, KafkaUserOptions, ListenerAuthentication,
  pickListener, ReplicationSettings, replicationConfig, resolveClusterModel, resolveClusterName, standardLabels, validateDnsLabel, validateLabelKey, registerCluster, validatePodScheduling,
} from '../kafka';
import { KAFKA_METRICS_KEY, kafkaMetricsRules, ZOOKEEPER_METRICS_KEY, zookeeperMetricsRules } from './jmx-metrics';
import { KafkaTopic } from './kafka-topic';
import { KafkaUser, KafkaUserAuthentication } from './kafka-user';
import { l1, Shape, v1beta2Kafka, v1Kafka } from './l1';
import { StrimziAuthorizationType } from './strimzi-authorization';
import { IStrimziCluster, StrimziClusterProps, StrimziNodePoolNames } from './strimzi-cluster-props';
import { migrationAnnotations, migrationHasControllers, migrationPoolNames, StrimziKraftMigration, validateKraftMigration } from './strimzi-kraft-migration';
import { listenerJson, listenerPeers, peersAdmit } from './strimzi-listeners';
import { strimziResources } from './strimzi-common';
import { StrimziNetworkPolicyPeer } from './strimzi-listener';
import { renderNodePools } from './strimzi-node-pools';
import { operandsJson } from './strimzi-operands';
import { kafkaTemplate } from './strimzi-pod-templates';
import { strimziRules } from './strimzi-rules';
import { storageJson } from './strimzi-storage';
import { minorOf, StrimziVersion } from './strimzi-version';
import { zookeeperJson } from './strimzi-zookeeper';
import { enterConstruct } from '../kafka/construct-entry';

const METADATA_VERSION = /^[0-9]+\.[0-9]+(-IV[0-9]+)?$/;

type KafkaShape = Shape<v1Kafka.KafkaSpecKafka> & Shape<v1beta2Kafka.KafkaSpecKafka>;

/**
 * A Kafka cluster run by the Strimzi operator: a `Kafka` custom resource plus its
 * `KafkaNodePool`s (KRaft) or its ZooKeeper ensemble (Strimzi 0.45), and a metrics ConfigMap.
 *
 * Strimzi 1.x (default): `kafka.strimzi.io/v1`, KRaft, one dual-role pool or dedicated
 * controller and broker pools. Strimzi 0.45: `v1beta2`, ZooKeeper (`zookeeper` prop) or
 * KRaft with node pools and the `strimzi.io/node-pools` / `strimzi.io/kraft` annotations.
 *
 * The props resolve into the shared cluster model (lib/kafka/model), which this construct
 * renders as Strimzi custom resources.
 */
export class StrimziCluster extends Construct implements IStrimziCluster {
  public readonly clusterName: string;
  public readonly namespace: string;
  public readonly clusterDomain: string;
  public readonly flavour = ClusterFlavour.STRIMZI;
  public readonly brokerCount: number;
  public readonly replication: ReplicationSettings;
  public readonly clientListeners: KafkaClientListener[];
  public readonly clusterCaSecretName?: string;
  public readonly clientLabels: { [key: string]: string };
  public readonly clientImage: string;
  public readonly kafkaVersion: string;
  public readonly metadataVersion?: string;
  public readonly strimziVersion: StrimziVersion;
  public readonly usesZookeeper: boolean;
  /** Phase of the ZooKeeper-to-KRaft migration under way, if any. */
  public readonly kraftMigration?: StrimziKraftMigration;
  public readonly authorizationType?: StrimziAuthorizationType;
  public readonly userOperatorEnabled: boolean;
  public readonly topicOperatorEnabled: boolean;
  public readonly cruiseControlEnabled: boolean;
  /** Name of the metrics ConfigMap, when metrics are on. */
  public readonly metricsConfigMapName?: string;

  private readonly model: ClusterModel;
  private readonly peers = new Map<string, StrimziNetworkPolicyPeer[]>();

  constructor(scope: Construct, id: string, props: StrimziClusterProps = {}) {
    super(scope, id);
    enterConstruct(this, props);
    const version = props.version ?? StrimziVersion.V1_2_0;
    this.strimziVersion = version;
    // An empty key would be dropped silently (no rack awareness); a malformed one is refused by the API server.
    if (props.rackTopologyKey !== undefined) validateLabelKey(this, 'rackTopologyKey', props.rackTopologyKey);
    const restricted = props.restrictedSecurityContext ?? true;

    this.kafkaVersion = props.kafkaVersion ?? version.defaultKafkaVersion;
    if (!version.kafkaVersions.includes(this.kafkaVersion)) {
      fail(this, 'kafkaVersion', this.kafkaVersion, `a Kafka version Strimzi ${version.version} supports (${version.kafkaVersions.join(', ')})`,
        `use one of them, or pick the Strimzi release that supports Kafka ${this.kafkaVersion}`);
    }
    this.usesZookeeper = props.zookeeper !== undefined;
    if (this.usesZookeeper && !version.supportsZookeeper) {
      fail(this, 'zookeeper', props.zookeeper, `no ZooKeeper on Strimzi ${version.version} (KRaft only since 0.46); ZooKeeper needs StrimziVersion.V0_45_2`,
        'remove the zookeeper prop (KRaft with node pools), or set version: StrimziVersion.V0_45_2');
    }
    this.metadataVersion = this.resolveMetadataVersion(props.metadataVersion);
    this.kraftMigration = validateKraftMigration(this, props, version);
    // During the migration the model is the KRaft target (dedicated controllers), rendered beside spec.zookeeper.
    const kraftModel = !this.usesZookeeper || migrationHasControllers(this.kraftMigration);
    if (!kraftModel && props.controllers !== undefined) {
      fail(this, 'controllers', props.controllers, 'no controllers in ZooKeeper mode (controllers are a KRaft concept)', 'remove controllers or drop the zookeeper prop');
    }
    const authz = props.authorization;
    if (authz && version.isV1 && (authz.type === StrimziAuthorizationType.OPA || authz.type === StrimziAuthorizationType.KEYCLOAK)) {
      fail(this, 'authorization.type', authz.type, `simple or custom on Strimzi ${version.version} (v1 removed opa and keycloak)`,
        'use StrimziAuthorization.simple(), or StrimziAuthorization.custom({ authorizerClass }) with the OPA/Keycloak authorizer on the broker classpath');
    }
    this.authorizationType = authz?.type;

    const poolNames = this.resolvePoolNames(resolveClusterName(this, props.clusterName),
      this.kraftMigration ? migrationPoolNames(this, props.nodePoolNames) : props.nodePoolNames, props.controllers !== undefined);
    const model = resolveClusterModel(this, { ...props, mode: kraftModel ? 'kraft' : 'zookeeper', kafkaVersion: this.kafkaVersion },
      strimziRules(version, poolNames, this.usesZookeeper && !this.kraftMigration));
    this.model = model;
    this.clusterName = model.clusterName;
    this.namespace = model.namespace;
    this.clusterDomain = model.clusterDomain;
    this.brokerCount = model.brokerCount;
    this.replication = model.replication;
    this.clientLabels = { ...model.clientLabels };
    this.clientListeners = model.listeners.map(clientView);
    // Kafka creates topics on first use unless the config says otherwise.
    registerCluster(this, model.clusterName, model.namespace, String(props.config?.['auto.create.topics.enable'] ?? true) !== 'false');
    if (model.listeners.some(l => l.tls)) this.clusterCaSecretName = `${model.clusterName}-cluster-ca-cert`;
    const declared = props.listeners ?? [];
    for (const l of model.listeners) {
      this.peers.set(l.name, listenerPeers(l, declared.find(d => d.name === l.name) ?? l, model.clientLabels, model.networkPolicies));
    }

    const eo = props.entityOperator ?? {};
    this.topicOperatorEnabled = eo.topicOperator ?? true;
    this.userOperatorEnabled = eo.userOperator ?? true;
    this.cruiseControlEnabled = props.cruiseControl !== undefined;

    this.metricsConfigMapName = props.metrics ?? true ? `${model.clusterName}-kafka-metrics` : undefined;
    this.renderKafka(props, restricted);
    this.clientImage = props.clientImage ?? version.kafkaImage(this.kafkaVersion);
  }

  public listener(name?: string): KafkaClientListener {
    return pickListener(this, this.clientListeners, name);
  }

  public admitsClient(listenerName: string, podLabels: { [key: string]: string }, podNamespace: string): boolean {
    const peers = this.peers.get(listenerName);
    return peers === undefined || peersAdmit(peers, podLabels, podNamespace, this.namespace);
  }

  public addTopic(id: string, options: KafkaTopicOptions): IKafkaTopic {
    return new KafkaTopic(this, id, { cluster: this, ...options });
  }

  public addUser(id: string, options: KafkaUserOptions): IKafkaUser {
    if (options.secretName !== undefined || options.passwordKey !== undefined) {
      fail(this, 'addUser.secretName', options.secretName ?? options.passwordKey, 'unset: the Strimzi user operator generates the credentials into Secret <userName>',
        'drop secretName and passwordKey');
    }
    const auth = options.authentication ?? ListenerAuthentication.TLS;
    if (auth !== ListenerAuthentication.TLS && auth !== ListenerAuthentication.SCRAM_SHA_512) {
      fail(this, 'addUser.authentication', auth, 'tls or scram-sha-512', 'use ListenerAuthentication.TLS or SCRAM_SHA_512');
    }
    return new KafkaUser(this, id, {
      cluster: this,
      userName: options.userName,
      authentication: auth === ListenerAuthentication.TLS ? KafkaUserAuthentication.TLS : KafkaUserAuthentication.SCRAM_SHA_512,
      acls: options.acls,
    });
  }

  /** The Kafka resource (with ZooKeeper, or the node pools beside it) and the metrics ConfigMap. */
  private renderKafka(props: StrimziClusterProps, restricted: boolean): void {
    const { model, strimziVersion: version } = this;
    const authz = props.authorization;
    const declared = props.listeners ?? [];
    // Storage of each pool, validated and rendered once (the broker pool's is also spec.kafka.storage with ZooKeeper).
    const pools = model.pools.map(pool => ({ pool, storage: storageJson(this, pool.storage, pool.storageField, pool.defaultSize, !this.usesZookeeper || pool.key === 'controller') }));
    const metricsConfig = this.metrics();
    const brokerPool = pools.find(p => p.pool.roles.includes('broker'))!;
    validatePodScheduling(this, '', props);

    const kafka: KafkaShape = {
      version: this.kafkaVersion,
      ...(this.metadataVersion ? { metadataVersion: this.metadataVersion } : {}),
      listeners: model.listeners.map(l => listenerJson(l, declared.find(d => d.name === l.name) ?? l, this.peers.get(l.name)!)),
      ...(authz ? { authorization: authz._render() as KafkaShape['authorization'] } : {}),
      config: { ...replicationConfig(model.replication), ...model.config },
      ...(props.rackTopologyKey ? { rack: { topologyKey: props.rackTopologyKey } } : {}),
      ...metricsConfig(KAFKA_METRICS_KEY),
      template: kafkaTemplate(props, model.clusterName, !this.usesZookeeper, restricted, brokerPool.pool.maxUnavailable),
    };
    const operands = operandsJson(this, props, { topicOperator: this.topicOperatorEnabled, userOperator: this.userOperatorEnabled }, restricted);
    const annotations = {
      ...(this.kraftMigration ? migrationAnnotations(this.kraftMigration)
        : !this.usesZookeeper && version.needsKraftAnnotations ? { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' } : {}),
      // Flux never prunes the Kafka resource: the operator would delete the cluster.
      ...keepOnPrune(),
    };
    const metadata = { name: model.clusterName, namespace: model.namespace, annotations };

    if (version.isV1) {
      new v1Kafka.Kafka(this, 'Resource', { metadata, spec: l1<v1Kafka.KafkaSpec>({ kafka, ...operands }) });
    } else if (props.zookeeper) {
      // ZooKeeper mode: the brokers' size, storage and resources live in spec.kafka (no node pools).
      const p = brokerPool.pool;
      const zkKafka = {
        replicas: p.replicas, storage: brokerPool.storage as Shape<v1beta2Kafka.KafkaSpecKafkaStorage>,
        resources: strimziResources(p.resources), jvmOptions: { xms: p.heap, xmx: p.heap },
      };
      const zookeeper = zookeeperJson(this, props, model.clusterName, restricted, metricsConfig(ZOOKEEPER_METRICS_KEY));
      new v1beta2Kafka.Kafka(this, 'Resource', { metadata, spec: l1<v1beta2Kafka.KafkaSpec>({ kafka: { ...kafka, ...zkKafka }, zookeeper, ...operands }) });
    } else {
      new v1beta2Kafka.Kafka(this, 'Resource', { metadata, spec: l1<v1beta2Kafka.KafkaSpec>({ kafka, ...operands }) });
    }
    if (!this.usesZookeeper || this.kraftMigration) renderNodePools(this, model, version, pools);

  }

  private resolveMetadataVersion(given: string | undefined): string | undefined {
    const version = this.strimziVersion;
    if (this.usesZookeeper) {
      if (given !== undefined) {
        fail(this, 'metadataVersion', given, 'unset in ZooKeeper mode (it is a KRaft setting)', 'remove metadataVersion or drop the zookeeper prop to use KRaft');
      }
      return undefined;
    }
    const dflt = version.metadataVersionFor(this.kafkaVersion);
    const mv = given ?? dflt;
    if (!METADATA_VERSION.test(mv) || compareMinor(minorOf(mv), minorOf(this.kafkaVersion)) > 0 || compareMinor(minorOf(mv), '3.3') < 0) {
      fail(this, 'metadataVersion', mv, `X.Y or X.Y-IVn from 3.3 up to the Kafka version's ${minorOf(this.kafkaVersion)} (default ${dflt})`,
        `set metadataVersion to e.g. "${dflt}" or leave it unset`);
    }
    return mv;
  }

  /** The metrics ConfigMap (when on) and a function giving a component's `metricsConfig` reference. */
  private metrics(): (key: string) => object {
    const name = this.metricsConfigMapName;
    if (name === undefined) return () => ({});
    new k8s.KubeConfigMap(this, 'Metrics', {
      metadata: { name, namespace: this.model.namespace, labels: standardLabels('kafka', this.model.clusterName, 'metrics') },
      data: {
        [KAFKA_METRICS_KEY]: kafkaMetricsRules(),
        ...(this.usesZookeeper ? { [ZOOKEEPER_METRICS_KEY]: zookeeperMetricsRules() } : {}),
      },
    });
    return key => ({ metricsConfig: { type: 'jmxPrometheusExporter' as const, valueFrom: { configMapKeyRef: { name, key } } } });
  }

  private resolvePoolNames(clusterName: string, names: StrimziNodePoolNames | undefined, dedicated: boolean): Required<StrimziNodePoolNames> {
    if (names === undefined) return { dualRole: 'dual-role', controller: 'controller', broker: 'broker' };
    if (this.usesZookeeper && !this.kraftMigration) {
      fail(this, 'nodePoolNames', names, 'unset in ZooKeeper mode (node pools are a KRaft concept)', 'remove nodePoolNames or drop the zookeeper prop');
    }
    // Strimzi names pods <cluster>-<pool>-<node id> (ids up to 1999): a DNS label of at most 63 characters.
    const max = 63 - clusterName.length - '--1999'.length;
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
}

function compareMinor(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 !== b1 ? a1 - b1 : a2 - b2;
}

