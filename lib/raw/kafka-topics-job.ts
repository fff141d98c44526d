import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  KafkaTopicOptions, ResourceSpec, fail, resolveResources, standardLabels, validateConfigMap, validateDnsLabel, validateInteger, validateTopicReplication,
  withTopicSettings, MAX_TOPIC_PARTITIONS, registerTopic,
} from '../kafka';
import type { IKafkaBrokers } from './kafka-brokers-props';
import { kafkaCliPodSpec, shortHash } from './pod-helpers';
import { topicsScript } from './topics-script';
import { enterConstruct } from '../kafka/construct-entry';

/** Properties of {@link KafkaTopicsJob}. */
export interface KafkaTopicsJobProps {
  /** The cluster to create the topics in. */
  readonly cluster: IKafkaBrokers;
  /** Topics to create (`kafka-topics.sh --create --if-not-exists`: existing topics are left as they are). */
  readonly topics: KafkaTopicOptions[];
  /**
   * Job name prefix; a hash of the Job's pod template (topics, broker count, image, resources…)
   * is appended so that any change makes a new Job (a Job's pod template is immutable, so
   * re-applying an edited Job would fail).
   * @default '<cluster>-topics'
   */
  readonly name?: string;
  /** Resources of the Job container. @default cpuRequest '100m', memoryRequest and memoryLimit '512Mi' */
  readonly resources?: ResourceSpec;
  /** Retries. @default 6 */
  readonly backoffLimit?: number;
  /** Seconds a finished Job is kept before Kubernetes deletes it. @default 86400 (one day) */
  readonly ttlSecondsAfterFinished?: number;
  /** Seconds each attempt waits for all brokers before failing. @default 600 */
  readonly waitSeconds?: number;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * A Job that creates declared topics with the Kafka image's `kafka-topics.sh`, once every
 * broker answers. Replicas and min ISR are checked against the cluster at synth time.
 */
export class KafkaTopicsJob extends Construct {
  /** Name of the Job (prefix plus content hash). */
  public readonly jobName: string;
  /** Resolved topics (defaults filled in). */
  public readonly topics: Required<Pick<KafkaTopicOptions, 'topicName' | 'partitions' | 'replicas' | 'config'>>[];

  constructor(scope: Construct, id: string, props: KafkaTopicsJobProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    if (!props.topics || props.topics.length === 0) {
      fail(this, 'topics', props.topics ?? [], 'at least one topic', 'declare topics, e.g. [{ name: "orders", partitions: 6 }]');
    }
    const seen = new Set<string>();
    this.topics = props.topics.map(t => {
      if (typeof t.topicName !== 'string' || !TOPIC_NAME.test(t.topicName) || t.topicName === '.' || t.topicName === '..') {
        fail(this, 'topics[].topicName', t.topicName, "letters, digits, '.', '_' and '-', 1 to 249 characters, not '.' or '..'", 'rename the topic, e.g. "orders.v1"');
      }
      if (seen.has(t.topicName)) {
        fail(this, `topics[${t.topicName}].topicName`, t.topicName, 'each topic once', 'remove the duplicate topic');
      }
      seen.add(t.topicName);
      registerTopic(this, `topics[${t.topicName}].topicName`, cluster, t.topicName);
      const partitions = validateInteger(this, `topics[${t.topicName}].partitions`, t.partitions ?? 3, 1, MAX_TOPIC_PARTITIONS);
      const replicas = t.replicas ?? cluster.replication.defaultReplicationFactor;
      const userConfig = validateConfigMap(this, `topics[${t.topicName}].config`, t.config, { kind: 'topic', kafkaVersion: cluster.kafkaVersion });
      const config = withTopicSettings(this, prop => `topics[${t.topicName}].${prop}`, t, userConfig);
      for (const [k, v] of Object.entries(config)) {
        // kafka-topics.sh splits each --config on /\s*=\s*/, wants exactly key and value, and trims them.
        if (/=/.test(String(v)) || String(v).trim() === '' || String(v).trim() !== String(v)) {
          fail(this, `topics[${t.topicName}].config["${k}"]`, v, 'a non-empty value without "=" and without spaces around it (kafka-topics.sh --config cannot carry others)',
            'remove the "=" and the spaces around the value');
        }
      }
      const minIsrRaw = config['min.insync.replicas'];
      const minIsr = minIsrRaw === undefined ? undefined : Number(minIsrRaw);
      validateTopicReplication(this, t.topicName, cluster.brokerCount, replicas, minIsr);
      if (minIsr === undefined && cluster.replication.minInsyncReplicas > replicas) {
        fail(this, `topics[${t.topicName}].replicas`, replicas, `at least the cluster's min.insync.replicas (${cluster.replication.minInsyncReplicas}), or a topic min.insync.replicas`,
          `raise replicas, or set config: { 'min.insync.replicas': ${replicas} } (acks=all writes would always fail)`);
      }
      return { topicName: t.topicName, partitions, replicas, config };
    });

    const base = validateDnsLabel(this, 'name', props.name ?? `${cluster.clusterName}-topics`, 54);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '100m', memoryRequest: '512Mi' });
    const backoffLimit = validateInteger(this, 'backoffLimit', props.backoffLimit ?? 6, 0, 100);
    const ttl = validateInteger(this, 'ttlSecondsAfterFinished', props.ttlSecondsAfterFinished ?? 86400, 0);
    const wait = validateInteger(this, 'waitSeconds', props.waitSeconds ?? 600, 10);

    const script = topicsScript(cluster.adminBootstrapServers, cluster.brokerCount, wait, this.topics);
    const labels = { ...standardLabels('kafka-topics', cluster.clusterName, 'topics'), ...cluster.adminLabels };

    const template = {
      metadata: { labels },
      spec: {
        restartPolicy: 'Never',
        ...kafkaCliPodSpec({ containerName: 'kafka-topics', image: cluster.clientImage, command: ['/bin/bash', '-c', script.join('\n')], resources }),
      },
    };
    // The pod template is immutable: its hash (topics, broker count, image, resources…) names the Job,
    // so any change makes a new Job instead of a failing apply.
    this.jobName = `${base}-${shortHash(template)}`;

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.jobName, namespace: cluster.namespace, labels },
      spec: { backoffLimit, ttlSecondsAfterFinished: ttl, template },
    });
  }
}
