/**
 * Pod Security Standards "restricted" (Kubernetes 1.27) checks, plus the project's own
 * defaults (read-only root filesystem, resource requests and memory limits, no token mount).
 * Returns every violation as "Kind/name: container: rule", so a failing test lists them all.
 */

const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** Pod specs inside an object (Pod, Deployment, StatefulSet, Job, CronJob, DaemonSet, ReplicaSet). */
export function podSpecsOf(obj: any): any[] {
  switch (obj.kind) {
    case 'Pod': return [obj.spec];
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': return [obj.spec?.template?.spec];
    case 'CronJob': return [obj.spec?.jobTemplate?.spec?.template?.spec];
    default: return [];
  }
}

export function restrictedViolations(obj: any): string[] {
  const out: string[] = [];
  const id = `${obj.kind}/${obj.metadata?.name}`;
  for (const spec of podSpecsOf(obj)) {
    if (!spec) { out.push(`${id}: no pod spec`); continue; }
    const psc = spec.securityContext ?? {};
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f]) out.push(`${id}: ${f} must not be true`);
    for (const v of spec.volumes ?? []) {
      const type = Object.keys(v).find(k => k !== 'name');
      if (!RESTRICTED_VOLUME_TYPES.includes(type!)) out.push(`${id}: volume ${v.name}: type ${type} is not allowed (restricted volumes)`);
    }
    if (spec.automountServiceAccountToken !== false) out.push(`${id}: automountServiceAccountToken must be false`);
    if (psc.runAsUser === 0) out.push(`${id}: pod runAsUser must not be 0`);
    if (psc.sysctls?.length) out.push(`${id}: sysctls are not allowed`);
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.length === 0) out.push(`${id}: no containers`);
    for (const c of containers) {
      const cid = `${id}: container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.privileged) out.push(`${cid}: privileged must not be true`);
      if (sc.allowPrivilegeEscalation !== false) out.push(`${cid}: allowPrivilegeEscalation must be false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`${cid}: capabilities must drop ALL`);
      for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') out.push(`${cid}: capability ${cap} may not be added`);
      const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
      if (nonRoot !== true) out.push(`${cid}: runAsNonRoot must be true (pod or container)`);
      if (sc.runAsUser === 0) out.push(`${cid}: runAsUser must not be 0`);
      const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${cid}: seccompProfile must be RuntimeDefault or Localhost`);
      for (const p of c.ports ?? []) if (p.hostPort) out.push(`${cid}: hostPort ${p.hostPort} is not allowed`);
      if (sc.procMount && sc.procMount !== 'Default') out.push(`${cid}: procMount must be Default`);
      // The project's own defaults on top of the profile.
      if (sc.readOnlyRootFilesystem !== true) out.push(`${cid}: readOnlyRootFilesystem must be true`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) out.push(`${cid}: cpu and memory requests are required`);
      if (!c.resources?.limits?.memory) out.push(`${cid}: a memory limit is required`);
    }
  }
  return out;
}

/** Strimzi components and the template keys that shape their pods and containers. */
const STRIMZI_COMPONENTS: { [kind: string]: { path: string; containers: (spec: any) => string[] }[] } = {
  Kafka: [
    { path: 'kafka', containers: s => ['kafkaContainer', ...(s.rack ? ['initContainer'] : [])] },
    { path: 'zookeeper', containers: () => ['zookeeperContainer'] },
    { path: 'entityOperator', containers: s => [...(s.topicOperator ? ['topicOperatorContainer'] : []), ...(s.userOperator ? ['userOperatorContainer'] : [])] },
    { path: 'cruiseControl', containers: () => ['cruiseControlContainer'] },
    { path: 'kafkaExporter', containers: () => ['container'] },
  ],
  KafkaConnect: [{ path: '', containers: s => ['connectContainer', ...(s.rack ? ['initContainer'] : []), ...(s.build ? ['buildContainer'] : [])] }],
  KafkaMirrorMaker2: [{ path: '', containers: () => ['connectContainer'] }],
  KafkaBridge: [{ path: '', containers: () => ['bridgeContainer'] }],
};

/**
 * The restricted profile for Strimzi custom resources: every component present must set pod and
 * container security contexts through its `template` (the operator's defaults are baseline only).
 */
export function strimziTemplateViolations(obj: any): string[] {
  const components = STRIMZI_COMPONENTS[obj.kind];
  if (!components || !String(obj.apiVersion).startsWith('kafka.strimzi.io/')) return [];
  const out: string[] = [];
  const id = `${obj.kind}/${obj.metadata?.name}`;
  for (const c of components) {
    const spec = c.path ? obj.spec?.[c.path] : obj.spec;
    if (!spec) continue;
    const where = c.path ? `spec.${c.path}.template` : 'spec.template';
    const t = spec.template ?? {};
    const psc = t.pod?.securityContext ?? {};
    if (psc.runAsNonRoot !== true) out.push(`${id}: ${where}.pod.securityContext.runAsNonRoot must be true`);
    if (psc.seccompProfile?.type !== 'RuntimeDefault') out.push(`${id}: ${where}.pod.securityContext.seccompProfile must be RuntimeDefault`);
    for (const key of c.containers(spec)) {
      const sc = t[key]?.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) out.push(`${id}: ${where}.${key}.securityContext.allowPrivilegeEscalation must be false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`${id}: ${where}.${key}.securityContext.capabilities must drop ALL`);
      if (sc.runAsNonRoot !== true && psc.runAsNonRoot !== true) out.push(`${id}: ${where}.${key}.securityContext.runAsNonRoot must be true`);
    }
  }
  return out;
}
