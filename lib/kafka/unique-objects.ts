import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from './errors';

// Built-in cluster-scoped kinds: the API server ignores a namespace on them (cdk8s sets the chart's).
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'PriorityClass', 'RuntimeClass', 'IngressClass', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration', 'CertificateSigningRequest',
]);

// Kinds whose duplicates a construct prop resolves: the fix names it.
const DUPLICATE_FIX: { readonly [kind: string]: string } = {
  KafkaNodePool: 'KafkaNodePool names are unique per namespace: set nodePoolNames on one of the StrimziClusters (e.g. nodePoolNames: { dualRole: "<its clusterName>" })',
};

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Two objects with the same API group, kind, namespace and name are one object for the API
 * server: applied together, the last one silently replaces the other. Throws a
 * KafkaConfigError at the second one, naming the construct path of the first.
 */
export function checkUniqueObjects(objects: readonly { readonly apiObject: ApiObject; readonly json: any }[]): void {
  const seen = new Map<string, ApiObject>();
  for (const { apiObject, json } of objects) {
    const kind: string = json.kind;
    const ns: string | undefined = CLUSTER_SCOPED.has(kind) ? undefined : json.metadata?.namespace;
    const group = apiGroupOf(json.apiVersion);
    const key = `${group}/${kind}/${ns ?? ''}/${json.metadata?.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, apiObject);
      continue;
    }
    fail(apiObject, 'metadata.name', json.metadata?.name,
      `a name no other ${kind} (API group "${group}")${ns ? ` in namespace "${ns}"` : ''} has, but ${first.node.path} has it too (applied together, the last one replaces the other)`,
      DUPLICATE_FIX[kind] ?? 'rename one of the two objects, or put it in another namespace');
  }
}

const INSTALLED = Symbol.for('cdk8s-kafka.unique-objects-check');

/**
 * Installs the duplicate-object check on the app of `scope`, once: any cdk8s App, not only
 * StagedApp, refuses duplicates at `app.synth()` (a plain App would write both and the second
 * would replace the first at apply). The check throws the KafkaConfigError itself, so that the
 * message is not buried in cdk8s' "Validation failed" list.
 */
export function installUniqueObjectsCheck(scope: IConstruct): void {
  const root = scope.node.root;
  if ((root as any)[INSTALLED]) return;
  Object.defineProperty(root, INSTALLED, { value: true });
  root.node.addValidation({
    validate: () => {
      const apiObjects = root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
      checkUniqueObjects(apiObjects.map(apiObject => ({ apiObject, json: apiObject.toJson() })));
      return [];
    },
  });
}

