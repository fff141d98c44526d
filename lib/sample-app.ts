import { ApiObject } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import {
  defaultHeap,
  fail,
  IKafkaCluster,
  IKafkaUser,
  KafkaClientListener,
  KafkaImages,
  ListenerAuthentication,
  resolveClientConnection,
  resolveResources,
  ResourceSpec,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  standardLabels,
  selectorLabels,
  validateDnsLabel,
  validateInteger,
  checkTopicDeclared,
} from './kafka';
import { CLIENT_CONFIG_SCRIPT, CONSUMER_SCRIPT, PRODUCER_SCRIPT } from './sample-app-scripts';
import { enterConstruct } from './kafka/construct-entry';

/** Role of a sample client, passed to every container as `SAMPLE_ROLE`. */
export enum SampleRole {
  PRODUCER = 'producer',
  CONSUMER = 'consumer',
}

/** Props of {@link SampleApp}. */
export interface SampleAppProps {
  /** The cluster to produce to and consume from (a `KafkaBrokers` or a `StrimziCluster`). */
  readonly cluster: IKafkaCluster;
  /**
   * Base name of the Deployments (`<name>-producer`, `<name>-consumer`).
   * @default the construct id, lower-cased and made DNS-safe
   */
  readonly name?: string;
  /**
   * Topic the producers write and the consumer reads. The topic is not created here:
   * declare it with a topic construct, or rely on the broker's `auto.create.topics.enable`.
   * @default 'sample-topic'
   */
  readonly topic?: string;
  /**
   * Number of producer pods (one Deployment, spread across nodes).
   * @default 3
   */
  readonly producers?: number;
  /**
   * Name of the cluster listener the clients connect to.
   * @default cluster.listener() — the first internal listener
   */
  readonly listener?: string;
  /**
   * Credentials for the listener. Required when the listener authenticates clients (mutual TLS
   * or SCRAM-SHA-512); must belong to the same cluster and match the listener's authentication.
   * @default no user (only valid for listeners without authentication)
   */
  readonly user?: IKafkaUser;
  /**
   * Image of the producer and consumer containers.
   * @default cluster.clientImage (the Kafka image of the cluster, whose console clients the default command runs)
   */
  readonly image?: string;
  /**
   * Command for an image with its own client program. The containers always get the env
   * contract: `BOOTSTRAP_SERVERS`, `TOPIC_NAME`, `SAMPLE_ROLE` (producer|consumer),
   * `KAFKA_CLIENT_CONFIG` (a ready Kafka client properties file with the listener's security),
   * `SECURITY_PROTOCOL`, `CONSUMER_GROUP`, `MESSAGE_INTERVAL_SECONDS`, `POD_NAME`.
   * An empty array runs the image's own ENTRYPOINT/CMD.
   * @default a shell loop around `kafka-console-producer.sh` / `kafka-console-consumer.sh`
   *   (the image must hold the Kafka CLIs in /opt/kafka/bin or on the PATH)
   */
  readonly command?: readonly string[];
  /**
   * Seconds between two messages of one producer.
   * @default 2
   */
  readonly messageIntervalSeconds?: number;
  /**
   * Consumer group id of the consumer.
   * @default '<name>-consumer'
   */
  readonly consumerGroup?: string;
  /**
   * Resources of each producer and consumer container. The JVM heap of the console clients is
   * half the memory limit.
   * @default cpuRequest '50m', memoryRequest '384Mi', memoryLimit = memoryRequest
   */
  readonly resources?: ResourceSpec;
  /**
   * Namespace of the Deployments. Listeners with TLS or authentication need the cluster's
   * namespace, because the CA and user Secrets are namespaced. In another namespace the
   * listener's bootstrap address must be resolvable from there and the cluster's network
   * policies must admit the namespace.
   * @default cluster.namespace
   */
  readonly namespace?: string;
}

/** Kafka topic names: Kafka's own rule (`Topic.validate`). */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

