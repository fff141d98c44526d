// Per-kind consequences of a change, as the API server, the Kubernetes controllers, the Strimzi
// operator and Kafka itself will treat it.
import { bytes, forbiddenPodChange, forbiddenStatefulSetFields, specChanges } from './api-server';
import { serverPropertiesChanges, statefulSetKafkaRisks, strimziKafkaFindings, strimziPoolFindings, strimziTopicFindings } from './kafka-rules';
import { at, changedPaths, display, K8sObject } from './objects';
import { operatorServes } from './strimzi-upgrade-rules';

/** What happens to an object when the new output is applied, worst last. */
export type Consequence = 'unchanged' | 'created' | 'applied' | 'deleted' | 'rolling-restart' | 'rejected' | 'data-at-risk';

/** Order of severity: the worst finding of an object is its consequence. */
export const SEVERITY: readonly Consequence[] = ['unchanged', 'created', 'applied', 'deleted', 'rolling-restart', 'rejected', 'data-at-risk'];

/** Consequences that make `npm run plan` exit 3. */
export const UNSAFE: readonly Consequence[] = ['rejected', 'data-at-risk'];

/** One consequence of a change, with the way out where there is one. */
export interface Finding {
  readonly consequence: Consequence;
  readonly detail: string;
  readonly wayOut?: string;
}

const NAME_LABEL = 'app.kubernetes.io/name';

/** Whether a StatefulSet runs Kafka nodes or ZooKeeper servers (whose pods hold data and votes). */
export function holdsClusterData(o: K8sObject): boolean {
  const name = o.metadata.labels?.[NAME_LABEL];
  return name === 'kafka' || name === 'zookeeper';
}

/** Findings of an object that is in the new output only. */
export function addedFindings(o: K8sObject): Finding[] {
  return [{ consequence: 'created', detail: `${display(o)} is created` }];
}

/** Findings of an object that is in the base output only. */
export function removedFindings(o: K8sObject): Finding[] {
  const prune = 'kubectl apply -f leaves it running; kubectl apply --prune and Flux (prune: true) delete it';
  const dataKinds: Record<string, string> = {
    Namespace: 'deleting a Namespace deletes everything in it, PersistentVolumeClaims and (with the usual Delete reclaim policy) their data included',
    PersistentVolumeClaim: 'deleting the claim releases its volume; with the usual Delete reclaim policy the data is gone',
    Kafka: 'the Strimzi operator deletes the cluster\'s pods (claims follow deleteClaim)',
    KafkaNodePool: 'the Strimzi operator removes the pool\'s nodes and their data',
    KafkaTopic: 'the Topic Operator deletes the topic and its messages from Kafka',
  };
  if (dataKinds[o.kind]) {
    return [{ consequence: 'data-at-risk', detail: `${display(o)} is removed from the output: ${prune}; ${dataKinds[o.kind]}`, wayOut: 'keep the object in the app (or remove it deliberately, after moving its data)' }];
  }
  if (o.kind === 'StatefulSet' && holdsClusterData(o)) {
    return [{ consequence: 'data-at-risk', detail: `${display(o)} is removed from the output: ${prune}; its pods go (their claims stay, orphaned)`, wayOut: 'keep the StatefulSet in the app' }];
  }
  return [{ consequence: 'deleted', detail: `${display(o)} is no longer in the output: ${prune}` }];
}

/** Findings of an object present in both outputs with a different content. */
export function changedFindings(base: K8sObject, next: K8sObject, context: PlanContext): Finding[] {
  if (base.apiVersion !== next.apiVersion) {
    const strimzi = base.apiVersion.startsWith('kafka.strimzi.io/');
    // Strimzi 0.49-0.51 serve v1beta2 and v1: with that operator already running, the switch is the v1 conversion.
    if (strimzi && operatorServes(context.base, next.apiVersion) && operatorServes(context.next, next.apiVersion)) {
      return [{ consequence: 'applied', detail: `${display(next)}: apiVersion ${base.apiVersion} → ${next.apiVersion}: the operator's CRDs serve both; the object is written in the new version (stored as the CRD's storage version until crd-upgrade, docs/upgrade.md)` }];
    }
    return [{
      consequence: 'rejected',
      detail: `${display(next)}: apiVersion ${base.apiVersion} → ${next.apiVersion}: the API server serves the new version only once its CRD does`,
      wayOut: strimzi ? 'upgrade the Strimzi operator through the intermediate releases first (docs/upgrade.md, Strimzi 0.45 to 1.x)' : 'install the API version first',
    }];
  }
  const handler = HANDLERS[next.kind];
  const findings = handler ? handler(base, next, context) : genericFindings(base, next);
  return findings.length ? findings : [{ consequence: 'applied', detail: `${display(next)} is updated in place (${changedPaths(base, next).join(', ')})` }];
}

/** What the handlers may look up: the other objects of both outputs. */
export interface PlanContext {
  readonly base: ReadonlyMap<string, K8sObject>;
  readonly next: ReadonlyMap<string, K8sObject>;
}

