import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  defaultHeap, fail, IKafkaUser, KafkaConfigMap, KafkaLabels, resolveResources, ResourceSpec,
  validateConfigMap, validateDnsLabel, validateHeap, validateInteger,
} from '../kafka';
import { l1, Shape, v1beta2Connect, v1Connect } from './l1';
import { connectToCluster } from './strimzi-client-connection';
import { boundNamespace, strimziContainerSecurityContext, strimziPodSecurityContext, strimziResources, toObjectName } from './strimzi-common';
import { IStrimziCluster } from './strimzi-cluster-props';
import { enterConstruct } from '../kafka/construct-entry';
import { validateKafkaImage } from '../kafka/images';

/** The Strimzi CRD's pattern for artifact URLs (the API server rejects anything else). */
const ARTIFACT_URL = /^(https?|ftp):\/\/[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$/;

/** Kind of a Connect build artifact. */
export enum ConnectArtifactType {
  JAR = 'jar',
  TGZ = 'tgz',
  ZIP = 'zip',
  MAVEN = 'maven',
  OTHER = 'other',
}

/** One artifact of a connector plugin. */
export interface ConnectPluginArtifact {
  /** Artifact type. */
  readonly type: ConnectArtifactType;
  /** Download URL (all types except maven). @default none */
  readonly url?: string;
  /** SHA-512 checksum of the download (recommended). @default not checked */
  readonly sha512Sum?: string;
  /** Maven group, artifact and version (maven only). @default none */
  readonly group?: string;
  readonly artifact?: string;
  readonly version?: string;
}

/** A connector plugin to build into the Connect image. */
export interface ConnectPlugin {
  /** Plugin name (a directory in the image). */
  readonly name: string;
  /** Its artifacts. */
  readonly artifacts: ConnectPluginArtifact[];
}

/** Connect image build (Strimzi builds an image with the plugins and pushes it). */
export interface KafkaConnectBuildOptions {
  /** Output image, e.g. `registry.example.com/kafka-connect:1`. */
  readonly outputImage: string;
  /** Secret with registry credentials (type kubernetes.io/dockerconfigjson). @default none */
  readonly pushSecret?: string;
  /** Plugins. */
  readonly plugins: ConnectPlugin[];
}

/** Properties of a {@link KafkaConnect}. */
export interface KafkaConnectProps {
  /** The Kafka cluster Connect uses. */
  readonly cluster: IStrimziCluster;
  /** Name of the KafkaConnect resource (Connect's REST service is `<name>-connect-api`). @default the construct id, lower-cased */
  readonly connectName?: string;
  /** Workers. @default 1 */
  readonly replicas?: number;
  /** Cluster listener to connect to. @default a listener matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** User whose credentials Connect uses (tls or scram-sha-512). @default none (the listener must not require authentication) */
  readonly user?: IKafkaUser;
  /** Connect group id. @default the connect name */
  readonly groupId?: string;
  /** Topic of connector configs. @default `<name>-configs` */
  readonly configStorageTopic?: string;
  /** Topic of source offsets. @default `<name>-offsets` */
  readonly offsetStorageTopic?: string;
  /** Topic of connector status. @default `<name>-status` */
  readonly statusStorageTopic?: string;
  /** Worker config; keys Strimzi manages are rejected. @default storage topics replicated like the cluster's default */
  readonly config?: KafkaConfigMap;
  /** Worker resources. @default { cpuRequest: '250m', memoryRequest: '1Gi' } (memory limit = request) */
  readonly resources?: ResourceSpec;
  /** JVM heap. @default half the memory limit */
  readonly heap?: string;
  /** Build an image with connector plugins. @default none (the Strimzi Kafka image) */
  readonly build?: KafkaConnectBuildOptions;
  /** Worker image. @default Strimzi's image for the cluster's Kafka version (or the build output) */
  readonly image?: string;
  /**
   * Manage connectors through KafkaConnector resources (`strimzi.io/use-connector-resources`).
   * @default true as soon as a KafkaConnector targets this Connect
   */
  readonly useConnectorResources?: boolean;
  /**
   * Extra environment variables of the Connect container (`template.connectContainer.env`), e.g.
   * `CLASSPATH` to load a plugin jar the image already holds. Names starting with `KAFKA_` or
   * `STRIMZI_` are reserved by Strimzi and refused.
   * @default none
   */
  readonly env?: { readonly [name: string]: string };
  /** Namespace; must be the cluster's. @default the cluster's namespace */
  readonly namespace?: string;
}

// Strimzi manages these Connect worker keys itself (KafkaConnectSpec FORBIDDEN_PREFIXES).
const CONNECT_FORBIDDEN = ['ssl.', 'sasl.', 'security.', 'listeners', 'plugin.path', 'rest.', 'bootstrap.servers', 'consumer.interceptor.classes', 'producer.interceptor.classes'];
const CONNECT_EXCEPTIONS = ['ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols'];
// Keys with typed props.
const CONNECT_TYPED: Record<string, string> = {
  'group.id': 'groupId', 'config.storage.topic': 'configStorageTopic', 'offset.storage.topic': 'offsetStorageTopic', 'status.storage.topic': 'statusStorageTopic',
};

// v1 requires the group and storage topic fields that v1beta2 lacks: they are added for v1 only.
type ConnectShape = Omit<Shape<v1Connect.KafkaConnectSpec>, 'groupId' | 'configStorageTopic' | 'offsetStorageTopic' | 'statusStorageTopic'>
  & Shape<v1beta2Connect.KafkaConnectSpec>;

/** A Strimzi `KafkaConnect` cluster wired to a StrimziCluster (bootstrap, TLS trust, user credentials). */
export class KafkaConnect extends Construct {
  /** Name of the KafkaConnect resource. */
  public readonly connectName: string;
  /** The Kafka cluster. */
  public readonly cluster: IStrimziCluster;
  /** Namespace. */
  public readonly namespace: string;
  /** The custom resource. */
  public readonly resource: ApiObject;
  private readonly useConnectorResources?: boolean;
  private annotated = false;

  constructor(scope: Construct, id: string, props: KafkaConnectProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.cluster = cluster;
    this.namespace = boundNamespace(this, props.namespace, cluster.namespace, cluster.clusterName);
    this.connectName = validateDnsLabel(this, 'connectName', props.connectName ?? toObjectName(id), 40);
    const name = this.connectName;
    const replicas = validateInteger(this, 'replicas', props.replicas ?? 1, 1);
    this.useConnectorResources = props.useConnectorResources;

    // Listener and credentials: the same rules as every Strimzi client operand (Bridge, MirrorMaker 2).
    const { connection } = connectToCluster(this, '', cluster, {
      listener: props.listener, user: props.user,
      // The client label admits the workers through the listener's networkPolicyPeers.
      pods: { labels: { ...cluster.clientLabels, 'strimzi.io/cluster': this.connectName, 'strimzi.io/kind': 'KafkaConnect' }, namespace: this.namespace },
      admitFix: 'add StrimziNetworkPolicyPeer.pods(cluster.clientLabels) to the networkPolicyPeers of the listener, or pick another listener',
    });
    const tls: ConnectShape['tls'] | undefined = connection.tls;
    const authentication: ConnectShape['authentication'] | undefined = connection.authentication;

    const { topics, config: sortedConfig } = this.workerConfig(props, cluster);
    const build = props.build ? this.buildJson(props.build) : undefined;
    const env = this.containerEnv(props.env);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
    const heap = props.heap ?? defaultHeap(resources.limits.memory);
    validateHeap(this, 'heap', heap, resources.limits.memory);

    const containerSc = { securityContext: strimziContainerSecurityContext() };
    const spec: ConnectShape = {
      version: cluster.kafkaVersion,
      replicas,
      bootstrapServers: connection.bootstrapServers,
      ...(props.image !== undefined ? { image: validateKafkaImage(this, 'image', props.image, 'Strimzi\'s start scripts (the operator runs /opt/kafka/kafka_connect_run.sh)') } : {}),
      ...(tls ? { tls } : {}),
      ...(authentication ? { authentication } : {}),
      config: sortedConfig,
      resources: strimziResources(resources),
      jvmOptions: { xms: heap, xmx: heap },
      ...(build ? { build_: build } : {}),
      template: {
        pod: {
          // The client label admits Connect through the listeners' networkPolicyPeers.
          metadata: { labels: { ...cluster.clientLabels } },
          securityContext: strimziPodSecurityContext(false),
          topologySpreadConstraints: [{
            maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { 'strimzi.io/cluster': name, 'strimzi.io/kind': 'KafkaConnect' } },
          }],
        },
        connectContainer: { ...containerSc, ...(env.length ? { env } : {}) },
      },
    };
    const metadata = { name, namespace: this.namespace };
    this.resource = cluster.strimziVersion.isV1
      ? new v1Connect.KafkaConnect(this, 'Resource', { metadata, spec: l1<v1Connect.KafkaConnectSpec>({ ...spec, ...topics, replicas }) })
      : new v1beta2Connect.KafkaConnect(this, 'Resource', { metadata, spec: l1<v1beta2Connect.KafkaConnectSpec>(spec) });
    if (this.useConnectorResources) this.annotate();
  }

  /** Worker config: the storage topics replicated like the cluster's default, the user's keys (Strimzi-managed ones refused). */
  private workerConfig(props: KafkaConnectProps, cluster: IStrimziCluster) {
    const name = this.connectName;
    const userConfig = validateConfigMap(this, 'config', props.config, { kind: 'connect', kafkaVersion: cluster.kafkaVersion });
    for (const key of Object.keys(userConfig)) {
      if (CONNECT_TYPED[key]) {
        fail(this, `config["${key}"]`, key, 'keys without a typed prop', `remove it and set ${CONNECT_TYPED[key]} instead`);
      }
      if (!CONNECT_EXCEPTIONS.includes(key) && CONNECT_FORBIDDEN.some(p => key.startsWith(p))) {
        fail(this, `config["${key}"]`, key, `keys not starting with a prefix Strimzi manages (${CONNECT_FORBIDDEN.join(', ')})`,
          'remove it: bootstrap, TLS and authentication come from the cluster and user props');
      }
    }
    const rf = cluster.replication.defaultReplicationFactor;
    const topics = {
      groupId: props.groupId ?? name,
      configStorageTopic: props.configStorageTopic ?? `${name}-configs`,
      offsetStorageTopic: props.offsetStorageTopic ?? `${name}-offsets`,
      statusStorageTopic: props.statusStorageTopic ?? `${name}-status`,
    };
    const config: Record<string, string | number | boolean> = {
      'config.storage.replication.factor': rf,
      'offset.storage.replication.factor': rf,
      'status.storage.replication.factor': rf,
      ...userConfig,
    };
    if (!cluster.strimziVersion.isV1) {
      // v1beta2 has no typed fields for these: they live in the worker config.
      Object.assign(config, {
        'group.id': topics.groupId, 'config.storage.topic': topics.configStorageTopic,
        'offset.storage.topic': topics.offsetStorageTopic, 'status.storage.topic': topics.statusStorageTopic,
      });
    }
    const sortedConfig = Object.fromEntries(Object.keys(config).sort().map(k => [k, config[k]]));
    return { topics, config: sortedConfig };
  }

  /** `spec.build`: the plugins Strimzi builds into the output image. */
  private buildJson(b: KafkaConnectBuildOptions): ConnectShape['build_'] {
    if (b.plugins.length === 0) {
      fail(this, 'build.plugins', [], 'at least one plugin', 'list the connector plugins to build, or drop build');
    }
    return {
      output: { type: 'docker', image: b.outputImage, ...(b.pushSecret ? { pushSecret: b.pushSecret } : {}) },
      plugins: b.plugins.map((p, i) => {
        validateDnsLabel(this, `build.plugins[${i}].name`, p.name);
        if (p.artifacts.length === 0) fail(this, `build.plugins[${i}].artifacts`, [], 'at least one artifact', `add the artifacts of plugin "${p.name}"`);
        return {
          name: p.name,
          artifacts: p.artifacts.map((a, j) => {
            if (a.type === ConnectArtifactType.MAVEN ? !(a.group && a.artifact && a.version) : !a.url) {
              fail(this, `build.plugins[${i}].artifacts[${j}]`, a, a.type === ConnectArtifactType.MAVEN ? 'group, artifact and version for maven artifacts' : 'a url',
                'complete the artifact coordinates');
            }
            if (a.url !== undefined && !ARTIFACT_URL.test(a.url)) {
              fail(this, `build.plugins[${i}].artifacts[${j}].url`, a.url, 'an http(s) or ftp URL matching the Strimzi CRD pattern (no spaces or "…")',
                'give the full download URL of the artifact, e.g. "https://repo1.maven.org/maven2/.../plugin.tgz"');
            }
            return { type: a.type, ...pickDefined(a, ['url', 'sha512Sum', 'group', 'artifact', 'version']) };
          }),
        };
      }),
    };
  }

  /** Extra env of the Connect container; KAFKA_ and STRIMZI_ names are Strimzi's. */
  private containerEnv(given: { readonly [name: string]: string } | undefined) {
    return Object.keys(given ?? {}).sort().map(envName => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName) || /^(KAFKA|STRIMZI)_/.test(envName)) {
        fail(this, `env["${envName}"]`, envName, 'a shell variable name not starting with KAFKA_ or STRIMZI_ (Strimzi reserves those prefixes)',
          'rename the variable, or use the typed props (config, resources, heap) for what Strimzi manages');
      }
      return { name: envName, value: String(given![envName]) };
    });
  }

  /** Whether connectors are managed through KafkaConnector resources. */
  public get connectorResourcesEnabled(): boolean {
    return this.annotated;
  }

  /** @internal called by KafkaConnector: turns on connector resources, or fails when they were turned off. */
  public _registerConnector(connector: Construct): void {
    if (this.useConnectorResources === false) {
      fail(connector, 'connect', this.connectName, 'a KafkaConnect with useConnectorResources true (strimzi.io/use-connector-resources: "true"); without it Strimzi ignores KafkaConnector resources',
        `remove useConnectorResources: false from KafkaConnect "${this.connectName}", or manage this connector through the Connect REST API`);
    }
    this.annotate();
  }

  private annotate(): void {
    if (!this.annotated) {
      this.resource.metadata.addAnnotation('strimzi.io/use-connector-resources', 'true');
      this.annotated = true;
    }
  }
}

/** Label value binding a KafkaConnector to its KafkaConnect. */
export const CONNECT_CLUSTER_LABEL = KafkaLabels.STRIMZI_CLUSTER;

function pickDefined<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
