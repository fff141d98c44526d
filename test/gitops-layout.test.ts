import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import {
  ApplyStage, ApplyStages, FluxSourceKind, OutputFile, OutputFormat, StagedApp, StagedAppProps, StagedOutput, stagedAppPropsFromEnv,
} from '../lib/gitops';
import { StrimziOperator } from '../lib/strimzi/strimzi-operator';
import { validateObjects } from '../validation/strict-schema';
import { toolTest } from './support/tools';
import { expectAllValid } from './support/validate';

// A visible skip without kubectl; a failure under CI, which must run the kustomize checks.
const kubectlTest = (name: string, fn: jest.ProvidesCallback) => toolTest(name, ['kubectl'], fn);

function namespace(chart: Chart, name: string) {
  return new ApiObject(chart, `ns-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
function configMap(chart: Chart, name: string, ns = 'kafka') {
  return new ApiObject(chart, `cm-${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { a: 'b' } });
}
function topic(chart: Chart, name: string) {
  return new ApiObject(chart, `topic-${name}`, {
    apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic',
    metadata: { name, namespace: 'kafka', labels: { 'strimzi.io/cluster': 'my-cluster' } },
    spec: { partitions: 3, replicas: 3 },
  });
}

/** A small raw-like app: cluster chart (Namespace declared after a ConfigMap) + apps chart. */
function rawApp(props: StagedAppProps = {}): StagedApp {
  const app = new StagedApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-raw-')), ...props });
  const apps = ApplyStages.assign(new Chart(app, 'sample'), ApplyStage.APPS);
  configMap(apps, 'sample-config');
  const cluster = new Chart(app, 'kafka');
  configMap(cluster, 'broker-config');
  namespace(cluster, 'kafka');
  return app;
}

/** A small Strimzi-like app: operator chart, cluster chart with a CR, apps chart. */
function strimziApp(props: StagedAppProps = {}): StagedApp {
  const app = new StagedApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-strimzi-')), ...props });
  new StrimziOperator(new Chart(app, 'strimzi-operator'), 'strimzi', { watchNamespaces: ['kafka'] });
  const cluster = new Chart(app, 'kafka');
  namespace(cluster, 'kafka');
  topic(cluster, 'internal');
  const apps = ApplyStages.assign(new Chart(app, 'topics'), ApplyStage.APPS);
  topic(apps, 'orders');
  return app;
}

const paths = (files: OutputFile[]) => files.map(f => f.path);
const objectsOf = (files: OutputFile[]) => files.filter(f => f.path.endsWith('.k8s.yaml'))
  .flatMap(f => YAML.parseAllDocuments(f.content).map(d => d.toJSON()).filter(Boolean));

function readTree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('plain output (kubectl apply)', () => {
  test('without an operator: flat files that sort in apply order, Namespace first', () => {
    const files = rawApp().render();
    expect(paths(files)).toEqual(['0000-kafka.k8s.yaml', '0001-sample.k8s.yaml']);
    const objs = expectAllValid(objectsOf(files));
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/kafka', 'ConfigMap/broker-config', 'ConfigMap/sample-config']);
  });

  test('with an operator: one numbered folder per stage, one kubectl apply each', () => {
    const files = strimziApp().render();
    expect(paths(files)).toEqual([
      '1-operator/0000-strimzi-operator.k8s.yaml',
      '2-cluster/0000-kafka.k8s.yaml',
      '3-apps/0000-topics.k8s.yaml',
    ]);
    expectAllValid(objectsOf(files));
  });

  test('a chart holding a Namespace is applied before the other charts of its stage', () => {
    const app = new StagedApp();
    configMap(new Chart(app, 'a-config'), 'first');
    namespace(new Chart(app, 'b-namespace'), 'kafka');
    expect(paths(app.render())).toEqual(['0000-b-namespace.k8s.yaml', '0001-a-config.k8s.yaml']);
  });
});