type Handler = (base: K8sObject, next: K8sObject, context: PlanContext) => Finding[];

function genericFindings(base: K8sObject, next: K8sObject): Finding[] {
  return [{ consequence: 'applied', detail: `${display(next)} is updated in place (${changedPaths(base, next).join(', ')})` }];
}

function statefulSet(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  const forbidden = forbiddenStatefulSetFields(base.spec, next.spec);
  if (forbidden.length) {
    out.push({
      consequence: 'rejected',
      detail: `${display(next)}: spec.${forbidden.join(', spec.')} changed; the API server refuses updates to StatefulSet fields other than replicas, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds`,
      wayOut: `kubectl delete statefulset -n ${next.metadata.namespace} ${next.metadata.name} --cascade=orphan (its pods and claims stay), then apply; `
        + 'a claim size is changed on each PersistentVolumeClaim (kubectl patch pvc), where its StorageClass allows expansion',
    });
  }
  if (forbidden.includes('volumeClaimTemplates')) out.push(...claimTemplateRisks(base, next));
  const oldReplicas = base.spec?.replicas ?? 1;
  const newReplicas = next.spec?.replicas ?? 1;
  const pods = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${next.metadata.name}-${from + i}`);
  if (newReplicas > oldReplicas) {
    out.push({ consequence: 'applied', detail: `${display(next)} scales out: pods ${pods(oldReplicas, newReplicas).join(', ')} start; existing pods are not restarted by the scale-out` });
  } else if (newReplicas < oldReplicas) {
    const removed = pods(newReplicas, oldReplicas).reverse();
    out.push(holdsClusterData(next)
      ? { consequence: 'data-at-risk', detail: `${display(next)} scales in: pods ${removed.join(', ')} are deleted, highest ordinal first, with the partitions, replicas or votes they hold`,
        wayOut: 'move their partitions away first (kafka-reassign-partitions, Cruise Control), remove them from the quorum, then scale in' }
      : { consequence: 'applied', detail: `${display(next)} scales in: pods ${removed.join(', ')} are deleted` });
  }
  if (JSON.stringify(base.spec?.template) !== JSON.stringify(next.spec?.template)) {
    out.push(...statefulSetKafkaRisks(base, next));
    const strategy = next.spec?.updateStrategy?.type ?? 'RollingUpdate';
    const what = specChanges(base.spec?.template, next.spec?.template).map(p => `template.${p}`).join(', ');
    if (strategy === 'OnDelete') {
      out.push({ consequence: 'applied', detail: `${display(next)}: the pod template changed (${what}); with updateStrategy OnDelete no pod restarts until it is deleted` });
    } else {
      const partition = next.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
      const order = pods(partition, Math.min(oldReplicas, newReplicas)).reverse();
      out.push({
        consequence: 'rolling-restart',
        detail: `${display(next)}: the pod template changed (${what}); the StatefulSet controller restarts ${order.join(', ')} in that order, one at a time, each after the previous one is Ready`,
      });
    }
  }
  return out;
}

function claimTemplateRisks(base: K8sObject, next: K8sObject): Finding[] {
  const claims = (o: K8sObject) => new Map<string, any>((o.spec?.volumeClaimTemplates ?? []).map((c: any) => [c.metadata?.name, c]));
  const before = claims(base);
  const after = claims(next);
  const out: Finding[] = [];
  for (const [name, c] of before) {
    const n = after.get(name);
    if (!n) {
      out.push({ consequence: 'data-at-risk', detail: `${display(next)}: volume claim template ${name} is removed: the pods no longer mount the data they kept there` });
      continue;
    }
    const was = bytes(at(c, 'spec.resources.requests.storage'));
    const now = bytes(at(n, 'spec.resources.requests.storage'));
    if (was !== undefined && now !== undefined && now < was) {
      out.push({ consequence: 'data-at-risk', detail: `${display(next)}: claim ${name} shrinks from ${c.spec.resources.requests.storage} to ${n.spec.resources.requests.storage}: volumes never shrink` });
    }
    if (JSON.stringify(c.spec?.storageClassName) !== JSON.stringify(n.spec?.storageClassName)) {
      out.push({ consequence: 'data-at-risk', detail: `${display(next)}: claim ${name} moves to StorageClass ${n.spec?.storageClassName ?? '(default)'}: new pods would start on empty volumes` });
    }
  }
  return out;
}

function deployment(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  if (JSON.stringify(base.spec?.selector) !== JSON.stringify(next.spec?.selector)) {
    out.push({ consequence: 'rejected', detail: `${display(next)}: spec.selector is immutable`, wayOut: `kubectl delete deployment -n ${next.metadata.namespace} ${next.metadata.name}, then apply` });
  }
  if (JSON.stringify(base.spec?.template) !== JSON.stringify(next.spec?.template)) {
    const what = specChanges(base.spec?.template, next.spec?.template).map(p => `template.${p}`).join(', ');
    out.push({ consequence: 'rolling-restart', detail: `${display(next)}: the pod template changed (${what}); the Deployment replaces its ${next.spec?.replicas ?? 1} pod(s) (RollingUpdate: 25% surge, 25% unavailable)` });
  }
  if ((base.spec?.replicas ?? 1) !== (next.spec?.replicas ?? 1)) {
    out.push({ consequence: 'applied', detail: `${display(next)} scales from ${base.spec?.replicas ?? 1} to ${next.spec?.replicas ?? 1} pods` });
  }
  return out;
}

function job(base: K8sObject, next: K8sObject): Finding[] {
  if (JSON.stringify(base.spec?.template) !== JSON.stringify(next.spec?.template) || JSON.stringify(base.spec?.selector) !== JSON.stringify(next.spec?.selector)) {
    return [{ consequence: 'rejected', detail: `${display(next)}: spec.template is immutable (a Job runs its pod template once)`,
      wayOut: `kubectl delete job -n ${next.metadata.namespace} ${next.metadata.name}, then apply; or give the Job a name that changes with its template` }];
  }
  return [];
}

function pod(base: K8sObject, next: K8sObject): Finding[] {
  if (forbiddenPodChange(base.spec, next.spec)) {
    return [{ consequence: 'rejected', detail: `${display(next)}: pod updates may not change fields other than images, activeDeadlineSeconds and tolerations`,
      wayOut: `kubectl delete pod -n ${next.metadata.namespace} ${next.metadata.name}, then apply (or run it as a Deployment)` }];
  }
  return JSON.stringify(base.spec) === JSON.stringify(next.spec) ? [] : [{ consequence: 'rolling-restart', detail: `${display(next)}: the container image changed; the kubelet restarts the container` }];
}

function service(base: K8sObject, next: K8sObject): Finding[] {
  if (base.spec?.clusterIP !== undefined && base.spec?.clusterIP !== next.spec?.clusterIP) {
    return [{ consequence: 'rejected', detail: `${display(next)}: spec.clusterIP is immutable`, wayOut: `kubectl delete service -n ${next.metadata.namespace} ${next.metadata.name}, then apply` }];
  }
  return [];
}

function persistentVolumeClaim(base: K8sObject, next: K8sObject): Finding[] {
  const was = bytes(at(base, 'spec.resources.requests.storage'));
  const now = bytes(at(next, 'spec.resources.requests.storage'));
  const other = specChanges(base.spec, next.spec).filter(p => p !== 'resources.requests.storage');
  const out: Finding[] = [];
  if (was !== undefined && now !== undefined && now < was) {
    out.push({ consequence: 'rejected', detail: `${display(next)}: claims never shrink (${base.spec.resources.requests.storage} → ${next.spec.resources.requests.storage})`, wayOut: 'keep the size, or move the data to a new claim' });
  } else if (was !== now) {
    out.push({ consequence: 'applied', detail: `${display(next)} grows to ${next.spec.resources.requests.storage} where its StorageClass allows volume expansion` });
  }
  if (other.length) out.push({ consequence: 'rejected', detail: `${display(next)}: spec.${other.join(', spec.')} of a bound claim is immutable`, wayOut: 'create a new claim and move the data' });
  return out;
}

function configMap(base: K8sObject, next: K8sObject, context: PlanContext): Finding[] {
  const out: Finding[] = [...serverPropertiesChanges(base, next)];
  const users = [...context.next.values()].filter(o => ['StatefulSet', 'Deployment'].includes(o.kind) && o.metadata.namespace === next.metadata.namespace
    && JSON.stringify(o.spec?.template?.spec?.volumes ?? []).includes(`"name":"${next.metadata.name}"`));
  const unrolled = users.filter(u => {
    const b = findSame(context.base, u);
    return b !== undefined && JSON.stringify(b.spec?.template) === JSON.stringify(u.spec?.template);
  });
  const keys = changedPaths(base.data ?? {}, next.data ?? {}).join(', ');
  out.push({
    consequence: 'applied',
    detail: `${display(next)}: ${keys || 'data'} changed; mounted copies update in place within about a minute`
      + (unrolled.length ? `, but ${unrolled.map(display).join(', ')} read them only at start and their pod template did not change: they keep the old values until restarted` : ''),
  });
  return out;
}

function findSame(objects: ReadonlyMap<string, K8sObject>, o: K8sObject): K8sObject | undefined {
  return [...objects.values()].find(x => x.kind === o.kind && x.metadata.name === o.metadata.name && x.metadata.namespace === o.metadata.namespace);
}

const HANDLERS: { readonly [kind: string]: Handler } = {
  StatefulSet: statefulSet,
  Deployment: deployment,
  Job: job,
  Pod: pod,
  Service: service,
  PersistentVolumeClaim: persistentVolumeClaim,
  ConfigMap: configMap,
  Kafka: strimziKafkaFindings,
  KafkaNodePool: strimziPoolFindings,
  KafkaTopic: strimziTopicFindings,
};