const DEFAULT_RESOURCES: ResourceSpec = { cpuRequest: '50m', memoryRequest: '384Mi' };
const INIT_RESOURCES = { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '32Mi' } };

/** Where the pods keep writable files (the root filesystem is read-only). */
const TMP_DIR = '/tmp';
/** Kafka client properties written by the init container, read by the clients. */
const CLIENT_CONFIG = `${TMP_DIR}/client.properties`;
const CA_DIR = '/etc/kafka/cluster-ca';
const USER_DIR = '/etc/kafka/user';

/**
 * A sample workload for any {@link IKafkaCluster}: N producers (one Deployment, default 3
 * replicas, spread across nodes with preferred pod anti-affinity) and one consumer
 * (a Deployment with one replica) on one topic.
 *
 * Everything it needs is wired from the cluster object: bootstrap servers of the chosen
 * listener, the cluster CA (TLS), the user's certificate (mutual TLS) or SCRAM credentials,
 * and the client labels that the cluster's network policies admit. An init container turns
 * them into a Kafka client properties file (`KAFKA_CLIENT_CONFIG`) in an emptyDir; Secrets are
 * referenced, never inlined in the YAML.
 *
 * @example
 * const kafka = new KafkaBrokers(chart, 'kafka');
 * new SampleApp(chart, 'sample', { cluster: kafka });
 */
export class SampleApp extends Construct {
  /** Base name of the Deployments. */
  public readonly name: string;
  /** Namespace of the Deployments. */
  public readonly namespace: string;
  /** Topic produced to and consumed from. */
  public readonly topicName: string;
  /** The listener the clients use. */
  public readonly listener: KafkaClientListener;
  /** Bootstrap servers the clients use. */
  public readonly bootstrapServers: string;
  /** Consumer group id of the consumer. */
  public readonly consumerGroup: string;
  /** Number of producer pods. */
  public readonly producers: number;
  /** Name of the producer Deployment. */
  public readonly producerDeploymentName: string;
  /** Name of the consumer Deployment. */
  public readonly consumerDeploymentName: string;
  /** The producer Deployment. */
  public readonly producerDeployment: ApiObject;
  /** The consumer Deployment. */
  public readonly consumerDeployment: ApiObject;

  constructor(scope: Construct, id: string, props: SampleAppProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    if (!cluster) {
      fail(this, 'cluster', cluster, 'a KafkaBrokers or StrimziCluster (any IKafkaCluster)', "pass the cluster object: new SampleApp(chart, 'sample', { cluster })");
    }

    this.name = validateDnsLabel(this, 'name', props.name ?? defaultName(id), 63 - '-producer'.length);
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? cluster.namespace);
    this.topicName = props.topic ?? 'sample-topic';
    // At synth, once every topic construct exists: the topic must be one the cluster has.
    this.node.addValidation({ validate: () => { checkTopicDeclared(this, 'topic', props.cluster, this.topicName); return []; } });
    if (typeof this.topicName !== 'string' || !TOPIC_NAME.test(this.topicName) || this.topicName === '.' || this.topicName === '..') {
      fail(this, 'topic', this.topicName, "1 to 249 characters of letters, digits, '.', '_' and '-', not '.' or '..' (Kafka topic names)",
        `rename the topic, e.g. "${String(this.topicName ?? '').replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 249).replace(/^\.{1,2}$/, '') || 'sample-topic'}"`);
    }
    this.producers = validateInteger(this, 'producers', props.producers ?? 3, 1, undefined, 'run at least one producer, e.g. producers: 3');
    const interval = validateInteger(this, 'messageIntervalSeconds', props.messageIntervalSeconds ?? 2, 1, 3600,
      'set messageIntervalSeconds to a whole number of seconds between 1 and 3600');
    this.consumerGroup = props.consumerGroup ?? `${this.name}-consumer`;
    if (typeof this.consumerGroup !== 'string' || this.consumerGroup.length === 0 || /\s/.test(this.consumerGroup)) {
      fail(this, 'consumerGroup', this.consumerGroup, 'a non-empty group id without whitespace', `e.g. "${this.name}-consumer"`);
    }

