// Storage of node pools and ZooKeeper in the shape of Strimzi's CRDs.
import { IConstruct } from 'constructs';
import { fail, KafkaStorage, StorageType, validateStorage } from '../kafka';
import { Shape, v1beta2NodePool, v1NodePool } from './l1';

/** A pool storage shape both API versions accept. */
export type StorageShape = (Shape<v1NodePool.KafkaNodePoolSpec> & Shape<v1beta2NodePool.KafkaNodePoolSpec>)['storage'];

/** Validates a storage and renders it; `kraft` allows a JBOD volume for KRaft metadata. */
export function storageJson(scope: IConstruct, storage: KafkaStorage, field: string, defaultSize: string, kraft: boolean): StorageShape {
  validateStorage(scope, field, storage);
  const persistent = (o: { size?: string; storageClass?: string; deleteClaim?: boolean }) => ({
    size: o.size ?? defaultSize,
    ...(o.storageClass ? { class: o.storageClass } : {}),
    deleteClaim: o.deleteClaim ?? false,
  });
  switch (storage.type) {
    case StorageType.EPHEMERAL:
      return { type: 'ephemeral', ...(storage.options.sizeLimit ? { sizeLimit: storage.options.sizeLimit } : {}) };
    case StorageType.PERSISTENT_CLAIM:
      if (storage.options.kraftMetadata) {
        fail(scope, `${field}.kraftMetadata`, true, 'kraftMetadata only on a JBOD volume (a single volume always holds the metadata)',
          'remove kraftMetadata, or use KafkaStorage.jbod([...]) and mark one volume');
      }
      return { type: 'persistent-claim', ...persistent(storage.options) };
    default:
      if (!kraft && storage.volumes.some(v => v.kraftMetadata)) {
        fail(scope, `${field}.volumes`, storage.volumes.map(v => !!v.kraftMetadata), 'no kraftMetadata volume in ZooKeeper mode', 'remove kraftMetadata from the volumes');
      }
      return {
        type: 'jbod',
        volumes: storage.volumes.map((v, id) => ({
          id, type: 'persistent-claim' as const, ...persistent(v),
          ...(v.kraftMetadata ? { kraftMetadata: 'shared' as const } : {}),
        })),
      };
  }
}
