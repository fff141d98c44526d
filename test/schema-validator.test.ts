import { validateObject } from '../validation/strict-schema';

describe('strict schema validator', () => {
  test('accepts a valid core object', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } })).toEqual([]);
  });

  test('rejects a misspelled field in a core object', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { selectr: {} } }))
      .toEqual(['/spec must NOT have additional properties "selectr"']);
  });

  test('rejects a misspelled field in a Strimzi v1 CR', () => {
    expect(validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 't' }, spec: { partitions: 3, confg: {} } }))
      .toEqual(['/spec must NOT have additional properties "confg"']);
  });

  test('rejects a misspelled field in metadata of a CR', () => {
    expect(validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 't', label: {} }, spec: {} }))
      .toEqual(['/metadata must NOT have additional properties "label"']);
  });

  test('rejects a missing required field in a Flux object', () => {
    expect(validateObject({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'r' }, spec: {} }))
      .toEqual(["/spec must have required property 'interval'"]);
  });

  test('rejects an API version no vendored schema serves', () => {
    expect(validateObject({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' } })[0])
      .toMatch(/unknown kind PodDisruptionBudget in policy\/v1beta1/);
    expect(validateObject({ apiVersion: 'kafka.strimzi.io/v1beta1', kind: 'Kafka', metadata: { name: 'k' } })[0])
      .toMatch(/unknown kind Kafka in kafka.strimzi.io\/v1beta1/);
  });

  test('rejects names that are not DNS-1123 and bad label values', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', labels: { a: 'x y' } } }))
      .toEqual(['/metadata/name "Bad_Name" is not a DNS-1123 subdomain', '/metadata/labels/a value "x y" is not a valid label value']);
  });

  test('int-or-string fields accept both forms', () => {
    expect(validateObject({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: 1 } })).toEqual([]);
    expect(validateObject({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: '50%' } })).toEqual([]);
  });
});
