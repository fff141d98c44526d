// A Kafka cluster (and user) bound to any workload the way the Service Binding for Kubernetes
// specification lays it out: a directory `$SERVICE_BINDING_ROOT/<name>/` with one file per entry,
// read by binding-aware client libraries (Spring Cloud Bindings, Quarkus) and by plain scripts.
// The directory is a projected volume of a ConfigMap (the non-secret entries) and of the Secrets
// that already hold the credentials: no secret value is ever copied into the YAML.
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { ClusterFlavour, IKafkaCluster, IKafkaUser } from '../kafka/cluster';
import { checkListenerAdmits, resolveClientConnection } from '../kafka/client-connection';
import { enterConstruct, validateList } from '../kafka/construct-entry';
import { fail } from '../kafka/errors';
import { validateDnsLabel } from '../kafka/names';
import { podTemplatePath, withinPodTemplate } from './pod-template-path';

/** Props of {@link KafkaClientBinding}. */
export interface KafkaClientBindingProps {
  /** The cluster the workload connects to. */
  readonly cluster: IKafkaCluster;
  /** The workload's user; required where the listener authenticates clients. @default none */
  readonly user?: IKafkaUser;
  /** Listener by name. @default one matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** Topics the workload uses: the `topics` entry and `KAFKA_TOPICS` (comma-separated). @default none */
  readonly topics?: string[];
  /** Consumer group: the `consumer-group` entry and `KAFKA_CONSUMER_GROUP`. @default none */
  readonly consumerGroup?: string;
  /** The binding's name: its directory under the binding root, and the volume name prefix. @default the construct id */
  readonly name?: string;
  /** `SERVICE_BINDING_ROOT`, where binding directories are mounted. @default '/bindings' */
  readonly bindingRoot?: string;
}

/** Options of {@link KafkaClientBinding.bind}. */
export interface KafkaClientBindingOptions {
  /** Names of the containers that get the mount and the env. @default every container (init containers not included) */
  readonly containers?: string[];
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const ROOT = /^\/[A-Za-z0-9._/-]*$/;

/**
 * Binds a cluster, and optionally a user, to workloads: `bind()` adds the binding volume, its
 * mount, the env and the cluster's client labels to a Deployment, StatefulSet, Job, CronJob,
 * DaemonSet or Pod (an L1 `ApiObject`, or `ApiObject.of(...)` of a cdk8s-plus workload).
 *
 * Entries (files in `<bindingRoot>/<name>/`): `type` (`kafka`), `provider` (`strimzi` or
 * `cdk8s-kafka`), `bootstrap-servers`, `securityProtocol`, and where they apply `saslMechanism`,
 * `user`, `password`, `sasl.jaas.config` (Strimzi SCRAM users), `ca.crt` and `ca.p12` +
 * `ca.password` (TLS listeners), `user.crt`, `user.key`, `user.p12` + `user.password` (mutual TLS),
 * `topics`, `consumer-group`. Env: `SERVICE_BINDING_ROOT`, `KAFKA_BINDING` (the directory),
 * `KAFKA_BOOTSTRAP_SERVERS`, `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_MECHANISM`, `KAFKA_TOPICS`,
 * `KAFKA_CONSUMER_GROUP` where set.
 */
export class KafkaClientBinding extends Construct {
  /** The binding's name (its directory under the binding root). */
  public readonly name: string;
  /** The directory the binding is mounted at: `<bindingRoot>/<name>`. */
  public readonly mountPath: string;
  /** The ConfigMap with the non-secret entries. */
  public readonly configMapName: string;
  /** The cluster. */
  public readonly cluster: IKafkaCluster;
  /** The listener's bootstrap servers. */
  public readonly bootstrapServers: string;
  /** The listener's security protocol (`PLAINTEXT`, `SSL`, `SASL_PLAINTEXT`, `SASL_SSL`). */
  public readonly securityProtocol: string;
  /** The listener's name. */
  public readonly listenerName: string;
  private readonly root: string;
  private readonly volume: k8s.Volume;
  private readonly env: k8s.EnvVar[];

