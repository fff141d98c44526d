import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  IKafkaCluster, ResourceSpec, resolveResources, selectorLabels, standardLabels, validateDnsLabel,
} from '../kafka';
import { kafkaCliPodSpec } from './pod-helpers';
import { enterConstruct } from '../kafka/construct-entry';
import { validateKafkaImage } from '../kafka/images';

/** Properties of {@link KafkaTestClient}. */
export interface KafkaTestClientProps {
  /** The cluster the client talks to (any flavour). */
  readonly cluster: IKafkaCluster;
  /** Deployment name. @default '<cluster>-test-client' */
  readonly name?: string;
  /** Image with the Kafka CLIs in /opt/kafka/bin. @default the cluster's client image */
  readonly image?: string;
  /** Listener whose bootstrap address goes into BOOTSTRAP_SERVERS. @default the cluster's default listener */
  readonly listener?: string;
  /** Resources. @default cpuRequest '50m', memoryRequest and memoryLimit '512Mi' */
  readonly resources?: ResourceSpec;
}

/**
 * An idle pod with the Kafka CLIs, labelled as a client of the cluster (network policies admit
 * it), like the classic `kafka-test-client`:
 * `kubectl exec -it deploy/<cluster>-test-client -- bash -c '/opt/kafka/bin/kafka-topics.sh --bootstrap-server $BOOTSTRAP_SERVERS --list'`.
 * A Deployment of one replica, not a bare Pod: `kubectl apply` and Flux can change it (a Pod's
 * spec is immutable) and it comes back after a node failure.
 */
export class KafkaTestClient extends Construct {
  /** Deployment name. */
  public readonly deploymentName: string;

  constructor(scope: Construct, id: string, props: KafkaTestClientProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.deploymentName = validateDnsLabel(this, 'name', props.name ?? `${cluster.clusterName}-test-client`);
    const listener = cluster.listener(props.listener);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '50m', memoryRequest: '512Mi' });
    const selector = selectorLabels('kafka-test-client', cluster.clusterName, 'test-client');
    const labels = { ...standardLabels('kafka-test-client', cluster.clusterName, 'test-client'), ...cluster.clientLabels };
    new k8s.KubeDeployment(this, 'Resource', {
      metadata: { name: this.deploymentName, namespace: cluster.namespace, labels: standardLabels('kafka-test-client', cluster.clusterName, 'test-client') },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        // One client at a time: the old pod goes before the new one starts.
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 5,
            ...kafkaCliPodSpec({
              containerName: 'kafka-cli',
              image: props.image === undefined ? cluster.clientImage : validateKafkaImage(this, 'image', props.image, 'the Kafka CLIs in /opt/kafka/bin'),
              // Idle until deleted; exits promptly on SIGTERM.
              command: ['/bin/bash', '-c', 'trap "exit 0" TERM INT; while true; do sleep 3600 & wait $!; done'],
              env: [
                { name: 'BOOTSTRAP_SERVERS', value: listener.bootstrapServers },
                { name: 'SECURITY_PROTOCOL', value: listener.securityProtocol },
              ],
              resources,
            }),
          },
        },
      },
    });
  }
}
