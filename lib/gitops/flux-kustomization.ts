import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { validateDnsLabel, validateDnsSubdomain } from '../kafka/names';
import { l1 } from '../l1-shape';
import { fluxKustomization } from './flux-l1';
import { validateFluxDuration, validateSourcePath } from './flux-validation';
import { enterConstruct } from '../kafka/construct-entry';

/** The kind of Flux source a Kustomization reads its manifests from. */
export enum FluxSourceKind {
  /** `source.toolkit.fluxcd.io/v1` GitRepository (what `flux bootstrap` creates). */
  GIT_REPOSITORY = 'GitRepository',
  /** `source.toolkit.fluxcd.io/v1` OCIRepository (manifests pushed with `flux push artifact`). */
  OCI_REPOSITORY = 'OCIRepository',
  /** `source.toolkit.fluxcd.io/v1` Bucket. */
  BUCKET = 'Bucket',
}

/** Where a Flux Kustomization reads its manifests from. */
export interface FluxSourceOptions {
  /**
   * Kind of the source.
   * @default FluxSourceKind.GIT_REPOSITORY
   */
  readonly sourceKind?: FluxSourceKind;
  /**
   * Name of the source object.
   * @default 'flux-system' (the GitRepository `flux bootstrap` creates)
   */
  readonly sourceName?: string;
  /**
   * Namespace of the source object.
   * @default the Kustomization's namespace
   */
  readonly sourceNamespace?: string;
}

/** Reconciliation settings shared by every stage Kustomization. */
export interface FluxReconcileOptions extends FluxSourceOptions {
  /**
   * Namespace of the Kustomization objects (where Flux runs).
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * How often Flux re-applies the folder (also corrects drift).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How long to wait before retrying a failed reconciliation.
   * @default '1m'
   */
  readonly retryInterval?: string;
  /**
   * How long apply plus health checks may take.
   * @default '10m'
   */
  readonly timeout?: string;
  /**
   * Delete objects that disappear from the folder.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Wait until every applied object is ready (HelmRelease, StatefulSet, Kafka CR …) before
   * the Kustomization is Ready, so that stages depending on it start only then.
   * @default true
   */
  readonly wait?: boolean;
}

/** Props of {@link FluxKustomization}. */
export interface FluxKustomizationProps extends FluxReconcileOptions {
  /**
   * Path of the folder inside the source, e.g. `./dist/cluster`.
   */
  readonly path: string;
  /**
   * Name of the Kustomization object.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * Kustomizations that must be ready before this one is applied.
   * @default none
   */
  readonly dependsOn?: readonly FluxKustomization[];
}

/**
 * A Flux `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`): applies one folder of a Flux
 * source, after the Kustomizations it depends on are ready.
 */
export class FluxKustomization extends Construct {
  /** Object name. */
  public readonly name: string;
  /** Object namespace. */
  public readonly namespace: string;
  /** The ApiObject. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    super(scope, id);
    enterConstruct(this, props);
    this.name = validateDnsSubdomain(this, 'name', props.name ?? id);
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? 'flux-system');
    const path = validateSourcePath(this, 'path', props.path);
    const interval = validateFluxDuration(this, 'interval', props.interval ?? '10m');
    const retryInterval = validateFluxDuration(this, 'retryInterval', props.retryInterval ?? '1m');
    const timeout = validateFluxDuration(this, 'timeout', props.timeout ?? '10m');
    const sourceName = validateDnsSubdomain(this, 'sourceName', props.sourceName ?? 'flux-system');
    if (props.sourceNamespace !== undefined) validateDnsLabel(this, 'sourceNamespace', props.sourceNamespace);
    const dependsOn = (props.dependsOn ?? []).map(d => (d.namespace === this.namespace
      ? { name: d.name }
      : { name: d.name, namespace: d.namespace }));

    this.resource = new fluxKustomization.Kustomization(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: l1<fluxKustomization.KustomizationSpec>({
        ...(dependsOn.length ? { dependsOn } : {}),
        interval,
        retryInterval,
        timeout,
        path,
        prune: props.prune ?? true,
        wait: props.wait ?? true,
        sourceRef: {
          kind: props.sourceKind ?? FluxSourceKind.GIT_REPOSITORY,
          name: sourceName,
          ...(props.sourceNamespace !== undefined ? { namespace: props.sourceNamespace } : {}),
        },
      }),
    });
  }
}
