import { createHash } from 'crypto';

/**
 * A KRaft cluster id derived from the namespace and cluster name: 16 bytes of SHA-256,
 * base64url without padding (22 characters, the format `kafka-storage random-uuid` prints).
 * Deterministic, so re-synthesis never changes it (a new id would make brokers refuse
 * their existing data).
 */
export function deriveClusterId(namespace: string, name: string): string {
  return createHash('sha256').update(`cdk8s-kafka/${namespace}/${name}`).digest().subarray(0, 16).toString('base64url');
}

const CLUSTER_ID = /^[A-Za-z0-9_-]{22}$/;

/** True when `id` has the shape of a KRaft cluster id. */
export function isClusterId(id: string): boolean {
  return CLUSTER_ID.test(id);
}
