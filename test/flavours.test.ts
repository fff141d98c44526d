import { App } from 'cdk8s';
import { FLAVOURS, flavourFromEnv, buildFlavour, DEFAULT_FLAVOUR } from '../app/flavours';
import { NAMESPACE } from '../app/namespace';
import { validateObjects } from '../validation/strict-schema';
import { restrictedViolations, strimziTemplateViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { appObjects } from './support/validate';

const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass'];

function synth(flavor: string): any[] {
  const app = new App({ outdir: '/tmp/cdk8s-kafka-flavors-test' });
  buildFlavour(app, flavor);
  return appObjects(app);
}

describe('KAFKA_FLAVOR selection', () => {
  test('defaults to raw-kraft', () => {
    expect(flavourFromEnv({})).toBe(DEFAULT_FLAVOUR);
    expect(DEFAULT_FLAVOUR).toBe('raw-kraft');
    expect(flavourFromEnv({ KAFKA_FLAVOR: '' })).toBe('raw-kraft');
  });

  test('lists the four flavours', () => {
    expect(Object.keys(FLAVOURS).sort()).toEqual(['raw-kraft', 'raw-zookeeper', 'strimzi', 'strimzi-zookeeper']);
  });

  test('an unknown flavour fails with the valid ones', () => {
    expect(() => flavourFromEnv({ KAFKA_FLAVOR: 'kraft' })).toThrow(
      'KAFKA_FLAVOR: invalid value "kraft"; allowed: raw-kraft, raw-zookeeper, strimzi, strimzi-zookeeper. Fix: set KAFKA_FLAVOR to one of them, or unset it for raw-kraft');
  });
});

describe.each(Object.keys(FLAVOURS))('flavour %s', (flavor) => {
  let objects: any[];
  beforeAll(() => { objects = synth(flavor); });

  test('every object validates strictly against its schema', () => {
    expect(objects.length).toBeGreaterThan(3);
    expect(validateObjects(objects)).toEqual([]);
  });

  test('emits the kafka Namespace and puts every namespaced object in a namespace', () => {
    expect(objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name)).toContain(NAMESPACE);
    const misplaced = objects.filter(o => CLUSTER_SCOPED.includes(o.kind) ? o.metadata.namespace !== undefined : !o.metadata.namespace)
      .map(o => `${o.kind}/${o.metadata.name}`);
    expect(misplaced).toEqual([]);
    // Everything but the operator install lives in the kafka namespace.
    const elsewhere = objects.filter(o => o.metadata.namespace && o.metadata.namespace !== NAMESPACE
      && !['HelmRepository', 'OCIRepository', 'HelmRelease', 'Kustomization', 'GitRepository'].includes(o.kind));
    expect(elsewhere.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([]);
  });

  test('every pod spec meets Pod Security "restricted" and the project defaults', () => {
    expect(objects.flatMap(restrictedViolations)).toEqual([]);
  });

  test('every Strimzi component sets restricted pod and container security contexts', () => {
    expect(objects.flatMap(strimziTemplateViolations)).toEqual([]);
  });

  test('no secret material is inlined', () => {
    expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  });

  test('synthesis is deterministic', () => {
    expect(JSON.stringify(synth(flavor))).toBe(JSON.stringify(objects));
  });

  test('no two objects share kind, namespace and name', () => {
    const keys = objects.map(o => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
