// The controllers the runner emulates: StatefulSet (via statefulSetActions), Deployment
// (ReplicaSet-style pod names, rolling update by maxSurge/maxUnavailable, Recreate), Job
// (pods to completion, backoffLimit with exponential delay, activeDeadlineSeconds), bare Pods.
import { K8sObject, namespaceOf, randomSuffix, templateHash } from './model';
import { PodInit, PodRuntime } from './pod';
import { SetPod, statefulSetActions } from './statefulset';

/** What a controller can do to the cluster. */
export interface ControllerHost {
  podsOf(kind: string, name: string, namespace: string): PodRuntime[];
  createPod(init: PodInit): PodRuntime;
  deletePod(pod: PodRuntime, graceSeconds?: number): void;
  log(line: string): void;
}

/** Per-object controller memory (revisions, job progress). */
export interface ControllerState {
  currentRevision?: string;
  templates?: { [revision: string]: any };
  jobStartedAt?: number;
  jobFailures?: number;
  jobLastFailureAt?: number;
  jobCondition?: 'Complete' | 'Failed';
  jobReason?: string;
  counted?: Set<string>;
}

const ORDINAL = /-(\d+)$/;

export function reconcileStatefulSet(sts: K8sObject, state: ControllerState, host: ControllerHost): void {
  const ns = namespaceOf(sts);
  const name = sts.metadata.name;
  const spec = sts.spec;
  const updateRevision = `${name}-${templateHash(spec.template)}`;
  state.templates = { ...(state.templates ?? {}), [updateRevision]: spec.template };
  state.currentRevision = state.currentRevision ?? updateRevision;
  const pods = host.podsOf('StatefulSet', name, ns);
  const setPods: SetPod[] = pods.map(p => ({
    ordinal: Number(ORDINAL.exec(p.name)![1]),
    revision: p.labels['controller-revision-hash'],
    ready: p.phase === 'Running' && p.ready,
    terminating: p.terminating,
    finished: p.phase === 'Failed' || p.phase === 'Succeeded',
  }));
  const replicas = spec.replicas ?? 1;
  const actions = statefulSetActions({
    replicas,
    podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
    updateStrategy: { type: spec.updateStrategy?.type ?? 'RollingUpdate', partition: spec.updateStrategy?.rollingUpdate?.partition },
  }, setPods, updateRevision, state.currentRevision);
  for (const a of actions) {
    if (a.kind === 'delete') {
      const pod = pods.find(p => p.name === `${name}-${a.ordinal}`)!;
      host.log(`statefulset ${name}: deleting ${pod.name} (${a.reason})`);
      host.deletePod(pod);
    } else {
      const revision = a.revision === 'update' ? updateRevision : state.currentRevision;
      const template = state.templates[revision];
      const podName = `${name}-${a.ordinal}`;
      host.createPod({
        name: podName,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(a.ordinal) },
        spec: { ...template.spec, hostname: podName, subdomain: spec.serviceName },
        owner: { kind: 'StatefulSet', name },
        claims: Object.fromEntries((spec.volumeClaimTemplates ?? []).map((t: any) => [t.metadata.name, `${t.metadata.name}-${podName}`])),
      });
    }
  }
  // The rollout is done when every pod runs the update revision.
  if (pods.length === replicas && setPods.every(p => p.revision === updateRevision && p.ready)) state.currentRevision = updateRevision;
}

