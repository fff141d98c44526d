import { ApiObject, App, Chart, DependencyGraph, Names, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../kafka/errors';
import { validateDnsLabel } from '../kafka/names';
import { checkUniqueObjects as checkUniqueApiObjects } from '../kafka/unique-objects';
import { APPLY_STAGE_ORDER, ApplyStage, ApplyStages } from './apply-stage';
import { FluxKustomization, FluxReconcileOptions } from './flux-kustomization';
import { joinSourcePath, validateSourcePath } from './flux-validation';

/** How the output directory is laid out. */
export enum OutputFormat {
  /**
   * For `kubectl apply`: flat files that sort in apply order (`kubectl apply -f dist/`), or one
   * numbered folder per stage (`dist/1-operator/`, `dist/2-cluster/`, `dist/3-apps/`) when an
   * operator must install CRDs first.
   */
  PLAIN = 'plain',
  /**
   * For a Flux repository: one folder per stage with a `kustomization.yaml`, and Flux
   * `Kustomization` objects chaining the stages with `dependsOn` (`dist/kustomization.yaml`).
   */
  FLUX = 'flux',
}

/** Options of the Flux layout. */
export interface FluxLayoutOptions extends FluxReconcileOptions {
  /**
   * Path of the output directory inside the Flux source (Git repository), from its root.
   * Each stage Kustomization gets `path: <path>/<stage>`.
   * @default './dist'
   */
  readonly path?: string;
  /**
   * Prefix of the Kustomization names: `<prefix>-operator`, `<prefix>-cluster`, `<prefix>-apps`.
   * @default 'kafka'
   */
  readonly namePrefix?: string;
}

/** Options of {@link StagedOutput.render}. */
export interface StagedOutputOptions {
  /**
   * Layout of the output.
   * @default OutputFormat.PLAIN
   */
  readonly format?: OutputFormat;
  /**
   * Flux settings (used with {@link OutputFormat.FLUX}).
   * @default defaults of {@link FluxLayoutOptions}
   */
  readonly flux?: FluxLayoutOptions;
}

/** One file of the rendered output. */
export interface OutputFile {
  /** Path relative to the output directory, with forward slashes. */
  readonly path: string;
  /** File content. */
  readonly content: string;
}

/** One chart placed into the apply sequence. */
export interface StagedChartInfo {
  /** The chart. */
  readonly chart: Chart;
  /** Its stage. */
  readonly stage: ApplyStage;
  /** Its rendered objects, in apply order. */
  readonly objects: readonly any[];
  /** Its API objects (same order as `objects`). */
  readonly apiObjects: readonly ApiObject[];
}

const MANIFEST_EXT = '.k8s.yaml';
const FLUX_CHART_ID = 'flux-kustomizations';
const FLUX_CHART = Symbol.for('cdk8s-kafka.flux-chart');

// Only kinds whose absence makes `kubectl apply` fail hard are hoisted; everything else keeps
// the construct order cdk8s derived from dependencies.
const KIND_PRIORITY: { readonly [kind: string]: number } = { Namespace: 0, CustomResourceDefinition: 1 };
const priority = (o: any) => KIND_PRIORITY[o.kind] ?? 2;

/**
 * Renders an app's charts grouped by {@link ApplyStage} into a directory layout that applies in
 * order with `kubectl` or with Flux. Deterministic: the same app gives byte-identical files.
 */
export class StagedOutput {
  /**
   * The charts of `app` in apply order (stage, then namespace/CRD holders, then cdk8s' dependency order),
   * after checking that every Namespace and CRD-providing operator comes before what needs it.
   */
  public static plan(app: App): StagedChartInfo[] {
    prepare(app);
    const planned: StagedChartInfo[] = [];
    for (const chart of app.charts) {
      if ((chart as any)[FLUX_CHART]) continue;
      const apiObjects = stableSort(chartApiObjects(chart).map(o => ({ o, json: o.toJson() })), x => priority(x.json));
      if (apiObjects.length === 0) continue;
      planned.push({ chart, stage: ApplyStages.of(chart), objects: apiObjects.map(x => x.json), apiObjects: apiObjects.map(x => x.o) });
    }
    const ordered = stableSort(planned, p => ApplyStages.indexOf(p.stage) * 10 + Math.min(...p.objects.map(priority)));
    checkNamespaceOrder(ordered);
    checkCrdProviders(ordered);
    checkUniqueObjects(ordered);
    return ordered;
  }

  /** Renders the output files of `app` (paths relative to the output directory). */
  public static render(app: App, options: StagedOutputOptions = {}): OutputFile[] {
    const format = options.format ?? OutputFormat.PLAIN;
    if (!Object.values(OutputFormat).includes(format)) {
      fail(app, 'format', format, Object.values(OutputFormat).join(', '), 'use OutputFormat.PLAIN or OutputFormat.FLUX');
    }
    const fluxChart = format === OutputFormat.FLUX ? fluxKustomizationsChart(app, options.flux ?? {}) : undefined;
    const plan = StagedOutput.plan(app);
    const stages = APPLY_STAGE_ORDER.filter(s => plan.some(p => p.stage === s));
    const files: OutputFile[] = [];
    const manifest = (p: StagedChartInfo, index: number) =>
      `${String(index).padStart(4, '0')}-${Names.toDnsLabel(p.chart)}${MANIFEST_EXT}`;

    if (format === OutputFormat.PLAIN) {
      if (!stages.includes(ApplyStage.OPERATOR)) {
        // No CRDs to wait for: one flat folder, file names sort in apply order.
        plan.forEach((p, i) => files.push({ path: manifest(p, i), content: Yaml.stringify(...p.objects) }));
      } else {
        for (const stage of stages) {
          plan.filter(p => p.stage === stage).forEach((p, i) =>
            files.push({ path: `${StagedOutput.plainFolder(stage)}/${manifest(p, i)}`, content: Yaml.stringify(...p.objects) }));
        }
      }
      return files;
    }

    for (const stage of stages) {
      const names = plan.filter(p => p.stage === stage).map((p, i) => {
        const name = manifest(p, i);
        files.push({ path: `${stage}/${name}`, content: Yaml.stringify(...p.objects) });
        return name;
      });
      files.push({ path: `${stage}/kustomization.yaml`, content: kustomizationYaml(names) });
    }
    const kustomizations = buildFluxKustomizations(fluxChart!, stages, options.flux ?? {});
    const fluxFile = `${FLUX_CHART_ID}${MANIFEST_EXT}`;
    files.push({ path: fluxFile, content: Yaml.stringify(...kustomizations.map(k => k.resource.toJson())) });
    files.push({ path: 'kustomization.yaml', content: kustomizationYaml([fluxFile]) });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Folder of a stage in plain output when stages need separate `kubectl apply` steps. */
  public static plainFolder(stage: ApplyStage): string {
    return `${ApplyStages.indexOf(stage) + 1}-${stage}`;
  }

  /**
   * Construct metadata in the format cdk8s-cli reads for validation reports
   * (`construct-metadata.json`), keyed by object name and by `Kind/namespace/name`; a repeated
   * `Kind/namespace/name` gets `#2`, `#3`… so that the validation plugin can name every construct
   * of a duplicate object.
   */
  public static constructMetadata(app: App): string {
    const resources: { [key: string]: { path: string } } = {};
    for (const chart of app.charts) {
      for (const o of chartApiObjects(chart)) {
        resources[o.name] = { path: o.node.path };
        const key = resourceKey(o.kind, o.metadata.namespace, o.name);
        let unique = key;
        for (let n = 2; unique in resources; n++) unique = `${key}#${n}`;
        resources[unique] = { path: o.node.path };
      }
    }
    return JSON.stringify({ version: '1.0.0', resources });
  }
}

/** Key the validation plugin uses to find an object's construct path. */
export function resourceKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ? namespace + '/' : ''}${name}`;
}

function kustomizationYaml(resources: string[]): string {
  return Yaml.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}

function fluxKustomizationsChart(app: App, options: FluxLayoutOptions): Chart {
  const existing = app.node.tryFindChild(FLUX_CHART_ID);
  if (existing) return existing as Chart;
  const chart = new Chart(app, FLUX_CHART_ID);
  Object.defineProperty(chart, FLUX_CHART, { value: true });
  // Validate the layout options up front, with the construct path of the chart.
  validateSourcePath(chart, 'flux.path', options.path ?? './dist');
  validateDnsLabel(chart, 'flux.namePrefix', options.namePrefix ?? 'kafka', 50);
  return chart;
}

function buildFluxKustomizations(chart: Chart, stages: ApplyStage[], options: FluxLayoutOptions): FluxKustomization[] {
  const existing = chart.node.children.filter((c): c is FluxKustomization => c instanceof FluxKustomization);
  if (existing.length) return existing;
  const prefix = options.namePrefix ?? 'kafka';
  const root = options.path ?? './dist';
  const out: FluxKustomization[] = [];
  for (const stage of stages) {
    const { path: _p, namePrefix: _n, ...reconcile } = options;
    out.push(new FluxKustomization(chart, stage, {
      ...reconcile,
      name: `${prefix}-${stage}`,
      path: joinSourcePath(root, stage),
      dependsOn: out.length ? [out[out.length - 1]] : [],
    }));
  }
  return out;
}

function chartApiObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => ApiObject.isApiObject(x))
    .filter(x => Chart.of(x) === chart);
}

function stableSort<T>(items: T[], key: (t: T) => number): T[] {
  return items.map((item, i) => ({ item, i, k: key(item) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map(x => x.item);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** A namespaced object applied before the Namespace the same app creates fails with "namespaces not found". */
function checkNamespaceOrder(plan: StagedChartInfo[]): void {
  const declared = new Map<string, StagedChartInfo>();
  for (const p of plan) for (const o of p.objects) if (o.kind === 'Namespace') declared.set(o.metadata.name, p);
  const created = new Set<string>();
  for (const p of plan) {
    for (const o of p.objects) {
      if (o.kind === 'Namespace') {
        created.add(o.metadata.name);
        continue;
      }
      const ns = o.metadata?.namespace;
      if (ns && declared.has(ns) && !created.has(ns)) {
        const owner = declared.get(ns)!;
        fail(p.chart, 'stage', ApplyStages.of(p.chart),
          `a stage at or after the one of the chart creating Namespace "${ns}" (${owner.chart.node.path}, stage "${owner.stage}")`,
          `${o.kind}/${o.metadata.name} would be applied before its Namespace: put the Namespace in this chart's stage or an earlier one (ApplyStages.assign(chart, ApplyStage.${owner.stage.toUpperCase()}))`);
      }
    }
  }
}

