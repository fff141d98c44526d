// Kubernetes objects of a synthesized folder, keyed the way the API server identifies them.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: { [k: string]: string }; readonly annotations?: { [k: string]: string } };
  readonly spec?: any;
  readonly data?: { [k: string]: string };
  readonly [field: string]: any;
}

/** Kinds without a namespace. */
const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PersistentVolume'];

/** API group of an apiVersion (`apps/v1` → `apps`, `v1` → core ``). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Identity of an object across versions of its API: group, kind, namespace, name. */
export function identity(o: K8sObject): string {
  const ns = CLUSTER_SCOPED.includes(o.kind) ? '' : o.metadata.namespace ?? 'default';
  return `${groupOf(o.apiVersion)}/${o.kind}/${ns}/${o.metadata.name}`;
}

/** `Kind namespace/name` for messages. */
export function display(o: K8sObject): string {
  return CLUSTER_SCOPED.includes(o.kind) ? `${o.kind} ${o.metadata.name}` : `${o.kind} ${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

/**
 * Every object of every .yaml/.yml file under `dir` (recursively: the Flux layout has stage folders),
 * by identity. kustomization.yaml files configure kustomize and are not API objects.
 */
export function loadFolder(dir: string): Map<string, K8sObject> {
  const out = new Map<string, K8sObject>();
  if (!fs.existsSync(dir)) throw new Error(`plan: no folder ${dir} (synthesize it first, e.g. npm run synth, or pass --base DIR)`);
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /\.ya?ml$/.test(f) && path.basename(f) !== 'kustomization.yaml').sort();
  for (const f of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      if (doc.errors.length) throw new Error(`plan: ${path.join(dir, f)}: ${doc.errors[0].message}`);
      const o = doc.toJSON();
      if (!o || !o.kind || !o.metadata?.name) continue;
      out.set(identity(o), o);
    }
  }
  return out;
}

/** The leaf paths where two JSON values differ (`spec.template.spec.containers[0].image`). */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [prefix || '(root)'];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [prefix || '(root)'];
    return a.flatMap((x, i) => changedPaths(x, b[i], `${prefix}[${i}]`));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  return keys.flatMap(k => changedPaths(ao[k], bo[k], prefix ? `${prefix}.${k}` : k));
}

/** The value at a dotted path (`spec.template.spec`). */
export function at(o: unknown, dotted: string): any {
  return dotted.split('.').reduce<any>((v, k) => (v === undefined || v === null ? undefined : v[k]), o);
}