describe('Flux output', () => {
  const fluxFiles = () => strimziApp({ format: OutputFormat.FLUX }).render();

  test('one folder per stage with a kustomization.yaml, plus the Flux Kustomizations at the root', () => {
    const files = fluxFiles();
    expect(paths(files)).toEqual([
      'apps/0000-topics.k8s.yaml',
      'apps/kustomization.yaml',
      'cluster/0000-kafka.k8s.yaml',
      'cluster/kustomization.yaml',
      'flux-kustomizations.k8s.yaml',
      'kustomization.yaml',
      'operator/0000-strimzi-operator.k8s.yaml',
      'operator/kustomization.yaml',
    ]);
    const k = files.find(f => f.path === 'cluster/kustomization.yaml')!;
    expect(k.content).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - 0000-kafka.k8s.yaml\n');
    expect(files.find(f => f.path === 'kustomization.yaml')!.content).toContain('  - flux-kustomizations.k8s.yaml\n');
  });

  test('every object validates strictly, and the Kustomizations chain operator → cluster → apps', () => {
    const files = fluxFiles();
    const objs = expectAllValid(objectsOf(files));
    const ks = objs.filter(o => o.kind === 'Kustomization');
    expect(ks.map(o => o.apiVersion)).toEqual(Array(3).fill('kustomize.toolkit.fluxcd.io/v1'));
    expect(ks.map(o => [o.metadata.name, o.metadata.namespace, o.spec.path, o.spec.dependsOn])).toEqual([
      ['kafka-operator', 'flux-system', './dist/operator', undefined],
      ['kafka-cluster', 'flux-system', './dist/cluster', [{ name: 'kafka-operator' }]],
      ['kafka-apps', 'flux-system', './dist/apps', [{ name: 'kafka-cluster' }]],
    ]);
    for (const k of ks) {
      expect(k.spec).toMatchObject({
        interval: '10m', retryInterval: '1m', timeout: '10m', prune: true, wait: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      });
    }
  });

  test('raw flavours have no operator stage: cluster → apps', () => {
    const objs = objectsOf(rawApp({ format: OutputFormat.FLUX }).render()).filter(o => o.kind === 'Kustomization');
    expect(objs.map(o => [o.metadata.name, o.spec.dependsOn])).toEqual([
      ['kafka-cluster', undefined], ['kafka-apps', [{ name: 'kafka-cluster' }]],
    ]);
  });

  test('source, path, names and reconcile settings are props', () => {
    const files = strimziApp({
      format: OutputFormat.FLUX,
      flux: {
        path: './clusters/prod/kafka/', namePrefix: 'events', sourceKind: FluxSourceKind.OCI_REPOSITORY, sourceName: 'platform',
        sourceNamespace: 'flux-sources', namespace: 'gitops', interval: '5m', timeout: '20m', wait: false, prune: false,
      },
    }).render();
    const ks = expectAllValid(objectsOf(files)).filter(o => o.kind === 'Kustomization');
    expect(ks[1].metadata).toEqual({ name: 'events-cluster', namespace: 'gitops' });
    expect(ks[1].spec).toEqual({
      dependsOn: [{ name: 'events-operator' }], interval: '5m', retryInterval: '1m', timeout: '20m',
      path: './clusters/prod/kafka/cluster', prune: false, wait: false,
      sourceRef: { kind: 'OCIRepository', name: 'platform', namespace: 'flux-sources' },
    });
  });

  kubectlTest('written to disk: `kubectl kustomize` builds every stage folder and the root', () => {
    const app = strimziApp({ format: OutputFormat.FLUX });
    app.synth();
    for (const dir of ['operator', 'cluster', 'apps', '.']) {
      const out = execFileSync('kubectl', ['kustomize', path.join(app.outdir, dir)], { encoding: 'utf8' });
      const built = out.split(/^---$/m).map(d => d.trim()).filter(Boolean);
      expect(built.length).toBeGreaterThan(0);
    }
    const built = execFileSync('kubectl', ['kustomize', path.join(app.outdir, 'operator')], { encoding: 'utf8' });
    expect(built).toContain('kind: HelmRelease');
  });

  test('deterministic: two synths of the same app are byte-identical', () => {
    const a = strimziApp({ format: OutputFormat.FLUX });
    const b = strimziApp({ format: OutputFormat.FLUX });
    a.synth();
    b.synth();
    expect(readTree(a.outdir)).toEqual(readTree(b.outdir));
    expect(Object.keys(readTree(a.outdir))).not.toContain('construct-metadata.json');
  });
});