/** Custom resources in the same (or an earlier) stage as the operator installing their CRDs fail with "no matches for kind". */
function checkCrdProviders(plan: StagedChartInfo[]): void {
  const providers = new Map<string, { stage: ApplyStage; by: string }>();
  for (const p of plan) {
    for (const { group, by } of ApplyStages.providedApiGroups(p.chart)) providers.set(group, { stage: p.stage, by });
  }
  if (providers.size === 0) return;
  for (const p of plan) {
    for (const o of p.objects) {
      const provider = providers.get(groupOf(o.apiVersion));
      if (provider && ApplyStages.indexOf(p.stage) <= ApplyStages.indexOf(provider.stage)) {
        fail(p.chart, 'stage', p.stage,
          `a stage after "${provider.stage}", where ${provider.by} installs the CRD of ${o.apiVersion} ${o.kind}`,
          `move ${o.kind}/${o.metadata?.name} into a chart of a later stage (e.g. ApplyStages.assign(chart, ApplyStage.CLUSTER)) and keep the operator in its own chart`);
      }
    }
  }
}

/** Duplicate objects (same group, kind, namespace, name), in apply order: the shared check of lib/kafka. */
function checkUniqueObjects(plan: StagedChartInfo[]): void {
  checkUniqueApiObjects(plan.flatMap(p => p.objects.map((json, i) => ({ apiObject: p.apiObjects[i], json }))));
}

/** Does what cdk8s' App.synth does before writing: validate constructs and turn construct dependencies into chart and object dependencies. */
function prepare(app: App): void {
  const all: IConstruct[] = app.node.findAll();
  const errors: string[] = [];
  for (const c of all) for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  if (errors.length) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) parent.node.addDependency(child);
  }
  const deps = all.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const { source, target } of deps) {
    const s = Chart.of(source);
    const t = Chart.of(target);
    if (s !== t) s.node.addDependency(t);
  }
  for (const { source, target } of deps) {
    const s = Chart.of(source);
    const t = Chart.of(target);
    const targets = target.node.findAll().filter(ApiObject.isApiObject).filter(x => Chart.of(x) === t);
    const sources = source.node.findAll().filter(ApiObject.isApiObject).filter(x => Chart.of(x) === s);
    for (const tgt of targets) for (const src of sources) if (tgt !== src) src.node.addDependency(tgt);
  }
}
