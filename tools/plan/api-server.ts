// What the Kubernetes API server and its controllers do with a changed object on `kubectl apply`:
// which spec fields are immutable, what rolls pods. Kind-generic; Kafka knowledge is in kafka-rules.ts.
import { changedPaths } from './objects';

/** StatefulSet spec fields an update may change (every other field is immutable). */
const STATEFULSET_MUTABLE = ['replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit'];

/** The immutable StatefulSet spec fields a change touches (`selector`, `serviceName`, `volumeClaimTemplates`, `podManagementPolicy`…). */
export function forbiddenStatefulSetFields(oldSpec: any, newSpec: any): string[] {
  const keys = new Set([...Object.keys(oldSpec ?? {}), ...Object.keys(newSpec ?? {})]);
  // The API server defaults podManagementPolicy to OrderedReady: an explicit default is no change.
  const norm = (k: string, v: unknown) => (k === 'podManagementPolicy' ? v ?? 'OrderedReady' : v);
  return [...keys].filter(k => !STATEFULSET_MUTABLE.includes(k) && JSON.stringify(norm(k, oldSpec?.[k])) !== JSON.stringify(norm(k, newSpec?.[k]))).sort();
}

/** Whether a Pod spec change is refused (only container images, activeDeadlineSeconds and added tolerations may change). */
export function forbiddenPodChange(oldSpec: any, newSpec: any): boolean {
  const strip = (s: any) => JSON.stringify({
    ...s,
    containers: (s?.containers ?? []).map((c: any) => ({ ...c, image: undefined })),
    initContainers: (s?.initContainers ?? []).map((c: any) => ({ ...c, image: undefined })),
    activeDeadlineSeconds: undefined, tolerations: undefined,
  });
  return strip(oldSpec) !== strip(newSpec);
}

/** Paths under `spec` that changed, relative to spec. */
export function specChanges(oldSpec: unknown, newSpec: unknown): string[] {
  return changedPaths(oldSpec ?? {}, newSpec ?? {});
}

/** Bytes of a Kubernetes quantity (`100Gi`), or undefined. */
export function bytes(q: unknown): number | undefined {
  const m = /^([0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(q ?? ''));
  if (!m) return undefined;
  const f: Record<string, number> = { '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
    'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60 };
  return parseFloat(m[1]) * f[m[2] ?? ''];
}
