import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../kafka/errors';

/**
 * The step in which a chart's objects are applied to a cluster.
 *
 * Stages exist because custom resources cannot be applied before the operator that installs
 * their CRDs runs (Strimzi CRs before the Strimzi HelmRelease is ready). In plain output each
 * stage that needs its own `kubectl apply` gets its own folder; in Flux output each stage is a
 * Flux `Kustomization` that `dependsOn` the previous one.
 */
export enum ApplyStage {
  /** Operators and the CRDs they install (e.g. `StrimziOperator`, a Flux HelmRelease). */
  OPERATOR = 'operator',
  /** The Kafka cluster itself. The default for charts that declare no stage. */
  CLUSTER = 'cluster',
  /** What runs against the cluster: topics, users, clients, sample apps. */
  APPS = 'apps',
}

/** Every stage, in apply order. */
export const APPLY_STAGE_ORDER: readonly ApplyStage[] = [ApplyStage.OPERATOR, ApplyStage.CLUSTER, ApplyStage.APPS];

// Global symbols (not module-local state) so two copies of the library in one app still agree.
const STAGE = Symbol.for('cdk8s-kafka.apply-stage');
const STAGE_SOURCE = Symbol.for('cdk8s-kafka.apply-stage-source');
const PROVIDES = Symbol.for('cdk8s-kafka.provided-api-groups');

/** An API group whose CRDs an operator in a chart installs. */
export interface ProvidedApiGroup {
  /** The API group, e.g. `kafka.strimzi.io`. */
  readonly group: string;
  /** Construct path of the construct that installs its CRDs. */
  readonly by: string;
}

interface StagedChart {
  [STAGE]?: ApplyStage;
  [STAGE_SOURCE]?: string;
  [PROVIDES]?: { group: string; by: string }[];
}

/**
 * Places charts into apply stages. One line per chart in a flavour builder:
 *
 * ```ts
 * const apps = ApplyStages.assign(new Chart(app, 'sample'), ApplyStage.APPS);
 * ```
 *
 * A chart without a stage is in {@link ApplyStage.CLUSTER}.
 */
export class ApplyStages {
  /**
   * Puts `chart` into `stage` and returns the chart.
   * Fails when the chart was already placed into a different stage (for example by a
   * `StrimziOperator` inside it), because then one of the two placements would be silently lost.
   */
  public static assign<T extends Chart>(chart: T, stage: ApplyStage, source = 'ApplyStages.assign'): T {
    if (!APPLY_STAGE_ORDER.includes(stage)) {
      fail(chart, 'stage', stage, APPLY_STAGE_ORDER.join(', '), 'use one of the ApplyStage enum values');
    }
    const c = chart as unknown as StagedChart;
    const current = c[STAGE];
    if (current !== undefined && current !== stage) {
      fail(chart, 'stage', stage, `"${current}" (already set by ${c[STAGE_SOURCE]})`,
        `keep one stage per chart: move the constructs that belong to stage "${stage}" into a chart of their own`);
    }
    c[STAGE] = stage;
    c[STAGE_SOURCE] = c[STAGE_SOURCE] ?? source;
    return chart;
  }

  /** The stage of `chart` ({@link ApplyStage.CLUSTER} unless assigned). */
  public static of(chart: Chart): ApplyStage {
    return (chart as unknown as StagedChart)[STAGE] ?? ApplyStage.CLUSTER;
  }

  /** Whether a stage was assigned to `chart` explicitly. */
  public static isAssigned(chart: Chart): boolean {
    return (chart as unknown as StagedChart)[STAGE] !== undefined;
  }

  /**
   * Records that the chart of `scope` installs the CRDs of these API groups (an operator does),
   * so the output writer can refuse objects of those groups in the same or an earlier stage:
   * `kubectl apply` and Flux would fail on them with "no matches for kind".
   */
  public static declareProvidedApiGroups(scope: IConstruct, groups: string[]): void {
    const chart = Chart.of(scope) as unknown as StagedChart;
    const list = chart[PROVIDES] ?? (chart[PROVIDES] = []);
    for (const group of groups) list.push({ group, by: scope.node.path });
  }

  /** API groups whose CRDs the chart's operators install, with the construct path that installs them. */
  public static providedApiGroups(chart: Chart): ProvidedApiGroup[] {
    return ((chart as unknown as StagedChart)[PROVIDES] ?? []).map(p => ({ ...p }));
  }

  /** Position of a stage in apply order (0 = first). */
  public static indexOf(stage: ApplyStage): number {
    return APPLY_STAGE_ORDER.indexOf(stage);
  }
}
