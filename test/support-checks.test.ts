// The cross-flavour checks must be able to fail: each is shown a bad object here.
import { restrictedViolations, strimziTemplateViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';

describe('restricted profile checker', () => {
  test('reports each rule broken by a permissive pod', () => {
    const pod = {
      kind: 'Pod', metadata: { name: 'p' },
      spec: { hostNetwork: true, volumes: [{ name: 'h', hostPath: { path: '/' } }], containers: [{ name: 'c', ports: [{ containerPort: 1, hostPort: 1 }], securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }] },
    };
    expect(restrictedViolations(pod)).toEqual([
      'Pod/p: hostNetwork must not be true',
      'Pod/p: volume h: type hostPath is not allowed (restricted volumes)',
      'Pod/p: automountServiceAccountToken must be false',
      'Pod/p: container c: privileged must not be true',
      'Pod/p: container c: allowPrivilegeEscalation must be false',
      'Pod/p: container c: capabilities must drop ALL',
      'Pod/p: container c: capability SYS_ADMIN may not be added',
      'Pod/p: container c: runAsNonRoot must be true (pod or container)',
      'Pod/p: container c: seccompProfile must be RuntimeDefault or Localhost',
      'Pod/p: container c: hostPort 1 is not allowed',
      'Pod/p: container c: readOnlyRootFilesystem must be true',
      'Pod/p: container c: cpu and memory requests are required',
      'Pod/p: container c: a memory limit is required',
    ]);
  });

  test('reports Strimzi components without restricted templates', () => {
    const kafka = { apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: { name: 'k' }, spec: { kafka: {}, entityOperator: { topicOperator: {} } } };
    expect(strimziTemplateViolations(kafka)).toEqual([
      'Kafka/k: spec.kafka.template.pod.securityContext.runAsNonRoot must be true',
      'Kafka/k: spec.kafka.template.pod.securityContext.seccompProfile must be RuntimeDefault',
      'Kafka/k: spec.kafka.template.kafkaContainer.securityContext.allowPrivilegeEscalation must be false',
      'Kafka/k: spec.kafka.template.kafkaContainer.securityContext.capabilities must drop ALL',
      'Kafka/k: spec.kafka.template.kafkaContainer.securityContext.runAsNonRoot must be true',
      'Kafka/k: spec.entityOperator.template.pod.securityContext.runAsNonRoot must be true',
      'Kafka/k: spec.entityOperator.template.pod.securityContext.seccompProfile must be RuntimeDefault',
      'Kafka/k: spec.entityOperator.template.topicOperatorContainer.securityContext.allowPrivilegeEscalation must be false',
      'Kafka/k: spec.entityOperator.template.topicOperatorContainer.securityContext.capabilities must drop ALL',
      'Kafka/k: spec.entityOperator.template.topicOperatorContainer.securityContext.runAsNonRoot must be true',
    ]);
  });
});

describe('inline secret scanner', () => {
  test('finds Secret data, PEM blocks and literal passwords', () => {
    expect(inlineSecretFindings({ kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } })).toEqual(['Secret/s: Secret with inline data']);
    expect(inlineSecretFindings({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMII' } }))
      .toEqual(['ConfigMap/c: .data.ca.crt: PEM material']);
    expect(inlineSecretFindings({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ env: [{ name: 'KAFKA_PASSWORD', value: 'hunter2' }] }] } }))
      .toEqual(['Pod/p: .spec.containers[0].env[0]: KAFKA_PASSWORD has a literal value']);
  });

  test('accepts references to Secrets', () => {
    expect(inlineSecretFindings({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ env: [{ name: 'KAFKA_PASSWORD', valueFrom: { secretKeyRef: { name: 'u', key: 'password' } } }] }] } }))
      .toEqual([]);
  });
});