function intOrPercent(v: any, of: number, roundUp: boolean, dflt: string): number {
  const s = String(v ?? dflt);
  if (s.endsWith('%')) {
    const x = (Number(s.slice(0, -1)) / 100) * of;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(s);
}

export function reconcileDeployment(d: K8sObject, host: ControllerHost): void {
  const ns = namespaceOf(d);
  const name = d.metadata.name;
  const replicas = d.spec.replicas ?? 1;
  const hash = templateHash(d.spec.template);
  const all = host.podsOf('Deployment', name, ns).filter(p => !p.terminating);
  // Failed pods (evicted, exited under restartPolicy Never) are replaced.
  for (const p of all.filter(x => x.phase === 'Failed' || x.phase === 'Succeeded')) host.deletePod(p, 0);
  const live = all.filter(p => p.phase !== 'Failed' && p.phase !== 'Succeeded');
  const fresh = live.filter(p => p.labels['pod-template-hash'] === hash);
  const old = live.filter(p => p.labels['pod-template-hash'] !== hash);
  const create = (n: number) => {
    for (let i = 0; i < n; i++) {
      const podName = `${name}-${hash}-${randomSuffix()}`;
      host.createPod({
        name: podName, namespace: ns,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
        spec: d.spec.template.spec, owner: { kind: 'Deployment', name },
      });
    }
  };
  if (fresh.length > replicas) for (const p of fresh.slice(replicas)) host.deletePod(p);
  if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'Recreate') {
    if (old.length) { for (const p of old) host.deletePod(p); return; }
    if (host.podsOf('Deployment', name, ns).some(p => p.terminating)) return;
    create(Math.max(0, replicas - fresh.length));
    return;
  }
  const surge = intOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true, '25%');
  let unavailable = intOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  create(Math.max(0, Math.min(replicas - fresh.length, replicas + surge - live.length)));
  const available = live.filter(p => p.ready).length;
  let removable = available - (replicas - unavailable);
  for (const p of [...old].sort((a, b) => Number(a.ready) - Number(b.ready))) {
    if (!p.ready) { host.deletePod(p); continue; }
    if (removable <= 0) break;
    host.deletePod(p);
    removable--;
  }
}

export function reconcileJob(job: K8sObject, state: ControllerState, host: ControllerHost, now: number): void {
  if (state.jobCondition) return;
  const ns = namespaceOf(job);
  const name = job.metadata.name;
  const spec = job.spec;
  state.jobStartedAt = state.jobStartedAt ?? now;
  state.jobFailures = state.jobFailures ?? 0;
  state.counted = state.counted ?? new Set();
  const pods = host.podsOf('Job', name, ns);
  for (const p of pods) {
    if (p.phase === 'Failed' && !state.counted.has(p.name)) {
      state.counted.add(p.name);
      state.jobFailures++;
      state.jobLastFailureAt = now;
      host.log(`job ${name}: pod ${p.name} failed (${state.jobFailures} of backoffLimit ${spec.backoffLimit ?? 6})`);
    }
  }
  const succeeded = pods.filter(p => p.phase === 'Succeeded').length;
  if (succeeded >= (spec.completions ?? 1)) {
    state.jobCondition = 'Complete';
    host.log(`job ${name}: complete`);
    return;
  }
  if (state.jobFailures > (spec.backoffLimit ?? 6)) {
    state.jobCondition = 'Failed';
    state.jobReason = 'BackoffLimitExceeded';
  } else if (spec.activeDeadlineSeconds !== undefined && now - state.jobStartedAt > spec.activeDeadlineSeconds * 1000) {
    state.jobCondition = 'Failed';
    state.jobReason = 'DeadlineExceeded';
  }
  if (state.jobCondition) {
    host.log(`job ${name}: failed (${state.jobReason})`);
    for (const p of pods.filter(x => x.phase === 'Running' || x.phase === 'Pending')) host.deletePod(p);
    return;
  }
  const active = pods.filter(p => !p.terminating && (p.phase === 'Running' || p.phase === 'Pending')).length;
  // The Job controller's backoff between failed pods: 10 s doubling, capped at 6 minutes.
  const delay = state.jobFailures ? Math.min(10_000 * 2 ** (state.jobFailures - 1), 360_000) : 0;
  if (active < (spec.parallelism ?? 1) && now >= (state.jobLastFailureAt ?? 0) + delay) {
    const podName = `${name}-${randomSuffix()}`;
    host.createPod({
      name: podName, namespace: ns,
      labels: { ...(spec.template.metadata?.labels ?? {}), 'job-name': name, 'batch.kubernetes.io/job-name': name },
      spec: spec.template.spec, owner: { kind: 'Job', name },
    });
  }
}

/** Fields of a Pod spec the API server lets `kubectl apply` change. */
export function forbiddenPodChanges(oldSpec: any, newSpec: any): boolean {
  const strip = (s: any) => JSON.stringify({
    ...s,
    containers: (s.containers ?? []).map((c: any) => ({ ...c, image: undefined })),
    initContainers: (s.initContainers ?? []).map((c: any) => ({ ...c, image: undefined })),
    activeDeadlineSeconds: undefined, tolerations: undefined,
  });
  return strip(oldSpec) !== strip(newSpec);
}
