/**
 * cert-manager (1.21.1) and prometheus-operator (0.93.0) CRDs are vendored in schemas/ (from
 * ../shared/schemas) and served by the strict validator, so manifests of those kinds are checked
 * like every other (and not refused as unknown kinds).
 */
import { knownKinds, validateObject } from '../validation/strict-schema';

const meta = { name: 'kafka', namespace: 'kafka' };

test('the vendored cert-manager and prometheus-operator kinds are known', () => {
  expect(knownKinds()).toEqual(expect.arrayContaining([
    'cert-manager.io/v1/Certificate', 'cert-manager.io/v1/Issuer', 'cert-manager.io/v1/ClusterIssuer',
    'monitoring.coreos.com/v1/PodMonitor', 'monitoring.coreos.com/v1/ServiceMonitor', 'monitoring.coreos.com/v1/PrometheusRule',
  ]));
});

test('a valid Certificate and ServiceMonitor pass; a misspelled field fails', () => {
  const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta, spec: { secretName: 'kafka-tls', dnsNames: ['kafka.kafka.svc'], issuerRef: { name: 'ca', kind: 'Issuer' } } };
  const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: meta, spec: { selector: { matchLabels: { app: 'kafka' } }, endpoints: [{ port: 'metrics', interval: '30s' }] } };
  expect(validateObject(cert)).toEqual([]);
  expect(validateObject(monitor)).toEqual([]);
  expect(validateObject({ ...cert, spec: { ...cert.spec, dnsName: ['x'] } }).join('\n')).toMatch(/dnsName/);
  expect(validateObject({ ...monitor, spec: { ...monitor.spec, endpoints: [{ port: 'metrics', intervall: '30s' }] } }).join('\n')).toMatch(/intervall/);
});
