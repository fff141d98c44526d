import { App, Chart } from 'cdk8s';
import {
  ClientWorkloadKind, KafkaBrokers, KafkaClientWorkload, KafkaUser, KafkaUserAuthentication, ListenerAuthentication, StrimziCluster,
} from '../lib';
import { restrictedViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { chartObjects, expectAllValid, findObject } from './support/validate';

const chart = () => new Chart(new App(), 'c', { namespace: 'kafka' });

describe('KafkaClientWorkload', () => {
  test('a Deployment of your own image, bound, restricted, spread, labelled as a client', () => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
    new KafkaClientWorkload(c, 'orders', { cluster, image: 'registry.example.com/orders:1.4.2', replicas: 3, topics: ['orders'], env: { LOG_LEVEL: 'info' } });
    const objects = expectAllValid(chartObjects(c));
    const d = findObject(objects, 'Deployment', 'orders');
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('k');
    expect(d.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    const container = d.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/orders:1.4.2');
    expect(container.env.map((e: any) => e.name)).toEqual(['LOG_LEVEL', 'SERVICE_BINDING_ROOT', 'KAFKA_BINDING', 'KAFKA_BOOTSTRAP_SERVERS', 'KAFKA_SECURITY_PROTOCOL', 'KAFKA_TOPICS']);
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } });
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/bindings/orders']);
    expect(findObject(objects, 'ConfigMap', 'orders-kafka-binding').data['bootstrap-servers']).toBe('k-kafka-bootstrap.kafka.svc.cluster.local:9092');
    expect(objects.flatMap(restrictedViolations)).toEqual([]);
  });

  test('a StatefulSet with its headless Service, and a Job (mutual TLS to Strimzi)', () => {
    const c = chart();
    const cluster = new StrimziCluster(c, 'my-cluster', { listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    const user = new KafkaUser(c, 'app', { cluster, authentication: KafkaUserAuthentication.TLS });
    new KafkaClientWorkload(c, 'consumers', { cluster, user, image: 'registry.example.com/c:1', kind: ClientWorkloadKind.STATEFUL_SET, replicas: 3, consumerGroup: 'g' });
    new KafkaClientWorkload(c, 'loader', { cluster, user, image: 'registry.example.com/l:1', kind: ClientWorkloadKind.JOB, args: ['--count', '1000'] });
    const objects = expectAllValid(chartObjects(c));
    const sts = findObject(objects, 'StatefulSet', 'consumers');
    expect(sts.spec.serviceName).toBe('consumers');
    expect(findObject(objects, 'Service', 'consumers').spec).toMatchObject({ clusterIP: 'None', selector: sts.spec.selector.matchLabels });
    expect(sts.spec.template.spec.volumes[1].projected.sources.map((s: any) => s.configMap?.name ?? s.secret.name)).toEqual(['consumers-kafka-binding', 'my-cluster-cluster-ca-cert', 'app']);
    const job = findObject(objects, 'Job', 'loader');
    expect(job.spec).toMatchObject({ backoffLimit: 3, template: { spec: { restartPolicy: 'Never' } } });
    expect(job.spec.template.spec.containers[0].args).toEqual(['--count', '1000']);
    expect(objects.flatMap(restrictedViolations)).toEqual([]);
    expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  });

  test.each([
    ['an image with a line break', { image: 'a:1\nb' }, 'c/w: invalid image: got "a:1\\nb"; allowed: a container image reference without whitespace or control characters. Fix: e.g. "registry.example.com/orders:1.4.2"'],
    ['replicas on a Job', { kind: ClientWorkloadKind.JOB, replicas: 2 }, 'c/w: invalid replicas: got 2; allowed: no replicas on a Job (it runs one pod to completion). Fix: remove replicas, or use ClientWorkloadKind.DEPLOYMENT'],
    ['NaN replicas', { replicas: NaN }, 'c/w: invalid replicas: got NaN'],
    ['a huge replica count', { replicas: 1e9 }, 'c/w: invalid replicas: got 1000000000; allowed: an integer from 0 to 1000'],
    ['root', { runAsUser: 0 }, 'c/w: invalid runAsUser: got 0; allowed: a non-root UID from 1 to 2147483647 (Pod Security "restricted")'],
    ['an env name that is not an identifier', { env: { 'A=B': 'x' } }, 'c/w: invalid env["A=B"]: got "A=B"'],
    ['env the binding sets', { env: { KAFKA_BOOTSTRAP_SERVERS: 'elsewhere:9092' } }, 'allowed: a container without the env the binding sets (KAFKA_BOOTSTRAP_SERVERS already set)'],
    ['env that is not a map', { env: ['A=1'] as any }, 'c/w: invalid env: got ["A=1"]; allowed: a map of variable names to string values'],
    ['a command that is not a list', { command: 'java -jar app.jar' as any }, 'c/w: invalid command: got "java -jar app.jar"; allowed: a list (array)'],
    ['a number in args', { args: ['--count', 1000 as any] }, 'c/w: invalid args: got 1000; allowed: strings'],
    ['an unknown kind', { kind: 'CronJob' as any }, 'c/w: invalid kind: got "CronJob"; allowed: Deployment, StatefulSet, Job'],
  ])('refuses %s', (_, props, message) => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
    expect(() => new KafkaClientWorkload(c, 'w', { cluster, image: 'registry.example.com/w:1', ...props })).toThrow(message);
  });
});