describe('apply-order checks', () => {
  test('a namespaced object in a stage before its Namespace', () => {
    const app = new App();
    configMap(ApplyStages.assign(new Chart(app, 'early'), ApplyStage.OPERATOR), 'x');
    namespace(new Chart(app, 'kafka'), 'kafka');
    expect(() => StagedOutput.render(app)).toThrow(
      /early: invalid stage: got "operator"; allowed: a stage at or after the one of the chart creating Namespace "kafka" \(kafka, stage "cluster"\)\. Fix: ConfigMap\/x would be applied before its Namespace/);
  });

  test('a Strimzi custom resource in the operator chart', () => {
    const app = new App();
    const chart = new Chart(app, 'all-in-one');
    new StrimziOperator(chart, 'strimzi');
    topic(chart, 'orders');
    expect(() => StagedOutput.render(app)).toThrow(
      /all-in-one: invalid stage: got "operator"; allowed: a stage after "operator", where all-in-one\/strimzi installs the CRD of kafka\.strimzi\.io\/v1 KafkaTopic\. Fix: move KafkaTopic\/orders into a chart of a later stage/);
  });

  test('two stages for one chart', () => {
    const chart = ApplyStages.assign(new Chart(new App(), 'c'), ApplyStage.APPS);
    expect(() => ApplyStages.assign(chart, ApplyStage.CLUSTER)).toThrow(
      /c: invalid stage: got "cluster"; allowed: "apps" \(already set by ApplyStages.assign\)\. Fix: keep one stage per chart/);
  });

  test('an unknown stage', () => {
    expect(() => ApplyStages.assign(new Chart(new App(), 'c'), 'later' as ApplyStage)).toThrow(
      /c: invalid stage: got "later"; allowed: operator, cluster, apps\. Fix: use one of the ApplyStage enum values/);
  });

  test('an unknown output format', () => {
    expect(() => StagedOutput.render(new App(), { format: 'helm' as OutputFormat })).toThrow(
      /invalid format: got "helm"; allowed: plain, flux\. Fix: use OutputFormat.PLAIN or OutputFormat.FLUX/);
  });

  test('a Flux path leaving the repository', () => {
    expect(() => strimziApp({ format: OutputFormat.FLUX, flux: { path: '../other' } }).render()).toThrow(
      /flux-kustomizations: invalid flux\.path: got "\.\.\/other"; allowed: a relative path inside the Git\/OCI source.*Fix: give the folder path as seen from the repository root/);
  });

  test('a Flux name prefix that is not a DNS label', () => {
    expect(() => strimziApp({ format: OutputFormat.FLUX, flux: { namePrefix: 'Kafka' } }).render()).toThrow(
      /flux-kustomizations: invalid flux\.namePrefix: got "Kafka"; allowed: a DNS-1123 label/);
  });

  test('a Flux interval without units', () => {
    expect(() => strimziApp({ format: OutputFormat.FLUX, flux: { interval: '5' } }).render()).toThrow(
      /flux-kustomizations\/operator: invalid interval: got "5"; allowed: a Go duration/);
  });
});

describe('environment (main.ts)', () => {
  test('KAFKA_OUTPUT defaults to plain; flux reads KAFKA_FLUX_PATH and KAFKA_FLUX_SOURCE', () => {
    expect(stagedAppPropsFromEnv({})).toEqual({ format: OutputFormat.PLAIN });
    expect(stagedAppPropsFromEnv({ KAFKA_OUTPUT: 'flux' })).toEqual({ format: OutputFormat.FLUX, flux: {} });
    expect(stagedAppPropsFromEnv({ KAFKA_OUTPUT: 'flux', KAFKA_FLUX_PATH: './clusters/prod/kafka', KAFKA_FLUX_SOURCE: 'OCIRepository/fleet' }))
      .toEqual({ format: OutputFormat.FLUX, flux: { path: './clusters/prod/kafka', sourceKind: FluxSourceKind.OCI_REPOSITORY, sourceName: 'fleet' } });
  });

  test('an unknown KAFKA_OUTPUT', () => {
    expect(() => stagedAppPropsFromEnv({ KAFKA_OUTPUT: 'helm' })).toThrow(
      'environment: invalid KAFKA_OUTPUT: got "helm"; allowed: plain, flux. Fix: set KAFKA_OUTPUT=flux for a Flux repository layout, or unset it for plain kubectl output');
  });

  test('a malformed KAFKA_FLUX_SOURCE', () => {
    expect(() => stagedAppPropsFromEnv({ KAFKA_OUTPUT: 'flux', KAFKA_FLUX_SOURCE: 'flux-system' })).toThrow(
      /environment: invalid KAFKA_FLUX_SOURCE: got "flux-system"; allowed: "<Kind>\/<name>" with Kind one of GitRepository, OCIRepository, Bucket\. Fix: e\.g\. KAFKA_FLUX_SOURCE=GitRepository\/flux-system/);
  });

  test('validateObjects sees no unknown kinds in a Flux layout', () => {
    expect(validateObjects(objectsOf(strimziApp({ format: OutputFormat.FLUX }).render()))).toEqual([]);
  });
});
