import { App } from 'cdk8s';
import { KafkaStorage, StrimziCluster, StrimziVersion } from '../../lib';
import { CLUSTER_NAME, exampleBase } from './common';

/**
 * GitOps install of Strimzi with Flux: the operator as a Flux `HelmRelease` (stage `operator`) and
 * an ephemeral development cluster in a second Flux `Kustomization` that `dependsOn` the operator's,
 * so the Kafka CR is applied only once the CRDs exist. On 0.45 it is Strimzi's `kafka-ephemeral.yaml`
 * shape: 3 brokers and a 3-node ZooKeeper ensemble, all on emptyDir. On 1.x the ZooKeeper ensemble becomes
 * 3 dedicated KRaft controllers (ephemeral too). Not a single broker: on emptyDir a lone broker loses every
 * message at each restart, which Strimzi warns about and StrimziCluster refuses.
 */
export function buildFluxEphemeral(app: App, version: StrimziVersion): StrimziCluster {
  const { cluster } = exampleBase(app, version);
  return new StrimziCluster(cluster, 'kafka', {
    clusterName: CLUSTER_NAME,
    version,
    brokers: 3,
    storage: KafkaStorage.ephemeral(),
    ...(version.supportsZookeeper
      ? { zookeeper: { replicas: 3, storage: KafkaStorage.ephemeral() } }
      : { controllers: { replicas: 3, storage: KafkaStorage.ephemeral() } }),
  });
}
