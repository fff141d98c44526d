// The StatefulSet controller's decisions as a pure function: which ordinal to create or delete
// next, for podManagementPolicy OrderedReady/Parallel and updateStrategy RollingUpdate
// (reverse ordinal order, one pod at a time, waiting for Ready; partition) or OnDelete.

/** A pod of the set as the controller sees it. */
export interface SetPod {
  readonly ordinal: number;
  readonly revision: string;
  /** Running and Ready. */
  readonly ready: boolean;
  readonly terminating: boolean;
  /** Phase Failed or Succeeded: the controller deletes it and creates it again. */
  readonly finished: boolean;
}

export interface SetSpec {
  readonly replicas: number;
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  readonly updateStrategy: { type: 'RollingUpdate' | 'OnDelete'; partition?: number };
}

export type SetAction =
  | { kind: 'create'; ordinal: number; revision: 'update' | 'current' }
  | { kind: 'delete'; ordinal: number; reason: 'scale-down' | 'update' | 'finished' };

/**
 * Next actions for the set. `updateRevision` is the revision of the current template; pods
 * below the partition are (re)created at `currentRevision` (the revision they run), as upstream.
 */
export function statefulSetActions(spec: SetSpec, pods: readonly SetPod[], updateRevision: string, currentRevision: string): SetAction[] {
  const byOrdinal = new Map(pods.map(p => [p.ordinal, p]));
  const parallel = spec.podManagementPolicy === 'Parallel';
  const partition = spec.updateStrategy.type === 'RollingUpdate' ? spec.updateStrategy.partition ?? 0 : 0;
  const actions: SetAction[] = [];

  // Finished pods are deleted (then recreated) first.
  for (const p of pods) if (p.finished && !p.terminating) actions.push({ kind: 'delete', ordinal: p.ordinal, reason: 'finished' });
  if (actions.length && !parallel) return actions.slice(0, 1);

  // Create missing ordinals: all at once (Parallel) or the first one once every lower one is Ready.
  for (let i = 0; i < spec.replicas; i++) {
    const p = byOrdinal.get(i);
    if (!p) {
      const revision = spec.updateStrategy.type === 'RollingUpdate' && i < partition ? 'current' : 'update';
      actions.push({ kind: 'create', ordinal: i, revision });
      if (!parallel) return actions;
    } else if (!parallel && (!p.ready || p.terminating)) {
      return actions;
    }
  }

  // Scale down: highest ordinal first; OrderedReady one at a time with all others Ready.
  const excess = pods.filter(p => p.ordinal >= spec.replicas && !p.terminating).sort((a, b) => b.ordinal - a.ordinal);
  if (excess.length) {
    if (parallel) return [...actions, ...excess.map(p => ({ kind: 'delete' as const, ordinal: p.ordinal, reason: 'scale-down' as const }))];
    const othersReady = pods.every(p => p.ordinal >= spec.replicas || (p.ready && !p.terminating));
    const anyTerminating = pods.some(p => p.terminating);
    return othersReady && !anyTerminating ? [{ kind: 'delete', ordinal: excess[0].ordinal, reason: 'scale-down' }] : actions;
  }
  if (actions.length) return actions;

  // Rolling update: only when every pod is Ready and none terminating; highest outdated ordinal first.
  if (spec.updateStrategy.type !== 'RollingUpdate') return [];
  const inSet = pods.filter(p => p.ordinal < spec.replicas);
  if (inSet.length < spec.replicas || inSet.some(p => !p.ready || p.terminating)) return [];
  const outdated = inSet.filter(p => p.ordinal >= partition && p.revision !== updateRevision).sort((a, b) => b.ordinal - a.ordinal);
  void currentRevision;
  return outdated.length ? [{ kind: 'delete', ordinal: outdated[0].ordinal, reason: 'update' }] : [];
}

/** Fields of a StatefulSet spec the API server refuses to change (all but these are immutable). */
const MUTABLE = ['replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit'];

/** The immutable fields an update would change (the API server's "Forbidden: updates to statefulset spec…"). */
export function forbiddenStatefulSetChanges(oldSpec: any, newSpec: any): string[] {
  const keys = new Set([...Object.keys(oldSpec ?? {}), ...Object.keys(newSpec ?? {})]);
  const norm = (k: string, v: any) => (k === 'podManagementPolicy' ? v ?? 'OrderedReady' : v);
  return [...keys].filter(k => !MUTABLE.includes(k) && JSON.stringify(norm(k, oldSpec?.[k])) !== JSON.stringify(norm(k, newSpec?.[k])));
}
