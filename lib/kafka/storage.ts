import { IConstruct } from 'constructs';
import { fail } from './errors';
import { validateQuantity } from './resources';

/** Kinds of broker/ZooKeeper storage. */
export enum StorageType {
  /** An emptyDir: data is lost when the pod goes. For development only. */
  EPHEMERAL = 'ephemeral',
  /** A PersistentVolumeClaim per pod. */
  PERSISTENT_CLAIM = 'persistent-claim',
  /** Several volumes per broker (JBOD). */
  JBOD = 'jbod',
}

/** Options of persistent storage. */
export interface PersistentStorageOptions {
  /** Claim size. @default '100Gi' for brokers (construct-specific elsewhere) */
  readonly size?: string;
  /** StorageClass name. @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** Delete the claim when the cluster is deleted (Strimzi `deleteClaim`). @default false */
  readonly deleteClaim?: boolean;
  /** Use this volume for KRaft metadata (Strimzi `kraftMetadata: shared`; JBOD only). @default false */
  readonly kraftMetadata?: boolean;
}

/** Options of ephemeral storage. */
export interface EphemeralStorageOptions {
  /** emptyDir size limit. @default no limit */
  readonly sizeLimit?: string;
}

/**
 * Options of one volume as a {@link KafkaStorage} holds them: the persistent fields for
 * persistent storage, `sizeLimit` for ephemeral storage.
 */
export interface StorageVolumeOptions extends PersistentStorageOptions, EphemeralStorageOptions {}

/**
 * Storage of a Kafka broker, controller or ZooKeeper node, shared by both flavours.
 * Build it with the static factories.
 */
export class KafkaStorage {
  /** Persistent storage: one PersistentVolumeClaim per pod. */
  public static persistent(options: PersistentStorageOptions = {}): KafkaStorage {
    return new KafkaStorage(StorageType.PERSISTENT_CLAIM, { ...options });
  }

  /** Ephemeral storage (emptyDir): data is lost with the pod. */
  public static ephemeral(options: EphemeralStorageOptions = {}): KafkaStorage {
    return new KafkaStorage(StorageType.EPHEMERAL, { sizeLimit: options.sizeLimit });
  }

  /** JBOD: several persistent volumes per broker (Strimzi only; raw brokers use the first volume). */
  public static jbod(volumes: PersistentStorageOptions[]): KafkaStorage {
    return new KafkaStorage(StorageType.JBOD, {}, volumes.map(v => ({ ...v })));
  }

  private constructor(
    /** The storage type. */
    public readonly type: StorageType,
    /** Options of a single volume (persistent or ephemeral). */
    public readonly options: StorageVolumeOptions,
    /** JBOD volumes. */
    public readonly volumes: PersistentStorageOptions[] = [],
  ) {}

  /** Validates sizes; `defaultSize` fills a missing persistent size. */
  public validate(scope: IConstruct, field: string): void {
    if (this.type === StorageType.PERSISTENT_CLAIM && this.options.size) {
      validateQuantity(scope, `${field}.size`, this.options.size, '100Gi');
    }
    if (this.type === StorageType.EPHEMERAL && this.options.sizeLimit) {
      validateQuantity(scope, `${field}.sizeLimit`, this.options.sizeLimit, '10Gi');
    }
    if (this.type === StorageType.JBOD) {
      if (this.volumes.length === 0) {
        fail(scope, `${field}.volumes`, [], 'at least one volume', 'pass one or more volumes to KafkaStorage.jbod([...])');
      }
      this.volumes.forEach((v, i) => v.size && validateQuantity(scope, `${field}.volumes[${i}].size`, v.size, '100Gi'));
      if (this.volumes.filter(v => v.kraftMetadata).length > 1) {
        fail(scope, `${field}.volumes`, this.volumes.map(v => !!v.kraftMetadata), 'at most one volume with kraftMetadata: true', 'keep kraftMetadata on one volume only');
      }
    }
  }
}

/**
 * Refuses a lone node (broker, controller, ZooKeeper server) on ephemeral storage: every restart or
 * rolling update deletes the pod and its emptyDir, so the cluster loses its data (or its metadata)
 * with nothing to re-replicate from. Strimzi warns about it in the Kafka status (KafkaStorage,
 * ZooKeeperStorage); both flavours refuse it at synth.
 */
export function refuseLoneEphemeral(scope: IConstruct, field: string, count: number, storage: KafkaStorage | undefined, what: string): void {
  if (count === 1 && storage?.type === StorageType.EPHEMERAL) {
    fail(scope, field, 'ephemeral', `persistent storage for a single ${what} (on emptyDir it loses its data at every restart or rolling update)`,
      `use KafkaStorage.persistent(...), or run at least 2 ${what}s on ephemeral storage`);
  }
}

/** Validates a storage prop: a KafkaStorage (JavaScript callers can pass anything), then its own checks. */
export function validateStorage(scope: IConstruct, field: string, storage: KafkaStorage): KafkaStorage {
  if (!(storage instanceof KafkaStorage)) {
    fail(scope, field, storage, 'a KafkaStorage', 'build it with KafkaStorage.persistent({ size: "100Gi" }), KafkaStorage.ephemeral() or KafkaStorage.jbod(...)');
  }
  storage.validate(scope, field);
  return storage;
}
