// Internal helpers shared by the Strimzi constructs (not exported from the package index).
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail, ResolvedResources } from '../kafka';
import { quantity } from './l1';

/** UID of Strimzi's container images (`USER 1001`). */
export const STRIMZI_UID = 1001;

/**
 * Pod security context for Strimzi pods, Pod Security "restricted". Strimzi images run as
 * 1001 in group 0 with group-writable data directories, so volumes get `fsGroup: 0`
 * (Strimzi's own default, which an explicit template would otherwise drop).
 */
export function strimziPodSecurityContext(withVolumes: boolean) {
  return {
    runAsNonRoot: true,
    ...(withVolumes ? { fsGroup: 0 } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container security context, Pod Security "restricted". Strimzi mounts a writable `/tmp`
 * emptyDir into every operand container, so the root filesystem can be read-only.
 */
export function strimziContainerSecurityContext() {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Resolved resources in the generated classes' shape (quantities as `{ value }`). */
export function strimziResources(r: ResolvedResources) {
  const map = (m: { [k: string]: string }) => Object.fromEntries(Object.keys(m).sort().map(k => [k, quantity(m[k])]));
  return {
    ...(Object.keys(r.requests).length ? { requests: map(r.requests) } : {}),
    ...(Object.keys(r.limits).length ? { limits: map(r.limits) } : {}),
  };
}

/**
 * The namespace a Strimzi custom resource bound to a cluster lives in: the cluster's.
 * Strimzi operators only see resources in the cluster's namespace, so a different
 * explicit or chart namespace is an error.
 */
export function boundNamespace(scope: IConstruct, given: string | undefined, clusterNamespace: string, clusterName: string): string {
  const ns = given ?? Chart.of(scope).namespace;
  if (ns !== undefined && ns !== clusterNamespace) {
    fail(scope, 'namespace', ns, `the namespace of cluster "${clusterName}" ("${clusterNamespace}"): Strimzi binds it by the strimzi.io/cluster label within one namespace`,
      `create it in namespace "${clusterNamespace}" (leave namespace unset or use a chart in that namespace)`);
  }
  return clusterNamespace;
}

/** A Kubernetes object name derived from a construct id or a free name (lower-case, DNS-1123). */
export function toObjectName(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 253) || 'unnamed';
}
