import { ApiObject, Chart } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { ApplyStages } from '../gitops/apply-stage';
import { fail, restrictedContainerSecurityContext, validateDnsLabel } from '../kafka';
import { StrimziApiVersion, StrimziVersion } from './strimzi-version';
import { enterConstruct } from '../kafka/construct-entry';

/** Props of {@link StrimziCrdUpgradeJob}. */
export interface StrimziCrdUpgradeJobProps {
  /** The release the operator runs now: 0.49.1, 0.50.1 or 0.51.0 (their operator images ship the conversion tool). */
  readonly version: StrimziVersion;
  /**
   * Namespace the Job runs in (it must exist; Pod Security "restricted" is fine).
   * @default the chart's namespace, else 'strimzi-system'
   */
  readonly namespace?: string;
}

/** Strimzi kinds the tool rewrites, by API group and plural. */
const KINDS: { readonly [group: string]: readonly string[] } = {
  'kafka.strimzi.io': ['kafkas', 'kafkanodepools', 'kafkaconnects', 'kafkaconnectors', 'kafkabridges', 'kafkamirrormaker2s', 'kafkarebalances', 'kafkatopics', 'kafkausers'],
  'core.strimzi.io': ['strimzipodsets'],
};
const CRDS = Object.entries(KINDS).flatMap(([group, plurals]) => plurals.map(p => `${p}.${group}`));
const NAME = 'strimzi-crd-upgrade';
const TOOL = '/opt/v1-api-conversion/bin/v1-api-conversion.sh';
/** Where Kubernetes clients (the tool's fabric8 client too) look for the in-cluster token, CA and namespace. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The last step before a Strimzi operator moves to 1.x: a Job running Strimzi's v1 API
 * conversion tool, `crd-upgrade`, from the official operator image of the running release. It
 * makes `v1` the storage version of every Strimzi CRD, rewrites every Strimzi resource so it is
 * stored as `v1`, and sets each CRD's `status.storedVersions` to `[v1]` — without which the API
 * server refuses the 1.x CRDs, which no longer list `v1beta2`.
 *
 * RBAC is what the command needs and no more: list and update the Strimzi resources, get and
 * patch the ten Strimzi CRDs by name, update their status. Add it only once every Strimzi
 * resource is `v1` (the app renders `v1`, checked at synth; resources made outside the app are
 * converted first with the tool's `convert-resource`), in the chart of the last stage, and remove
 * it together with the step to 1.x (docs/upgrade.md).
 */
export class StrimziCrdUpgradeJob extends Construct {
  /** Namespace of the Job. */
  public readonly namespace: string;
  /** The Job. */
  public readonly job: ApiObject;
  private readonly release: StrimziVersion;

  constructor(scope: Construct, id: string, props: StrimziCrdUpgradeJobProps) {
    super(scope, id);
    enterConstruct(this, props);
    const release = props.version;
    this.release = release;
    if (!(release instanceof StrimziVersion) || !release.servedApiVersions.includes(StrimziApiVersion.V1) || !release.servedApiVersions.includes(StrimziApiVersion.V1BETA2)) {
      fail(this, 'version', release instanceof StrimziVersion ? release.version : release,
        'the release the operator runs while it serves v1beta2 and v1: StrimziVersion.V0_49_1, V0_50_1 or V0_51_0 (their operator images ship the conversion tool)',
        'upgrade the operator to 0.49.1, 0.50.1 or 0.51.0 and render v1 first; on 1.x the step is done (docs/upgrade.md)');
    }
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? Chart.of(this).namespace ?? 'strimzi-system');
    const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/version': release.version, 'app.kubernetes.io/managed-by': 'cdk8s-kafka' };
    const account = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: NAME, namespace: this.namespace, labels } });
    const role = new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: NAME, labels },
      rules: [
        ...Object.entries(KINDS).map(([group, resources]) => ({ apiGroups: [group], resources: [...resources], verbs: ['get', 'list', 'update'] })),
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: CRDS, verbs: ['get', 'patch'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions/status'], resourceNames: CRDS, verbs: ['get', 'update'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: NAME, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: account.name, namespace: this.namespace }],
    });
    this.job = new k8s.KubeJob(this, 'Resource', {
      metadata: { name: NAME, namespace: this.namespace, labels },
      spec: {
        backoffLimit: 3,
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: account.name,
            // The one container that talks to the API server mounts the token itself (what automounting would do).
            automountServiceAccountToken: false,
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'crd-upgrade',
              image: `quay.io/strimzi/operator:${release.version}`,
              command: [TOOL, 'crd-upgrade'],
              securityContext: restrictedContainerSecurityContext(),
              resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('512Mi') }, limits: { memory: k8s.Quantity.fromString('512Mi') } },
              // The JVM writes to /tmp; the root filesystem stays read-only.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'api-access', mountPath: SERVICE_ACCOUNT_DIR, readOnly: true }],
            }],
            volumes: [
              { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
              {
                name: 'api-access',
                projected: {
                  sources: [
                    { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
                    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                    { downwardApi: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
                  ],
                },
              },
            ],
          },
        },
      },
    });
    this.node.addValidation({ validate: () => { this.checkApp(); return []; } });
  }

  /** Every Strimzi resource of the app must be v1 and applied before the Job (stage order). */
  private checkApp(): void {
    const stage = ApplyStages.indexOf(ApplyStages.of(Chart.of(this)));
    for (const c of this.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(c) || !c.apiVersion.startsWith('kafka.strimzi.io/')) continue;
      if (c.apiVersion !== StrimziApiVersion.V1) {
        fail(c, 'apiVersion', c.apiVersion, `${StrimziApiVersion.V1} while ${this.node.path} rewrites every Strimzi resource as v1 (v1beta2-only fields would be pruned)`,
          `render v1 first (version: ${this.release}.withApiVersion(StrimziApiVersion.V1)) and apply it, then add the Job`);
      }
      if (ApplyStages.indexOf(ApplyStages.of(Chart.of(c))) > stage) {
        fail(this, 'stage', ApplyStages.of(Chart.of(this)), `the stage of the last Strimzi resources ("${ApplyStages.of(Chart.of(c))}", ${c.node.path}) or a later one`,
          'create the Job in the chart of the last stage (e.g. the apps chart), so it runs after every resource is written as v1');
      }
    }
  }
}