  public constructor(scope: Construct, id: string, props: KafkaClientBindingProps) {
    super(scope, id);
    enterConstruct(this, props);
    this.cluster = props.cluster;
    this.name = validateDnsLabel(this, 'name', props.name ?? id.toLowerCase(), 50);
    this.root = props.bindingRoot ?? '/bindings';
    if (typeof this.root !== 'string' || !ROOT.test(this.root) || this.root.split('/').some(p => p === '..' || p === '.') || this.root === '/') {
      fail(this, 'bindingRoot', this.root, 'an absolute path of letters, digits, ".", "_", "-" and "/" (not "/", no "." or ".." segments)',
        'use the default "/bindings", or a path such as "/var/run/bindings"');
    }
    this.root = this.root.replace(/\/+$/, '');
    this.mountPath = `${this.root}/${this.name}`;
    const connection = resolveClientConnection(this, '', props.cluster, { listener: props.listener, user: props.user });
    const listener = connection.listener;
    this.listenerName = listener.name;
    this.bootstrapServers = listener.bootstrapServers;
    this.securityProtocol = listener.securityProtocol;
    const topics = validateList(this, 'topics', props.topics, '["orders"]').map((t, i) => {
      if (typeof t !== 'string' || !TOPIC.test(t) || t === '.' || t === '..') {
        fail(this, `topics[${i}]`, t, "1 to 249 characters of letters, digits, '.', '_' and '-', not '.' or '..' (Kafka topic names)", 'rename the topic');
      }
      return t;
    });
    const group = props.consumerGroup;
    if (group !== undefined && (typeof group !== 'string' || group.length === 0 || group.length > 249 || /[\s\p{C}]/u.test(group))) {
      fail(this, 'consumerGroup', group, 'a group id of 1 to 249 characters without whitespace or control characters', `e.g. "${this.name}-group"`);
    }
    const credentials = connection.credentials;
    const strimzi = props.cluster.flavour === ClusterFlavour.STRIMZI;

    // Non-secret entries: a ConfigMap, so the YAML stays reviewable and secret-free.
    const data: { [key: string]: string } = {
      'type': 'kafka',
      'provider': strimzi ? 'strimzi' : 'cdk8s-kafka',
      'bootstrap-servers': this.bootstrapServers,
      'securityProtocol': this.securityProtocol,
      ...(listener.saslMechanism ? { saslMechanism: listener.saslMechanism } : {}),
      ...(credentials?.passwordKey || credentials?.jaasConfigKey ? { user: credentials.userName } : {}),
      ...(topics.length ? { topics: topics.join(',') } : {}),
      ...(group !== undefined ? { 'consumer-group': group } : {}),
    };
    this.configMapName = `${this.name}-kafka-binding`;
    const namespace = props.cluster.namespace;
    new k8s.KubeConfigMap(this, 'Entries', {
      metadata: { name: this.configMapName, namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kafka', 'kafka.cdk8s.io/binding-of': props.cluster.clusterName } },
      data,
    });

    const sources: k8s.VolumeProjection[] = [{ configMap: { name: this.configMapName } }];
    if (connection.caSecretName) {
      sources.push({ secret: { name: connection.caSecretName, items: [
        { key: 'ca.crt', path: 'ca.crt' },
        ...(strimzi ? [{ key: 'ca.p12', path: 'ca.p12' }, { key: 'ca.password', path: 'ca.password' }] : []),
      ] } });
    }
    if (credentials) {
      const items: k8s.KeyToPath[] = [];
      if (credentials.passwordKey) items.push({ key: credentials.passwordKey, path: 'password' });
      if (credentials.jaasConfigKey) items.push({ key: credentials.jaasConfigKey, path: 'sasl.jaas.config' });
      if (credentials.certificateKey) items.push({ key: credentials.certificateKey, path: 'user.crt' });
      if (credentials.privateKeyKey) items.push({ key: credentials.privateKeyKey, path: 'user.key' });
      if (strimzi && credentials.certificateKey) items.push({ key: 'user.p12', path: 'user.p12' }, { key: 'user.password', path: 'user.password' });
      if (items.length) sources.push({ secret: { name: credentials.secretName, items } });
    }
    this.volume = { name: `${this.name}-kafka-binding`, projected: { sources } };
    this.env = [
      { name: 'SERVICE_BINDING_ROOT', value: this.root },
      { name: 'KAFKA_BINDING', value: this.mountPath },
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: this.bootstrapServers },
      { name: 'KAFKA_SECURITY_PROTOCOL', value: this.securityProtocol },
      ...(listener.saslMechanism ? [{ name: 'KAFKA_SASL_MECHANISM', value: listener.saslMechanism }] : []),
      ...(topics.length ? [{ name: 'KAFKA_TOPICS', value: topics.join(',') }] : []),
      ...(group !== undefined ? [{ name: 'KAFKA_CONSUMER_GROUP', value: group }] : []),
    ];
  }

