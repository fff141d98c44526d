// A client of a Kafka cluster in your own image: a Deployment, StatefulSet or Job with the
// cluster bound through KafkaClientBinding, the restricted Pod Security defaults and the client
// labels, so that a custom producer or consumer needs no Kubernetes YAML of its own.
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { IKafkaCluster, IKafkaUser } from '../kafka/cluster';
import { enterConstruct, validateList } from '../kafka/construct-entry';
import { fail } from '../kafka/errors';
import { standardLabels, selectorLabels } from '../kafka/labels';
import { validateDnsLabel } from '../kafka/names';
import { resolveResources, ResourceSpec } from '../kafka/resources';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../kafka/security';
import { k8sResources } from '../raw/pod-helpers';
import { KafkaClientBinding } from './kafka-client-binding';

/** What runs the client. */
export enum ClientWorkloadKind {
  /** Long-running replicas (the default). */
  DEPLOYMENT = 'Deployment',
  /** Replicas with stable names (e.g. one consumer per ordinal), with a headless Service. */
  STATEFUL_SET = 'StatefulSet',
  /** Run to completion (a batch producer, a migration). */
  JOB = 'Job',
}

/** Props of {@link KafkaClientWorkload}. */
export interface KafkaClientWorkloadProps {
  /** The cluster. */
  readonly cluster: IKafkaCluster;
  /** The client's user; required where the listener authenticates clients. @default none */
  readonly user?: IKafkaUser;
  /** Listener by name. @default one matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** The client image (your own). */
  readonly image: string;
  /** What runs it. @default ClientWorkloadKind.DEPLOYMENT */
  readonly kind?: ClientWorkloadKind;
  /** Name of the workload (and of its binding). @default the construct id, lower-cased */
  readonly name?: string;
  /** Replicas (Deployment, StatefulSet). @default 1 */
  readonly replicas?: number;
  /** Container command. @default the image's ENTRYPOINT */
  readonly command?: string[];
  /** Container arguments. @default the image's CMD */
  readonly args?: string[];
  /** Extra env (names must not clash with the binding's `KAFKA_*` and `SERVICE_BINDING_ROOT`). @default none */
  readonly env?: { [name: string]: string };
  /** Topics, for the binding's `topics` entry and `KAFKA_TOPICS`. @default none */
  readonly topics?: string[];
  /** Consumer group, for the binding's `consumer-group` entry and `KAFKA_CONSUMER_GROUP`. @default none */
  readonly consumerGroup?: string;
  /** Resources. @default { cpuRequest: '100m', memoryRequest: '256Mi' } (memory limit = request) */
  readonly resources?: ResourceSpec;
  /** UID (and GID, fsGroup) the image runs as; must not be 0. @default 1000 */
  readonly runAsUser?: number;
  /** Retries of a Job before it fails. @default 3 */
  readonly backoffLimit?: number;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Your own Kafka client image as a Deployment, StatefulSet or Job: the cluster bound through a
 * {@link KafkaClientBinding} (files in `/bindings/<name>/`, `KAFKA_*` env), Pod Security
 * "restricted" (non-root, read-only root filesystem with a writable `/tmp`, no token), resources,
 * spread across nodes, and the cluster's client labels.
 */
export class KafkaClientWorkload extends Construct {
  /** The workload's name. */
  public readonly name: string;
  /** The binding the workload reads. */
  public readonly binding: KafkaClientBinding;
  /** Kind of the workload. */
  public readonly kind: ClientWorkloadKind;