    const security = this.security(cluster, props.listener, props.user);
    this.listener = security.listener;
    this.bootstrapServers = this.listener.bootstrapServers;
    if (security.needsSecrets && this.namespace !== cluster.namespace) {
      fail(this, 'namespace', this.namespace,
        `the cluster's namespace ("${cluster.namespace}") for listener "${this.listener.name}", whose CA or user Secrets live there`,
        `drop the namespace prop, or use a listener without TLS and authentication`);
    }

    const resources = resolveResources(this, 'resources', props.resources, DEFAULT_RESOURCES);
    const heap = resources.limits.memory ? defaultHeap(resources.limits.memory) : '128m';
    const image = props.image ?? cluster.clientImage;
    if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
      fail(this, 'image', image, 'a container image reference without whitespace', 'e.g. "apache/kafka:4.3.1"');
    }

    this.producerDeploymentName = `${this.name}-producer`;
    this.consumerDeploymentName = `${this.name}-consumer`;
    const common: DeploymentSpec = {
      cluster, image, command: props.command, interval, heap, security,
      resources: { requests: resources.requests, limits: resources.limits },
    };
    this.producerDeployment = this.deployment('Producer', SampleRole.PRODUCER, this.producers, common);
    this.consumerDeployment = this.deployment('Consumer', SampleRole.CONSUMER, 1, common);
  }

  /** Resolves the env and volumes that carry the listener's security into the init container. */
  private security(cluster: IKafkaCluster, listenerName: string | undefined, user: IKafkaUser | undefined): Security {
    const conn = resolveClientConnection(this, '', cluster, {
      listener: listenerName,
      user,
      pods: { labels: { ...cluster.clientLabels }, namespace: this.namespace },
    });
    const listener = conn.listener;
    const env: k8s.EnvVar[] = [{ name: 'SECURITY_PROTOCOL', value: listener.securityProtocol }];
    const volumes: k8s.Volume[] = [];
    const mounts: k8s.VolumeMount[] = [];
    if (conn.caSecretName) {
      volumes.push({ name: 'cluster-ca', secret: { secretName: conn.caSecretName, items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
      mounts.push({ name: 'cluster-ca', mountPath: CA_DIR, readOnly: true });
      env.push({ name: 'CA_FILE', value: `${CA_DIR}/ca.crt` });
    }
    const c = conn.credentials;
    if (c && c.authentication === ListenerAuthentication.TLS) {
      const cert = c.certificateKey ?? 'user.crt';
      const key = c.privateKeyKey ?? 'user.key';
      volumes.push({ name: 'user-cert', secret: { secretName: c.secretName, items: [{ key: cert, path: 'user.crt' }, { key, path: 'user.key' }] } });
      mounts.push({ name: 'user-cert', mountPath: USER_DIR, readOnly: true });
      env.push({ name: 'USER_CERT_FILE', value: `${USER_DIR}/user.crt` }, { name: 'USER_KEY_FILE', value: `${USER_DIR}/user.key` });
    }
    if (c && c.authentication === ListenerAuthentication.SCRAM_SHA_512) {
      env.push({ name: 'SASL_MECHANISM', value: listener.saslMechanism ?? 'SCRAM-SHA-512' });
      if (c.jaasConfigKey) {
        env.push({ name: 'SASL_JAAS_CONFIG', valueFrom: { secretKeyRef: { name: c.secretName, key: c.jaasConfigKey } } });
      } else {
        env.push(
          { name: 'SASL_USERNAME', value: c.userName },
          { name: 'SASL_PASSWORD', valueFrom: { secretKeyRef: { name: c.secretName, key: c.passwordKey ?? 'password' } } },
        );
      }
    }
    return { listener, env, volumes, mounts, needsSecrets: listener.tls || c !== undefined };
  }

  private deployment(id: string, role: SampleRole, replicas: number, spec: DeploymentSpec): ApiObject {
    const component = `sample-${role}`;
    const selector = selectorLabels('sample-app', this.name, component);
    const labels = { ...standardLabels('sample-app', this.name, component), ...spec.cluster.clientLabels };
    const env: k8s.EnvVar[] = [
      { name: 'BOOTSTRAP_SERVERS', value: this.bootstrapServers },
      { name: 'TOPIC_NAME', value: this.topicName },
      { name: 'SAMPLE_ROLE', value: role },
      { name: 'KAFKA_CLIENT_CONFIG', value: CLIENT_CONFIG },
      { name: 'SECURITY_PROTOCOL', value: this.listener.securityProtocol },
      ...(role === SampleRole.CONSUMER
        ? [{ name: 'CONSUMER_GROUP', value: this.consumerGroup }]
        : [{ name: 'MESSAGE_INTERVAL_SECONDS', value: String(spec.interval) }]),
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      // Console clients default to -Xmx512M, more than the container limit.
      { name: 'KAFKA_HEAP_OPTS', value: `-Xms${spec.heap} -Xmx${spec.heap}` },
      // kafka-run-class.sh may create its log directory: keep it on the writable emptyDir.
      { name: 'LOG_DIR', value: `${TMP_DIR}/logs` },
    ];
    const command = spec.command === undefined
      ? ['/bin/sh', '-c', role === SampleRole.PRODUCER ? PRODUCER_SCRIPT : CONSUMER_SCRIPT]
      : (spec.command.length > 0 ? [...spec.command] : undefined);
    const tmp: k8s.VolumeMount = { name: 'tmp', mountPath: TMP_DIR };

    const affinity: k8s.Affinity | undefined = role === SampleRole.PRODUCER ? {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } },
        }],
      },
    } : undefined;

    return new k8s.KubeDeployment(this, id, {
      metadata: { name: `${this.name}-${role}`, namespace: this.namespace, labels: standardLabels('sample-app', this.name, component) },
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 10,
            securityContext: restrictedPodSecurityContext(KafkaImages.UID),
            affinity,
            initContainers: [{
              name: 'client-config',
              image: spec.cluster.clientImage,
              command: ['/bin/sh', '-c', CLIENT_CONFIG_SCRIPT],
              env: [{ name: 'KAFKA_CLIENT_CONFIG', value: CLIENT_CONFIG }, ...spec.security.env],
              resources: {
                requests: { cpu: k8s.Quantity.fromString(INIT_RESOURCES.requests.cpu), memory: k8s.Quantity.fromString(INIT_RESOURCES.requests.memory) },
                limits: { memory: k8s.Quantity.fromString(INIT_RESOURCES.limits.memory) },
              },
              securityContext: restrictedContainerSecurityContext(true),
              volumeMounts: [tmp, ...spec.security.mounts],
            }],
            containers: [{
              name: role,
              image: spec.image,
              command,
              env,
              resources: {
                requests: quantities(spec.resources.requests),
                limits: quantities(spec.resources.limits),
              },
              securityContext: restrictedContainerSecurityContext(true),
              volumeMounts: [tmp],
            }],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } }, ...spec.security.volumes],
          },
        },
      },
    });
  }
}

interface Security {
  readonly listener: KafkaClientListener;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly mounts: k8s.VolumeMount[];
  readonly needsSecrets: boolean;
}

interface DeploymentSpec {
  readonly cluster: IKafkaCluster;
  readonly image: string;
  readonly command?: readonly string[];
  readonly interval: number;
  readonly heap: string;
  readonly security: Security;
  readonly resources: { readonly requests: { [k: string]: string }; readonly limits: { [k: string]: string } };
}

function quantities(values: { [k: string]: string }): { [k: string]: k8s.Quantity } | undefined {
  const entries = Object.entries(values);
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
}

function defaultName(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'sample';
}
