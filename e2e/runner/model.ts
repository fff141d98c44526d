// The objects the runner reads: plain Kubernetes YAML from a folder (as `kubectl apply -f DIR`).
// Pure helpers: loading, identity, label selectors, quantities, template hashes.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as YAML gives it (only the fields the runner reads are typed). */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels };
  readonly spec?: any;
  readonly data?: { [key: string]: string };
  readonly stringData?: { [key: string]: string };
  readonly binaryData?: { [key: string]: string };
}

export type Labels = { [key: string]: string };

/** Kinds the runner runs, and kinds it reads but does not emulate (listed in e2e/README.md). */
export const RUN_KINDS = ['Namespace', 'ConfigMap', 'Secret', 'Service', 'StatefulSet', 'Deployment', 'Job', 'Pod'];
export const IGNORED_KINDS = ['NetworkPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolumeClaim'];

/** Every object of the .yaml/.yml files of `dir`, files in name order (as kubectl applies a folder). */
export function loadManifests(dir: string): K8sObject[] {
  const files = fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  const out: K8sObject[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      if (doc.errors.length) throw new Error(`${f}: ${doc.errors[0].message}`);
      const o = doc.toJSON();
      if (o === null || o === undefined) continue;
      if (!o.kind || !o.metadata?.name) throw new Error(`${f}: an object without kind or metadata.name`);
      out.push(o as K8sObject);
    }
  }
  return out;
}

/** `Kind/namespace/name` (cluster-scoped kinds have no namespace). */
export function keyOf(o: K8sObject): string {
  return `${o.kind}/${o.kind === 'Namespace' ? '' : o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

export function namespaceOf(o: K8sObject): string {
  return o.metadata.namespace ?? 'default';
}

/** A label selector (`matchLabels` and `matchExpressions`, or a Service's plain map). */
export function matches(selector: any, labels: Labels | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  const matchLabels: Labels = selector.matchLabels ?? (selector.matchExpressions ? {} : selector);
  for (const [k, v] of Object.entries(matchLabels)) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const UNITS: { [suffix: string]: number } = {
  '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4, 'm': 1e-3,
};

/** Bytes (or cores) of a Kubernetes quantity such as "2Gi", "512M", "500m", 1024. */
export function quantity(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(e[0-9]+)?([a-zA-Z]*)$/.exec(q.trim());
  if (!m || !(m[3] in UNITS)) throw new Error(`not a quantity: ${JSON.stringify(q)}`);
  return Math.round(Number(m[1] + (m[2] ?? '')) * UNITS[m[3]]);
}

/** A short stable hash of a value (the runner's controller-revision / pod-template-hash). */
export function templateHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);
}

/** Five random lowercase letters/digits as the ReplicaSet and Job controllers append to pod names. */
export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

/** Refuses what the runner cannot emulate honestly, before anything runs. */
export function refuseUnsupported(objects: readonly K8sObject[]): void {
  for (const o of objects) {
    if (!RUN_KINDS.includes(o.kind) && !IGNORED_KINDS.includes(o.kind)) {
      throw new Error(`${keyOf(o)}: kind ${o.kind} (${o.apiVersion}) is not run by the e2e runner (it runs ${RUN_KINDS.join(', ')})`);
    }
    if (o.kind === 'Service') {
      for (const p of o.spec?.ports ?? []) {
        const target = p.targetPort ?? p.port;
        if (target !== p.port) {
          throw new Error(`${keyOf(o)}: port ${p.port} → targetPort ${target}: the runner resolves Service names to pod IPs (no virtual IP, no port mapping), so a Service port that differs from its targetPort cannot be emulated`);
        }
      }
      if (o.spec?.type && o.spec.type !== 'ClusterIP') {
        // NodePort and LoadBalancer Services are reachable inside the cluster by name as well; node ports are not emulated.
      }
    }
  }
}
