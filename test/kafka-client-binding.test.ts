import { App, Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import {
  KafkaBrokers, KafkaClientBinding, KafkaUser, KafkaUserAuthentication, KafkaUserSecret, ListenerAuthentication, StrimziCluster, StrimziNetworkPolicyPeer,
} from '../lib';
import { inlineSecretFindings } from './support/secrets';
import { chartObjects, expectAllValid, findObject } from './support/validate';

const chart = () => new Chart(new App(), 'c', { namespace: 'kafka' });
const deployment = (c: Chart, id = 'app', extra: any = {}) => new k8s.KubeDeployment(c, id, {
  metadata: { name: id },
  spec: {
    selector: { matchLabels: { app: id } },
    template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'main', image: 'example.com/app:1', ...extra }] } },
  },
});
const entries = (objects: any[], name: string) => findObject(objects, 'ConfigMap', `${name}-kafka-binding`).data;
const podSpec = (objects: any[], kind: string, name: string) => findObject(objects, kind, name).spec.template.spec;

describe('KafkaClientBinding', () => {
  test('Strimzi, mutual TLS: CA and user certificates in PEM and PKCS12, from the Secrets; entries in a ConfigMap; env; client labels', () => {
    const c = chart();
    const cluster = new StrimziCluster(c, 'my-cluster', {
      listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    });
    const user = new KafkaUser(c, 'orders-app', { cluster });
    const binding = new KafkaClientBinding(c, 'orders', { cluster, user, topics: ['orders', 'audit'], consumerGroup: 'orders-group' });
    binding.bind(deployment(c));
    const objects = expectAllValid(chartObjects(c));
    expect(entries(objects, 'orders')).toEqual({
      'type': 'kafka', 'provider': 'strimzi', 'bootstrap-servers': 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093', 'securityProtocol': 'SSL',
      'topics': 'orders,audit', 'consumer-group': 'orders-group',
    });
    const spec = podSpec(objects, 'Deployment', 'app');
    expect(spec.volumes).toEqual([{ name: 'orders-kafka-binding', projected: { sources: [
      { configMap: { name: 'orders-kafka-binding' } },
      { secret: { name: 'my-cluster-cluster-ca-cert', items: [{ key: 'ca.crt', path: 'ca.crt' }, { key: 'ca.p12', path: 'ca.p12' }, { key: 'ca.password', path: 'ca.password' }] } },
      { secret: { name: 'orders-app', items: [{ key: 'user.crt', path: 'user.crt' }, { key: 'user.key', path: 'user.key' },
        { key: 'user.p12', path: 'user.p12' }, { key: 'user.password', path: 'user.password' }] } },
    ] } }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'orders-kafka-binding', mountPath: '/bindings/orders', readOnly: true }]);
    expect(spec.containers[0].env).toEqual([
      { name: 'SERVICE_BINDING_ROOT', value: '/bindings' }, { name: 'KAFKA_BINDING', value: '/bindings/orders' },
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093' }, { name: 'KAFKA_SECURITY_PROTOCOL', value: 'SSL' },
      { name: 'KAFKA_TOPICS', value: 'orders,audit' }, { name: 'KAFKA_CONSUMER_GROUP', value: 'orders-group' },
    ]);
    expect(findObject(objects, 'Deployment', 'app').spec.template.metadata.labels).toEqual({ 'app': 'app', 'kafka.cdk8s.io/client-of': 'my-cluster' });
    expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  });

  test('Strimzi, SCRAM over TLS: user, password and the sasl.jaas.config the user operator writes', () => {
    const c = chart();
    const cluster = new StrimziCluster(c, 'my-cluster', {
      listeners: [{ name: 'scram', port: 9094, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
    });
    const user = new KafkaUser(c, 'app-user', { cluster, authentication: KafkaUserAuthentication.SCRAM_SHA_512 });
    new KafkaClientBinding(c, 'b', { cluster, user }).bind(deployment(c));
    const objects = expectAllValid(chartObjects(c));
    expect(entries(objects, 'b')).toMatchObject({ securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', user: 'app-user' });
    const sources = podSpec(objects, 'Deployment', 'app').volumes[0].projected.sources;
    expect(sources).toHaveLength(3);
    expect(sources[2]).toEqual({ secret: { name: 'app-user', items: [{ key: 'password', path: 'password' }, { key: 'sasl.jaas.config', path: 'sasl.jaas.config' }] } });
    expect(podSpec(objects, 'Deployment', 'app').containers[0].env).toContainEqual({ name: 'KAFKA_SASL_MECHANISM', value: 'SCRAM-SHA-512' });
  });

  test('raw, SCRAM: the password from the user\'s own Secret; raw plain listener: the ConfigMap only', () => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', {
      clusterName: 'k',
      listeners: [{ name: 'plain', port: 9092 }, { name: 'scram', port: 9095, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
    });
    const alice = new KafkaUserSecret(c, 'alice', { cluster, userName: 'alice', secretName: 'alice-credentials' });
    new KafkaClientBinding(c, 'secure', { cluster, user: alice }).bind(deployment(c, 'secure-app'));
    new KafkaClientBinding(c, 'open', { cluster, listener: 'plain' }).bind(deployment(c, 'open-app'));
    const objects = expectAllValid(chartObjects(c));
    expect(entries(objects, 'secure')).toEqual({
      'type': 'kafka', 'provider': 'cdk8s-kafka', 'bootstrap-servers': 'k-kafka-bootstrap.kafka.svc.cluster.local:9095',
      'securityProtocol': 'SASL_PLAINTEXT', 'saslMechanism': 'SCRAM-SHA-512', 'user': 'alice',
    });
    expect(podSpec(objects, 'Deployment', 'secure-app').volumes[0].projected.sources[1]).toEqual({ secret: { name: 'alice-credentials', items: [{ key: 'password', path: 'password' }] } });
    expect(podSpec(objects, 'Deployment', 'open-app').volumes[0].projected.sources).toEqual([{ configMap: { name: 'open-kafka-binding' } }]);
  });

  test('any workload kind: StatefulSet with volumes and env, CronJob, Job, Pod; only the named containers', () => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
    const b = new KafkaClientBinding(c, 'b', { cluster });
    const container = { name: 'main', image: 'example.com/app:1', env: [{ name: 'OTHER', value: '1' }], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] };
    b.bind(new k8s.KubeStatefulSet(c, 'sts', { metadata: { name: 'sts' }, spec: { serviceName: 'sts', selector: { matchLabels: { a: 'sts' } },
      template: { metadata: { labels: { a: 'sts' } }, spec: { volumes: [{ name: 'tmp', emptyDir: {} }], containers: [container, { name: 'sidecar', image: 'example.com/s:1' }] } } } }),
    { containers: ['main'] });
    b.bind(new k8s.KubeCronJob(c, 'cron', { metadata: { name: 'cron' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: {
      restartPolicy: 'Never', containers: [{ name: 'main', image: 'example.com/app:1' }] } } } } } }));
    b.bind(new k8s.KubeJob(c, 'job', { metadata: { name: 'job' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'example.com/app:1' }] } } } }));
    b.bind(new k8s.KubePod(c, 'pod', { metadata: { name: 'pod' }, spec: { containers: [{ name: 'main', image: 'example.com/app:1' }] } }));
    const objects = expectAllValid(chartObjects(c));
    const sts = podSpec(objects, 'StatefulSet', 'sts');
    expect(sts.volumes.map((v: any) => v.name)).toEqual(['tmp', 'b-kafka-binding']);
    expect(sts.containers[0].env.map((e: any) => e.name)).toEqual(['OTHER', 'SERVICE_BINDING_ROOT', 'KAFKA_BINDING', 'KAFKA_BOOTSTRAP_SERVERS', 'KAFKA_SECURITY_PROTOCOL']);
    expect(sts.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/bindings/b']);
    expect(sts.containers[1].env).toBeUndefined();
    const cron = findObject(objects, 'CronJob', 'cron').spec.jobTemplate.spec.template;
    expect(cron.metadata.labels).toEqual({ 'kafka.cdk8s.io/client-of': 'k' });
    expect(cron.spec.volumes[0].name).toBe('b-kafka-binding');
    expect(podSpec(objects, 'Job', 'job').containers[0].volumeMounts[0].mountPath).toBe('/bindings/b');
    const pod = findObject(objects, 'Pod', 'pod');
    expect(pod.metadata.labels).toEqual({ 'kafka.cdk8s.io/client-of': 'k' });
    expect(pod.spec.containers[0].env[2]).toEqual({ name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'k-kafka-bootstrap.kafka.svc.cluster.local:9092' });
  });

  test('a label key with "/" and "~" is escaped in the JSON pointer', () => {
    const c = chart();
    const cluster = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
    const d = deployment(c);
    new KafkaClientBinding(c, 'b', { cluster }).bind(d);
    expect(d.toJson().spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('k');
  });

  describe('refuses', () => {
    const setup = () => {
      const c = chart();
      return { c, cluster: new KafkaBrokers(c, 'kafka', { clusterName: 'k' }) };
    };
    test.each([
      ['a topic with a line break', { topics: ['orders\nx=1'] }, 'c/b: invalid topics[0]: got "orders\\nx=1"; allowed: 1 to 249 characters of letters, digits, \'.\', \'_\' and \'-\', not \'.\' or \'..\' (Kafka topic names). Fix: rename the topic'],
      ['a consumer group with a line break', { consumerGroup: 'g\nh' }, 'c/b: invalid consumerGroup: got "g\\nh"; allowed: a group id of 1 to 249 characters without whitespace or control characters. Fix: e.g. "b-group"'],
      ['topics that are not a list (found by the fuzz test: a TypeError before)', { topics: 'orders' as any }, 'c/b: invalid topics: got "orders"; allowed: a list (array). Fix: write topics as a list, e.g. ["orders"]'],
      ['a NaN topic list', { topics: NaN as any }, 'c/b: invalid topics: got NaN; allowed: a list (array)'],
      ['an undefined topic', { topics: ['orders', undefined as any] }, 'c/b: invalid topics[1]: got undefined'],
      ['a relative binding root', { bindingRoot: 'bindings' }, 'c/b: invalid bindingRoot: got "bindings"; allowed: an absolute path of letters, digits, ".", "_", "-" and "/" (not "/", no "." or ".." segments). Fix: use the default "/bindings", or a path such as "/var/run/bindings"'],
      ['a binding root with ..', { bindingRoot: '/bindings/../etc' }, 'invalid bindingRoot: got "/bindings/../etc"'],
      ['the root directory', { bindingRoot: '/' }, 'invalid bindingRoot: got "/"'],
      ['a binding root with a shell metacharacter', { bindingRoot: '/b;rm -rf /' }, 'invalid bindingRoot: got "/b;rm -rf /"'],
      ['a name that is not a DNS label', { name: 'Orders_App' }, 'c/b: invalid name: got "Orders_App"'],
      ['an unknown listener (the message names the binding, not the cluster)', { listener: 'tls' }, 'c/b: invalid listener: got "tls"; allowed: "plain". Fix: name one of the listeners of cluster "k"'],
    ])('%s', (_, props, message) => {
      const { c, cluster } = setup();
      expect(() => new KafkaClientBinding(c, 'b', { cluster, ...props })).toThrow(message);
    });

    test('a workload in another namespace, an unknown container, env it would set, a kind without pods, binding twice', () => {
      const { c, cluster } = setup();
      const b = new KafkaClientBinding(c, 'b', { cluster });
      const other = new Chart(c.node.root as App, 'other', { namespace: 'apps' });
      expect(() => b.bind(deployment(other))).toThrow('c/b: invalid bind: got "other/app"; allowed: a workload in namespace "kafka" (the cluster\'s): Secrets and network policies are namespaced; this one is in "apps". Fix: create the workload in namespace "kafka"');
      expect(() => b.bind(deployment(c, 'd1'), { containers: ['sidecar'] })).toThrow('c/b: invalid containers: got "sidecar"; allowed: a container of c/d1 ("main"). Fix: name one of its containers, or omit containers');
      expect(() => b.bind(deployment(c, 'd2', { env: [{ name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'x:9092' }] })))
        .toThrow('c/b: invalid bind: got "c/d2 container main"; allowed: a container without the env the binding sets (KAFKA_BOOTSTRAP_SERVERS already set). Fix: remove those env vars from the container: the binding sets them');
      expect(() => b.bind(new k8s.KubeService(c, 'svc', { metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } })))
        .toThrow('c/b: invalid bind: got "c/svc"; allowed: a workload with pods (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod); this one is a Service. Fix: bind the Deployment, StatefulSet, Job or Pod that runs the client');
      const d3 = deployment(c, 'd3');
      b.bind(d3);
      expect(() => b.bind(d3)).toThrow('c/b: invalid bind: got "c/d3"; allowed: a workload without a volume named "b-kafka-binding"');
    });

    test('a listener whose network policy does not admit the client labels (Strimzi networkPolicyPeers)', () => {
      const c = chart();
      const cluster = new StrimziCluster(c, 'my-cluster', {
        listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [StrimziNetworkPolicyPeer.pods({ app: 'billing' })] }],
      });
      expect(() => new KafkaClientBinding(c, 'b', { cluster }).bind(deployment(c)))
        .toThrow(/^c\/b: invalid listener: got "plain"; allowed: a listener of cluster "my-cluster" whose network policies admit these pods \(labels \{"app":"app","kafka.cdk8s.io\/client-of":"my-cluster"\} in namespace "kafka"\)\. Fix: admit the cluster's client labels/);
    });
  });
});
