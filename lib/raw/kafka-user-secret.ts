import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  IKafkaUser, KafkaUserCredentials, ListenerAuthentication, ResourceSpec, fail, resolveResources, standardLabels, validateDnsSubdomain, validateInteger,
} from '../kafka';
import type { IKafkaBrokers } from './kafka-brokers-props';
import { kafkaCliPodSpec, shQuote, shortHash } from './pod-helpers';
import { enterConstruct } from '../kafka/construct-entry';

/** Properties of {@link KafkaUserSecret}. */
export interface KafkaUserSecretProps {
  /** The raw cluster (it needs a SCRAM-SHA-512 listener). */
  readonly cluster: IKafkaBrokers;
  /** SCRAM user name (the principal `User:<userName>`). */
  readonly userName: string;
  /** Existing Secret (created outside this app, e.g. by sealed-secrets or external-secrets) holding the password. */
  readonly secretName: string;
  /** Key of the password in the Secret. @default 'password' */
  readonly passwordKey?: string;
  /**
   * Create or update the user's SCRAM-SHA-512 credentials in Kafka with a Job
   * (`kafka-configs.sh --alter --add-config-file`, password read from the Secret). Any password
   * is stored exactly, except trailing line breaks, which are dropped.
   * @default true
   */
  readonly createCredentials?: boolean;
  /** Resources of the Job. @default cpuRequest '100m', memoryRequest and memoryLimit '512Mi' */
  readonly resources?: ResourceSpec;
  /** Seconds a finished Job is kept. @default 86400 */
  readonly ttlSecondsAfterFinished?: number;
}

/**
 * Writes the SCRAM credential from `$SCRAM_PASSWORD` into the properties file `$F` for
 * `kafka-configs.sh --add-config-file`. Not `--add-config`: that syntax drops every `[` and `]`
 * of the value, trims it and splits it at some commas, so such passwords would be stored wrong.
 * Every character is written as a `\uXXXX` escape (UTF-8 decoded; Java reads properties files as
 * ISO-8859-1), so the stored password is exactly the Secret's value without trailing line breaks
 * (as a shell reading it with `$(…)` sees it). Line breaks inside it, which kafka-configs' parser
 * cannot carry, and an empty value fail the Job with a message that does not print the password.
 */
const SCRAM_CONFIG_FILE_SCRIPT: readonly string[] = [
  'F=/tmp/scram-credential.properties',
  "trap 'rm -f \"$F\"' EXIT",
  'pw=$(printf \'%s\' "$SCRAM_PASSWORD")',
  'if [ -z "$pw" ]; then echo "the password in the Secret is empty" >&2; exit 1; fi',
  'esc=$(printf \'%s\' "$pw" | od -An -v -tu1 | awk \'{ for (i = 1; i <= NF; i++) b[n++] = $i }',
  'END { for (i = 0; i < n; i += k + 1) { c = b[i]; k = 0; u = c',
  '  if (c >= 240) { u = c - 240; k = 3 } else if (c >= 224) { u = c - 224; k = 2 } else if (c >= 192) { u = c - 192; k = 1 }',
  '  for (j = 1; j <= k; j++) u = u * 64 + b[i + j] - 128',
  '  if (u == 10 || u == 13 || u == 133 || u == 8232 || u == 8233) exit 2',
  '  if (u >= 65536) { u -= 65536; printf "\\\\u%04X\\\\u%04X", 55296 + int(u / 1024), 56320 + u % 1024 } else printf "\\\\u%04X", u } }\') ||',
  '  { echo "the password in the Secret contains a line break, which kafka-configs cannot store" >&2; exit 1; }',
  'printf \'SCRAM-SHA-512=iterations=8192,password=%s\\n\' "$esc" > "$F"',
];

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A SCRAM-SHA-512 user of a raw cluster whose password lives in an existing Secret (never in
 * the YAML). Implements IKafkaUser so clients such as SampleApp are wired from it.
 */
export class KafkaUserSecret extends Construct implements IKafkaUser {
  public readonly credentials: KafkaUserCredentials;
  public readonly cluster: IKafkaBrokers;
  /** Name of the credentials Job (undefined with createCredentials: false). */
  public readonly jobName?: string;

  constructor(scope: Construct, id: string, props: KafkaUserSecretProps) {
    super(scope, id);
    enterConstruct(this, props);
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
      const labels = { ...standardLabels('kafka-scram-user', this.cluster.clusterName, 'user'), ...this.cluster.adminLabels };
      const script = [
        'set -eu',
        'umask 077',
        `B=${shQuote(this.cluster.adminBootstrapServers)}`,
        'until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$B" >/dev/null 2>&1; do echo "waiting for $B"; sleep 5; done',
        ...SCRAM_CONFIG_FILE_SCRIPT,
        `/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$B" --alter --entity-type users --entity-name ${shQuote(props.userName)} --add-config-file "$F"`,
      ];
      const template = {
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
      };
      // A Job's pod template is immutable: its hash (user, Secret reference, image, script…) names
      // the Job, so any change makes a new Job instead of a failing apply.
      this.jobName = `${this.cluster.clusterName}-scram-${userSlug}-${shortHash(template)}`;
      new k8s.KubeJob(this, 'Resource', {
        metadata: { name: this.jobName, namespace: this.cluster.namespace, labels },
        spec: { backoffLimit: 6, ttlSecondsAfterFinished: ttl, activeDeadlineSeconds: 1800, template },
      });
    }
  }
}
