import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { ApplyStage, ApplyStages } from '../gitops/apply-stage';
import { fluxHelmRelease, fluxHelmRepository, fluxOciRepository } from '../gitops/flux-l1';
import { validateFluxDuration } from '../gitops/flux-validation';
import { fail } from '../kafka/errors';
import { validateDnsLabel } from '../kafka/names';
import { l1, Shape } from '../l1-shape';
import { checkWatchedResources } from './strimzi-operator-compat';
import { StrimziVersion } from './strimzi-version';
import { enterConstruct } from '../kafka/construct-entry';

/** Where Flux pulls the `strimzi-kafka-operator` Helm chart from. */
export enum StrimziChartRepository {
  /** The classic Helm repository `https://strimzi.io/charts/` (Flux `HelmRepository`). */
  HELM = 'helm',
  /** The OCI artifact `oci://quay.io/strimzi-helm/strimzi-kafka-operator` (Flux `OCIRepository` + `chartRef`). */
  OCI = 'oci',
}

/** Props of {@link StrimziOperator}. */
export interface StrimziOperatorProps {
  /**
   * Strimzi release; the Helm chart version is the release version.
   * @default StrimziVersion.V1_2_0
   */
  readonly version?: StrimziVersion;
  /**
   * Namespace the operator runs in (created unless `createNamespace` is false).
   * @default 'strimzi-system'
   */
  readonly namespace?: string;
  /**
   * Create the operator's Namespace (labelled Pod Security "restricted").
   * Set to false when the namespace is created elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Namespaces (besides its own) in which the operator manages Kafka resources.
   * @default none: the operator watches only its own namespace
   */
  readonly watchNamespaces?: readonly string[];
  /**
   * Watch every namespace of the cluster (the chart then creates ClusterRoleBindings).
   * @default false
   */
  readonly watchAnyNamespace?: boolean;
  /**
   * Where the chart comes from.
   * @default StrimziChartRepository.HELM
   */
  readonly repository?: StrimziChartRepository;
  /**
   * How often Flux checks the chart source and reconciles the release.
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * Extra Helm values, deep-merged over the defaults (objects merge, other values replace).
   * `watchNamespaces` and `watchAnyNamespace` are set through the props of the same name.
   * @default none
   */
  readonly values?: { readonly [key: string]: any };
}

/** The HelmRelease fields that name the chart's source. */
type ChartSource = Pick<Shape<fluxHelmRelease.HelmReleaseSpec>, 'chart' | 'chartRef'>;

/** Name of the operator's Helm chart (and of the HelmRelease). */
const CHART = 'strimzi-kafka-operator';
const HELM_URL = 'https://strimzi.io/charts/';
const OCI_URL = 'oci://quay.io/strimzi-helm/strimzi-kafka-operator';
/** Media type of a Helm chart layer in an OCI artifact; Flux must copy it rather than extract it. */
const HELM_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** API groups whose CRDs the chart installs. */
const STRIMZI_API_GROUPS = ['kafka.strimzi.io', 'core.strimzi.io'];

/**
 * Installs the Strimzi cluster operator with Flux: a Namespace, a `HelmRepository` (or an
 * `OCIRepository`) and a `HelmRelease` of the `strimzi-kafka-operator` chart at the chosen
 * Strimzi release, which installs and upgrades the CRDs (`CreateReplace`).
 *
 * Its chart is placed into {@link ApplyStage.OPERATOR}: Strimzi custom resources must live in
 * another chart of a later stage, which the output writer checks.
 */
export class StrimziOperator extends Construct {
  /** Namespace the operator runs in. */
  public readonly namespace: string;
  /** Strimzi release. */
  public readonly version: StrimziVersion;
  /** Namespaces the operator watches besides its own (`['*']` when it watches all). */
  public readonly watchedNamespaces: readonly string[];
  /** The Flux HelmRelease. */
  public readonly helmRelease: ApiObject;

  constructor(scope: Construct, id: string, props: StrimziOperatorProps = {}) {
    super(scope, id);
    enterConstruct(this, props);
    this.version = props.version ?? StrimziVersion.V1_2_0;
    if (!(this.version instanceof StrimziVersion)) {
      fail(this, 'version', props.version, StrimziVersion.ALL.map(String).join(', '), 'pass one of the StrimziVersion static instances');
    }
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? 'strimzi-system');
    const interval = validateFluxDuration(this, 'interval', props.interval ?? '10m');
    const repository = props.repository ?? StrimziChartRepository.HELM;
    if (!Object.values(StrimziChartRepository).includes(repository)) {
      fail(this, 'repository', repository, Object.values(StrimziChartRepository).join(', '), 'use StrimziChartRepository.HELM or StrimziChartRepository.OCI');
    }
    const watchAny = props.watchAnyNamespace ?? false;
    const watch = this.validateWatchNamespaces(props.watchNamespaces, watchAny);
    this.watchedNamespaces = watchAny ? ['*'] : watch;
    const userValues = props.values ?? {};
    for (const key of ['watchNamespaces', 'watchAnyNamespace']) {
      if (Object.prototype.hasOwnProperty.call(userValues, key)) {
        fail(this, `values.${key}`, userValues[key], `the ${key} prop`, `remove ${key} from values and set the ${key} prop of StrimziOperator instead`);
      }
    }

