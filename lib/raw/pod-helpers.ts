// Small helpers shared by the raw constructs (not constructs themselves).
import { createHash } from 'crypto';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  KafkaStorage, ResolvedResources, StorageType, fail, restrictedContainerSecurityContext, restrictedPodSecurityContext, validateStorage,
} from '../kafka';

/** Label that admin Jobs of a raw cluster carry: network policies admit them on the replication port. */
export const ADMIN_OF_LABEL = 'kafka.cdk8s.io/admin-of';

/** Kubernetes ResourceRequirements from resolved resources. */
export function k8sResources(r: ResolvedResources): k8s.ResourceRequirements {
  const q = (m: { [k: string]: string }) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
  return { requests: q(r.requests), limits: Object.keys(r.limits).length ? q(r.limits) : undefined };
}

/** A writable emptyDir volume (for paths the image writes to under a read-only root filesystem). */
export function emptyDir(name: string, sizeLimit?: string): k8s.Volume {
  return { name, emptyDir: sizeLimit ? { sizeLimit: k8s.Quantity.fromString(sizeLimit) } : {} };
}

/**
 * Data volume of a StatefulSet: a claim template for persistent storage, or an emptyDir volume.
 * JBOD is refused (raw pods have one data volume).
 */
export function dataVolume(scope: Construct, field: string, storage: KafkaStorage, volumeName: string, defaultSize: string, labels: { [k: string]: string }):
{ volumes: k8s.Volume[]; claims: k8s.KubePersistentVolumeClaimProps[] } {
  validateStorage(scope, field, storage);
  if (storage.type === StorageType.JBOD) {
    fail(scope, `${field}.type`, storage.type, 'persistent-claim or ephemeral', 'use KafkaStorage.persistent({ size }) or KafkaStorage.ephemeral(); raw pods have one data volume');
  }
  if (storage.type === StorageType.EPHEMERAL) {
    return { volumes: [emptyDir(volumeName, storage.options.sizeLimit)], claims: [] };
  }
  return {
    volumes: [],
    claims: [{
      metadata: { name: volumeName, labels },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: storage.options.storageClass,
        resources: { requests: { storage: k8s.Quantity.fromString(storage.options.size ?? defaultSize) } },
      },
    }],
  };
}

/** Quotes a string for a POSIX shell. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** A short, stable hash of a JSON-able value (for names that must change when content changes). */
export function shortHash(value: unknown, length = 8): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);
}

/** What varies between the raw constructs' one-container Kafka CLI pods (topic Job, SCRAM Job, test client). */
export interface KafkaCliPodOptions {
  readonly containerName: string;
  readonly image: string;
  readonly command: string[];
  /** Env vars before the CLI defaults (LOG_DIR, KAFKA_HEAP_OPTS). */
  readonly env?: k8s.EnvVar[];
  readonly resources: ResolvedResources;
}

/**
 * A restricted pod running the Kafka CLIs with a read-only root filesystem: the CLIs' log dir
 * and /tmp on emptyDirs, a small heap, no token, no service links. Callers add restartPolicy etc.
 */
export function kafkaCliPodSpec(o: KafkaCliPodOptions): k8s.PodSpec {
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: restrictedPodSecurityContext(),
    containers: [{
      name: o.containerName,
      image: o.image,
      command: o.command,
      env: [...(o.env ?? []), { name: 'LOG_DIR', value: '/opt/kafka/logs' }, { name: 'KAFKA_HEAP_OPTS', value: '-Xmx256m' }],
      resources: k8sResources(o.resources),
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: [{ name: 'logs', mountPath: '/opt/kafka/logs' }, { name: 'tmp', mountPath: '/tmp' }],
    }],
    volumes: [emptyDir('logs'), emptyDir('tmp')],
  };
}