  public constructor(scope: Construct, id: string, props: KafkaClientWorkloadProps) {
    super(scope, id);
    enterConstruct(this, props);
    this.name = validateDnsLabel(this, 'name', props.name ?? id.toLowerCase(), 52);
    this.kind = props.kind ?? ClientWorkloadKind.DEPLOYMENT;
    if (!Object.values(ClientWorkloadKind).includes(this.kind)) {
      fail(this, 'kind', this.kind, Object.values(ClientWorkloadKind).join(', '), 'use ClientWorkloadKind.DEPLOYMENT, STATEFUL_SET or JOB');
    }
    const image = props.image;
    if (typeof image !== 'string' || image.trim() === '' || /[\s\p{C}]/u.test(image)) {
      fail(this, 'image', image, 'a container image reference without whitespace or control characters', 'e.g. "registry.example.com/orders:1.4.2"');
    }
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 1000 || (this.kind === ClientWorkloadKind.JOB && props.replicas !== undefined)) {
      fail(this, 'replicas', replicas, this.kind === ClientWorkloadKind.JOB ? 'no replicas on a Job (it runs one pod to completion)' : 'an integer from 0 to 1000',
        this.kind === ClientWorkloadKind.JOB ? 'remove replicas, or use ClientWorkloadKind.DEPLOYMENT' : 'e.g. replicas: 3');
    }
    const uid = props.runAsUser ?? 1000;
    if (!Number.isInteger(uid) || uid < 1 || uid > 2147483647) {
      fail(this, 'runAsUser', uid, 'a non-root UID from 1 to 2147483647 (Pod Security "restricted")', 'use the UID your image runs as, e.g. 1000');
    }
    const backoffLimit = props.backoffLimit ?? 3;
    if (!Number.isInteger(backoffLimit) || backoffLimit < 0 || backoffLimit > 100) {
      fail(this, 'backoffLimit', backoffLimit, 'an integer from 0 to 100', 'e.g. backoffLimit: 3');
    }
    if (props.env !== undefined && (typeof props.env !== 'object' || props.env === null || Array.isArray(props.env))) {
      fail(this, 'env', props.env, 'a map of variable names to string values', 'e.g. env: { LOG_LEVEL: "info" }');
    }
    const command = props.command === undefined ? undefined : validateList(this, 'command', props.command, '["java", "-jar", "/app.jar"]');
    const args = props.args === undefined ? undefined : validateList(this, 'args', props.args, '["--count", "1000"]');
    [...(command ?? []), ...(args ?? [])].forEach(a => {
      if (typeof a !== 'string') fail(this, command?.includes(a) ? 'command' : 'args', a, 'strings', `quote it: "${String(a)}"`);
    });
    const env = Object.entries(props.env ?? {}).map(([name, value]) => {
      if (!ENV_NAME.test(name)) fail(this, `env["${name}"]`, name, 'a C identifier: letters, digits and "_", not starting with a digit', 'rename the variable');
      if (typeof value !== 'string') fail(this, `env["${name}"]`, value, 'a string', `quote it: "${String(value)}"`);
      return { name, value };
    });
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '100m', memoryRequest: '256Mi' });
    const cluster = props.cluster;
    this.binding = new KafkaClientBinding(this, 'Binding', {
      cluster, user: props.user, listener: props.listener, topics: props.topics, consumerGroup: props.consumerGroup, name: this.name,
    });

    const labels = standardLabels('kafka-client', this.name, 'client');
    const selector = selectorLabels('kafka-client', this.name, 'client');
    const pod: k8s.PodTemplateSpec = {
      metadata: { labels },
      spec: {
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        ...(this.kind === ClientWorkloadKind.JOB ? { restartPolicy: 'Never' } : {}),
        securityContext: restrictedPodSecurityContext(uid),
        // Whatever the replica count, so that scaling never changes the pod template (no restart).
        ...(this.kind !== ClientWorkloadKind.JOB ? { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } } },
        ] } } } : {}),
        volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } }],
        containers: [{
          name: 'client',
          image,
          ...(command ? { command: [...command] } : {}),
          ...(args ? { args: [...args] } : {}),
          ...(env.length ? { env } : {}),
          resources: k8sResources(resources),
          securityContext: restrictedContainerSecurityContext(true),
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }],
      },
    };
    const metadata = { name: this.name, namespace: cluster.namespace, labels };
    const workload = this.kind === ClientWorkloadKind.JOB
      ? new k8s.KubeJob(this, 'Resource', { metadata, spec: { backoffLimit, template: pod } })
      : this.kind === ClientWorkloadKind.STATEFUL_SET
        ? new k8s.KubeStatefulSet(this, 'Resource', { metadata, spec: { replicas, serviceName: this.name, selector: { matchLabels: selector }, template: pod } })
        : new k8s.KubeDeployment(this, 'Resource', { metadata, spec: { replicas, selector: { matchLabels: selector }, template: pod } });
    if (this.kind === ClientWorkloadKind.STATEFUL_SET) {
      // The StatefulSet's governing Service: stable per-pod DNS names, no ports of its own.
      new k8s.KubeService(this, 'Headless', { metadata, spec: { clusterIp: 'None', selector, publishNotReadyAddresses: true } });
    }
    // Env the binding sets may not be given again (the binding refuses the clash, naming it).
    this.binding.bind(workload);
  }
}
