import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  IKafkaCluster, ResourceSpec, resolveResources, standardLabels, validateDnsLabel,
} from '../kafka';
import { kafkaCliPodSpec } from './pod-helpers';

/** Properties of {@link KafkaTestClient}. */
export interface KafkaTestClientProps {
  /** The cluster the client talks to (any flavour). */
  readonly cluster: IKafkaCluster;
  /** Pod name. @default '<cluster>-test-client' */
  readonly name?: string;
  /** Image with the Kafka CLIs in /opt/kafka/bin. @default the cluster's client image */
  readonly image?: string;
  /** Listener whose bootstrap address goes into BOOTSTRAP_SERVERS. @default the cluster's default listener */
  readonly listener?: string;
  /** Resources. @default cpuRequest '50m', memoryRequest and memoryLimit '512Mi' */
  readonly resources?: ResourceSpec;
}

/**
 * An idle Pod with the Kafka CLIs, labelled as a client of the cluster (network policies admit
 * it), like the classic `kafka-test-client`:
 * `kubectl exec -it <cluster>-test-client -- bash -c '/opt/kafka/bin/kafka-topics.sh --bootstrap-server $BOOTSTRAP_SERVERS --list'`.
 */
export class KafkaTestClient extends Construct {
  /** Pod name. */
  public readonly podName: string;

  constructor(scope: Construct, id: string, props: KafkaTestClientProps) {
    super(scope, id);
    const cluster = props.cluster;
    this.podName = validateDnsLabel(this, 'name', props.name ?? `${cluster.clusterName}-test-client`);
    const listener = cluster.listener(props.listener);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '50m', memoryRequest: '512Mi' });
    const labels = { ...standardLabels('kafka-test-client', cluster.clusterName, 'test-client'), ...cluster.clientLabels };
    new k8s.KubePod(this, 'Resource', {
      metadata: { name: this.podName, namespace: cluster.namespace, labels },
      spec: {
        terminationGracePeriodSeconds: 5,
        ...kafkaCliPodSpec({
          containerName: 'kafka-cli',
          image: props.image ?? cluster.clientImage,
          // Idle until deleted; exits promptly on SIGTERM.
          command: ['/bin/bash', '-c', 'trap "exit 0" TERM INT; while true; do sleep 3600 & wait $!; done'],
          env: [
            { name: 'BOOTSTRAP_SERVERS', value: listener.bootstrapServers },
            { name: 'SECURITY_PROTOCOL', value: listener.securityProtocol },
          ],
          resources,
        }),
      },
    });
  }
}
