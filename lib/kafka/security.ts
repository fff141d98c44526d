import { KafkaImages } from './images';

/**
 * Pod security context satisfying Pod Security Standards "restricted", for images that run
 * as UID/GID 1000 (apache/kafka, zookeeper). fsGroup makes volumes writable for that user.
 */
export function restrictedPodSecurityContext(uid: number = KafkaImages.UID) {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    // Re-own a volume only when its root does not match: a recursive chown of a large data volume at every start takes minutes.
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container security context satisfying "restricted"; root filesystem read-only unless said otherwise. */
export function restrictedContainerSecurityContext(readOnlyRootFilesystem = true) {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
