// The ZooKeeper ensemble of a Strimzi 0.45 cluster (`spec.zookeeper`).
import { IConstruct } from 'constructs';
import {
  defaultHeap, fail, KafkaStorage, refuseLoneEphemeral, resolveResources, StorageType, validateHeap, validateInteger, validatePodScheduling,
} from '../kafka';
import { Shape, v1beta2Kafka } from './l1';
import { StrimziClusterProps } from './strimzi-cluster-props';
import { strimziResources } from './strimzi-common';
import * as k8s from '../../imports/k8s';
import { containerTemplate, coreJson, defaultSpread, podTemplate } from './strimzi-pod-templates';
import { storageJson } from './strimzi-storage';

/** `spec.zookeeper` of a v1beta2 Kafka resource; `metricsConfig` is the JMX exporter reference, if any. */
export function zookeeperJson(scope: IConstruct, props: StrimziClusterProps, clusterName: string, restricted: boolean,
  metricsConfig: object): Shape<v1beta2Kafka.KafkaSpecZookeeper> {
  const zk = props.zookeeper!;
  const replicas = validateInteger(scope, 'zookeeper.replicas', zk.replicas ?? 3, 1);
  if (replicas % 2 === 0) {
    fail(scope, 'zookeeper.replicas', replicas, 'an odd number (1, 3, 5): an even ensemble tolerates no more failures than one node fewer',
      `use ${replicas - 1} or ${replicas + 1}`);
  }
  const storage = zk.storage ?? KafkaStorage.persistent({ size: '10Gi' });
  refuseLoneEphemeral(scope, 'zookeeper.storage', replicas, storage, 'ZooKeeper node');
  if (storage.type === StorageType.JBOD) {
    fail(scope, 'zookeeper.storage', storage.type, 'ephemeral or persistent-claim (ZooKeeper has no JBOD)', 'use KafkaStorage.persistent(...) for ZooKeeper');
  }
  const resources = resolveResources(scope, 'zookeeper.resources', zk.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
  const heap = zk.heap ?? defaultHeap(resources.limits.memory);
  validateHeap(scope, 'zookeeper.heap', heap, resources.limits.memory);
  validatePodScheduling(scope, 'zookeeper.', zk);
  const spread = zk.topologySpreadConstraints?.map(c => coreJson(k8s.toJson_TopologySpreadConstraint(c)))
    ?? defaultSpread({ 'strimzi.io/cluster': clusterName, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${clusterName}-zookeeper` }, props.rackTopologyKey);
  // ZooKeeper's own placement where given, else the cluster's (as before these props existed).
  const placement = { ...props, affinity: zk.affinity ?? props.affinity, tolerations: zk.tolerations ?? props.tolerations };
  return {
    replicas,
    storage: storageJson(scope, storage, 'zookeeper.storage', '10Gi', false) as Shape<v1beta2Kafka.KafkaSpecZookeeperStorage>,
    resources: strimziResources(resources),
    jvmOptions: { xms: heap, xmx: heap },
    ...metricsConfig,
    template: {
      pod: podTemplate(placement, restricted, true, spread),
      zookeeperContainer: { ...containerTemplate(restricted) },
    },
  };
}
