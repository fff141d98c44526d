/**
 * StrimziCrdUpgradeJob: Strimzi's v1 conversion tool (`crd-upgrade`) as a Job from the official
 * operator image, with exactly the RBAC the command needs, Pod Security "restricted", and the
 * synth-time refusals (wrong release, v1beta2 resources left, a stage before the resources).
 */
import { App, Chart, Testing } from 'cdk8s';
import { ApplyStage, ApplyStages } from '../lib/gitops/apply-stage';
import { KafkaTopic, StrimziApiVersion, StrimziCluster, StrimziVersion } from '../lib/strimzi';
import { StrimziCrdUpgradeJob } from '../lib/strimzi/strimzi-crd-upgrade-job';
import { restrictedViolations } from './support/pod-security';
import { expectAllValid, findObject } from './support/validate';

const V1_ON_051 = StrimziVersion.V0_51_0.withApiVersion(StrimziApiVersion.V1);

/** Cluster (stage cluster) and topic (stage apps) on `version`; the Job in `jobStage`. */
function app(version: StrimziVersion, jobStage = ApplyStage.APPS, job = StrimziVersion.V0_51_0): App {
  const a = Testing.app();
  const cluster = ApplyStages.assign(new Chart(a, 'cluster', { namespace: 'kafka' }), ApplyStage.CLUSTER);
  const k = new StrimziCluster(cluster, 'my-cluster', { version, kafkaVersion: '4.1.1' });
  const apps = ApplyStages.assign(new Chart(a, 'apps', { namespace: 'kafka' }), ApplyStage.APPS);
  new KafkaTopic(apps, 'orders', { cluster: k, partitions: 3 });
  const jobChart = ApplyStages.assign(new Chart(a, 'upgrade', { namespace: 'strimzi-system' }), jobStage);
  new StrimziCrdUpgradeJob(jobChart, 'crd-upgrade', { version: job });
  return a;
}

describe('StrimziCrdUpgradeJob', () => {
  test('a Job running crd-upgrade from quay.io/strimzi/operator:<release>, restricted, strictly valid', () => {
    const a = app(V1_ON_051);
    a.synth();
    const objs = expectAllValid(a.charts.find(c => c.node.id === 'upgrade')!.toJson());
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/strimzi-crd-upgrade', 'ClusterRole/strimzi-crd-upgrade', 'ClusterRoleBinding/strimzi-crd-upgrade', 'Job/strimzi-crd-upgrade',
    ]);
    const job = findObject(objs, 'Job', 'strimzi-crd-upgrade');
    expect(job.metadata.namespace).toBe('strimzi-system');
    const pod = job.spec.template.spec;
    expect(pod.containers.map((c: any) => [c.image, c.command])).toEqual([
      ['quay.io/strimzi/operator:0.51.0', ['/opt/v1-api-conversion/bin/v1-api-conversion.sh', 'crd-upgrade']],
    ]);
    expect([pod.restartPolicy, job.spec.backoffLimit, job.spec.ttlSecondsAfterFinished]).toEqual(['Never', 3, undefined]);
    expect(restrictedViolations(job)).toEqual([]);
    // The token the tool needs, mounted where in-cluster clients look for it, in this container only.
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'api-access').projected.sources.map((s: any) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    const binding = findObject(objs, 'ClusterRoleBinding', 'strimzi-crd-upgrade');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'strimzi-crd-upgrade', namespace: 'strimzi-system' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'strimzi-crd-upgrade' });
  });

  test('RBAC: list and update the Strimzi resources, get and patch the ten Strimzi CRDs by name, update their status; nothing else', () => {
    const a = app(V1_ON_051);
    const role = findObject(a.charts.find(c => c.node.id === 'upgrade')!.toJson(), 'ClusterRole', 'strimzi-crd-upgrade');
    const crds = ['kafkas.kafka.strimzi.io', 'kafkanodepools.kafka.strimzi.io', 'kafkaconnects.kafka.strimzi.io', 'kafkaconnectors.kafka.strimzi.io', 'kafkabridges.kafka.strimzi.io',
      'kafkamirrormaker2s.kafka.strimzi.io', 'kafkarebalances.kafka.strimzi.io', 'kafkatopics.kafka.strimzi.io', 'kafkausers.kafka.strimzi.io', 'strimzipodsets.core.strimzi.io'];
    expect(role.rules).toEqual([
      { apiGroups: ['kafka.strimzi.io'], resources: crds.slice(0, 9).map(n => n.split('.')[0]), verbs: ['get', 'list', 'update'] },
      { apiGroups: ['core.strimzi.io'], resources: ['strimzipodsets'], verbs: ['get', 'list', 'update'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: crds, verbs: ['get', 'patch'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions/status'], resourceNames: crds, verbs: ['get', 'update'] },
    ]);
  });

  test('a release whose operator image lacks the tool, or that does not serve both API versions', () => {
    for (const v of [StrimziVersion.V0_48_0, StrimziVersion.V1_0_1]) {
      expect(() => new StrimziCrdUpgradeJob(new Chart(new App(), 'upgrade'), 'crd-upgrade', { version: v })).toThrow(
        `upgrade/crd-upgrade: invalid version: got "${v.version}"; allowed: the release the operator runs while it serves v1beta2 and v1: StrimziVersion.V0_49_1, V0_50_1 or V0_51_0 `
        + '(their operator images ship the conversion tool). Fix: upgrade the operator to 0.49.1, 0.50.1 or 0.51.0 and render v1 first; on 1.x the step is done (docs/upgrade.md)');
    }
  });

  test('v1beta2 resources left in the app: crd-upgrade would prune their v1beta2-only fields', () => {
    expect(() => app(StrimziVersion.V0_51_0).synth()).toThrow(
      'cluster/my-cluster/Resource: invalid apiVersion: got "kafka.strimzi.io/v1beta2"; allowed: kafka.strimzi.io/v1 while upgrade/crd-upgrade rewrites every Strimzi resource as v1 '
      + '(v1beta2-only fields would be pruned). Fix: render v1 first (version: StrimziVersion.V0_51_0.withApiVersion(StrimziApiVersion.V1)) and apply it, then add the Job');
  });

  test('a stage before the Strimzi resources', () => {
    expect(() => app(V1_ON_051, ApplyStage.CLUSTER).synth()).toThrow(
      'upgrade/crd-upgrade: invalid stage: got "cluster"; allowed: the stage of the last Strimzi resources ("apps", apps/orders/Resource) or a later one. '
      + 'Fix: create the Job in the chart of the last stage (e.g. the apps chart), so it runs after every resource is written as v1');
  });
});
