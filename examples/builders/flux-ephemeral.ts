import { App } from 'cdk8s';
import { KafkaStorage, StrimziCluster, StrimziVersion } from '../../lib';
import { CLUSTER_NAME, exampleBase } from './common';

/**
 * GitOps install of Strimzi with Flux: the operator as a Flux `HelmRelease` (stage `operator`) and
 * an ephemeral development cluster in a second Flux `Kustomization` that `dependsOn` the operator's,
 * so the Kafka CR is applied only once the CRDs exist. On 0.45 it is Strimzi's
 * `kafka-ephemeral-single.yaml` shape: one broker and a 3-node ZooKeeper ensemble, all on emptyDir.
 * On 1.x the ZooKeeper ensemble becomes 3 dedicated KRaft controllers (ephemeral too).
 */
export function buildFluxEphemeral(app: App, version: StrimziVersion): StrimziCluster {
  const { cluster } = exampleBase(app, version);
  return new StrimziCluster(cluster, 'kafka', {
    clusterName: CLUSTER_NAME,
    version,
    brokers: 1,
    storage: KafkaStorage.ephemeral(),
    ...(version.supportsZookeeper
      ? { zookeeper: { replicas: 3, storage: KafkaStorage.ephemeral() } }
      : { controllers: { replicas: 3, storage: KafkaStorage.ephemeral() } }),
  });
}
