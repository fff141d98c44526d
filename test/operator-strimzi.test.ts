import { App, Chart, Testing } from 'cdk8s';
import { ApplyStage, ApplyStages } from '../lib/gitops/apply-stage';
import { StrimziChartRepository, StrimziOperator, StrimziOperatorProps } from '../lib/strimzi/strimzi-operator';
import { StrimziVersion } from '../lib/strimzi/strimzi-version';
import { expectAllValid, findObject } from './support/validate';

function synth(props: StrimziOperatorProps = {}): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'operator');
  new StrimziOperator(chart, 'strimzi', props);
  return chart.toJson();
}

function build(props: StrimziOperatorProps): () => void {
  return () => new StrimziOperator(new Chart(Testing.app(), 'operator'), 'strimzi', props);
}

describe('StrimziOperator', () => {
  test('defaults: Namespace, HelmRepository and HelmRelease of Strimzi 1.2.0, all strictly valid', () => {
    const objs = expectAllValid(synth());
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/strimzi-system', 'HelmRepository/strimzi', 'HelmRelease/strimzi-kafka-operator',
    ]);
    const ns = findObject(objs, 'Namespace', 'strimzi-system');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const repo = findObject(objs, 'HelmRepository', 'strimzi');
    expect(repo.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
    expect(repo.metadata.namespace).toBe('strimzi-system');
    expect(repo.spec).toEqual({ url: 'https://strimzi.io/charts/', interval: '10m' });
    const hr = findObject(objs, 'HelmRelease', 'strimzi-kafka-operator');
    expect(hr.apiVersion).toBe('helm.toolkit.fluxcd.io/v2');
    expect(hr.spec.chart.spec).toEqual({
      chart: 'strimzi-kafka-operator', version: '1.2.0', interval: '10m',
      sourceRef: { kind: 'HelmRepository', name: 'strimzi' },
    });
    expect(hr.spec.install.crds).toBe('CreateReplace');
    expect(hr.spec.upgrade.crds).toBe('CreateReplace');
    expect(hr.spec.values.watchAnyNamespace).toBe(false);
    expect(hr.spec.values.watchNamespaces).toBeUndefined();
    expect(hr.spec.values.podSecurityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(hr.spec.values.securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
  });

  test('Strimzi 0.45.2 over OCI: OCIRepository pinned to the release tag, HelmRelease chartRef', () => {
    const objs = expectAllValid(synth({ version: StrimziVersion.V0_45_2, repository: StrimziChartRepository.OCI, watchNamespaces: ['kafka', 'team-a'] }));
    const repo = findObject(objs, 'OCIRepository', 'strimzi-kafka-operator');
    expect(repo.spec).toEqual({
      url: 'oci://quay.io/strimzi-helm/strimzi-kafka-operator',
      ref: { tag: '0.45.2' },
      layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
      interval: '10m',
    });
    const hr = findObject(objs, 'HelmRelease', 'strimzi-kafka-operator');
    expect(hr.spec.chart).toBeUndefined();
    expect(hr.spec.chartRef).toEqual({ kind: 'OCIRepository', name: 'strimzi-kafka-operator' });
    expect(hr.spec.values.watchNamespaces).toEqual(['kafka', 'team-a']);
  });

  test('watchAnyNamespace, custom namespace and interval, values deep-merged', () => {
    const objs = expectAllValid(synth({
      namespace: 'operators', watchAnyNamespace: true, interval: '1h',
      values: { resources: { requests: { cpu: '100m' } }, securityContext: { readOnlyRootFilesystem: false } },
    }));
    const hr = findObject(objs, 'HelmRelease', 'strimzi-kafka-operator');
    expect(hr.metadata.namespace).toBe('operators');
    expect(hr.spec.interval).toBe('1h');
    expect(hr.spec.values.watchAnyNamespace).toBe(true);
    expect(hr.spec.values.resources).toEqual({ requests: { cpu: '100m' } });
    expect(hr.spec.values.securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: false, runAsNonRoot: true,
    });
  });

  test('snapshot: default (Helm repository) and OCI output', () => {
    expect(synth()).toMatchSnapshot();
    expect(synth({ repository: StrimziChartRepository.OCI, watchNamespaces: ['kafka'] })).toMatchSnapshot();
  });

  test('createNamespace: false leaves the Namespace to someone else', () => {
    const objs = expectAllValid(synth({ createNamespace: false }));
    expect(objs.map(o => o.kind)).toEqual(['HelmRepository', 'HelmRelease']);
  });

  test('places its chart into the operator stage and declares the Strimzi API groups', () => {
    const chart = new Chart(new App(), 'op');
    const op = new StrimziOperator(chart, 'strimzi');
    expect(ApplyStages.of(chart)).toBe(ApplyStage.OPERATOR);
    expect(ApplyStages.providedApiGroups(chart)).toEqual([
      { group: 'kafka.strimzi.io', by: op.node.path }, { group: 'core.strimzi.io', by: op.node.path },
    ]);
    expect(op.watchedNamespaces).toEqual([]);
  });

  describe('refuses bad input', () => {
    test('a namespace that is not a DNS label', () => {
      expect(build({ namespace: 'Strimzi_System' })).toThrow(
        /operator\/strimzi: invalid namespace: got "Strimzi_System"; allowed: a DNS-1123 label.*Fix: rename it, e.g. "strimzi-system"/);
    });
    test('an empty watchNamespaces list while watchAnyNamespace is false', () => {
      expect(build({ watchNamespaces: [] })).toThrow(
        /invalid watchNamespaces: got \[\]; allowed: at least one namespace, or watchAnyNamespace: true\. Fix: list the namespaces.*omit watchNamespaces to watch only "strimzi-system"/);
    });
    test('watchNamespaces together with watchAnyNamespace', () => {
      expect(build({ watchNamespaces: ['kafka'], watchAnyNamespace: true })).toThrow(
        /invalid watchNamespaces: got \["kafka"\]; allowed: no list when watchAnyNamespace is true\. Fix: either remove watchNamespaces/);
    });
    test('the operator namespace listed in watchNamespaces (the chart would create duplicate RoleBindings)', () => {
      expect(build({ watchNamespaces: ['kafka', 'strimzi-system'] })).toThrow(
        /invalid watchNamespaces\[1\]: got "strimzi-system"; allowed: namespaces other than the operator's own \("strimzi-system"\)\. Fix: remove "strimzi-system"/);
    });
    test('a duplicate watched namespace', () => {
      expect(build({ watchNamespaces: ['kafka', 'kafka'] })).toThrow(/invalid watchNamespaces\[1\]: got "kafka"; allowed: each namespace once\. Fix: remove the duplicate "kafka"/);
    });
    test('a watched namespace that is not a DNS label', () => {
      expect(build({ watchNamespaces: ['Kafka'] })).toThrow(/invalid watchNamespaces\[0\]: got "Kafka"; allowed: a DNS-1123 label.*Fix: rename it, e.g. "kafka"/);
    });
    test('an interval without units', () => {
      expect(build({ interval: '10' })).toThrow(/invalid interval: got "10"; allowed: a Go duration.*Fix: write the duration with explicit units, e.g. "10m"/);
    });
    test('an unknown repository', () => {
      expect(build({ repository: 'git' as StrimziChartRepository })).toThrow(/invalid repository: got "git"; allowed: helm, oci\. Fix: use StrimziChartRepository.HELM or StrimziChartRepository.OCI/);
    });
    test('watchNamespaces smuggled through values', () => {
      expect(build({ values: { watchNamespaces: ['x'] } })).toThrow(
        /invalid values\.watchNamespaces: got \["x"\]; allowed: the watchNamespaces prop\. Fix: remove watchNamespaces from values and set the watchNamespaces prop/);
    });
    test('a version that is not a StrimziVersion', () => {
      expect(build({ version: { version: '0.40.0' } as unknown as StrimziVersion })).toThrow(
        'operator/strimzi: invalid version: got {"version":"0.40.0"}; allowed: StrimziVersion.V0_45_2, StrimziVersion.V0_46_1, StrimziVersion.V0_47_0, '
        + 'StrimziVersion.V0_48_0, StrimziVersion.V0_49_1, StrimziVersion.V0_50_1, StrimziVersion.V0_51_0, StrimziVersion.V1_0_1, StrimziVersion.V1_1_0, '
        + 'StrimziVersion.V1_2_0. Fix: pass one of the StrimziVersion static instances');
    });
    test('a chart already placed into another stage', () => {
      const chart = ApplyStages.assign(new Chart(new App(), 'kafka'), ApplyStage.CLUSTER);
      expect(() => new StrimziOperator(chart, 'strimzi')).toThrow(
        /kafka\/strimzi: invalid stage: got "cluster"; allowed: a chart in stage "operator"\. Fix: create StrimziOperator in a chart of its own/);
    });
  });
});