  /** The pod volume of the binding (Kubernetes JSON), for pod specs you build yourself. */
  public volumeJson(): any {
    return k8s.toJson_Volume(this.volume);
  }

  /** The container mount of the binding (Kubernetes JSON, read-only). */
  public volumeMountJson(): any {
    return k8s.toJson_VolumeMount({ name: this.volume.name, mountPath: this.mountPath, readOnly: true });
  }

  /** The container env of the binding (Kubernetes JSON). */
  public envJson(): any[] {
    return this.env.map(e => k8s.toJson_EnvVar(e));
  }

  /**
   * Adds the binding to a workload: the volume, a read-only mount and the env in its containers,
   * and the cluster's client labels on its pods (which the cluster's network policies admit).
   * Call it once the workload's pod spec is complete. Refuses a workload in another namespace
   * than the cluster (Secrets and the network policies are namespaced), a container that already
   * has one of the env names or the mount path, and an unknown container name.
   */
  public bind(workload: ApiObject, options: KafkaClientBindingOptions = {}): void {
    const json = workload.toJson();
    const base = podTemplatePath(this, workload.kind, workload.node.path);
    const template = withinPodTemplate(json, base);
    const namespace = json.metadata?.namespace ?? workload.metadata.namespace;
    if (namespace !== this.cluster.namespace) {
      fail(this, 'bind', workload.node.path, `a workload in namespace "${this.cluster.namespace}" (the cluster's): Secrets and network policies are namespaced; this one is in ${JSON.stringify(namespace ?? null)}`,
        `create the workload in namespace "${this.cluster.namespace}"`);
    }
    checkListenerAdmits(this, '', this.cluster, this.listenerName, { labels: { ...template.metadata?.labels, ...this.cluster.clientLabels }, namespace },
      `admit the cluster's client labels on listener "${this.listenerName}" (networkPolicyPeers), or bind another listener`);
    const spec = template.spec ?? {};
    const containers: any[] = spec.containers ?? [];
    const wanted = options.containers === undefined ? undefined : validateList(this, 'containers', options.containers, '["app"]');
    for (const name of wanted ?? []) {
      if (!containers.some(c => c.name === name)) {
        fail(this, 'containers', name, `a container of ${workload.node.path} (${containers.map(c => JSON.stringify(c.name)).join(', ')})`, 'name one of its containers, or omit containers');
      }
    }
    const ops: JsonPatch[] = [];
    const labels = template.metadata?.labels;
    if (!template.metadata) ops.push(JsonPatch.add(`${base}/metadata`, { labels: this.cluster.clientLabels }));
    else if (!labels) ops.push(JsonPatch.add(`${base}/metadata/labels`, this.cluster.clientLabels));
    else for (const [k, v] of Object.entries(this.cluster.clientLabels)) ops.push(JsonPatch.add(`${base}/metadata/labels/${pointer(k)}`, v));
    const volumes: any[] | undefined = spec.volumes;
    if (volumes?.some(v => v.name === this.volume.name)) {
      fail(this, 'bind', workload.node.path, `a workload without a volume named "${this.volume.name}"`, 'bind each binding once, or give this binding another name');
    }
    ops.push(volumes ? JsonPatch.add(`${base}/spec/volumes/-`, this.volumeJson()) : JsonPatch.add(`${base}/spec/volumes`, [this.volumeJson()]));
    containers.forEach((c, i) => {
      if (wanted && !wanted.includes(c.name)) return;
      const taken = (c.env ?? []).map((e: any) => e.name).filter((n: string) => this.env.some(e => e.name === n));
      if (taken.length) {
        fail(this, 'bind', `${workload.node.path} container ${c.name}`, `a container without the env the binding sets (${taken.join(', ')} already set)`, 'remove those env vars from the container: the binding sets them');
      }
      if ((c.volumeMounts ?? []).some((m: any) => m.mountPath === this.mountPath)) {
        fail(this, 'bind', `${workload.node.path} container ${c.name}`, `a container with nothing mounted at ${this.mountPath}`, 'give this binding another name or bindingRoot');
      }
      const at = `${base}/spec/containers/${i}`;
      ops.push(c.volumeMounts ? JsonPatch.add(`${at}/volumeMounts/-`, this.volumeMountJson()) : JsonPatch.add(`${at}/volumeMounts`, [this.volumeMountJson()]));
      const env = this.envJson();
      if (c.env) env.forEach(e => ops.push(JsonPatch.add(`${at}/env/-`, e)));
      else ops.push(JsonPatch.add(`${at}/env`, env));
    });
    workload.addJsonPatch(...ops);
  }
}

/** A JSON pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