    const chart = Chart.of(this);
    if (ApplyStages.isAssigned(chart) && ApplyStages.of(chart) !== ApplyStage.OPERATOR) {
      fail(this, 'stage', ApplyStages.of(chart), `a chart in stage "${ApplyStage.OPERATOR}"`,
        'create StrimziOperator in a chart of its own; it is placed into ApplyStage.OPERATOR automatically');
    }
    ApplyStages.assign(chart, ApplyStage.OPERATOR, `StrimziOperator ${this.node.path}`);
    ApplyStages.declareProvidedApiGroups(this, STRIMZI_API_GROUPS);
    // At synth, once every construct exists: what this release refuses of the resources it watches.
    this.node.addValidation({ validate: () => { checkWatchedResources(this); return []; } });

    const labels = {
      'app.kubernetes.io/name': CHART,
      'app.kubernetes.io/version': this.version.version,
      'app.kubernetes.io/managed-by': 'cdk8s-kafka',
    };
    if (props.createNamespace ?? true) this.renderNamespace(labels);
    const metadata = (name: string) => ({ name, namespace: this.namespace, labels });
    const chartSource = this.chartSource(repository, interval, metadata);
    const defaults = {
      ...(watch.length ? { watchNamespaces: watch } : {}),
      watchAnyNamespace: watchAny,
      // The chart renders these into the operator Deployment: Pod Security "restricted".
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      },
    };

    this.helmRelease = new fluxHelmRelease.HelmRelease(this, 'Resource', {
      metadata: metadata(CHART),
      spec: l1<fluxHelmRelease.HelmReleaseSpec>({
        interval,
        ...chartSource,
        // Helm never upgrades CRDs by itself; without CreateReplace a Strimzi upgrade keeps old CRDs.
        install: { crds: 'CreateReplace', remediation: { retries: 3 } },
        upgrade: { crds: 'CreateReplace', remediation: { retries: 3 } },
        values: deepMerge(defaults, userValues),
      }),
    });
  }

  /** The operator's Namespace, enforcing Pod Security "restricted" (the chart's operator pod satisfies it). */
  private renderNamespace(labels: { [key: string]: string }): void {
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: this.namespace,
        labels: {
          ...labels,
          // The operator pod satisfies "restricted" with the values below; enforce it.
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
  }

  /** The Flux source of the chart (HelmRepository or OCIRepository) and the HelmRelease's reference to it. */
  private chartSource(repository: StrimziChartRepository, interval: string, metadata: (name: string) => k8s.ObjectMeta): ChartSource {
    if (repository === StrimziChartRepository.HELM) {
      const repo = new fluxHelmRepository.HelmRepository(this, 'HelmRepository', {
        metadata: metadata('strimzi'),
        spec: { url: HELM_URL, interval },
      });
      return {
        chart: {
          spec: {
            chart: CHART,
            version: this.version.version,
            sourceRef: { kind: 'HelmRepository', name: repo.name },
            interval,
          },
        },
      };
    } else {
      const repo = new fluxOciRepository.OciRepository(this, 'OCIRepository', {
        metadata: metadata(CHART),
        spec: l1<fluxOciRepository.OciRepositorySpec>({
          url: OCI_URL,
          ref: { tag: this.version.version },
          layerSelector: { mediaType: HELM_LAYER_MEDIA_TYPE, operation: 'copy' },
          interval,
        }),
      });
      return { chartRef: { kind: 'OCIRepository', name: repo.name } };
    }
  }

  private validateWatchNamespaces(given: readonly string[] | undefined, watchAny: boolean): string[] {
    if (given === undefined) return [];
    if (!Array.isArray(given)) {
      fail(this, 'watchNamespaces', given, 'a list of namespace names', 'pass e.g. watchNamespaces: ["kafka"]');
    }
    if (watchAny && given.length > 0) {
      fail(this, 'watchNamespaces', given, 'no list when watchAnyNamespace is true',
        'either remove watchNamespaces (watch every namespace) or set watchAnyNamespace: false');
    }
    if (!watchAny && given.length === 0) {
      fail(this, 'watchNamespaces', given, 'at least one namespace, or watchAnyNamespace: true',
        `list the namespaces of your Kafka clusters (e.g. ["kafka"]), set watchAnyNamespace: true, or omit watchNamespaces to watch only "${this.namespace}"`);
    }
    const seen = new Set<string>();
    given.forEach((ns, i) => {
      validateDnsLabel(this, `watchNamespaces[${i}]`, ns);
      if (ns === this.namespace) {
        // The chart always watches its own namespace; listing it again makes Helm create duplicate RoleBindings.
        fail(this, `watchNamespaces[${i}]`, ns, `namespaces other than the operator's own ("${this.namespace}")`,
          `remove "${ns}" from watchNamespaces: the operator always watches its own namespace`);
      }
      if (seen.has(ns)) {
        fail(this, `watchNamespaces[${i}]`, ns, 'each namespace once', `remove the duplicate "${ns}"`);
      }
      seen.add(ns);
    });
    return [...given];
  }
}

function isPlainObject(v: unknown): v is { [key: string]: any } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: { [key: string]: any }, over: { readonly [key: string]: any }): { [key: string]: any } {
  const out: { [key: string]: any } = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}
