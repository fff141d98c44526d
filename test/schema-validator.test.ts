import { execFileSync } from 'child_process';
import { celErrors, celRulesOf, validateObject } from '../validation/strict-schema';

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

describe('CEL rules (x-kubernetes-validations), as the API server enforces them', () => {
  const md = { name: 'x' };
  const helmRelease = (spec: object) => validateObject({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: md, spec: { interval: '10m', ...spec } });
  const chart = { spec: { chart: 'strimzi-kafka-operator', version: '1.2.0', sourceRef: { kind: 'HelmRepository', name: 'strimzi' } } };
  const chartRef = { kind: 'OCIRepository', name: 'strimzi' };
  const kustomization = (spec: object) => validateObject({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: md, spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, ...spec } });
  const gitRepository = (spec: object) => validateObject({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: md, spec: { interval: '10m', url: 'https://example.com/repo.git', ...spec } });
  const kafkaUser = (authentication: object) => validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaUser', metadata: md, spec: { authentication } });
  const kafka = (kafkaSpec: object, spec: object = {}) => validateObject({
    apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: md,
    spec: { kafka: { listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }], ...kafkaSpec }, ...spec },
  });
  const kafkaConnect = (spec: object) => validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaConnect', metadata: md, spec: { replicas: 1, bootstrapServers: 'k:9092', groupId: 'g', configStorageTopic: 'c', offsetStorageTopic: 'o', statusStorageTopic: 's', ...spec } });
  const metricsCm = { configMapKeyRef: { name: 'metrics', key: 'metrics.yaml' } };

  test('HelmRelease: exactly one of chart and chartRef', () => {
    const rule = '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))';
    expect(helmRelease({ chart })).toEqual([]);
    expect(helmRelease({ chartRef })).toEqual([]);
    expect(helmRelease({})).toEqual([`/spec either chart or chartRef must be set (rule: ${rule})`]);
    expect(helmRelease({ chart, chartRef })).toEqual([`/spec either chart or chartRef must be set (rule: ${rule})`]);
  });

  test('HelmRelease: kubeConfig names exactly one of configMapRef and secretRef', () => {
    const message = 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified';
    expect(helmRelease({ chart, kubeConfig: { secretRef: { name: 'kubeconfig' } } })).toEqual([]);
    expect(helmRelease({ chart, kubeConfig: {} })).toEqual([`/spec/kubeConfig ${message} (rule: has(self.configMapRef) || has(self.secretRef))`]);
    expect(helmRelease({ chart, kubeConfig: { secretRef: { name: 'a' }, configMapRef: { name: 'b' } } }))
      .toEqual([`/spec/kubeConfig ${message} (rule: !has(self.configMapRef) || !has(self.secretRef))`]);
  });

  test('HelmRelease: remediation strategy retryInterval', () => {
    expect(helmRelease({ chart, install: { strategy: { name: 'RetryOnFailure', retryInterval: '1m' } }, upgrade: { strategy: { name: 'RetryOnFailure', retryInterval: '1m' } } })).toEqual([]);
    expect(helmRelease({ chart, install: { strategy: { name: 'RemediateOnFailure', retryInterval: '1m' } } }))
      .toEqual(["/spec/install/strategy .retryInterval cannot be set when .name is 'RemediateOnFailure' (rule: !has(self.retryInterval) || self.name != 'RemediateOnFailure')"]);
    expect(helmRelease({ chart, upgrade: { strategy: { name: 'RemediateOnFailure', retryInterval: '1m' } } }))
      .toEqual(["/spec/upgrade/strategy .retryInterval can only be set when .name is 'RetryOnFailure' (rule: !has(self.retryInterval) || self.name == 'RetryOnFailure')"]);
  });

  test('Kustomization: kubeConfig names exactly one of configMapRef and secretRef', () => {
    expect(kustomization({ kubeConfig: { configMapRef: { name: 'kubeconfig' } } })).toEqual([]);
    expect(kustomization({ kubeConfig: { secretRef: { name: 'a' }, configMapRef: { name: 'b' } } }))
      .toEqual(['/spec/kubeConfig exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified (rule: !has(self.configMapRef) || !has(self.secretRef))']);
  });

  test('GitRepository: serviceAccountName only with provider azure or aws', () => {
    expect(gitRepository({ serviceAccountName: 'flux', provider: 'aws' })).toEqual([]);
    expect(gitRepository({ serviceAccountName: 'flux' })).toEqual([
      "/spec serviceAccountName can only be set when provider is 'azure' or 'aws' (rule: !has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws')))",
    ]);
  });

  test('KafkaUser: validityDays and renewalDays only with tls, together, renewal < validity', () => {
    expect(kafkaUser({ type: 'tls', validityDays: 365, renewalDays: 30 })).toEqual([]);
    expect(kafkaUser({ type: 'scram-sha-512' })).toEqual([]);
    expect(kafkaUser({ type: 'scram-sha-512', validityDays: 365 })).toEqual([
      "/spec/authentication 'validityDays' and 'renewalDays' can be configured only with 'type: tls' (rule: self.type == 'tls' || (!has(self.validityDays) && !has(self.renewalDays)))",
    ]);
    expect(kafkaUser({ type: 'tls', validityDays: 365 })).toEqual([
      "/spec/authentication Both 'validityDays' and 'renewalDays' must be set together, or both must be unset. (rule: self.type != 'tls' || (has(self.renewalDays) == has(self.validityDays)))",
    ]);
    // CEL int comparison (30 < 365 as integers, not strings).
    expect(kafkaUser({ type: 'tls', validityDays: 30, renewalDays: 365 })).toEqual([
      "/spec/authentication 'renewalDays' must be less than 'validityDays'. (rule: self.type != 'tls' || !has(self.renewalDays) || !has(self.validityDays) || self.renewalDays < self.validityDays)",
    ]);
  });

  test('rack: topologyKey (topology-label) and envVarName (environment-variable) are required', () => {
    const topologyRule = '(has(self.type) && self.type != "topology-label") || self.topologyKey != ""';
    expect(kafka({ rack: { topologyKey: 'topology.kubernetes.io/zone' } })).toEqual([]);
    expect(kafka({ rack: { type: 'environment-variable', envVarName: 'ZONE' } })).toEqual([]);
    expect(kafka({ rack: { topologyKey: '' } })).toEqual([`/spec/kafka/rack topologyKey property is required (rule: ${topologyRule})`]);
    // A missing field the rule reads is an evaluation error, reported (as the API server does), never thrown.
    expect(kafka({ rack: {} })).toEqual([`/spec/kafka/rack No such key: topologyKey evaluating rule (rule: ${topologyRule})`]);
    expect(kafka({ rack: { type: 'environment-variable', envVarName: '' } }))
      .toEqual(['/spec/kafka/rack envVarName property is required (rule: has(self.type) == false || self.type != "environment-variable" || self.envVarName != "")']);
    expect(kafkaConnect({ rack: { topologyKey: '' } })).toEqual([`/spec/rack topologyKey property is required (rule: ${topologyRule})`]);
  });

  test('metricsConfig: jmxPrometheusExporter needs valueFrom; Cruise Control refuses strimziMetricsReporter', () => {
    const valueFromRule = "self.type != 'jmxPrometheusExporter' || has(self.valueFrom)";
    expect(kafka({ metricsConfig: { type: 'jmxPrometheusExporter', valueFrom: metricsCm } }, { cruiseControl: { metricsConfig: { type: 'jmxPrometheusExporter', valueFrom: metricsCm } } })).toEqual([]);
    expect(kafka({ metricsConfig: { type: 'strimziMetricsReporter' } })).toEqual([]);
    expect(kafka({ metricsConfig: { type: 'jmxPrometheusExporter' } })).toEqual([`/spec/kafka/metricsConfig valueFrom property is required (rule: ${valueFromRule})`]);
    expect(kafka({}, { cruiseControl: { metricsConfig: { type: 'strimziMetricsReporter' } } }))
      .toEqual(["/spec/cruiseControl/metricsConfig value type not supported (rule: self.type != 'strimziMetricsReporter')"]);
    expect(kafkaConnect({ metricsConfig: { type: 'jmxPrometheusExporter' } })).toEqual([`/spec/metricsConfig valueFrom property is required (rule: ${valueFromRule})`]);
  });

  test('rules run only on structurally valid objects (the schema errors come first)', () => {
    expect(kafkaUser({ type: 'scram-sha-512', validityDays: 'x' })).toEqual(['/spec/authentication/validityDays must be integer']);
  });

  // Semantics the vendored CRDs do not exercise yet, on a small schema.
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          mode: { type: 'string', default: 'auto' },
          replicas: { type: 'integer' },
          ratio: { type: 'number' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          'max-size': { type: 'integer' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' } },
              'x-kubernetes-validations': [
                { rule: "self.name != ''", messageExpression: "'item ' + self.name + ' has no name'", message: 'an item needs a name' },
                { rule: '!has(self.name) || size(self.name) < 5', messageExpression: 'self.nope', message: 'name is too long' },
              ],
            },
          },
        },
        'x-kubernetes-validations': [
          { rule: "self.mode == 'auto' || has(self.replicas)", message: 'replicas is required unless mode is auto' },
          { rule: '!has(self.ratio) || self.ratio < 1.0', messageExpression: "'ratio must be below 1, got ' + string(self.ratio)", message: 'ratio too high' },
          { rule: "!has(self.labels) || self.labels.all(k, k.startsWith('app.'))", message: 'labels must start with app.' },
          { rule: '!has(self.max__dash__size) || self.max__dash__size > 0', message: 'max-size must be positive' },
          { rule: 'self.replicas == oldSelf.replicas', message: 'immutable (transition rules run on update only)' },
        ],
      },
    },
  };
  const cel = celRulesOf(schema);
  const check = (spec: object) => celErrors({ spec }, cel);

  test('schema defaults apply before the rules; integers, doubles, maps, escaped names, transition rules', () => {
    expect(check({})).toEqual([]); // mode defaults to auto
    expect(check({ mode: 'manual' })).toEqual(["/spec replicas is required unless mode is auto (rule: self.mode == 'auto' || has(self.replicas))"]);
    expect(check({ mode: 'manual', replicas: 3, ratio: 0.5, labels: { 'app.kubernetes.io/name': 'x' }, 'max-size': 1 })).toEqual([]);
    expect(check({ ratio: 2 })).toEqual(['/spec ratio must be below 1, got 2 (rule: !has(self.ratio) || self.ratio < 1.0)']);
    expect(check({ labels: { team: 'x' } })).toEqual(["/spec labels must start with app. (rule: !has(self.labels) || self.labels.all(k, k.startsWith('app.')))"]);
    expect(check({ 'max-size': 0 })).toEqual(['/spec max-size must be positive (rule: !has(self.max__dash__size) || self.max__dash__size > 0)']);
  });

  test('array items: every item, messageExpression with fallback to message', () => {
    expect(check({ items: [{ name: 'a' }, { name: '' }, {}, { name: 'abcdef' }] })).toEqual([
      "/spec/items/1 item  has no name (rule: self.name != '')",
      "/spec/items/2 No such key: name evaluating rule (rule: self.name != '')",
      // messageExpression fails to evaluate: the static message.
      '/spec/items/3 name is too long (rule: !has(self.name) || size(self.name) < 5)',
    ]);
  });

  test('a rule that does not parse or evaluates to a non-bool is reported, not thrown', () => {
    const broken = celRulesOf({ type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a ==', message: 'm' }, { rule: "'text'", message: 'm' }] });
    const errors = celErrors({ a: 1 }, broken);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^\/ .+ evaluating rule \(rule: self\.a ==\)$/);
    expect(errors[1]).toBe("/ rule evaluated to string, not bool (rule: 'text')");
  });
});

test('CEL rules are evaluated by plain node too (the validation plugin path, without the jest transform)', () => {
  const script = `const { validateObject } = require(${JSON.stringify(require.resolve('../validation/strict-schema'))});
console.log(JSON.stringify(validateObject({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaUser', metadata: { name: 'x' }, spec: { authentication: { type: 'tls', validityDays: 365 } } })));`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual([
    "/spec/authentication Both 'validityDays' and 'renewalDays' must be set together, or both must be unset. (rule: self.type != 'tls' || (has(self.renewalDays) == has(self.validityDays)))",
  ]);
});
