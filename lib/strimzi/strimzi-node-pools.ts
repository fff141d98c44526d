// KafkaNodePools of a KRaft cluster, one per pool of the cluster model.
import { Construct } from 'constructs';
import { ClusterModel, KafkaLabels, keepOnPrune, nodeIdRangeAnnotation, NodePoolModel } from '../kafka';
import { l1, Shape, v1beta2NodePool, v1NodePool } from './l1';
import { strimziResources } from './strimzi-common';
import { StorageShape } from './strimzi-storage';
import { StrimziVersion } from './strimzi-version';

type PoolShape = Shape<v1NodePool.KafkaNodePoolSpec> & Shape<v1beta2NodePool.KafkaNodePoolSpec>;

/** What a pool renders with besides the model: its storage, already validated and rendered. */
export interface RenderedPool {
  readonly pool: NodePoolModel;
  readonly storage: StorageShape;
}

type PoolMetadata = { name: string; namespace: string; labels: { [key: string]: string }; annotations?: { [key: string]: string } };

/** A constructor of the release's KafkaNodePool L1 class (looked up once per cluster). */
function nodePoolFactory(scope: Construct, version: StrimziVersion): (id: string, metadata: PoolMetadata, spec: PoolShape) => void {
  return version.isV1
    ? (id, metadata, spec) => new v1NodePool.KafkaNodePool(scope, id, { metadata, spec: l1<v1NodePool.KafkaNodePoolSpec>(spec) })
    : (id, metadata, spec) => new v1beta2NodePool.KafkaNodePool(scope, id, { metadata, spec: l1<v1beta2NodePool.KafkaNodePoolSpec>(spec) });
}

/**
 * One KafkaNodePool per pool. With dedicated controllers, fixed id ranges (the model's: brokers
 * 0-999, controllers 1000-1999) keep broker ids 0..n-1 whatever order Strimzi creates the pools
 * in, so per-broker listener settings (`broker: <id>`) stay valid.
 */
export function renderNodePools(scope: Construct, model: ClusterModel, version: StrimziVersion, pools: readonly RenderedPool[]): void {
  const create = nodePoolFactory(scope, version);
  const dedicated = model.pools.length > 1;
  // Controllers first: Strimzi forms the quorum before brokers join.
  for (const { pool, storage } of [...pools].sort((a, b) => Number(b.pool.key === 'controller') - Number(a.pool.key === 'controller'))) {
    const spec: PoolShape = {
      replicas: pool.replicas, roles: [...pool.roles], storage, resources: strimziResources(pool.resources), jvmOptions: { xms: pool.heap, xmx: pool.heap },
    };
    const metadata: PoolMetadata = {
      name: pool.name, namespace: model.namespace,
      labels: { [KafkaLabels.STRIMZI_CLUSTER]: model.clusterName },
      // Flux never prunes a node pool: the operator would remove its nodes and their data.
      annotations: {
        ...(dedicated ? { 'strimzi.io/next-node-ids': nodeIdRangeAnnotation({ first: pool.firstId, last: pool.lastId }) } : {}),
        ...keepOnPrune(),
      },
    };
    create(`Pool-${pool.key}`, metadata, spec);
  }
}
