import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  IKafkaUser, KafkaUserCredentials, ListenerAuthentication, ResourceSpec, fail, resolveResources, standardLabels, validateDnsSubdomain, validateInteger,
} from '../kafka';
import type { KafkaBrokers } from './kafka-brokers';
import { kafkaCliPodSpec, shQuote, shortHash } from './pod-helpers';

/** Properties of {@link KafkaUserSecret}. */
export interface KafkaUserSecretProps {
  /** The raw cluster (it needs a SCRAM-SHA-512 listener). */
  readonly cluster: KafkaBrokers;
  /** SCRAM user name (the principal `User:<userName>`). */
  readonly userName: string;
  /** Existing Secret (created outside this app, e.g. by sealed-secrets or external-secrets) holding the password. */
  readonly secretName: string;
  /** Key of the password in the Secret. @default 'password' */
  readonly passwordKey?: string;
  /**
   * Create or update the user's SCRAM-SHA-512 credentials in Kafka with a Job
   * (`kafka-configs.sh --alter --add-config SCRAM-SHA-512=[…]`, password read from the Secret).
   * @default true
   */
  readonly createCredentials?: boolean;
  /** Resources of the Job. @default cpuRequest '100m', memoryRequest and memoryLimit '512Mi' */
  readonly resources?: ResourceSpec;
  /** Seconds a finished Job is kept. @default 86400 */
  readonly ttlSecondsAfterFinished?: number;
}

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A SCRAM-SHA-512 user of a raw cluster whose password lives in an existing Secret (never in
 * the YAML). Implements IKafkaUser so clients such as SampleApp are wired from it.
 */
export class KafkaUserSecret extends Construct implements IKafkaUser {
  public readonly credentials: KafkaUserCredentials;
  public readonly cluster: KafkaBrokers;
  /** Name of the credentials Job (undefined with createCredentials: false). */
  public readonly jobName?: string;

  constructor(scope: Construct, id: string, props: KafkaUserSecretProps) {
    super(scope, id);
    this.cluster = props.cluster;
    if (typeof props.userName !== 'string' || !USER_NAME.test(props.userName)) {
      fail(this, 'userName', props.userName, "1 to 64 letters, digits, '.', '_', '@' or '-'", 'choose a plain user name, e.g. "orders-app"');
    }
    validateDnsSubdomain(this, 'secretName', props.secretName);
    const passwordKey = props.passwordKey ?? 'password';
    if (!SECRET_KEY.test(passwordKey)) {
      fail(this, 'passwordKey', passwordKey, "a Secret key: letters, digits, '-', '_' and '.'", 'use the key the Secret stores the password under, e.g. "password"');
    }
    if (!this.cluster.clientListeners.some(l => l.authentication === ListenerAuthentication.SCRAM_SHA_512)) {
      fail(this, 'cluster', this.cluster.clusterName, 'a cluster with a scram-sha-512 listener',
        'add a listener with authentication: ListenerAuthentication.SCRAM_SHA_512 to the KafkaBrokers');
    }
    this.credentials = {
      userName: props.userName,
      secretName: props.secretName,
      authentication: ListenerAuthentication.SCRAM_SHA_512,
      passwordKey,
    };

    if (props.createCredentials ?? true) {
      const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '100m', memoryRequest: '512Mi' });
      const ttl = validateInteger(this, 'ttlSecondsAfterFinished', props.ttlSecondsAfterFinished ?? 86400, 0);
      const userSlug = props.userName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20) || 'user';
      // The hash covers what the Job does: a changed Secret reference makes a new Job.
      this.jobName = `${this.cluster.clusterName}-scram-${userSlug}-${shortHash([props.userName, props.secretName, passwordKey])}`;
      const labels = { ...standardLabels('kafka-scram-user', this.cluster.clusterName, 'user'), ...this.cluster.adminLabels };
      const script = [
        'set -eu',
        `B=${shQuote(this.cluster.adminBootstrapServers)}`,
        'until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$B" >/dev/null 2>&1; do echo "waiting for $B"; sleep 5; done',
        // The password comes from the Secret through the environment; it never appears in the manifest.
        `/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$B" --alter --entity-type users --entity-name ${shQuote(props.userName)} --add-config "SCRAM-SHA-512=[iterations=8192,password=$SCRAM_PASSWORD]"`,
      ];
      new k8s.KubeJob(this, 'Resource', {
        metadata: { name: this.jobName, namespace: this.cluster.namespace, labels },
        spec: {
          backoffLimit: 6,
          ttlSecondsAfterFinished: ttl,
          activeDeadlineSeconds: 1800,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              ...kafkaCliPodSpec({
                containerName: 'kafka-configs',
                image: this.cluster.clientImage,
                command: ['/bin/bash', '-c', script.join('\n')],
                env: [{ name: 'SCRAM_PASSWORD', valueFrom: { secretKeyRef: { name: props.secretName, key: passwordKey } } }],
                resources,
              }),
            },
          },
        },
      });
    }
  }
}
